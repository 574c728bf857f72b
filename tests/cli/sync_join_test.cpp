// A second machine joins (kith clone, a fresh vault adopting a remote's
// history, kith init in a hand-made vault) and files kith does not own never
// block a sync (editor state, attachments). A bare "server" repository in a
// temporary folder; the transports have their own tests (sync_servers_test).

#include "support.hpp"

#include "adapters/git.hpp"
#include "adapters/sync_policy.hpp"
#include "kith/parse/sync_config.hpp"

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using namespace kith;
using namespace kith::test;

namespace {

bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

std::string git_out(const fs::path& repo, const std::string& args, const fs::path& scratch) {
    const fs::path out = scratch / "git-out";
    shell("cd " + quoted(repo) + " && git " + args + " > " + quoted(out) + " 2>&1");
    return read_text(out);
}

class Join : public ::testing::Test {
protected:
    void SetUp() override {
        m_server = m_tmp.path() / "server.git";
        m_laptop = git_sample_vault(m_tmp);
        ASSERT_EQ(shell("git init -q --bare -b main " + quoted(m_server) + " && cd " + quoted(m_laptop) +
                        " && git remote add origin " + quoted(m_server) + " && git push -q origin main 2>/dev/null"),
                  0);
    }
    KithRun in(const fs::path& dir, std::vector<std::string> args) {
        return run_kith(vault_args(dir, args), {}, m_tmp.path());
    }
    std::string head(const fs::path& repo) { return git_out(repo, "rev-parse HEAD", m_tmp.path()); }
    void commit_all(const fs::path& repo, const std::string& what) {
        ASSERT_EQ(shell("cd " + quoted(repo) + " && git add -A && git -c user.name=S -c user.email=s@e commit -qm " +
                        test::quoted(fs::path(what))),
                  0);
    }

    EnvVar m_name{"GIT_AUTHOR_NAME", "Ada Tester"};
    EnvVar m_email{"GIT_AUTHOR_EMAIL", "ada@example.com"};
    TempDir m_tmp;
    fs::path m_server, m_laptop;
};

} // namespace

TEST_F(Join, CloneMakesAWorkingVaultThatTracksTheRemote) {
    KithRun c = run_kith({"clone", m_server.string()}, {}, m_tmp.path());
    ASSERT_EQ(c.status, 0) << c.err;
    const fs::path desktop = m_tmp.path() / "server"; // the URL's name without .git, as git clone
    EXPECT_TRUE(has(c.out, "branch main tracks origin/main")) << c.out;
    EXPECT_EQ(read_text(desktop / "contacts/alice-chen.md"), read_text(m_laptop / "contacts/alice-chen.md"));
    EXPECT_EQ(head(desktop), head(m_laptop));
    EXPECT_EQ(git_out(desktop, "rev-parse --abbrev-ref main@{upstream}", m_tmp.path()), "origin/main\n");
    EXPECT_TRUE(git_out(desktop, "status --porcelain", m_tmp.path()).empty());
    EXPECT_EQ(in(desktop, {"check"}).status, 0);
    // And it syncs at once.
    ASSERT_EQ(in(desktop, {"log", "alice-chen", "from", "the", "clone"}).status, 0);
    KithRun s = in(desktop, {"sync"});
    ASSERT_EQ(s.status, 0) << s.err;
    EXPECT_TRUE(has(s.out, "pushed 1 file (1 changed; 1 entry or follow-up added) to origin/main")) << s.out;
}

TEST_F(Join, CloneRefusesAFolderThatIsNotEmptyAndLeavesNothingOnFailure) {
    write_file(m_tmp.path() / "busy/keep.txt", "mine\n");
    KithRun busy = run_kith({"clone", m_server.string(), "busy"}, {}, m_tmp.path());
    EXPECT_EQ(busy.status, 1);
    EXPECT_TRUE(has(busy.err, "not an empty folder")) << busy.err;
    EXPECT_EQ(read_text(m_tmp.path() / "busy/keep.txt"), "mine\n");
    KithRun missing = run_kith({"clone", (m_tmp.path() / "nowhere.git").string(), "fresh"}, {}, m_tmp.path());
    EXPECT_EQ(missing.status, 1);
    EXPECT_FALSE(fs::exists(m_tmp.path() / "fresh"));
}

TEST_F(Join, CloneOfANonVaultWarnsAndSaysHowToMakeItOne) {
    const fs::path plain = m_tmp.path() / "plain.git";
    ASSERT_EQ(shell("git init -q --bare -b main " + quoted(plain) + " && git clone -q " + quoted(plain) + " " +
                    quoted(m_tmp.path() / "seed") + " 2>/dev/null && cd " + quoted(m_tmp.path() / "seed") +
                    " && echo hi > README.txt && git add -A && git -c user.name=S -c user.email=s@e commit -qm r && "
                    "git push -q origin main 2>/dev/null"),
              0);
    KithRun c = run_kith({"clone", plain.string(), "notes"}, {}, m_tmp.path());
    EXPECT_EQ(c.status, 0) << c.err;
    EXPECT_TRUE(has(c.err, "holds no kith vault")) << c.err;
    EXPECT_TRUE(has(c.err, "kith init")) << c.err;
}

TEST_F(Join, AJustInitialisedVaultAdoptsTheRemotesHistory) {
    const fs::path desktop = m_tmp.path() / "desktop";
    ASSERT_EQ(run_kith({"init", desktop.string()}, {}, m_tmp.path()).status, 0);
    KithRun s = in(desktop, {"sync", "--add-remote", m_server.string()});
    ASSERT_EQ(s.status, 0) << s.err;
    EXPECT_TRUE(has(s.out, "took origin/main's history")) << s.out;
    EXPECT_TRUE(has(s.out, "branch main now tracks origin/main")) << s.out;
    EXPECT_EQ(head(desktop), head(m_laptop)) << "no merge commit, nothing pushed";
    EXPECT_EQ(read_text(desktop / "contacts/alice-chen.md"), read_text(m_laptop / "contacts/alice-chen.md"));
    EXPECT_EQ(git_out(desktop, "rev-parse --abbrev-ref @{upstream}", m_tmp.path()), "origin/main\n");
    EXPECT_TRUE(git_out(desktop, "status --porcelain", m_tmp.path()).empty());
    EXPECT_TRUE(git_fsck_clean(desktop));
}

TEST_F(Join, AnEmptyRepositoryTakesTheRemote) {
    const fs::path desktop = m_tmp.path() / "desktop";
    ASSERT_EQ(shell("git init -q -b main " + quoted(desktop)), 0);
    KithRun s = in(desktop, {"sync", "--add-remote", m_server.string()});
    ASSERT_EQ(s.status, 0) << s.err;
    EXPECT_EQ(head(desktop), head(m_laptop));
}

TEST_F(Join, AVaultWithItsOwnNotesMergesTheUnrelatedHistoryAndKeepsBoth) {
    const fs::path desktop = m_tmp.path() / "desktop";
    ASSERT_EQ(run_kith({"init", desktop.string()}, {}, m_tmp.path()).status, 0);
    ASSERT_EQ(in(desktop, {"add", "Grace", "Hopper"}).status, 0);
    KithRun s = in(desktop, {"sync", "--add-remote", m_server.string()});
    ASSERT_EQ(s.status, 0) << s.err;
    EXPECT_TRUE(has(s.out, "(merged)")) << s.out;
    EXPECT_TRUE(fs::exists(desktop / "contacts/grace-hopper.md"));
    EXPECT_TRUE(fs::exists(desktop / "contacts/alice-chen.md"));
    // Both roots are in the history, and the server has the merge.
    EXPECT_EQ(git_out(desktop, "rev-list --max-parents=0 HEAD | wc -l", m_tmp.path()), "2\n");
    ASSERT_EQ(in(m_laptop, {"sync"}).status, 0);
    EXPECT_TRUE(fs::exists(m_laptop / "contacts/grace-hopper.md"));
    EXPECT_TRUE(git_fsck_clean(desktop));
}

TEST_F(Join, InitInAHandMadeVaultAddsTheConfigAndKeepsEverything) {
    const fs::path notes = m_tmp.path() / "obsidian";
    write_file(notes / "contacts/ada.md", "---\nname: Ada\n---\n- 2026-11-01 met\n");
    write_file(notes / "Daily/2026-11-02.md", "- talked to [[ada]]\n");
    write_file(notes / ".obsidian/app.json", "{}\n");
    ASSERT_EQ(shell("cd " + quoted(notes) + " && git init -q -b main && git add -A && "
                    "git -c user.name=S -c user.email=s@e commit -qm mine"),
              0);
    write_file(notes / "contacts/uncommitted.md", "---\nname: Bo\n---\n");
    KithRun r = run_kith({"init", notes.string()}, {}, m_tmp.path());
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(fs::exists(notes / ".kith/config.yaml"));
    EXPECT_TRUE(has(read_text(notes / ".gitignore"), ".obsidian/workspace*"));
    EXPECT_FALSE(fs::exists(notes / "contacts/.gitkeep")) << "contacts/ was there";
    EXPECT_TRUE(fs::exists(notes / "journal/.gitkeep"));
    EXPECT_EQ(read_text(notes / "contacts/ada.md"), "---\nname: Ada\n---\n- 2026-11-01 met\n");
    // The init commit holds only what init made; the user's file stays uncommitted.
    auto repo = Repo::discover(notes);
    auto paths = repo->head_changed_paths();
    EXPECT_EQ(paths, (std::vector<std::string>{".gitignore", ".kith/config.yaml", "journal/.gitkeep"}));
    EXPECT_TRUE(has(git_out(notes, "status --porcelain", m_tmp.path()), "contacts/uncommitted.md"));
    EXPECT_EQ(git_out(notes, "rev-list --count HEAD", m_tmp.path()), "2\n");
    // Once is enough.
    KithRun again = run_kith({"init", notes.string()}, {}, m_tmp.path());
    EXPECT_EQ(again.status, 1);
    EXPECT_TRUE(has(again.err, "already a kith vault")) << again.err;
}

class Editors : public Join {
protected:
    void SetUp() override {
        Join::SetUp();
        // A vault that tracks Obsidian's state, as many hand-made ones do.
        write_file(m_laptop / ".obsidian/workspace.json", "{\n  \"active\": \"start\"\n}\n");
        write_file(m_laptop / ".obsidian/app.json", "{\n  \"theme\": \"light\"\n}\n");
        write_file(m_laptop / "attachments/photo.png", "PNG0");
        commit_all(m_laptop, "obsidian");
        ASSERT_EQ(shell("cd " + quoted(m_laptop) + " && git push -q origin main 2>/dev/null"), 0);
        m_desktop = m_tmp.path() / "desktop";
        ASSERT_EQ(shell("git clone -q " + quoted(m_server) + " " + quoted(m_desktop)), 0);
    }
    fs::path m_desktop;
};

TEST_F(Editors, ObsidianWorkspaceChangedOnBothSidesNeverBlocksTheNotes) {
    write_file(m_laptop / ".obsidian/workspace.json", "{\n  \"active\": \"laptop\"\n}\n");
    ASSERT_EQ(in(m_laptop, {"log", "alice-chen", "from", "the", "laptop"}).status, 0);
    ASSERT_EQ(in(m_laptop, {"sync"}).status, 0);
    write_file(m_desktop / ".obsidian/workspace.json", "{\n  \"active\": \"desktop\"\n}\n");
    ASSERT_EQ(in(m_desktop, {"log", "bob-okafor", "from", "the", "desktop"}).status, 0);
    KithRun d = in(m_desktop, {"sync"});
    ASSERT_EQ(d.status, 0) << d.err;
    EXPECT_TRUE(has(d.out, "kept this machine's .obsidian/workspace.json")) << d.out;
    EXPECT_TRUE(has(read_text(m_desktop / ".obsidian/workspace.json"), "desktop"));
    EXPECT_TRUE(has(read_text(m_desktop / "contacts/alice-chen.md"), "from the laptop"));
    for (const auto& e : fs::directory_iterator(m_desktop / ".obsidian"))
        EXPECT_FALSE(has(e.path().filename().string(), "conflict")) << e.path();
    // The laptop takes the merge as it is.
    ASSERT_EQ(in(m_laptop, {"sync"}).status, 0);
    EXPECT_TRUE(has(read_text(m_laptop / "contacts/bob-okafor.md"), "from the desktop"));
    EXPECT_EQ(head(m_laptop), head(m_desktop));
}

TEST_F(Editors, AnotherFileBothChangedKeepsOursAndTheRemotesVersionBesideIt) {
    write_file(m_laptop / ".obsidian/app.json", "{\n  \"theme\": \"dark\"\n}\n");
    write_file(m_laptop / "attachments/photo.png", "PNG-laptop");
    ASSERT_EQ(in(m_laptop, {"sync"}).status, 0);
    const std::string their_id = head(m_laptop).substr(0, 7);
    write_file(m_desktop / ".obsidian/app.json", "{\n  \"theme\": \"solarized\"\n}\n");
    write_file(m_desktop / "attachments/photo.png", "PNG-desktop");
    KithRun d = in(m_desktop, {"--format", "json", "sync"});
    ASSERT_EQ(d.status, 0) << d.err;
    auto j = nlohmann::json::parse(d.out);
    EXPECT_EQ(j["kept_ours"], nlohmann::json::array({".obsidian/app.json", "attachments/photo.png"}));
    EXPECT_EQ(j["conflict_copies"], nlohmann::json::array({".obsidian/app.conflict-" + their_id + ".json",
                                                           "attachments/photo.conflict-" + their_id + ".png"}));
    EXPECT_TRUE(has(read_text(m_desktop / ".obsidian/app.json"), "solarized"));
    EXPECT_EQ(read_text(m_desktop / ("attachments/photo.conflict-" + their_id + ".png")), "PNG-laptop");
    ASSERT_EQ(in(m_laptop, {"sync"}).status, 0);
    EXPECT_EQ(read_text(m_laptop / "attachments/photo.png"), "PNG-desktop");
    EXPECT_TRUE(fs::exists(m_laptop / ("attachments/photo.conflict-" + their_id + ".png")));
}

TEST_F(Editors, TheConfigsSyncIgnoreAddsEditorState) {
    write_file(m_laptop / ".kith/config.yaml",
               read_text(m_laptop / ".kith/config.yaml") + "\nsync_ignore: [.obsidian/plugins/*/data.json]\n");
    write_file(m_laptop / ".obsidian/plugins/calendar/data.json", "{\"week\": 1}\n");
    commit_all(m_laptop, "plugin");
    ASSERT_EQ(in(m_laptop, {"sync"}).status, 0);
    ASSERT_EQ(shell("cd " + quoted(m_desktop) + " && git pull -q 2>/dev/null"), 0);
    write_file(m_laptop / ".obsidian/plugins/calendar/data.json", "{\"week\": 2}\n");
    ASSERT_EQ(in(m_laptop, {"sync"}).status, 0);
    write_file(m_desktop / ".obsidian/plugins/calendar/data.json", "{\"week\": 3}\n");
    KithRun d = in(m_desktop, {"--format", "json", "sync"});
    ASSERT_EQ(d.status, 0) << d.err;
    auto j = nlohmann::json::parse(d.out);
    EXPECT_EQ(j["kept_ours"], nlohmann::json::array({".obsidian/plugins/calendar/data.json"}));
    EXPECT_EQ(j["conflict_copies"], nlohmann::json::array());
}

TEST_F(Editors, AConflictInTheConfigNamesItsLineNotTheBody) {
    const std::string cfg = read_text(m_laptop / ".kith/config.yaml");
    const auto at = cfg.find("remind_within: 14d");
    ASSERT_NE(at, std::string::npos);
    std::string a = cfg, b = cfg;
    a.replace(at, 18, "remind_within: 7d");
    b.replace(at, 18, "remind_within: 21d");
    write_file(m_laptop / ".kith/config.yaml", a);
    ASSERT_EQ(in(m_laptop, {"sync"}).status, 0);
    write_file(m_desktop / ".kith/config.yaml", b);
    KithRun d = in(m_desktop, {"sync"});
    EXPECT_EQ(d.status, 1);
    EXPECT_TRUE(has(d.err, ".kith/config.yaml")) << d.err;
    EXPECT_FALSE(has(d.err, "of the body")) << d.err;
}

TEST_F(Editors, SummariesSayOnlyWhatHappened) {
    ASSERT_EQ(in(m_desktop, {"set", "bob-okafor", "title", "CTO"}).status, 0);
    KithRun d = in(m_desktop, {"sync"});
    ASSERT_EQ(d.status, 0) << d.err;
    EXPECT_TRUE(has(d.out, "pushed 1 file (1 changed) to origin/main")) << d.out;
    EXPECT_FALSE(has(d.out, "; 0")) << d.out;
    EXPECT_FALSE(has(d.out, "(;")) << d.out;
}

TEST(SyncPolicy, EditorStateMatchesTheBuiltInListAndTheConfigsPatterns) {
    const std::vector<std::string> none;
    EXPECT_EQ(ownership_of(".obsidian/workspace.json", none), Ownership::EditorState);
    EXPECT_EQ(ownership_of(".obsidian/workspace-mobile.json", none), Ownership::EditorState);
    EXPECT_EQ(ownership_of(".trash/old note.md", none), Ownership::EditorState);
    EXPECT_EQ(ownership_of("contacts/.DS_Store", none), Ownership::EditorState);
    EXPECT_EQ(ownership_of("contacts/alice.md", none), Ownership::Kith);
    EXPECT_EQ(ownership_of(".kith/config.yaml", none), Ownership::Kith);
    EXPECT_EQ(ownership_of(".obsidian/app.json", none), Ownership::Other);
    EXPECT_EQ(ownership_of("attachments/photo.png", none), Ownership::Other);
    const std::vector<std::string> extra{".obsidian/plugins/*/data.json", "*.tmp", "scratch/"};
    EXPECT_EQ(ownership_of(".obsidian/plugins/calendar/data.json", extra), Ownership::EditorState);
    EXPECT_EQ(ownership_of(".obsidian/plugins/calendar/main.js", extra), Ownership::Other);
    EXPECT_EQ(ownership_of("a/b/c.tmp", extra), Ownership::EditorState);
    EXPECT_EQ(ownership_of("notes/scratch/x.md", extra), Ownership::EditorState);
}

TEST(SyncPolicy, TheRemotesVersionKeepsItsExtensionBesideTheFile) {
    EXPECT_EQ(conflict_copy_path("attachments/photo.png", "1a2b3c4"), "attachments/photo.conflict-1a2b3c4.png");
    EXPECT_EQ(conflict_copy_path("README", "1a2b3c4"), "README.conflict-1a2b3c4");
    EXPECT_EQ(conflict_copy_path(".gitignore", "1a2b3c4"), ".gitignore.conflict-1a2b3c4");
    EXPECT_EQ(conflict_copy_path("v1.2/notes", "1a2b3c4"), "v1.2/notes.conflict-1a2b3c4");
}

TEST(SyncPolicy, SyncIgnoreIsReadFromTheConfigAndChecked) {
    EXPECT_EQ(sync_ignore_patterns("tiers:\n  core: 30d\nsync_ignore: [a/*.json, \"*.tmp\"]\n"),
              (std::vector<std::string>{"a/*.json", "*.tmp"}));
    EXPECT_EQ(sync_ignore_patterns("sync_ignore: one.txt\n"), std::vector<std::string>{"one.txt"});
    EXPECT_TRUE(sync_ignore_patterns("remind_within: 14d\n").empty());
    Diagnostics d;
    parse_config("sync_ignore: {a: b}\n", d);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_NE(d[0].message.find("'sync_ignore' must be a list of patterns"), std::string::npos) << d[0].message;
    Diagnostics fine;
    parse_config("sync_ignore: []\n", fine);
    EXPECT_TRUE(fine.empty());
}
