#include "adapters/credentials.hpp"

#include "adapters/ssh_transport.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace kith::git {

namespace {

std::string url_host_and_path(const std::string& url, std::string& protocol, std::string& user, std::string& path) {
    std::string rest = url;
    if (const auto s = rest.find("://"); s != std::string::npos) {
        protocol = rest.substr(0, s);
        rest.erase(0, s + 3);
    }
    const auto slash = rest.find('/');
    std::string authority = rest.substr(0, slash);
    path = slash == std::string::npos ? "" : rest.substr(slash + 1);
    if (const auto at = authority.rfind('@'); at != std::string::npos) {
        user = authority.substr(0, at);
        if (const auto colon = user.find(':'); colon != std::string::npos) user.erase(colon);
        authority.erase(0, at + 1);
    }
    return authority;
}

bool has_newline(const std::string& s) { return s.find_first_of("\n\r", 0) != std::string::npos || s.find('\0') != std::string::npos; }

/// Asks git's credential helpers (`git credential fill`, run in the vault's
/// repository so its own credential.helper counts) for a user name and
/// password, as git itself would for HTTPS. Never prompts. Empty when there
/// is none.
std::pair<std::string, std::string> credential_from_helper(const std::string& url, const std::filesystem::path& workdir) {
    const std::string request = credential_request(url);
    if (request.empty()) return {};
    int in[2], out[2];
    if (::pipe2(in, O_CLOEXEC) != 0) return {};
    if (::pipe2(out, O_CLOEXEC) != 0) {
        ::close(in[0]);
        ::close(in[1]);
        return {};
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    std::vector<std::string> env_strings{"GIT_TERMINAL_PROMPT=0"};
    for (char** e = environ; *e; ++e)
        if (std::string(*e).rfind("GIT_TERMINAL_PROMPT=", 0) != 0) env_strings.emplace_back(*e);
    std::vector<char*> envp;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> argv_strings{"git"};
    if (!workdir.empty()) argv_strings.insert(argv_strings.end(), {"-C", workdir.string()});
    argv_strings.insert(argv_strings.end(), {"credential", "fill"});
    std::vector<char*> argv;
    for (auto& s : argv_strings) argv.push_back(s.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int rc = ::posix_spawnp(&pid, "git", &fa, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&fa);
    ::close(in[0]);
    ::close(out[1]);
    std::pair<std::string, std::string> result;
    if (rc == 0) {
        // The request is small (far below a pipe's buffer): written whole
        // before reading the answer. A git that already ended is no SIGPIPE.
        long ignored = write_without_sigpipe(in[1], request.data(), request.size());
        (void)ignored;
    }
    ::close(in[1]);
    std::string answer;
    if (rc == 0) {
        char buf[4096];
        ssize_t n;
        while ((n = ::read(out[0], buf, sizeof buf)) != 0) {
            if (n < 0) {
                if (errno == EINTR) continue;
                break;
            }
            answer.append(buf, static_cast<std::size_t>(n));
        }
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) answer.clear();
    }
    ::close(out[0]);
    std::size_t pos = 0;
    while (pos < answer.size()) {
        auto nl = answer.find('\n', pos);
        if (nl == std::string::npos) nl = answer.size();
        std::string l = answer.substr(pos, nl - pos);
        pos = nl + 1;
        if (!l.empty() && l.back() == '\r') l.pop_back();
        if (l.rfind("username=", 0) == 0) result.first = l.substr(9);
        if (l.rfind("password=", 0) == 0) result.second = l.substr(9);
    }
    return result;
}

/// libgit2 calls this again after every failed attempt: the count bounds it.
int credentials_cb(git_credential** out, const char* url, const char* user_from_url, unsigned int allowed,
                   void* payload) {
    auto* state = static_cast<CallbackState*>(payload);
    if (++state->attempts > state->max_attempts) {
        const std::string why = "the server refused the user name and password " +
                                (state->source.empty() ? std::string() : "from " + state->source + " ") +
                                std::to_string(state->max_attempts) + " times; correct them and sync again";
        git_error_set_str(GIT_ERROR_NET, why.c_str());
        return GIT_EUSER;
    }
    if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) {
        const char* env_user = std::getenv(k_user_variable);
        const char* env_pass = std::getenv(k_password_variable);
        if (env_user && env_pass) {
            state->source = std::string(k_user_variable) + " and " + k_password_variable;
            return git_credential_userpass_plaintext_new(out, env_user, env_pass);
        }
        auto [u, p] = credential_from_helper(url ? url : "", state->workdir);
        if (!u.empty() || !p.empty()) {
            state->source = "git's credential helper";
            return git_credential_userpass_plaintext_new(out, u.c_str(), p.c_str());
        }
        const std::string why =
            std::string("the server asks for a user name and password and kith has none: set ") + k_user_variable +
            " and " + k_password_variable + ", or store them with git's credential helper (git config --global "
            "credential.helper store, then run 'git fetch' once in the vault to enter them)";
        git_error_set_str(GIT_ERROR_NET, why.c_str());
        return GIT_EUSER;
    }
    if ((allowed & GIT_CREDENTIAL_USERNAME) && user_from_url && *user_from_url)
        return git_credential_username_new(out, user_from_url);
    return GIT_PASSTHROUGH;
}

int push_update_cb(const char* refname, const char* status, void* payload) {
    // A non-null status is the server's reason for refusing this reference;
    // git_remote_push itself still returns success.
    if (status) static_cast<CallbackState*>(payload)->rejected.push_back(std::string(refname) + ": " + status);
    return 0;
}

} // namespace

std::string credential_request(const std::string& url) {
    std::string protocol, user, path;
    const std::string host = url_host_and_path(url, protocol, user, path);
    if (protocol.empty() || host.empty() || has_newline(url)) return {};
    std::string r = "protocol=" + protocol + "\nhost=" + host + "\n";
    if (!path.empty()) r += "path=" + path + "\n";
    if (!user.empty()) r += "username=" + user + "\n";
    return r + "\n";
}

git_remote_callbacks callbacks_for(CallbackState& state) {
    git_remote_callbacks cb = GIT_REMOTE_CALLBACKS_INIT;
    cb.credentials = credentials_cb;
    cb.push_update_reference = push_update_cb;
    cb.payload = &state;
    return cb;
}

} // namespace kith::git
