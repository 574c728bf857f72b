// A remote with push access is an attacker: it builds trees and commits with
// git plumbing (duplicate entries, `.git` in every spelling, links out of the
// vault or into .git, submodules) straight into the bare "server", and the
// victim runs `kith sync`. Each sync must stop with exit status 1 and a
// message naming the commit and the path, and change nothing: HEAD, the
// branch, the index, .git/hooks, .git/config, the work tree and the folder
// next to the vault are as they were (only fetched objects and the
// remote-tracking branch are new), and git finds the repository connected.
// Then the same for what kith reads from a vault a remote filled: templates
// and the config that are links or FIFOs, and `review --out` through a link.

#include "support.hpp"

#include <algorithm>
#include <map>
#include <sys/stat.h>

namespace fs = std::filesystem;
using namespace kith::test;

namespace {

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
    return s;
}

bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

/// One raw tree entry: mode as git writes it ("100644", "40000", "120000",
/// "160000"), name (any bytes), object id in hex.
struct Raw {
    std::string mode;
    std::string name;
    std::string id;
};

class HostileRemote : public ::testing::Test {
protected:
    void SetUp() override {
        ::setenv("GIT_AUTHOR_NAME", "Ada Tester", 1);
        ::setenv("GIT_AUTHOR_EMAIL", "ada@example.com", 1);
        ::setenv("GIT_COMMITTER_NAME", "Mallory", 1);
        ::setenv("GIT_COMMITTER_EMAIL", "mallory@example.com", 1);
        m_server = m_tmp.path() / "server.git";
        m_outside = m_tmp.path() / "outside";
        fs::create_directories(m_outside);
        write_file(m_outside / "secret.txt", "outside the vault\n");
        m_vault = git_sample_vault(m_tmp);
        ASSERT_EQ(shell("git init -q --bare -b main " + quoted(m_server)), 0);
        KithRun first = kith({"sync", "--add-remote", m_server.string()});
        ASSERT_EQ(first.status, 0) << first.err;
        m_base = git(m_server, "rev-parse main");
    }

    void TearDown() override {
        ::unsetenv("GIT_COMMITTER_NAME");
        ::unsetenv("GIT_COMMITTER_EMAIL");
        ::unsetenv("GIT_AUTHOR_NAME");
        ::unsetenv("GIT_AUTHOR_EMAIL");
    }

    KithRun kith(std::vector<std::string> args) {
        std::vector<std::string> full{"--vault", m_vault.string(), "--today", "2026-11-22"};
        full.insert(full.end(), args.begin(), args.end());
        return run_kith(full);
    }

    std::string git(const fs::path& repo, const std::string& args, const std::string& input = {}) {
        const fs::path in = m_tmp.path() / "git-in";
        const fs::path out = m_tmp.path() / "git-out";
        write_file(in, input);
        shell("cd " + quoted(repo) + " && git " + args + " < " + quoted(in) + " > " + quoted(out) + " 2>&1");
        return trim(read_text(out));
    }

    std::string blob(const std::string& content) { return git(m_server, "hash-object -w --stdin", content); }

    /// A tree made of exactly `entries`, as given (duplicates and odd names
    /// kept), sorted the way git sorts trees.
    std::string tree(std::vector<Raw> entries) {
        auto key = [](const Raw& r) { return r.name + (r.mode == "40000" ? "/" : ""); };
        std::stable_sort(entries.begin(), entries.end(), [&](const Raw& a, const Raw& b) { return key(a) < key(b); });
        std::string bytes;
        for (const Raw& r : entries) {
            bytes += r.mode + " " + r.name + '\0';
            for (std::size_t i = 0; i + 1 < r.id.size(); i += 2)
                bytes += static_cast<char>(std::stoi(r.id.substr(i, 2), nullptr, 16));
        }
        return git(m_server, "hash-object -t tree --literally -w --stdin", bytes);
    }

    /// The entries of the server's main tree (the vault as pushed).
    std::vector<Raw> base_entries() {
        std::vector<Raw> out;
        std::istringstream in(git(m_server, "ls-tree " + m_base));
        std::string line;
        while (std::getline(in, line)) {
            // "<mode> <type> <id>\t<name>"
            const auto tab = line.find('\t');
            std::istringstream head(line.substr(0, tab));
            Raw r;
            std::string type;
            head >> r.mode >> type >> r.id;
            if (r.mode == "040000") r.mode = "40000";
            r.name = line.substr(tab + 1);
            out.push_back(r);
        }
        return out;
    }

    /// The vault's tree plus `extra` entries at the root, committed on the
    /// server's main on top of `parent` (default: what the victim has).
    std::string push_root(const std::vector<Raw>& extra, std::string parent = {}) {
        auto entries = base_entries();
        entries.insert(entries.end(), extra.begin(), extra.end());
        return push_tree(tree(entries), parent);
    }

    std::string push_tree(const std::string& tree_id, std::string parent = {}) {
        if (parent.empty()) parent = git(m_server, "rev-parse main");
        const std::string commit = git(m_server, "commit-tree " + tree_id + " -p " + parent + " -m hostile");
        EXPECT_EQ(commit.size(), 40u) << commit;
        git(m_server, "update-ref refs/heads/main " + commit);
        return commit;
    }

    /// What must not change: every file and link under the vault (the work
    /// tree and .git, but for what a fetch adds and kith's own cache) and
    /// beside it, with contents and link targets.
    std::map<std::string, std::string> snapshot() {
        std::map<std::string, std::string> out;
        for (const fs::path& root : {m_vault, m_outside}) {
            std::error_code ec;
            for (auto it = fs::recursive_directory_iterator(root, ec); it != fs::recursive_directory_iterator();
                 it.increment(ec)) {
                const std::string rel = fs::relative(it->path(), root).generic_string();
                if (rel == ".git/objects" || rel == ".git/refs/remotes" || rel == ".git/logs/refs/remotes" ||
                    rel == ".kith/cache") {
                    it.disable_recursion_pending();
                    continue;
                }
                if (rel == ".git/FETCH_HEAD" || rel == ".git/kith-in-progress") continue;
                const std::string key = root.filename().string() + "/" + rel;
                if (it->is_symlink()) out[key] = "link:" + fs::read_symlink(it->path()).string();
                else if (it->is_directory()) out[key] = "dir";
                else out[key] = read_text(it->path());
            }
        }
        return out;
    }

    /// A sync of the victim must fail with `message` and change nothing.
    void expect_refused(const std::string& commit, const std::string& message) {
        const auto before = snapshot();
        const std::string head = git(m_vault, "rev-parse HEAD");
        KithRun r = kith({"sync"});
        EXPECT_EQ(r.status, 1) << r.out << r.err;
        EXPECT_TRUE(has(r.err, "refusing commit " + commit.substr(0, 7))) << r.err;
        EXPECT_TRUE(has(r.err, message)) << r.err;
        EXPECT_TRUE(has(r.err, "nothing was changed")) << r.err;
        EXPECT_EQ(git(m_vault, "rev-parse HEAD"), head);
        EXPECT_FALSE(fs::exists(fs::symlink_status(m_vault / ".git/hooks/post-commit")));
        const auto after = snapshot();
        for (const auto& [k, v] : after) {
            auto it = before.find(k);
            EXPECT_TRUE(it != before.end() && it->second == v) << "changed or new: " << k;
        }
        for (const auto& [k, v] : before) EXPECT_TRUE(after.count(k)) << "gone: " << k;
        // The repository's own objects and refs hang together; the remote's
        // malformed trees are the remote's (git fsck's object checks would
        // flag them in any clone).
        EXPECT_EQ(shell("cd " + quoted(m_vault) + " && git fsck --connectivity-only --no-progress >/dev/null 2>&1"), 0);
        EXPECT_EQ(git(m_vault, "status --porcelain"), "");
    }

    /// Puts the server's main back where the victim is, for the next case.
    void reset_server() { git(m_server, "update-ref refs/heads/main " + git(m_vault, "rev-parse HEAD")); }

    /// A hostile root entry named `name` holding `hooks/post-commit`.
    std::string hooks_tree() {
        const std::string hook = blob("#!/bin/sh\ntouch pwned\n");
        const std::string hooks = tree({{"100755", "post-commit", hook}});
        return tree({{"40000", "hooks", hooks}});
    }

    TempDir m_tmp;
    fs::path m_server, m_vault, m_outside;
    std::string m_base;
};

} // namespace

TEST_F(HostileRemote, ALinkToDotGitBesideAFolderOfTheSameNameNeverWritesAHook) {
    // The attack of issue 17: `j -> .git` and a tree `j/hooks/post-commit`.
    const std::string c = push_root({{"120000", "j", blob(".git")}, {"40000", "j", hooks_tree()}});
    expect_refused(c, "\"j\" is two entries with the same name");
    reset_server();
    // The link alone, to be followed by the folder in a later push.
    const std::string c1 = push_root({{"120000", "j", blob(".git")}});
    expect_refused(c1, "\"j\" is a symbolic link to \".git\" that leads into .git");
    reset_server();
    // The same with a harmless link target: still two entries named j.
    const std::string c2 = push_root({{"120000", "j", blob("journal")}, {"40000", "j", hooks_tree()}});
    expect_refused(c2, "\"j\" is two entries with the same name");
}

TEST_F(HostileRemote, TwoEntriesWithTheSameNameAreRefused) {
    const std::string c = push_root({{"100644", "dup.md", blob("a\n")}, {"100644", "dup.md", blob("b\n")}});
    expect_refused(c, "\"dup.md\" is two entries with the same name");
}

TEST_F(HostileRemote, DotGitInEverySpellingIsRefused) {
    const std::string config = blob("[core]\n\tfsmonitor = touch pwned\n");
    for (const std::string name : {".GIT", ".Git", ".git ", ".git.", ".git. . ", "git~1", "GIT~1", ".g\u200Cit",
                                   "\uFEFF.git", ".git\u200D", ".git::$INDEX_ALLOCATION"}) {
        SCOPED_TRACE(name);
        const std::string c = push_root({{"40000", name, tree({{"100644", "config", config}})}});
        expect_refused(c, "is .git on some file system");
        reset_server();
    }
    // Deeper down, and a file rather than a folder.
    const std::string inner = tree({{"100644", ".GIT", config}});
    const std::string c = push_root({{"40000", "notes", inner}});
    expect_refused(c, "\"notes/.GIT\"");
}

TEST_F(HostileRemote, NamesWithASlashOrDotsAreRefused) {
    const std::string b = blob("x\n");
    const std::pair<std::string, std::string> cases[] = {
        {"a/b.md", "\"a/b.md\" is a name with a \"/\" in it"},
        {"..", "\"..\" is a \"..\" in the path"},
        {".", "\".\" is a \".\" in the path"},
    };
    for (const auto& [name, message] : cases) {
        SCOPED_TRACE(name);
        const std::string c = push_root({{"100644", name, b}});
        expect_refused(c, message);
        reset_server();
    }
}

TEST_F(HostileRemote, AnAbsoluteLinkIsRefused) {
    const std::string c = push_root({{"120000", "etc", blob("/etc")}});
    expect_refused(c, "\"etc\" is a symbolic link to \"/etc\" (an absolute path)");
}

TEST_F(HostileRemote, ALinkLeavingTheVaultIsRefused) {
    const std::string c = push_root({{"120000", "up", blob("../outside")}});
    expect_refused(c, "that leaves the repository");
    reset_server();
    const std::string deep = tree({{"120000", "x.md", blob("../../outside/secret.txt")}});
    const std::string c2 = push_root({{"40000", "people", deep}});
    expect_refused(c2, "\"people/x.md\" is a symbolic link to \"../../outside/secret.txt\" that leaves the repository");
}

TEST_F(HostileRemote, AChainOfLinksIntoDotGitIsRefused) {
    // a -> b/c, b -> d, d/c -> ../.git : each alone looks harmless.
    const std::string d = tree({{"120000", "c", blob("../.git")}});
    const std::string c = push_root({{"120000", "a", blob("b/c")}, {"120000", "b", blob("d")}, {"40000", "d", d}});
    expect_refused(c, "that leads into .git");
    reset_server();
    // A loop ends.
    const std::string c2 = push_root({{"120000", "loop1", blob("loop2/x")}, {"120000", "loop2", blob("loop1/x")}});
    expect_refused(c2, "a loop of symbolic links");
}

TEST_F(HostileRemote, ASubmoduleAndGitmodulesAreRefused) {
    const std::string c = push_root({{"160000", "sub", m_base}});
    expect_refused(c, "\"sub\" is a submodule (gitlink)");
    reset_server();
    const std::string c2 = push_root({{"100644", ".gitmodules", blob("[submodule \"x\"]\n\tpath = x\n\turl = ../x\n")}});
    expect_refused(c2, "\".gitmodules\" is a .gitmodules file");
    reset_server();
    const std::string c3 = push_root({{"120000", ".GITMODULES", blob("contacts")}});
    expect_refused(c3, "\".GITMODULES\"");
}

TEST_F(HostileRemote, ALinkSwappedForAFolderBetweenTwoSyncsIsRefused) {
    // First sync: a link inside the vault, which is fine.
    push_root({{"120000", "j", blob("journal")}});
    KithRun one = kith({"sync"});
    ASSERT_EQ(one.status, 0) << one.err;
    ASSERT_TRUE(fs::is_symlink(m_vault / "j"));
    // Second: the link becomes a folder; writing j/x.md would go through the
    // link that is still in the work tree.
    auto entries = base_entries();
    entries.push_back({"40000", "j", tree({{"100644", "x.md", blob("# x\n")}})});
    const std::string c = push_tree(tree(entries));
    expect_refused(c, "\"j/x.md\" passes through \"j\", a symbolic link in the work tree");
    EXPECT_FALSE(fs::exists(m_vault / "journal/x.md"));
}

TEST_F(HostileRemote, AnIncomingFileOverTheSizeLimitIsRefusedBeforeItIsRead) {
    const std::string big = git(m_server, "hash-object -w /dev/stdin", std::string((64u << 20) + 1, 'a'));
    const std::string c = push_root({{"100644", "big.md", big}});
    expect_refused(c, "over the incoming file size limit of 64 MiB");
}

TEST_F(HostileRemote, AnOrdinaryIncomingLinkAndFileStillArrive) {
    const std::string c = push_root({{"120000", "link.txt", blob("new.txt")}, {"100644", "new.txt", blob("new\n")}});
    KithRun r = kith({"sync"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(git(m_vault, "rev-parse HEAD"), c);
    EXPECT_EQ(fs::read_symlink(m_vault / "link.txt"), "new.txt");
    EXPECT_EQ(read_text(m_vault / "new.txt"), "new\n");
    EXPECT_TRUE(git_fsck_clean(m_vault));
}

// ------------------------------------------------------------ what kith reads

class HostileVault : public ::testing::Test {
protected:
    void SetUp() override {
        m_vault = copy_sample_vault(m_tmp);
        m_outside = m_tmp.path() / "outside";
        fs::create_directories(m_outside);
        write_file(m_outside / "secret.md", "TOP SECRET\n");
    }
    KithRun kith(std::vector<std::string> args) {
        std::vector<std::string> full{"--vault", m_vault.string(), "--today", "2026-11-22"};
        full.insert(full.end(), args.begin(), args.end());
        return run_kith(full, {}, m_vault);
    }
    TempDir m_tmp;
    fs::path m_vault, m_outside;
};

TEST_F(HostileVault, ATemplateLinkedToEtcPasswdIsNotRendered) {
    fs::create_directories(m_vault / "templates");
    fs::remove(m_vault / "templates/review.md");
    fs::create_symlink("/etc/passwd", m_vault / "templates/review.md");
    KithRun r = kith({"review"});
    EXPECT_EQ(r.status, 1);
    EXPECT_FALSE(has(r.out, "root:")) << r.out;
    EXPECT_TRUE(has(r.err, "refusing to read templates/review.md: it is a symbolic link")) << r.err;
}

TEST_F(HostileVault, ATemplateLinkedOutsideTheVaultIsNotRendered) {
    fs::create_directories(m_vault / "templates");
    fs::remove(m_vault / "templates/review.md");
    fs::create_symlink(m_outside / "secret.md", m_vault / "templates/review.md");
    KithRun r = kith({"review"});
    EXPECT_EQ(r.status, 1);
    EXPECT_FALSE(has(r.out, "TOP SECRET"));
    EXPECT_TRUE(has(r.err, "symbolic link")) << r.err;
    // The templates folder itself a link: the same.
    fs::remove_all(m_vault / "templates");
    fs::create_directory_symlink(m_outside, m_vault / "templates");
    fs::copy_file(m_outside / "secret.md", m_outside / "review.md");
    KithRun r2 = kith({"review"});
    EXPECT_EQ(r2.status, 1);
    EXPECT_FALSE(has(r2.out, "TOP SECRET"));
    EXPECT_TRUE(has(r2.err, "passes through the symbolic link \"templates\"")) << r2.err;
}

TEST_F(HostileVault, AContactTemplateLinkedOutsideIsNotUsedByAdd) {
    fs::create_directories(m_vault / "templates");
    fs::remove(m_vault / "templates/contact.md");
    fs::create_symlink(m_outside / "secret.md", m_vault / "templates/contact.md");
    KithRun r = kith({"add", "Eve Example"});
    EXPECT_EQ(r.status, 1);
    EXPECT_FALSE(fs::exists(m_vault / "contacts/eve-example.md"));
}

TEST_F(HostileVault, AConfigThatIsALinkIsRefused) {
    write_file(m_outside / "config.yaml", read_text(m_vault / ".kith/config.yaml"));
    fs::remove(m_vault / ".kith/config.yaml");
    fs::create_symlink(m_outside / "config.yaml", m_vault / ".kith/config.yaml");
    KithRun r = kith({"check"});
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(has(r.err + r.out, ".kith/config.yaml:1: error: cannot read the config: refusing to read "
                                   ".kith/config.yaml: it is a symbolic link"))
        << r.err << r.out;
}

TEST_F(HostileVault, AConfigThatIsAFifoIsAnErrorNotAHang) {
    fs::remove(m_vault / ".kith/config.yaml");
    ASSERT_EQ(::mkfifo((m_vault / ".kith/config.yaml").c_str(), 0644), 0);
    const fs::path log = m_tmp.path() / "log";
    const int rc = shell("timeout 20 " + quoted(KITH_BINARY) + " --vault " + quoted(m_vault) + " check > " +
                         quoted(log) + " 2>&1");
    EXPECT_EQ(rc, 1) << read_text(log); // timeout's 124 would mean a hang
    EXPECT_TRUE(has(read_text(log), "it is not a regular file")) << read_text(log);
}

TEST_F(HostileVault, ReviewOutThroughALinkedFolderIsRefused) {
    fs::create_directory_symlink(m_outside, m_vault / "out");
    KithRun r = kith({"review", "--out", (m_vault / "out/weekly.md").string()});
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(has(r.err, "passes through the symbolic link \"out\"")) << r.err;
    EXPECT_FALSE(fs::exists(m_outside / "weekly.md"));
    // A plain folder is fine.
    fs::create_directories(m_vault / "reviews");
    KithRun ok = kith({"review", "--out", "reviews/weekly.md"});
    EXPECT_EQ(ok.status, 0) << ok.err;
    EXPECT_TRUE(fs::exists(m_vault / "reviews/weekly.md"));
}

TEST_F(HostileVault, ALinkIntoDotGitIsNotWalked) {
    ASSERT_EQ(shell("cd " + quoted(m_vault) + " && git init -q -b main"), 0);
    write_file(m_vault / ".git/secret.md", "---\nname: In Git\n---\n");
    fs::create_directory_symlink(".git", m_vault / "j");
    KithRun r = kith({"check"});
    EXPECT_TRUE(has(r.out + r.err, "j:1: warning: symlink leads into a dot-folder (such as .git); skipped"))
        << r.out << r.err;
    EXPECT_FALSE(has(r.out + r.err, "j/secret.md")) << r.out << r.err;
}
