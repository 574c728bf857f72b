// kith sync between two machines through a bare "server" repository, all in a
// temporary folder: a laptop (a git copy of sample-vault) and a desktop (a
// clone). Every scenario ends with `git fsck` clean on each repository and no
// conflict marker in any vault file.

#include "support.hpp"

#include "adapters/git.hpp"
#include "kith/parse/file.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace kith;
using namespace kith::test;

namespace {

std::string git_out(const fs::path& repo, const std::string& args, const fs::path& scratch) {
    const fs::path out = scratch / "git-out";
    shell("cd " + test::quoted(repo) + " && git " + args + " > " + test::quoted(out) + " 2>&1");
    return read_text(out);
}

class Sync : public ::testing::Test {
protected:
    void SetUp() override {
        ::setenv("GIT_AUTHOR_NAME", "Ada Tester", 1);
        ::setenv("GIT_AUTHOR_EMAIL", "ada@example.com", 1);
        m_server = m_tmp.path() / "server.git";
        m_laptop = copy_sample_vault(m_tmp);
        m_desktop = m_tmp.path() / "desktop";
        ASSERT_EQ(shell("git init -q --bare -b main " + test::quoted(m_server)), 0);
        ASSERT_EQ(shell("cd " + test::quoted(m_laptop) + " && git init -q -b main && git add -A && "
                     "git -c user.name=Setup -c user.email=setup@example.com commit -qm initial"),
                  0);
        KithRun first = laptop({"sync", "--add-remote", m_server.string()});
        ASSERT_EQ(first.status, 0) << first.err;
        ASSERT_EQ(shell("git clone -q " + test::quoted(m_server) + " " + test::quoted(m_desktop)), 0);
    }

    void TearDown() override {
        for (const fs::path& r : {m_laptop, m_desktop})
            if (fs::exists(r / ".git")) {
                EXPECT_EQ(shell("cd " + test::quoted(r) + " && git fsck --no-progress >/dev/null 2>&1"), 0) << r;
                for (const auto& e : fs::recursive_directory_iterator(r)) {
                    if (e.path().string().find("/.git/") != std::string::npos || !e.is_regular_file()) continue;
                    if (e.path().extension() != ".md") continue;
                    const std::string t = read_text(e.path());
                    EXPECT_EQ(t.find("<<<<<<<"), std::string::npos) << e.path();
                    EXPECT_EQ(t.find(">>>>>>>"), std::string::npos) << e.path();
                }
            }
        EXPECT_EQ(shell("cd " + test::quoted(m_server) + " && git fsck --no-progress >/dev/null 2>&1"), 0);
        ::unsetenv("GIT_AUTHOR_NAME");
        ::unsetenv("GIT_AUTHOR_EMAIL");
    }

    KithRun on(const fs::path& vault, std::vector<std::string> args) {
        std::vector<std::string> full{"--vault", vault.string(), "--today", "2026-11-22"};
        full.insert(full.end(), args.begin(), args.end());
        return run_kith(full);
    }
    KithRun laptop(std::vector<std::string> args) { return on(m_laptop, std::move(args)); }
    KithRun desktop(std::vector<std::string> args) { return on(m_desktop, std::move(args)); }

    std::string head(const fs::path& repo) { return git_out(repo, "rev-parse HEAD", m_tmp.path()); }

    TempDir m_tmp;
    fs::path m_server, m_laptop, m_desktop;
};

bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

} // namespace

TEST_F(Sync, BothMachinesAddEntriesToTheSameContactAndBothKeepEvery) {
    ASSERT_EQ(laptop({"log", "alice-chen", "--date", "2026-11-20", "from", "the", "laptop"}).status, 0);
    ASSERT_EQ(desktop({"log", "alice-chen", "--date", "2026-11-21", "from", "the", "desktop"}).status, 0);
    ASSERT_EQ(desktop({"todo", "alice-chen", "desktop", "follow-up"}).status, 0);
    KithRun a = laptop({"sync"});
    ASSERT_EQ(a.status, 0) << a.err;
    KithRun b = desktop({"sync"});
    ASSERT_EQ(b.status, 0) << b.err;
    EXPECT_TRUE(has(b.out, "merged")) << b.out;
    KithRun c = laptop({"sync"});
    ASSERT_EQ(c.status, 0) << c.err;
    for (const fs::path& v : {m_laptop, m_desktop}) {
        const std::string t = read_text(v / "contacts/alice-chen.md");
        EXPECT_TRUE(has(t, "- 2026-11-20 from the laptop")) << v;
        EXPECT_TRUE(has(t, "- 2026-11-21 from the desktop")) << v;
        EXPECT_TRUE(has(t, "- [ ] desktop follow-up")) << v;
        // Newest first.
        EXPECT_LT(t.find("2026-11-21 from the desktop"), t.find("2026-11-20 from the laptop")) << t;
    }
    EXPECT_EQ(read_text(m_laptop / "contacts/alice-chen.md"), read_text(m_desktop / "contacts/alice-chen.md"));
    EXPECT_EQ(head(m_laptop), head(m_desktop));
    // The desktop's sync made a merge commit with two parents.
    const std::string parents = git_out(m_desktop, "log --merges -1 --format=%P", m_tmp.path());
    EXPECT_EQ(std::count(parents.begin(), parents.end(), ' '), 1) << parents;
}

TEST_F(Sync, DifferentFrontMatterKeysOnEachSideAreBothKept) {
    ASSERT_EQ(laptop({"set", "bob-okafor", "title", "CTO"}).status, 0);
    ASSERT_EQ(desktop({"set", "bob-okafor", "location", "Accra"}).status, 0);
    ASSERT_EQ(laptop({"sync"}).status, 0);
    KithRun d = desktop({"sync"});
    ASSERT_EQ(d.status, 0) << d.err;
    ASSERT_EQ(laptop({"sync"}).status, 0);
    for (const fs::path& v : {m_laptop, m_desktop}) {
        auto show = nlohmann::json::parse(on(v, {"--format", "json", "show", "bob-okafor"}).out);
        EXPECT_EQ(show["title"], "CTO") << v;
        EXPECT_EQ(show["location"], "Accra") << v;
    }
}

TEST_F(Sync, TheSameKeySetDifferentlyStopsWithNothingChanged) {
    ASSERT_EQ(laptop({"set", "bob-okafor", "tier", "core"}).status, 0);
    ASSERT_EQ(laptop({"sync"}).status, 0);
    ASSERT_EQ(desktop({"set", "bob-okafor", "tier", "network"}).status, 0);
    const std::string before_head = head(m_desktop);
    const std::string before_file = read_text(m_desktop / "contacts/bob-okafor.md");
    const std::string before_status = git_out(m_desktop, "status --porcelain", m_tmp.path());
    KithRun d = desktop({"sync"});
    EXPECT_EQ(d.status, 1);
    EXPECT_TRUE(has(d.err, "contacts/bob-okafor.md")) << d.err;
    EXPECT_TRUE(has(d.err, "'tier'")) << d.err;
    EXPECT_EQ(head(m_desktop), before_head) << "the local commit stays HEAD";
    EXPECT_EQ(read_text(m_desktop / "contacts/bob-okafor.md"), before_file);
    EXPECT_EQ(git_out(m_desktop, "status --porcelain", m_tmp.path()), before_status);
    EXPECT_FALSE(fs::exists(m_desktop / ".git/MERGE_HEAD"));
    // Settled by taking the remote's version.
    KithRun t = desktop({"sync", "--theirs", "contacts/bob-okafor.md"});
    ASSERT_EQ(t.status, 0) << t.err;
    EXPECT_TRUE(has(read_text(m_desktop / "contacts/bob-okafor.md"), "tier: core"));
}

TEST_F(Sync, DeletedOnOneSideEditedOnTheOtherIsAConflictAndNothingIsLost) {
    ASSERT_EQ(shell("cd " + test::quoted(m_laptop) + " && git rm -q contacts/raj-patel.md && git -c user.name=S -c user.email=s@e commit -qm rm"), 0);
    ASSERT_EQ(laptop({"sync"}).status, 0);
    ASSERT_EQ(desktop({"log", "raj-patel", "important", "news"}).status, 0);
    KithRun d = desktop({"sync"});
    EXPECT_EQ(d.status, 1);
    EXPECT_TRUE(has(d.err, "contacts/raj-patel.md")) << d.err;
    EXPECT_TRUE(has(d.err, "deleted")) << d.err;
    EXPECT_TRUE(has(read_text(m_desktop / "contacts/raj-patel.md"), "important news"));
}

TEST_F(Sync, ADirtyWorkingTreeIsCommittedFirst) {
    write_file(m_desktop / "journal/2026-11-22-notes.md", "- 2026-11-22 #call with [[alice-chen]]\n");
    write_file(m_desktop / "contacts/bob-okafor.md", read_text(m_desktop / "contacts/bob-okafor.md") + "\nhand edit\n");
    KithRun d = desktop({"--format", "json", "sync"});
    ASSERT_EQ(d.status, 0) << d.err;
    auto j = nlohmann::json::parse(d.out);
    EXPECT_EQ(j["committed"], nlohmann::json::array({"contacts/bob-okafor.md", "journal/2026-11-22-notes.md"}));
    EXPECT_EQ(j["pushed"], true);
    EXPECT_TRUE(git_out(m_desktop, "status --porcelain", m_tmp.path()).empty());
    ASSERT_EQ(laptop({"sync"}).status, 0);
    EXPECT_TRUE(fs::exists(m_laptop / "journal/2026-11-22-notes.md"));
    EXPECT_TRUE(has(read_text(m_laptop / "contacts/bob-okafor.md"), "hand edit"));
}

TEST_F(Sync, AnOfflineRemoteIsAClearErrorAndTheLocalCommitIsKept) {
    ASSERT_EQ(shell("cd " + test::quoted(m_desktop) + " && git remote set-url origin file:///nonexistent/server.git"), 0);
    write_file(m_desktop / "contacts/bob-okafor.md", read_text(m_desktop / "contacts/bob-okafor.md") + "\nedit\n");
    KithRun d = desktop({"sync"});
    EXPECT_EQ(d.status, 1);
    EXPECT_TRUE(has(d.err, "cannot fetch from 'origin'")) << d.err;
    EXPECT_TRUE(has(d.err, "kept")) << d.err;
    EXPECT_TRUE(has(git_out(m_desktop, "log -1 --format=%s", m_tmp.path()), "sync: commit local changes"));
    EXPECT_TRUE(git_out(m_desktop, "status --porcelain", m_tmp.path()).empty());
}

TEST_F(Sync, NoRemoteExplainsHowToAddOne) {
    ASSERT_EQ(shell("cd " + test::quoted(m_desktop) + " && git remote remove origin"), 0);
    KithRun d = desktop({"sync"});
    EXPECT_EQ(d.status, 1);
    EXPECT_TRUE(has(d.err, "kith sync --add-remote URL")) << d.err;
}

// A broken config pulled by sync stops every other command; sync itself runs
// with the default settings, so that it can bring in the remote's fix.
TEST_F(Sync, ABrokenConfigFromTheRemoteDoesNotStopSyncFromBringingInTheFix) {
    const std::string good = read_text(m_desktop / ".kith/config.yaml");
    auto push_config = [&](const std::string& text, const std::string& message) {
        write_file(m_desktop / ".kith/config.yaml", text);
        return shell("cd " + test::quoted(m_desktop) + " && git -c user.name=S -c user.email=s@e commit -qam '" +
                     message + "' && git push -q origin main 2>/dev/null");
    };
    ASSERT_EQ(push_config("tiers: [close, \n", "break the config"), 0);

    KithRun pulled = laptop({"sync"});
    EXPECT_EQ(pulled.status, 0) << pulled.err;
    EXPECT_TRUE(has(pulled.err, ".kith/config.yaml:")) << pulled.err;
    EXPECT_TRUE(has(pulled.err, "kith: warning: the config brought in from origin cannot be used, so other commands "
                                "will refuse to run"))
        << pulled.err;

    KithRun next = laptop({"remind"});
    EXPECT_EQ(next.status, 1);
    EXPECT_TRUE(has(next.err, ".kith/config.yaml:2: error: invalid YAML")) << next.err;
    EXPECT_TRUE(has(next.err, "kith: error: the config cannot be used; fix .kith/config.yaml (if 'kith sync' brought "
                              "it in, 'kith sync' still runs and can bring in the fix)"))
        << next.err;
    KithRun check = laptop({"check"});
    EXPECT_EQ(check.status, 1);
    EXPECT_TRUE(has(check.err, ".kith/config.yaml:2: error: invalid YAML")) << check.err;

    KithRun waiting = laptop({"sync"});
    EXPECT_EQ(waiting.status, 0) << waiting.err;
    EXPECT_TRUE(has(waiting.err, ".kith/config.yaml:2: warning: invalid YAML")) << waiting.err;
    EXPECT_TRUE(has(waiting.err, "; sync continues with the default settings\n")) << waiting.err;
    EXPECT_FALSE(has(waiting.err, "unknown tier")) << waiting.err; // the default tiers are not the vault's

    ASSERT_EQ(push_config(good, "fix the config"), 0);
    KithRun fixed = laptop({"sync"});
    EXPECT_EQ(fixed.status, 0) << fixed.err;
    EXPECT_TRUE(has(fixed.out, "changed .kith/config.yaml")) << fixed.out;
    EXPECT_EQ(read_text(m_laptop / ".kith/config.yaml"), good);
    KithRun works = laptop({"remind"});
    EXPECT_EQ(works.status, 0) << works.err;
    EXPECT_EQ(works.err, "");
}

TEST_F(Sync, UpToDateAndDryRunChangeNothing) {
    KithRun d = desktop({"sync"});
    ASSERT_EQ(d.status, 0) << d.err;
    EXPECT_TRUE(has(d.out, "nothing new")) << d.out;
    ASSERT_EQ(laptop({"log", "alice-chen", "news"}).status, 0);
    ASSERT_EQ(laptop({"sync"}).status, 0);
    const std::string before = head(m_desktop);
    KithRun dry = desktop({"--format", "json", "sync", "--dry-run"});
    ASSERT_EQ(dry.status, 0) << dry.err;
    auto j = nlohmann::json::parse(dry.out);
    EXPECT_EQ(j["integration"], "fast-forward");
    EXPECT_EQ(j["incoming"][0]["file"], "contacts/alice-chen.md");
    EXPECT_EQ(j["incoming"][0]["items_added"], 1);
    EXPECT_EQ(head(m_desktop), before);
    KithRun real = desktop({"sync"});
    ASSERT_EQ(real.status, 0) << real.err;
    EXPECT_TRUE(has(read_text(m_desktop / "contacts/alice-chen.md"), "news"));
}

TEST_F(Sync, ARejectedPushIsReportedAsAFailure) {
    // A real server: git daemon on the loopback interface, whose pre-receive
    // hook refuses every push. libgit2 reports that only through the
    // push-update-reference callback.
    const fs::path hook = m_server / "hooks/pre-receive";
    write_file(hook, "#!/bin/sh\necho 'pushes are closed today' >&2\nexit 1\n");
    fs::permissions(hook, fs::perms::owner_all);
    shell("cd " + test::quoted(m_server) + " && git config daemon.receivepack true");
    const int port = 20000 + static_cast<int>(::getpid() % 20000);
    pid_t daemon = fork();
    ASSERT_GE(daemon, 0);
    if (daemon == 0) {
        ::execlp("git", "git", "daemon", "--reuseaddr", "--export-all", "--enable=receive-pack", "--listen=127.0.0.1",
                 ("--port=" + std::to_string(port)).c_str(), ("--base-path=" + m_tmp.path().string()).c_str(),
                 m_tmp.path().c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    const std::string url = "git://127.0.0.1:" + std::to_string(port) + "/server.git";
    ASSERT_EQ(shell("cd " + test::quoted(m_desktop) + " && git remote set-url origin " + url), 0);
    // Wait for the daemon to listen (bounded).
    bool up = false;
    for (int i = 0; i < 50 && !up; ++i) {
        up = shell("cd " + test::quoted(m_desktop) + " && git ls-remote -q origin >/dev/null 2>&1") == 0;
        if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ASSERT_TRUE(up) << "git daemon did not start";
    ASSERT_EQ(desktop({"log", "alice-chen", "will", "not", "get", "through"}).status, 0);
    KithRun d = desktop({"sync"});
    ::kill(daemon, SIGTERM);
    ::waitpid(daemon, nullptr, 0);
    EXPECT_EQ(d.status, 1);
    EXPECT_TRUE(has(d.err, "rejected")) << d.err;
    EXPECT_TRUE(has(read_text(m_desktop / "contacts/alice-chen.md"), "will not get through"));
}
