// End-to-end runs of the writing commands over a temporary copy of
// sample-vault turned into a git repository: what they write (byte for byte),
// what they commit (read back through libgit2), and how they behave under
// concurrency and when killed half-way.

#include "support.hpp"

#include "adapters/git.hpp"
#include "kith/parse/file.hpp"

#include <git2.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <fcntl.h>
#include <cstdlib>
#include <random>
#include <set>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace kith;
using namespace kith::test;

namespace {

/// The lines of `after` that are not in `before`, expecting `after` to be
/// `before` with only lines inserted.
std::vector<std::string> added_lines(const std::string& before, const std::string& after) {
    auto extra = lines_added(before, after);
    EXPECT_TRUE(extra.has_value()) << "lines of the original were changed or lost";
    return extra.value_or(std::vector<std::string>{});
}

class WriteCommands : public ::testing::Test {
protected:
    void SetUp() override {
        m_vault = copy_sample_vault(m_tmp);
        ASSERT_EQ(shell("cd " + test::quoted(m_vault) + " && git init -q -b main && git add -A && "
                     "git -c user.name=Setup -c user.email=setup@example.com commit -qm initial"),
                  0);
    }

    KithRun kith(std::vector<std::string> args) {
        return run_kith(vault_args(m_vault, args));
    }

    std::string file(const std::string& rel) { return read_text(m_vault / rel); }

    std::optional<CommitInfo> head() { return Repo::discover(m_vault)->head(); }

    std::vector<std::string> head_paths() { return Repo::discover(m_vault)->head_changed_paths(); }

    std::string status() {
        std::string out = (m_tmp.path() / "status").string();
        shell("cd " + test::quoted(m_vault) + " && git status --porcelain > " + test::quoted(out));
        return read_text(out);
    }

    TempDir m_tmp;
    fs::path m_vault;
    EnvVar m_name{"GIT_AUTHOR_NAME", "Ada Tester"};
    EnvVar m_email{"GIT_AUTHOR_EMAIL", "ada@example.com"};
};

} // namespace

TEST_F(WriteCommands, LogKeepsEveryOtherByteOfACrlfFile) {
    const std::string rel = "contacts/work/sofia-rossi.md";
    const std::string before = file(rel);
    ASSERT_NE(before.find("\r\n"), std::string::npos) << "fixture must be CRLF";
    KithRun r = kith({"log", "sofia-rossi", "--tag", "call", "talked", "about", "the", "offer"});
    ASSERT_EQ(r.status, 0) << r.err;
    const std::string after = file(rel);
    auto extra = added_lines(before, after);
    ASSERT_EQ(extra.size(), 1u);
    EXPECT_EQ(extra[0], "- 2026-11-22 #call talked about the offer\r\n");
}

TEST_F(WriteCommands, LogKeepsTheBom) {
    const std::string rel = "contacts/priya-raman.md";
    const std::string before = file(rel);
    ASSERT_EQ(before.substr(0, 3), "\xEF\xBB\xBF");
    ASSERT_EQ(kith({"log", "priya-raman", "--thanks", "thank-you", "note"}).status, 0);
    const std::string after = file(rel);
    EXPECT_EQ(after.substr(0, 3), "\xEF\xBB\xBF");
    auto extra = added_lines(before, after);
    ASSERT_EQ(extra.size(), 1u);
    EXPECT_EQ(extra[0], "- 2026-11-22 #thanks thank-you note\n");
}

TEST_F(WriteCommands, SetChangesOneLineAndKeepsCommentsAndUnknownKeys) {
    const std::string rel = "contacts/work/amara-nwosu.md";
    const std::string before = file(rel);
    ASSERT_NE(before.find("linkedin:"), std::string::npos);
    ASSERT_NE(before.find("#"), std::string::npos);
    ASSERT_EQ(kith({"set", "amara-nwosu", "company", "Fjordpay: Payments"}).status, 0);
    const std::string after = file(rel);
    // Exactly one line differs: the company line.
    std::istringstream a(before), b(after);
    std::string la, lb;
    int differing = 0;
    while (std::getline(a, la) && std::getline(b, lb))
        if (la != lb) {
            ++differing;
            EXPECT_EQ(lb.rfind("company: \"Fjordpay: Payments\"", 0), 0u) << lb;
        }
    EXPECT_EQ(differing, 1);
    EXPECT_EQ(std::count(before.begin(), before.end(), '\n'), std::count(after.begin(), after.end(), '\n'));
    auto show = nlohmann::json::parse(kith({"--format", "json", "show", "amara-nwosu"}).out);
    EXPECT_EQ(show["company"], "Fjordpay: Payments");
}

TEST_F(WriteCommands, LogKeepsAMissingFinalNewline) {
    const std::string rel = "contacts/raj-patel.md";
    std::string text = file(rel);
    while (!text.empty() && text.back() == '\n') text.pop_back();
    write_file(m_vault / rel, text);
    ASSERT_EQ(kith({"log", "raj-patel", "--date", "2026-11-20", "lunch"}).status, 0);
    const std::string after = file(rel);
    EXPECT_NE(after.back(), '\n');
    EXPECT_NE(after.find("- 2026-11-20 lunch"), std::string::npos);
}

TEST_F(WriteCommands, LoggedEntriesCountInTheReports) {
    auto last = [&] {
        auto j = nlohmann::json::parse(kith({"--format", "json", "dormant"}).out);
        for (const auto& i : j["items"])
            if (i["id"] == "ingrid-nilsen") return i["last"].get<std::string>();
        return std::string("not dormant");
    };
    EXPECT_EQ(last(), "2026-03-18");
    ASSERT_EQ(kith({"log", "Ingrid Nilsen", "--tag", "coffee", "caught", "up"}).status, 0);
    EXPECT_EQ(last(), "not dormant");
}

TEST_F(WriteCommands, EachCommandCommitsExactlyItsFileWithAClearMessage) {
    write_file(m_vault / "contacts/bob-okafor.md", file("contacts/bob-okafor.md") + "\nan edit of the user\n");
    write_file(m_vault / "journal/scratch.md", "not committed\n");
    const std::string status_before = status();

    ASSERT_EQ(kith({"log", "alice-chen", "--tag", "coffee", "talked", "about", "hiring"}).status, 0);
    auto c = head();
    ASSERT_TRUE(c);
    EXPECT_EQ(c->summary, "log: alice-chen - #coffee talked about hiring");
    EXPECT_EQ(c->author, "Ada Tester <ada@example.com>");
    EXPECT_NE(c->message.find("Kith-Command: log"), std::string::npos);
    EXPECT_EQ(head_paths(), std::vector<std::string>{"contacts/alice-chen.md"});
    EXPECT_EQ(status(), status_before) << "the user's other changes stay uncommitted";

    ASSERT_EQ(kith({"todo", "alice-chen", "send", "the", "paper", "--due", "2026-12-01"}).status, 0);
    EXPECT_EQ(head()->summary, "todo: alice-chen - send the paper \xF0\x9F\x93\x85 2026-12-01");
    ASSERT_EQ(kith({"done", "alice-chen", "paper"}).status, 0);
    EXPECT_EQ(head()->summary, "done: alice-chen - send the paper \xF0\x9F\x93\x85 2026-12-01");
    ASSERT_EQ(kith({"set", "alice-chen", "tier", "close"}).status, 0);
    EXPECT_EQ(head()->summary, "set: alice-chen tier=close");
    ASSERT_EQ(kith({"unset", "alice-chen", "location"}).status, 0);
    EXPECT_EQ(head()->summary, "unset: alice-chen location");
    EXPECT_EQ(head_paths(), std::vector<std::string>{"contacts/alice-chen.md"});
    ASSERT_EQ(kith({"add", "Grace", "Hopper", "--tier", "core", "--tag", "mentor", "--met", "2026-11-21"}).status, 0);
    EXPECT_EQ(head()->summary, "add: grace-hopper - Grace Hopper");
    EXPECT_EQ(head_paths(), std::vector<std::string>{"contacts/grace-hopper.md"});
    ASSERT_EQ(kith({"log", "alice-chen", "--with", "bob-okafor", "--tag", "lunch", "planning"}).status, 0);
    EXPECT_EQ(head()->summary, "log: alice-chen, bob-okafor - #lunch planning");
    EXPECT_EQ(head_paths(), std::vector<std::string>{"journal/2026-11-22.md"});
    EXPECT_EQ(status(), status_before);
    EXPECT_EQ(shell("cd " + test::quoted(m_vault) + " && git fsck --no-progress >/dev/null 2>&1"), 0);
}

TEST_F(WriteCommands, LogWithSeveralPeopleWritesOneJournalEntryThatCountsForEach) {
    ASSERT_EQ(kith({"log", "hannah-schulz", "--with", "Marcus Webb", "--got", "lent", "me", "a", "book"}).status, 0);
    const std::string note = file("journal/2026-11-22.md");
    EXPECT_NE(note.find("- 2026-11-22 #got lent me a book (with [[hannah-schulz]] and [[marcus-webb]])"), std::string::npos)
        << note;
    auto rec = nlohmann::json::parse(kith({"--format", "json", "reciprocity"}).out);
    int seen = 0;
    for (const auto& i : rec["items"])
        if (i["id"] == "hannah-schulz" || i["id"] == "marcus-webb") {
            EXPECT_EQ(i["got"], 1);
            ++seen;
        }
    EXPECT_EQ(seen, 2);
}

TEST_F(WriteCommands, AddRendersTheVaultTemplateAndRefusesExistingIds) {
    KithRun r = kith({"add", "Zoë", "Martín"});
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("exists already"), std::string::npos) << r.err;
    KithRun upper = kith({"add", "ALICE", "CHEN"});
    EXPECT_EQ(upper.status, 1);
    KithRun empty = kith({"add", "!!!"});
    EXPECT_EQ(empty.status, 2);
    ASSERT_EQ(kith({"add", "Ada", "Lovelace", "--company", "Analytical", "--tier", "core"}).status, 0);
    const std::string text = file("contacts/ada-lovelace.md");
    EXPECT_NE(text.find("name: \"Ada Lovelace\""), std::string::npos) << "sample template quotes its placeholders";
    EXPECT_NE(text.find("company: \"Analytical\""), std::string::npos);
    KithRun check = kith({"check"});
    EXPECT_EQ(check.status, 0) << check.out;
    auto show = nlohmann::json::parse(kith({"--format", "json", "show", "ada-lovelace"}).out);
    EXPECT_EQ(show["tier"], "core");
}

TEST_F(WriteCommands, AddWithTheBuiltInTemplate) {
    fs::remove(m_vault / "templates/contact.md");
    ASSERT_EQ(kith({"add", "Katherine", "Johnson", "--tag", "nasa", "--email", "kj@example.com", "--birthday",
                    "--08-26", "--introduced-by", "alice-chen"})
                  .status,
              0);
    EXPECT_EQ(file("contacts/katherine-johnson.md"),
              "---\nname: Katherine Johnson\nemail: kj@example.com\nbirthday: \"--08-26\"\n"
              "introduced_by: \"[[alice-chen]]\"\ntags: [nasa]\n---\n\n# Katherine Johnson\n\n## Log\n\n## Follow-ups\n");
}

TEST_F(WriteCommands, BadValuesAreRefusedAndNothingIsWritten) {
    const std::string before = file("contacts/alice-chen.md");
    EXPECT_EQ(kith({"set", "alice-chen", "tier", "vip"}).status, 2);
    EXPECT_EQ(kith({"set", "alice-chen", "met", "2026-02-30"}).status, 2);
    EXPECT_EQ(kith({"set", "alice-chen", "cadence", "often"}).status, 2);
    EXPECT_EQ(kith({"set", "alice-chen", "id", "x"}).status, 2);
    EXPECT_EQ(kith({"unset", "alice-chen", "name"}).status, 2);
    EXPECT_EQ(kith({"log", "alice-chen", "--gave", "--got", "x"}).status, 2);
    EXPECT_EQ(kith({"log", "alice-chen", "--date", "yesterday", "x"}).status, 2);
    EXPECT_EQ(kith({"log", "alice-chen"}).status, 2);
    EXPECT_EQ(kith({"log", "nobody", "hi"}).status, 1);
    EXPECT_EQ(file("contacts/alice-chen.md"), before);
    EXPECT_EQ(head()->summary, "initial");
}

TEST_F(WriteCommands, DoneWithSeveralMatchesListsThemAndChangesNothing) {
    ASSERT_EQ(kith({"todo", "bob-okafor", "send", "the", "slides"}).status, 0);
    ASSERT_EQ(kith({"todo", "bob-okafor", "send", "the", "notes"}).status, 0);
    const std::string before = file("contacts/bob-okafor.md");
    KithRun r = kith({"done", "bob-okafor", "send"});
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("send the slides"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("send the notes"), std::string::npos) << r.err;
    EXPECT_EQ(file("contacts/bob-okafor.md"), before);
    ASSERT_EQ(kith({"done", "bob-okafor", "slides"}).status, 0);
    EXPECT_NE(file("contacts/bob-okafor.md").find("- [x] send the slides"), std::string::npos);
}

TEST_F(WriteCommands, UndoRevertsOnlyKithCommits) {
    const std::string before = file("contacts/alice-chen.md");
    EXPECT_EQ(kith({"undo"}).status, 1) << "the initial commit is not kith's";
    ASSERT_EQ(kith({"log", "alice-chen", "hello"}).status, 0);
    ASSERT_NE(file("contacts/alice-chen.md"), before);
    KithRun undo = kith({"undo"});
    ASSERT_EQ(undo.status, 0) << undo.err;
    EXPECT_EQ(file("contacts/alice-chen.md"), before);
    EXPECT_EQ(head()->summary, "undo: log: alice-chen - hello");
    ASSERT_EQ(kith({"add", "New", "Person"}).status, 0);
    ASSERT_EQ(kith({"undo"}).status, 0);
    EXPECT_FALSE(fs::exists(m_vault / "contacts/new-person.md"));
    EXPECT_EQ(shell("cd " + test::quoted(m_vault) + " && git fsck --no-progress >/dev/null 2>&1"), 0);
}

TEST_F(WriteCommands, UndoRefusesWhenTheFileHasUncommittedChanges) {
    ASSERT_EQ(kith({"log", "alice-chen", "hello"}).status, 0);
    write_file(m_vault / "contacts/alice-chen.md", file("contacts/alice-chen.md") + "user edit\n");
    KithRun r = kith({"undo"});
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("not committed"), std::string::npos) << r.err;
    EXPECT_NE(file("contacts/alice-chen.md").find("user edit"), std::string::npos);
}

TEST_F(WriteCommands, HistoryListsTheCommitsOfOneContactNewestFirst) {
    ASSERT_EQ(kith({"log", "alice-chen", "first"}).status, 0);
    ASSERT_EQ(kith({"log", "bob-okafor", "other"}).status, 0);
    ASSERT_EQ(kith({"set", "alice-chen", "title", "CTO"}).status, 0);
    auto j = nlohmann::json::parse(kith({"--format", "json", "history", "alice-chen"}).out);
    ASSERT_EQ(j["items"].size(), 3u);
    EXPECT_EQ(j["items"][0]["summary"], "set: alice-chen title=CTO");
    EXPECT_EQ(j["items"][1]["summary"], "log: alice-chen - first");
    EXPECT_EQ(j["items"][2]["summary"], "initial");
}

TEST_F(WriteCommands, EditRunsTheEditorThenCommits) {
    const fs::path script = m_tmp.path() / "editor.sh";
    write_file(script, "#!/bin/sh\nprintf -- '- 2026-11-21 #call from the editor\\n' >> \"$1\"\n");
    fs::permissions(script, fs::perms::owner_all);
    std::vector<std::string> args{"--vault", m_vault.string(), "--today", "2026-11-22", "edit", "raj-patel"};
    KithRun r = run_kith(args, {{"EDITOR", script.string()}});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(head()->summary, "edit: raj-patel");
    KithRun none = run_kith(args, {{"EDITOR", "true"}});
    EXPECT_EQ(none.status, 0);
    EXPECT_NE(none.out.find("no changes"), std::string::npos);
    EXPECT_EQ(head()->summary, "edit: raj-patel");
}

TEST_F(WriteCommands, RefusesToWriteWhileTheRepositoryIsMidMerge) {
    write_file(m_vault / ".git/MERGE_HEAD", head()->id + "\n");
    const std::string before = file("contacts/alice-chen.md");
    KithRun r = kith({"log", "alice-chen", "hello"});
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("merge"), std::string::npos) << r.err;
    EXPECT_EQ(file("contacts/alice-chen.md"), before);
}

TEST_F(WriteCommands, RefusesSymlinkedContactFiles) {
    const fs::path outside = m_tmp.path() / "outside.md";
    write_file(outside, "---\nname: Outside\n---\n");
    fs::create_symlink(m_tmp.path() / "vault/contacts/alice-chen.md", m_vault / "contacts/alias-link.md");
    // A link to a file inside the vault is read once (under its first path);
    // writing through a link is refused.
    write_file(m_vault / "contacts/linked.md", "---\nname: Linked Person\n---\n");
    fs::remove(m_vault / "contacts/linked.md");
    fs::create_symlink(outside, m_vault / "contacts/linked.md");
    KithRun check = kith({"check"});
    EXPECT_NE(check.out.find("contacts/linked.md:1: warning: symlink leads outside the vault"), std::string::npos)
        << check.out;
    const std::string before = read_text(outside);
    EXPECT_NE(kith({"log", "Outside", "hi"}).status, 0);
    EXPECT_EQ(read_text(outside), before);
}

TEST_F(WriteCommands, WorksWithoutARepositoryAndSaysHowToEnableGit) {
    fs::remove_all(m_vault / ".git");
    KithRun r = kith({"log", "alice-chen", "no", "git"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.err.find("git init"), std::string::npos) << r.err;
    EXPECT_NE(file("contacts/alice-chen.md").find("- 2026-11-22 no git"), std::string::npos);
}

TEST_F(WriteCommands, AutocommitOffWritesWithoutCommitting) {
    std::string cfg = file(".kith/config.yaml");
    cfg.replace(cfg.find("autocommit: true"), 16, "autocommit: false");
    write_file(m_vault / ".kith/config.yaml", cfg);
    shell("cd " + test::quoted(m_vault) + " && git -c user.name=S -c user.email=s@e commit -qam cfg");
    ASSERT_EQ(kith({"log", "alice-chen", "hello"}).status, 0);
    EXPECT_EQ(head()->summary, "cfg");
    EXPECT_NE(status().find("contacts/alice-chen.md"), std::string::npos);
}

TEST(Init, MakesAVaultWithARepositoryAndRefusesAnExistingOne) {
    TempDir tmp;
    EnvVar name("GIT_AUTHOR_NAME", "Ada Tester");
    EnvVar email("GIT_AUTHOR_EMAIL", "ada@example.com");
    KithRun r = run_kith({"init", "net"}, {}, tmp.path());
    ASSERT_EQ(r.status, 0) << r.err;
    const fs::path v = tmp.path() / "net";
    EXPECT_TRUE(fs::is_directory(v / "contacts"));
    EXPECT_TRUE(fs::is_directory(v / "journal"));
    const std::string cfg = read_text(v / ".kith/config.yaml");
    for (const char* key : {"tiers:", "core: 30d", "default_cadence: 365d", "remind_within: 14d", "thank_within: 3d",
                            "autocommit: true", "# "})
        EXPECT_NE(cfg.find(key), std::string::npos) << key;
    EXPECT_NE(read_text(v / ".gitignore").find(".obsidian/workspace*"), std::string::npos);
    auto repo = Repo::discover(v);
    ASSERT_TRUE(repo);
    EXPECT_EQ(repo->head()->summary, "init: new kith vault");
    EXPECT_EQ(run_kith({"init", "net"}, {}, tmp.path()).status, 1);
    // The new vault works at once.
    EXPECT_EQ(run_kith({"--vault", v.string(), "add", "Ada", "Lovelace"}).status, 0);
    EXPECT_EQ(run_kith({"--vault", v.string(), "check"}).status, 0);
}

TEST(Init, InsideAnExistingRepositoryTheVaultJoinsIt) {
    TempDir tmp;
    EnvVar name("GIT_AUTHOR_NAME", "Ada Tester");
    EnvVar email("GIT_AUTHOR_EMAIL", "ada@example.com");
    ASSERT_EQ(shell("cd " + test::quoted(tmp.path()) + " && git init -q -b main"), 0);
    ASSERT_EQ(run_kith({"init", "notes/people"}, {}, tmp.path()).status, 0);
    EXPECT_FALSE(fs::exists(tmp.path() / "notes/people/.git"));
    auto repo = Repo::discover(tmp.path());
    auto paths = repo->head_changed_paths();
    EXPECT_NE(std::find(paths.begin(), paths.end(), "notes/people/.kith/config.yaml"), paths.end());
    const fs::path v = tmp.path() / "notes/people";
    ASSERT_EQ(run_kith({"--vault", v.string(), "add", "Ada", "Lovelace"}).status, 0);
    EXPECT_EQ(Repo::discover(v)->head_changed_paths(), std::vector<std::string>{"notes/people/contacts/ada-lovelace.md"});
    ASSERT_EQ(run_kith({"--vault", v.string(), "undo"}).status, 0);
    EXPECT_FALSE(fs::exists(v / "contacts/ada-lovelace.md"));
}

TEST_F(WriteCommands, TwoConcurrentWritersBothLandEveryEntry) {
    const std::string bin = KITH_BINARY;
    const int per_writer = 50;
    auto writer = [&](const std::string& tag) {
        for (int i = 0; i < per_writer; ++i) {
            std::string cmd = bin + " --vault " + test::quoted(m_vault) + " --today 2026-11-22 log marcus-webb --tag " + tag +
                              " entry-" + tag + "-" + std::to_string(i) + " > /dev/null";
            EXPECT_EQ(shell(cmd), 0) << cmd;
        }
    };
    std::thread a(writer, "a"), b(writer, "b");
    a.join();
    b.join();
    const std::string text = file("contacts/marcus-webb.md");
    for (const char* tag : {"a", "b"})
        for (int i = 0; i < per_writer; ++i) {
            const std::string needle = std::string("entry-") + tag + "-" + std::to_string(i) + "\n";
            EXPECT_NE(text.find(needle), std::string::npos) << needle;
        }
    ParsedFile pf = parse_file("contacts/marcus-webb.md", text, FileKind::Contact);
    ASSERT_TRUE(pf.contact);
    int logged = 0;
    for (const Entry& e : pf.contact->body.entries) logged += e.text().find("entry-") != std::string::npos;
    EXPECT_EQ(logged, 2 * per_writer);
    EXPECT_EQ(shell("cd " + test::quoted(m_vault) + " && git fsck --no-progress >/dev/null 2>&1"), 0);
}

TEST_F(WriteCommands, AWriterKilledAtAnyMomentNeverLeavesATornFile) {
    const std::string bin = KITH_BINARY;
    const std::string rel = "contacts/work/daniel-cohen.md";
    std::mt19937 rng(20261122);
    std::uniform_int_distribution<int> delay_us(0, 30000);
    std::string previous = file(rel);
    int killed = 0;
    for (int round = 0; round < 60; ++round) {
        pid_t pid = fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            int devnull = ::open("/dev/null", O_WRONLY);
            ::dup2(devnull, 1);
            ::dup2(devnull, 2);
            const std::string text = "round-" + std::to_string(round);
            ::execl(bin.c_str(), bin.c_str(), "--vault", m_vault.c_str(), "--today", "2026-11-22", "log",
                    "daniel-cohen", text.c_str(), static_cast<char*>(nullptr));
            ::_exit(127);
        }
        ::usleep(static_cast<useconds_t>(delay_us(rng)));
        if (::kill(pid, SIGKILL) == 0) ++killed;
        int status = 0;
        ::waitpid(pid, &status, 0);
        const std::string now = file(rel);
        // Either the old version or the old one with exactly one new entry.
        if (now != previous) {
            auto extra = added_lines(previous, now);
            ASSERT_EQ(extra.size(), 1u) << "round " << round;
            EXPECT_EQ(extra[0], "- 2026-11-22 round-" + std::to_string(round) + "\n");
        }
        ParsedFile pf = parse_file(rel, now, FileKind::Contact);
        ASSERT_TRUE(pf.contact) << "round " << round;
        previous = now;
    }
    EXPECT_GT(killed, 0);
    // The next run still works after all those kills (a stale lock is no lock:
    // flock dies with its process).
    KithRun after = kith({"log", "daniel-cohen", "after", "the", "storm"});
    ASSERT_EQ(after.status, 0) << after.err;
}

TEST_F(WriteCommands, LocksLeftByAKilledKithAreCleanedButOthersAreNot) {
    // A kith that died while committing: its marker names a dead process.
    pid_t dead = fork();
    if (dead == 0) ::_exit(0);
    ::waitpid(dead, nullptr, 0);
    write_file(m_vault / ".git/kith-in-progress", std::to_string(dead) + "\n");
    write_file(m_vault / ".git/refs/heads/main.lock", "");
    write_file(m_vault / ".git/index.lock", "");
    KithRun r = kith({"log", "alice-chen", "after", "a", "crash"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_FALSE(fs::exists(m_vault / ".git/kith-in-progress"));
    EXPECT_FALSE(fs::exists(m_vault / ".git/refs/heads/main.lock"));
    EXPECT_EQ(head()->summary, "log: alice-chen - after a crash");
    // A lock with no kith marker may belong to a git command running now:
    // kith leaves it alone and says what failed.
    write_file(m_vault / ".git/refs/heads/main.lock", "");
    KithRun blocked = kith({"log", "alice-chen", "second"});
    EXPECT_EQ(blocked.status, 1);
    EXPECT_NE(blocked.err.find("main.lock"), std::string::npos) << blocked.err;
    EXPECT_TRUE(fs::exists(m_vault / ".git/refs/heads/main.lock"));
}
