#include "adapters/ssh_transport.hpp"

#include "adapters/git_support.hpp"

#include <git2/sys/transport.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <mutex>
#include <poll.h>
#include <pthread.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace kith::git {

namespace {

bool starts_with_ci(const std::string& s, const char* prefix) {
    const std::size_t n = std::strlen(prefix);
    return s.size() >= n && ::strncasecmp(s.c_str(), prefix, n) == 0;
}

bool has_control(const std::string& s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

/// ssh's text with escape sequences and other control characters made
/// harmless: a server must not write to the user's terminal.
std::string sanitise(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\r') continue; // ssh ends lines with CR LF; a lone CR could overwrite a line
        out += (u < 0x20 && c != '\n' && c != '\t') || u == 0x7f ? '?' : c;
    }
    return out;
}

// ---------------------------------------------------------------- the child

/// The running ssh: its stdin, stdout and stderr through pipes.
class Child {
public:
    Child() = default;
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;
    ~Child() { finish(); }

    /// Starts argv; false with libgit2's error set when it cannot.
    bool start(const std::vector<std::string>& argv, const SshTarget& target) {
        m_target = target;
        // For messages: the program, not the whole command line.
        m_program = argv.front() == "/bin/sh" && argv.size() > 3 ? argv[3] : argv.front();
        m_program = m_program.substr(0, m_program.find_first_of(" \t"));
        int in[2], out[2], err[2];
        if (::pipe2(in, O_CLOEXEC) != 0) return sys_error("make a pipe");
        if (::pipe2(out, O_CLOEXEC) != 0) {
            close_pair(in);
            return sys_error("make a pipe");
        }
        if (::pipe2(err, O_CLOEXEC) != 0) {
            close_pair(in);
            close_pair(out);
            return sys_error("make a pipe");
        }
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_adddup2(&fa, in[0], 0);
        posix_spawn_file_actions_adddup2(&fa, out[1], 1);
        posix_spawn_file_actions_adddup2(&fa, err[1], 2);
        posix_spawnattr_t attr;
        posix_spawnattr_init(&attr);
        sigset_t none, defaults;
        sigemptyset(&none);
        sigemptyset(&defaults);
        sigaddset(&defaults, SIGPIPE);
        posix_spawnattr_setsigmask(&attr, &none);
        posix_spawnattr_setsigdefault(&attr, &defaults);
        posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        const int rc = ::posix_spawnp(&m_pid, args[0], &fa, &attr, args.data(), environ);
        posix_spawn_file_actions_destroy(&fa);
        posix_spawnattr_destroy(&attr);
        ::close(in[0]);
        ::close(out[1]);
        ::close(err[1]);
        m_in = in[1];
        m_out = out[0];
        m_err = err[0];
        if (rc != 0) {
            m_pid = -1;
            const std::string why = "cannot run " + m_program + ": " + std::strerror(rc) +
                                    " (install OpenSSH's client, or name your ssh in GIT_SSH_COMMAND)";
            git_error_set_str(GIT_ERROR_NET, why.c_str());
            finish();
            return false;
        }
        return true;
    }

    /// Reads what ssh's stdout has (stderr is passed on meanwhile). 0 bytes
    /// at the end; -1 with libgit2's error set when ssh failed.
    int read(char* buffer, std::size_t size, std::size_t& got) {
        got = 0;
        while (m_out >= 0) {
            pollfd fds[2] = {{m_out, POLLIN, 0}, {m_err, POLLIN, 0}};
            if (::poll(fds, m_err >= 0 ? 2 : 1, -1) < 0) {
                if (errno == EINTR) continue;
                return sys_error("wait for ssh");
            }
            if (m_err >= 0 && fds[1].revents) pass_stderr();
            if (!fds[0].revents) continue;
            const ssize_t n = ::read(m_out, buffer, size);
            if (n < 0) {
                if (errno == EINTR || errno == EAGAIN) continue;
                return sys_error("read from ssh");
            }
            if (n > 0) {
                got = static_cast<std::size_t>(n);
                return 0;
            }
            ::close(m_out);
            m_out = -1;
        }
        return finish() ? 0 : -1;
    }

    /// Writes all of `data` to ssh's stdin; -1 with libgit2's error set when
    /// ssh has gone.
    int write(const char* data, std::size_t len) {
        while (len > 0) {
            if (m_in < 0) return finish() ? gone() : -1;
            pollfd fds[2] = {{m_in, POLLOUT, 0}, {m_err, POLLIN, 0}};
            if (::poll(fds, m_err >= 0 ? 2 : 1, -1) < 0) {
                if (errno == EINTR) continue;
                return sys_error("wait for ssh");
            }
            if (m_err >= 0 && fds[1].revents) pass_stderr();
            if (!fds[0].revents) continue;
            const ssize_t n = write_without_sigpipe(m_in, data, len);
            if (n < 0) {
                if (errno == EINTR || errno == EAGAIN) continue;
                if (errno == EPIPE) {
                    ::close(m_in);
                    m_in = -1;
                    continue;
                }
                return sys_error("write to ssh");
            }
            data += n;
            len -= static_cast<std::size_t>(n);
        }
        return 0;
    }

    /// Closes ssh's stdin, lets it end (passing on its stderr), kills it if it
    /// does not within a few seconds, and reaps it. False with libgit2's
    /// error set when it failed. Safe to call again.
    bool finish() {
        if (m_in >= 0) ::close(m_in);
        m_in = -1;
        if (m_out >= 0) ::close(m_out);
        m_out = -1;
        if (m_pid > 0) {
            int status = 0;
            const std::time_t deadline = std::time(nullptr) + 5;
            bool reaped = false;
            while (!reaped) {
                const pid_t r = ::waitpid(m_pid, &status, WNOHANG);
                if (r == m_pid || (r < 0 && errno != EINTR)) {
                    reaped = true;
                    break;
                }
                if (std::time(nullptr) > deadline) {
                    ::kill(m_pid, SIGKILL);
                    while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
                    }
                    status = 0; // killed by us after the work was done
                    reaped = true;
                    break;
                }
                if (m_err >= 0) {
                    drain_stderr(100);
                } else {
                    const timespec pause{0, 10 * 1000 * 1000};
                    ::nanosleep(&pause, nullptr);
                }
            }
            m_pid = -1;
            drain_stderr(0);
            if (WIFEXITED(status)) m_status = WEXITSTATUS(status);
            else if (WIFSIGNALED(status)) m_status = 128 + WTERMSIG(status);
        }
        while (m_err >= 0) drain_stderr(1000);
        if (m_status != 0 && !m_reported) {
            m_reported = true;
            const std::string why = explain();
            git_error_set_str(GIT_ERROR_NET, why.c_str());
            return false;
        }
        return m_status == 0;
    }

private:
    static void close_pair(int p[2]) {
        ::close(p[0]);
        ::close(p[1]);
    }

    int sys_error(const char* what) {
        const std::string why = std::string("cannot ") + what + ": " + std::strerror(errno);
        git_error_set_str(GIT_ERROR_NET, why.c_str());
        return -1;
    }

    int gone() {
        git_error_set_str(GIT_ERROR_NET, "ssh closed the connection early");
        return -1;
    }

    /// Passes what ssh wrote to its stderr on to ours (made harmless), and
    /// keeps the last lines for the error message.
    void pass_stderr() {
        char buf[4096];
        const ssize_t n = ::read(m_err, buf, sizeof buf);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
        if (n <= 0) {
            ::close(m_err);
            m_err = -1;
            return;
        }
        const std::string text = sanitise(std::string_view(buf, static_cast<std::size_t>(n)));
        ssize_t ignored = ::write(2, text.data(), text.size());
        (void)ignored;
        m_tail += text;
        if (m_tail.size() > 4096) m_tail.erase(0, m_tail.size() - 4096);
    }

    void drain_stderr(int timeout_ms) {
        while (m_err >= 0) {
            pollfd fd{m_err, POLLIN, 0};
            const int r = ::poll(&fd, 1, timeout_ms);
            if (r < 0 && errno == EINTR) continue;
            if (r <= 0) return;
            pass_stderr();
            timeout_ms = 0;
        }
    }

    std::string last_line() const {
        std::string t = m_tail;
        while (!t.empty() && (t.back() == '\n' || t.back() == '\r' || t.back() == ' ')) t.pop_back();
        const auto nl = t.rfind('\n');
        std::string line = nl == std::string::npos ? t : t.substr(nl + 1);
        while (!line.empty() && (line.back() == '.' || line.back() == '\r')) line.pop_back();
        return line;
    }

    bool said(const char* what) const { return m_tail.find(what) != std::string::npos; }

    std::string login() const {
        std::string s = "ssh ";
        if (!m_target.port.empty()) s += "-p " + m_target.port + " ";
        if (!m_target.user.empty()) s += m_target.user + "@";
        return s + m_target.host;
    }

    std::string explain() const {
        std::string msg = m_program + " exited with status " + std::to_string(m_status);
        const std::string line = last_line();
        if (!line.empty()) msg += ": " + line;
        if (m_status == 255) {
            if (said("Host key verification failed") || said("No ED25519 host key") || said("host key for"))
                msg += "; the server's host key is not known here (or changed): run '" + login() +
                       "' once in a terminal to check and accept it, then sync again";
            else if (said("Permission denied"))
                msg += "; the server refused every key ssh offered: check that '" + login() +
                       "' logs in (ssh-add your key, or set IdentityFile in ~/.ssh/config)";
            else if (said("Could not resolve") || said("Connection refused") || said("timed out") ||
                     said("No route") || said("Network is unreachable"))
                msg += "; check the host name and port, and that the server is up";
            else
                msg += "; run '" + login() + "' to see why ssh cannot log in";
        } else if (m_status == 127) {
            msg += "; the ssh command or the server's git-upload-pack was not found";
        }
        return msg;
    }

    SshTarget m_target;
    std::string m_program;
    pid_t m_pid = -1;
    int m_in = -1, m_out = -1, m_err = -1;
    int m_status = 0;
    bool m_reported = false;
    std::string m_tail;
};

// ---------------------------------------------------------------- libgit2's side

struct SshSettings {
    std::string command; ///< $GIT_SSH_COMMAND or core.sshCommand, for sh -c
    std::string program; ///< $GIT_SSH
};

struct SshSubtransport;

struct SshStream {
    git_smart_subtransport_stream parent{};
    SshSubtransport* owner = nullptr;
    Child child;
};

struct SshSubtransport {
    git_smart_subtransport parent{};
    SshSettings settings;
    SshStream* current = nullptr;
};

int stream_read(git_smart_subtransport_stream* s, char* buffer, size_t size, size_t* got) {
    return reinterpret_cast<SshStream*>(s)->child.read(buffer, size, *got);
}

int stream_write(git_smart_subtransport_stream* s, const char* buffer, size_t len) {
    return reinterpret_cast<SshStream*>(s)->child.write(buffer, len);
}

void stream_free(git_smart_subtransport_stream* s) {
    auto* stream = reinterpret_cast<SshStream*>(s);
    if (stream->owner && stream->owner->current == stream) stream->owner->current = nullptr;
    stream->child.finish();
    delete stream;
}

int sub_action(git_smart_subtransport_stream** out, git_smart_subtransport* sub, const char* url,
               git_smart_service_t action) {
    auto* t = reinterpret_cast<SshSubtransport*>(sub);
    if (action == GIT_SERVICE_UPLOADPACK || action == GIT_SERVICE_RECEIVEPACK) {
        // The same connection carries the listing and the pack.
        if (!t->current) {
            git_error_set_str(GIT_ERROR_NET, "ssh: the connection was not opened");
            return -1;
        }
        *out = &t->current->parent;
        return 0;
    }
    std::string why;
    auto target = parse_ssh_url(url ? url : "", why);
    if (!target) {
        git_error_set_str(GIT_ERROR_NET, why.c_str());
        return -1;
    }
    const char* service = action == GIT_SERVICE_UPLOADPACK_LS ? "git-upload-pack" : "git-receive-pack";
    auto stream = std::make_unique<SshStream>();
    stream->parent.subtransport = sub;
    stream->parent.read = stream_read;
    stream->parent.write = stream_write;
    stream->parent.free = stream_free;
    stream->owner = t;
    if (!stream->child.start(ssh_argv(*target, service, t->settings.command, t->settings.program), *target))
        return -1;
    if (t->current) t->current->owner = nullptr; // libgit2 frees it
    t->current = stream.release();
    *out = &t->current->parent;
    return 0;
}

int sub_close(git_smart_subtransport*) { return 0; }

void sub_free(git_smart_subtransport* sub) {
    auto* t = reinterpret_cast<SshSubtransport*>(sub);
    if (t->current) t->current->owner = nullptr;
    delete t;
}

int make_subtransport(git_smart_subtransport** out, git_transport*, void* param) {
    auto t = std::make_unique<SshSubtransport>();
    t->parent.action = sub_action;
    t->parent.close = sub_close;
    t->parent.free = sub_free;
    t->settings = *static_cast<const SshSettings*>(param);
    *out = &t.release()->parent;
    return 0;
}

std::string config_string(git_repository* repo, const char* key) {
    git_config* raw = nullptr;
    int rc = repo ? git_repository_config_snapshot(&raw, repo) : -1;
    if (rc < 0) {
        git_config* base = nullptr;
        if (git_config_open_default(&base) < 0) {
            git_error_clear();
            return {};
        }
        rc = git_config_snapshot(&raw, base);
        git_config_free(base);
        if (rc < 0) {
            git_error_clear();
            return {};
        }
    }
    ConfigPtr cfg(raw);
    Buf value;
    if (git_config_get_string_buf(&value.buf, cfg.get(), key) < 0) {
        git_error_clear();
        return {};
    }
    return std::string(value.buf.ptr, value.buf.size);
}

int make_transport(git_transport** out, git_remote* owner, void*) {
    SshSettings s;
    if (const char* c = std::getenv("GIT_SSH_COMMAND"); c && *c) s.command = c;
    else s.command = config_string(owner ? git_remote_owner(owner) : nullptr, "core.sshCommand");
    if (const char* p = std::getenv("GIT_SSH"); p && *p) s.program = p;
    git_smart_subtransport_definition def{make_subtransport, 0, &s};
    return git_transport_smart(out, owner, &def);
}

} // namespace

long write_without_sigpipe(int fd, const char* data, std::size_t len) {
    sigset_t pipe_set, old, pending;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    sigemptyset(&pending);
    sigpending(&pending);
    const bool was_pending = sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
    const ssize_t n = ::write(fd, data, len);
    const int saved = errno;
    if (n < 0 && saved == EPIPE && !was_pending) {
        const timespec zero{0, 0};
        while (sigtimedwait(&pipe_set, nullptr, &zero) < 0 && errno == EINTR) {
        }
    }
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
    errno = saved;
    return n;
}

std::string shell_quote(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'' || c == '!') {
            out += "'\\";
            out += c;
            out += '\'';
        } else {
            out += c;
        }
    }
    return out + "'";
}

std::optional<SshTarget> parse_ssh_url(const std::string& url, std::string& why) {
    SshTarget t;
    std::string authority;
    bool scheme = false;
    for (const char* prefix : {"ssh://", "ssh+git://", "git+ssh://"}) {
        if (!starts_with_ci(url, prefix)) continue;
        scheme = true;
        const std::string rest = url.substr(std::strlen(prefix));
        const auto slash = rest.find('/');
        if (slash == std::string::npos) {
            why = "the SSH URL " + url + " names no repository path";
            return std::nullopt;
        }
        authority = rest.substr(0, slash);
        t.path = rest.substr(slash);
        if (t.path.rfind("/~", 0) == 0) t.path.erase(0, 1); // ssh://host/~user/repo
        break;
    }
    if (!scheme) {
        // scp-like: [user@]host:path, or [user@][host:port]:path
        std::size_t colon;
        if (const auto open = url.find('['); open != std::string::npos && open < url.find(':')) {
            const auto close = url.find(']', open);
            colon = close == std::string::npos ? std::string::npos : url.find(':', close);
        } else {
            colon = url.find(':');
        }
        if (colon == std::string::npos || url.find('/') < colon) {
            why = url + " is not an SSH URL";
            return std::nullopt;
        }
        authority = url.substr(0, colon);
        t.path = url.substr(colon + 1);
    }
    if (const auto at = authority.rfind('@'); at != std::string::npos) {
        t.user = authority.substr(0, at);
        authority.erase(0, at + 1);
    }
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string::npos) {
            why = "the SSH URL " + url + " has an unclosed '['";
            return std::nullopt;
        }
        t.host = authority.substr(1, close - 1);
        const std::string after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') {
                why = "the SSH URL " + url + " has text after its host";
                return std::nullopt;
            }
            t.port = after.substr(1);
        }
        // [host:port] in the scp-like form
        if (!scheme && t.port.empty()) {
            if (const auto c = t.host.rfind(':'); c != std::string::npos && t.host.find(':') == c) {
                t.port = t.host.substr(c + 1);
                t.host.erase(c);
            }
        }
    } else if (const auto c = authority.rfind(':'); scheme && c != std::string::npos) {
        t.host = authority.substr(0, c);
        t.port = authority.substr(c + 1);
    } else {
        t.host = authority;
    }
    if (t.host.empty()) {
        why = "the SSH URL " + url + " names no host";
        return std::nullopt;
    }
    if (!std::all_of(t.port.begin(), t.port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        why = "the SSH URL " + url + " has a port that is not a number";
        return std::nullopt;
    }
    // ssh would read these as its own options (CVE-2017-1000117).
    if (t.host.front() == '-' || (!t.user.empty() && t.user.front() == '-')) {
        why = "refusing the SSH URL " + url + ": a host or user starting with '-' would be an option to ssh";
        return std::nullopt;
    }
    if (t.path.empty() || t.path.front() == '-') {
        why = "refusing the SSH URL " + url + ": its path is empty or starts with '-'";
        return std::nullopt;
    }
    if (has_control(t.user) || has_control(t.host) || has_control(t.path)) {
        why = "refusing the SSH URL: it holds control characters";
        return std::nullopt;
    }
    return t;
}

std::vector<std::string> ssh_argv(const SshTarget& target, const std::string& service, const std::string& ssh_command,
                                  const std::string& ssh_program) {
    std::vector<std::string> args;
    if (!target.port.empty()) {
        args.push_back("-p");
        args.push_back(target.port);
    }
    args.push_back(target.user.empty() ? target.host : target.user + "@" + target.host);
    args.push_back(service + " " + shell_quote(target.path));
    std::vector<std::string> argv;
    if (!ssh_command.empty()) {
        // As git does: the command is shell text, the arguments follow it.
        argv = {"/bin/sh", "-c", ssh_command + " \"$@\"", ssh_command};
    } else {
        argv = {ssh_program.empty() ? std::string("ssh") : ssh_program};
    }
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
}

void register_ssh_transport() {
    static std::once_flag once;
    std::call_once(once, [] {
        for (const char* scheme : {"ssh", "ssh+git", "git+ssh"})
            if (git_transport_register(scheme, make_transport, nullptr) < 0) git_error_clear();
    });
}

} // namespace kith::git
