// kith sync and kith clone against real servers on 127.0.0.1: OpenSSH's sshd
// (keys, known_hosts and the client's config made here) and lighttpd running
// git-http-backend behind basic authentication. Each test starts its server on
// a free port and stops it (the fixture's TearDown, which runs on failure
// too). kith runs as its own process with an environment made by the test
// (env -i), under `timeout`, so that nothing of the machine's own ssh agent,
// keys or credentials takes part and nothing can hang.

#include "support.hpp"

#include "adapters/ssh_transport.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>

#include <chrono>
#include <csignal>
#include <thread>

namespace fs = std::filesystem;
using namespace kith;
using namespace kith::test;

namespace {

bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

int free_port() {
    int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    int port = -1;
    if (::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
        ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) == 0)
        port = ntohs(a.sin_port);
    ::close(s);
    return port;
}

bool port_open(int port) {
    int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<uint16_t>(port));
    const bool ok = ::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(s);
    return ok;
}

/// A server process started by the test, stopped (TERM, then KILL) and
/// reaped when the object goes away.
class Daemon {
public:
    Daemon() = default;
    Daemon(const Daemon&) = delete;
    Daemon& operator=(const Daemon&) = delete;
    ~Daemon() { stop(); }

    void start(std::vector<std::string> argv, const fs::path& log) {
        m_pid = ::fork();
        if (m_pid == 0) {
            int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
            if (fd >= 0) {
                ::dup2(fd, 1);
                ::dup2(fd, 2);
            }
            int null = ::open("/dev/null", O_RDONLY);
            if (null >= 0) ::dup2(null, 0);
            std::vector<char*> raw;
            for (auto& a : argv) raw.push_back(a.data());
            raw.push_back(nullptr);
            ::execv(raw[0], raw.data());
            ::_exit(127);
        }
    }
    bool running() {
        if (m_pid > 0 && ::waitpid(m_pid, nullptr, WNOHANG) != 0) m_pid = -1; // ended (and reaped)
        return m_pid > 0;
    }
    void stop() {
        if (m_pid <= 0) return;
        ::kill(m_pid, SIGTERM);
        for (int i = 0; i < 40; ++i) {
            if (::waitpid(m_pid, nullptr, WNOHANG) != 0) {
                m_pid = -1;
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        ::kill(m_pid, SIGKILL);
        ::waitpid(m_pid, nullptr, 0);
        m_pid = -1;
    }

private:
    pid_t m_pid = -1;
};

bool wait_for_port(Daemon& d, int port) {
    for (int i = 0; i < 100; ++i) {
        if (port_open(port)) return true;
        if (!d.running()) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

std::string sh_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

/// The kith binary run in `cwd` with exactly `env` (plus PATH and a HOME of
/// the test's own) and `args`, stopped after 60 s.
KithRun run_isolated(const fs::path& scratch, const std::map<std::string, std::string>& env,
                     const std::vector<std::string>& args, const fs::path& cwd) {
    std::string cmd = "cd " + sh_quote(cwd.string()) + " && env -i";
    std::map<std::string, std::string> all{{"PATH", "/usr/local/bin:/usr/bin:/bin"},
                                           {"HOME", (scratch / "home").string()},
                                           {"GIT_AUTHOR_NAME", "Ada Tester"},
                                           {"GIT_AUTHOR_EMAIL", "ada@example.com"},
                                           {"GIT_CONFIG_NOSYSTEM", "1"}};
    for (const auto& [k, v] : env) all[k] = v;
    for (const auto& [k, v] : all) cmd += " " + k + "=" + sh_quote(v);
    cmd += " timeout -k 5 60 " + sh_quote(KITH_BINARY);
    for (const auto& a : args) cmd += " " + sh_quote(a);
    cmd += " > " + sh_quote((scratch / "kith.out").string()) + " 2> " + sh_quote((scratch / "kith.err").string());
    KithRun r;
    r.status = shell(cmd);
    r.out = read_text(scratch / "kith.out");
    r.err = read_text(scratch / "kith.err");
    return r;
}

bool have(const char* program) { return fs::exists(program); }

/// A bare repository `server` holding sample-vault (pushed with git, locally).
void make_server(const TempDir& tmp, const fs::path& server) {
    const fs::path seed = git_sample_vault(tmp);
    ASSERT_EQ(shell("git init -q --bare -b main " + quoted(server) + " && cd " + quoted(seed) +
                    " && git push -q " + quoted(server) + " main 2>/dev/null"),
              0);
}

std::string login_name() {
    const passwd* pw = ::getpwuid(::getuid());
    return pw ? pw->pw_name : "root";
}

// ---------------------------------------------------------------- SSH

class SshServer : public ::testing::Test {
protected:
    void SetUp() override {
        for (const char* p : {"/usr/sbin/sshd", "/usr/bin/ssh", "/usr/bin/ssh-keygen", "/usr/bin/ssh-agent",
                              "/usr/bin/ssh-add"})
            if (!have(p)) GTEST_SKIP() << p << " is not installed (apt-get install openssh-server openssh-client)";
        // Debian's sshd wants its privilege separation folder (made by its
        // service otherwise).
        std::error_code ec;
        if (!fs::exists("/run/sshd")) fs::create_directories("/run/sshd", ec);
        m_dir = m_tmp.path();
        fs::create_directories(m_dir / "home", ec);
        m_server = m_dir / "server.git";
        make_server(m_tmp, m_server);
        ASSERT_EQ(keygen("hostkey", "ed25519", ""), 0);
        m_port = free_port();
        ASSERT_GT(m_port, 0);
        write_file(m_dir / "authorized_keys", "");
        write_file(m_dir / "sshd_config",
                   "Port " + std::to_string(m_port) + "\nListenAddress 127.0.0.1\nHostKey " +
                       (m_dir / "hostkey").string() + "\nPidFile " + (m_dir / "sshd.pid").string() +
                       "\nAuthorizedKeysFile " + (m_dir / "authorized_keys").string() +
                       "\nStrictModes no\nUsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
                       "PubkeyAuthentication yes\nPermitRootLogin prohibit-password\nLogLevel ERROR\n");
        m_sshd.start({"/usr/sbin/sshd", "-D", "-e", "-f", (m_dir / "sshd_config").string()}, m_dir / "sshd.log");
        ASSERT_TRUE(wait_for_port(m_sshd, m_port)) << "sshd did not start: " << read_text(m_dir / "sshd.log");
        // The host key, as `ssh HOST` once would have recorded it.
        const std::string pub = read_text(m_dir / "hostkey.pub");
        write_file(m_dir / "known_hosts",
                   "[127.0.0.1]:" + std::to_string(m_port) + " " + pub.substr(0, pub.rfind(' ')) + "\n");
    }

    void TearDown() override {
        m_sshd.stop();
        m_agent.stop();
    }

    int keygen(const std::string& name, const std::string& type, const std::string& passphrase) {
        const std::string bits = type == "rsa" ? " -b 2048" : "";
        return shell("timeout 20 ssh-keygen -q -t " + type + bits + " -N " + sh_quote(passphrase) + " -C kith-test -f " +
                     quoted(m_dir / name) + " </dev/null >/dev/null 2>&1");
    }

    /// A client key the server accepts.
    void client_key(const std::string& name, const std::string& type, const std::string& passphrase = "") {
        ASSERT_EQ(keygen(name, type, passphrase), 0);
        write_file(m_dir / "authorized_keys", read_text(m_dir / "authorized_keys") + read_text(m_dir / (name + ".pub")));
    }

    /// The client's ssh config: no prompts, bounded waits, the test's
    /// known_hosts, then `extra`.
    std::string ssh_config(const std::string& extra) {
        const fs::path p = m_dir / "ssh_config";
        write_file(p, extra + "\nHost *\n  BatchMode yes\n  ConnectTimeout 10\n  UserKnownHostsFile " +
                          (m_dir / "known_hosts").string() +
                          "\n  GlobalKnownHostsFile /dev/null\n  StrictHostKeyChecking yes\n  LogLevel ERROR\n");
        return p.string();
    }

    /// Starts an agent on a socket in the test folder; its environment.
    std::map<std::string, std::string> agent() {
        const fs::path sock = m_dir / "agent.sock";
        m_agent.start({"/usr/bin/ssh-agent", "-D", "-a", sock.string()}, m_dir / "agent.log");
        for (int i = 0; i < 100 && !fs::exists(sock); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        EXPECT_TRUE(fs::exists(sock)) << read_text(m_dir / "agent.log");
        return {{"SSH_AUTH_SOCK", sock.string()}};
    }

    std::string url(bool with_user = true) const {
        return "ssh://" + (with_user ? login_name() + "@" : std::string()) + "127.0.0.1:" + std::to_string(m_port) +
               m_server.string();
    }

    KithRun kith(const std::map<std::string, std::string>& env, const std::vector<std::string>& args) {
        return run_isolated(m_dir, env, args, m_dir);
    }

    /// The clone has the server's files and tracks it.
    void expect_cloned(const KithRun& r, const fs::path& dir) {
        ASSERT_EQ(r.status, 0) << r.err << "\nsshd: " << read_text(m_dir / "sshd.log");
        EXPECT_TRUE(has(r.out, "cloned")) << r.out;
        EXPECT_TRUE(fs::exists(dir / ".kith/config.yaml"));
        EXPECT_EQ(read_text(dir / "contacts/alice-chen.md"),
                  read_text(source_dir() / "sample-vault/contacts/alice-chen.md"));
        EXPECT_EQ(shell("cd " + quoted(dir) + " && git rev-parse -q --verify main@{upstream} >/dev/null"), 0);
        EXPECT_TRUE(git_fsck_clean(dir));
    }

    TempDir m_tmp;
    fs::path m_dir, m_server;
    int m_port = -1;
    Daemon m_sshd, m_agent;
};

TEST_F(SshServer, AnEd25519KeyInTheAgentClonesAndSyncsBothWays) {
    client_key("id", "ed25519");
    auto env = agent();
    ASSERT_EQ(shell("SSH_AUTH_SOCK=" + env["SSH_AUTH_SOCK"] + " timeout 20 ssh-add -q " + quoted(m_dir / "id") + " </dev/null 2>/dev/null"), 0);
    fs::remove(m_dir / "id"); // only the agent can sign now
    env["GIT_SSH_COMMAND"] = "ssh -F " + ssh_config("Host 127.0.0.1\n  IdentityFile " + (m_dir / "id.pub").string() +
                                                    "\n  IdentitiesOnly yes");
    expect_cloned(kith(env, {"clone", url(), "desktop"}), m_dir / "desktop");
    const std::string v = (m_dir / "desktop").string();
    ASSERT_EQ(kith(env, {"--vault", v, "log", "alice-chen", "over", "ssh"}).status, 0);
    KithRun s = kith(env, {"--vault", v, "sync"});
    ASSERT_EQ(s.status, 0) << s.err;
    EXPECT_TRUE(has(s.out, "pushed 1 file (1 changed; 1 entry or follow-up added)")) << s.out;
    EXPECT_EQ(shell("git --git-dir=" + quoted(m_server) + " log -1 --format=%B main | grep -q 'Kith-Command: log'"), 0);
    // Plain git knows the upstream too.
    EXPECT_EQ(shell("cd " + sh_quote(v) + " && git status -sb | grep -q 'origin/main'"), 0);
}

TEST_F(SshServer, AKeyFileWithoutAnAgentThroughCoreSshCommand) {
    client_key("id", "ed25519");
    // core.sshCommand from the user's git config (no GIT_SSH_COMMAND, no agent).
    write_file(m_dir / "home/.gitconfig",
               "[core]\n\tsshCommand = ssh -F " +
                   ssh_config("Host 127.0.0.1\n  IdentityFile " + (m_dir / "id").string() + "\n  IdentitiesOnly yes") +
                   "\n");
    expect_cloned(kith({}, {"clone", url(), "desktop"}), m_dir / "desktop");
}

TEST_F(SshServer, AnRsaKeyThroughGitSsh) {
    client_key("id_rsa", "rsa");
    // $GIT_SSH names a program (no shell): a wrapper that adds the config.
    const fs::path wrapper = m_dir / "my-ssh";
    write_file(wrapper, "#!/bin/sh\nexec ssh -F " +
                            ssh_config("Host 127.0.0.1\n  IdentityFile " + (m_dir / "id_rsa").string() +
                                       "\n  IdentitiesOnly yes") +
                            " \"$@\"\n");
    fs::permissions(wrapper, fs::perms::owner_all);
    expect_cloned(kith({{"GIT_SSH", wrapper.string()}}, {"clone", url(), "desktop"}), m_dir / "desktop");
}

TEST_F(SshServer, APassphraseKeyThroughTheAgent) {
    client_key("id", "ed25519", "correct horse");
    auto env = agent();
    const fs::path askpass = m_dir / "askpass";
    write_file(askpass, "#!/bin/sh\necho 'correct horse'\n");
    fs::permissions(askpass, fs::perms::owner_all);
    ASSERT_EQ(shell("SSH_AUTH_SOCK=" + env["SSH_AUTH_SOCK"] + " SSH_ASKPASS=" + quoted(askpass) +
                    " SSH_ASKPASS_REQUIRE=force DISPLAY=:0 timeout 20 ssh-add -q " + quoted(m_dir / "id") + " </dev/null 2>/dev/null"),
              0);
    env["GIT_SSH_COMMAND"] = "ssh -F " + ssh_config("Host 127.0.0.1\n  IdentityFile " + (m_dir / "id.pub").string() +
                                                    "\n  IdentitiesOnly yes");
    expect_cloned(kith(env, {"clone", url(), "desktop"}), m_dir / "desktop");
}

TEST_F(SshServer, AUrlWithoutAUserLogsInAsTheLocalUserWithThePlainSshOnPath) {
    client_key("id", "ed25519");
    // `ssh` found on PATH, as with no setting at all.
    fs::create_directories(m_dir / "bin");
    const fs::path wrapper = m_dir / "bin/ssh";
    const fs::path seen = m_dir / "argv"; // the command line ssh gets
    write_file(wrapper, "#!/bin/sh\necho \"$@\" >> " + seen.string() + "\nexec /usr/bin/ssh -F " +
                            ssh_config("Host 127.0.0.1\n  IdentityFile " + (m_dir / "id").string() +
                                       "\n  IdentitiesOnly yes") +
                            " \"$@\"\n");
    fs::permissions(wrapper, fs::perms::owner_all);
    expect_cloned(kith({{"PATH", (m_dir / "bin").string() + ":/usr/bin:/bin"}}, {"clone", url(false), "desktop"}),
                  m_dir / "desktop");
    const std::string argv = read_text(seen);
    EXPECT_TRUE(has(argv, "-p " + std::to_string(m_port) + " 127.0.0.1 git-upload-pack '" + m_server.string() + "'"))
        << argv;
    EXPECT_FALSE(has(argv, "@")) << argv;
}

TEST_F(SshServer, AHostAliasFromTheSshConfigWithPortUserAndIdentityFile) {
    client_key("work_key", "ed25519");
    const std::string cfg = ssh_config("Host vaultserver\n  HostName 127.0.0.1\n  Port " + std::to_string(m_port) +
                                       "\n  User " + login_name() + "\n  IdentityFile " +
                                       (m_dir / "work_key").string() + "\n  IdentitiesOnly yes");
    // scp-like URL: host:path
    expect_cloned(kith({{"GIT_SSH_COMMAND", "ssh -F " + cfg}}, {"clone", "vaultserver:" + m_server.string(), "desktop"}),
                  m_dir / "desktop");
}

TEST_F(SshServer, AnUnknownHostKeyIsRefusedWithTheHint) {
    client_key("id", "ed25519");
    write_file(m_dir / "known_hosts", "");
    const std::string cfg =
        ssh_config("Host 127.0.0.1\n  IdentityFile " + (m_dir / "id").string() + "\n  IdentitiesOnly yes");
    KithRun r = kith({{"GIT_SSH_COMMAND", "ssh -F " + cfg}}, {"clone", url(), "desktop"});
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(has(r.err, "Host key verification failed")) << r.err;
    EXPECT_TRUE(has(r.err, "ssh exited with status 255")) << r.err;
    EXPECT_TRUE(has(r.err, "run 'ssh -p " + std::to_string(m_port) + " " + login_name() + "@127.0.0.1' once")) << r.err;
    EXPECT_FALSE(fs::exists(m_dir / "desktop")) << "a failed clone leaves nothing";
}

TEST_F(SshServer, AHostThatWouldBeAnSshOptionIsRefusedBeforeSshRuns) {
    const fs::path pwned = m_dir / "pwned";
    KithRun r = kith({}, {"clone", "ssh://-oProxyCommand=touch%20" + pwned.string() + "/x/srv.git", "desktop"});
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(has(r.err, "would be an option to ssh")) << r.err;
    KithRun scp = kith({}, {"clone", "-oProxyCommand=touch " + pwned.string() + ":srv.git", "desktop2"});
    EXPECT_NE(scp.status, 0);
    EXPECT_FALSE(fs::exists(pwned));
}

// ---------------------------------------------------------------- HTTP

class HttpServer : public ::testing::Test {
protected:
    void SetUp() override {
        for (const char* p : {"/usr/sbin/lighttpd", "/usr/lib/git-core/git-http-backend"})
            if (!have(p)) GTEST_SKIP() << p << " is not installed (apt-get install lighttpd git)";
        m_dir = m_tmp.path();
        std::error_code ec;
        fs::create_directories(m_dir / "home", ec);
        fs::create_directories(m_dir / "www", ec);
        m_server = m_dir / "repos/server.git";
        fs::create_directories(m_server.parent_path(), ec);
        make_server(m_tmp, m_server);
        ASSERT_EQ(shell("git --git-dir=" + quoted(m_server) + " config http.receivepack true"), 0);
        write_file(m_dir / "users", "ada:s3cret pass\n");
        m_port = free_port();
        const std::string d = m_dir.string();
        write_file(m_dir / "lighttpd.conf",
                   "server.document-root = \"" + d + "/www\"\nserver.bind = \"127.0.0.1\"\nserver.port = " +
                       std::to_string(m_port) +
                       "\nserver.modules += ( \"mod_auth\", \"mod_authn_file\", \"mod_alias\", \"mod_cgi\", "
                       "\"mod_setenv\" )\nserver.errorlog = \"" + d + "/lighttpd.err\"\n"
                       "auth.backend = \"plain\"\nauth.backend.plain.userfile = \"" + d + "/users\"\n"
                       "alias.url = ( \"/git\" => \"/usr/lib/git-core/git-http-backend\" )\n"
                       "$HTTP[\"url\"] =~ \"^/git\" {\n  cgi.assign = ( \"\" => \"\" )\n"
                       "  setenv.add-environment = ( \"GIT_PROJECT_ROOT\" => \"" + d + "/repos\", "
                       "\"GIT_HTTP_EXPORT_ALL\" => \"\" )\n"
                       "  auth.require = ( \"\" => ( \"method\" => \"basic\", \"realm\" => \"kith\", "
                       "\"require\" => \"valid-user\" ) )\n}\n");
        m_httpd.start({"/usr/sbin/lighttpd", "-D", "-f", (m_dir / "lighttpd.conf").string()}, m_dir / "lighttpd.log");
        ASSERT_TRUE(wait_for_port(m_httpd, m_port)) << "lighttpd did not start: " << read_text(m_dir / "lighttpd.log");
    }
    void TearDown() override { m_httpd.stop(); }

    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port) + "/git/server.git"; }
    KithRun kith(const std::map<std::string, std::string>& env, const std::vector<std::string>& args) {
        return run_isolated(m_dir, env, args, m_dir);
    }
    /// Clone, log, sync: both directions through the server.
    void round_trip(const std::map<std::string, std::string>& env) {
        KithRun c = kith(env, {"clone", url(), "desktop"});
        ASSERT_EQ(c.status, 0) << c.err << read_text(m_dir / "lighttpd.err");
        const std::string v = (m_dir / "desktop").string();
        EXPECT_EQ(read_text(m_dir / "desktop/contacts/alice-chen.md"),
                  read_text(source_dir() / "sample-vault/contacts/alice-chen.md"));
        ASSERT_EQ(kith(env, {"--vault", v, "log", "alice-chen", "over", "https"}).status, 0);
        KithRun s = kith(env, {"--vault", v, "sync"});
        ASSERT_EQ(s.status, 0) << s.err;
        EXPECT_TRUE(has(s.out, "pushed 1 file")) << s.out;
        EXPECT_EQ(shell("git --git-dir=" + quoted(m_server) + " log -1 --format=%B main | grep -q 'Kith-Command: log'"),
                  0);
    }

    TempDir m_tmp;
    fs::path m_dir, m_server;
    int m_port = -1;
    Daemon m_httpd;
};

TEST_F(HttpServer, CredentialsFromGitsCredentialHelper) {
    write_file(m_dir / "home/.gitconfig", "[credential]\n\thelper = store --file " + (m_dir / "store").string() + "\n");
    write_file(m_dir / "store", "http://ada:s3cret%20pass@127.0.0.1:" + std::to_string(m_port) + "\n");
    round_trip({});
}

TEST_F(HttpServer, CredentialsFromTheEnvironment) {
    round_trip({{"KITH_GIT_USERNAME", "ada"}, {"KITH_GIT_PASSWORD", "s3cret pass"}});
}

TEST_F(HttpServer, MissingCredentialsNameTheVariablesAndTheHelper) {
    KithRun r = kith({}, {"clone", url(), "desktop"});
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(has(r.err, "KITH_GIT_USERNAME and KITH_GIT_PASSWORD")) << r.err;
    EXPECT_TRUE(has(r.err, "credential.helper")) << r.err;
    KithRun wrong = kith({{"KITH_GIT_USERNAME", "ada"}, {"KITH_GIT_PASSWORD", "nope"}}, {"clone", url(), "desktop"});
    EXPECT_EQ(wrong.status, 1);
    EXPECT_TRUE(has(wrong.err, "refused the user name and password from KITH_GIT_USERNAME")) << wrong.err;
}

} // namespace

// ---------------------------------------------------------------- units

TEST(SshUrl, SchemeAndScpFormsGiveUserHostPortAndPath) {
    std::string why;
    auto a = git::parse_ssh_url("ssh://ada@example.org:2222/srv/net.git", why);
    ASSERT_TRUE(a) << why;
    EXPECT_EQ(a->user, "ada");
    EXPECT_EQ(a->host, "example.org");
    EXPECT_EQ(a->port, "2222");
    EXPECT_EQ(a->path, "/srv/net.git");
    auto b = git::parse_ssh_url("server:vaults/net.git", why);
    ASSERT_TRUE(b) << why;
    EXPECT_EQ(b->user, "");
    EXPECT_EQ(b->host, "server");
    EXPECT_EQ(b->port, "");
    EXPECT_EQ(b->path, "vaults/net.git");
    auto c = git::parse_ssh_url("ssh://[::1]:22/~/net.git", why);
    ASSERT_TRUE(c) << why;
    EXPECT_EQ(c->host, "::1");
    EXPECT_EQ(c->path, "~/net.git");
}

TEST(SshUrl, AHostUserOrPathThatSshWouldReadAsAnOptionIsRefused) {
    std::string why;
    EXPECT_FALSE(git::parse_ssh_url("ssh://-oProxyCommand=x/srv.git", why));
    EXPECT_FALSE(git::parse_ssh_url("-oProxyCommand=x:srv.git", why));
    EXPECT_FALSE(git::parse_ssh_url("ssh://-oProxyCommand=x@host/srv.git", why));
    EXPECT_FALSE(git::parse_ssh_url("host:-u", why));
    EXPECT_FALSE(git::parse_ssh_url("ssh://host:22x/srv.git", why));
    EXPECT_FALSE(git::parse_ssh_url("ssh://host/srv\n.git", why));
}

TEST(SshUrl, ThePathIsShellQuotedInTheRemoteCommand) {
    git::SshTarget t{"", "host", "", "/srv/it's $(here)!.git"};
    auto argv = git::ssh_argv(t, "git-upload-pack", "", "");
    ASSERT_EQ(argv.size(), 3u);
    EXPECT_EQ(argv[0], "ssh");
    EXPECT_EQ(argv[1], "host");
    EXPECT_EQ(argv[2], "git-upload-pack '/srv/it'\\''s $(here)'\\!'.git'");
    auto with = git::ssh_argv({"ada", "host", "2222", "/x"}, "git-receive-pack", "ssh -i key", "");
    EXPECT_EQ(with, (std::vector<std::string>{"/bin/sh", "-c", "ssh -i key \"$@\"", "ssh -i key", "-p", "2222",
                                              "ada@host", "git-receive-pack '/x'"}));
}
