// `--at REV`: every reading command run on the vault as it was at a commit
// must say exactly what it says about a folder holding that commit's files.
#include "history_support.hpp"
#include "kith/render/render.hpp"

#include <filesystem>

using namespace kith;
using namespace kith::test;
namespace fs = std::filesystem;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

/// Inserts `line` after the first line starting with `after` in `text`.
std::string insert_after(const std::string& text, const std::string& after, const std::string& line) {
    std::size_t at = text.find(after);
    EXPECT_NE(at, std::string::npos) << after;
    at = text.find('\n', at) + 1;
    return text.substr(0, at) + line + text.substr(at);
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
    std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return text.replace(at, from.size(), to);
}

/// Three states of a repository whose vault is the folder `net/`, and a fourth
/// left uncommitted in the work tree.
struct History {
    HistoryRepo repo;
    FileMap s1, s2, s3, s4;
    std::string c1, c2, c3;

    History() {
        s1 = sample_files("net");
        s1["README.md"] = "not part of the vault\n";
        s1["other/contacts/stranger.md"] = contact("name: Stranger");

        s2 = s1;
        s2["net/contacts/grace-hopper.md"] = contact("name: Grace Hopper\ntier: core", "## Log\n- 2026-05-01 #coffee compilers\n");
        s2["net/contacts/alice-chen.md"] =
            insert_after(s1["net/contacts/alice-chen.md"], "## Log", "\n- 2026-05-09 #got #intro she introduced me to a CTO\n");
        s2["net/.kith/config.yaml"] = replace(s1["net/.kith/config.yaml"], "core: 30d", "core: 14d");
        s2["net/people"] = symlink_to("contacts/work");                            // a folder seen twice
        s2["net/journal/zz-bob.md"] = symlink_to("../contacts/bob-okafor.md");     // a file seen twice
        s2["net/contacts/evil.md"] = symlink_to("../../other/contacts/stranger.md"); // leaves the vault
        s2["net/contacts/broken.md"] = symlink_to("nowhere.md");
        s2["net/.hidden/ghost.md"] = contact("name: Ghost");
        s2["net/templates/t.md"] = contact("name: Template");

        s3 = s2;
        s3.erase("net/contacts/bob-okafor.md"); // the journal link to it is broken now
        s3["net/contacts/huge.md"] = contact("name: Huge", std::string(1100 * 1024, 'x'));
        s3["net/.kith/config.yaml"] = s1["net/.kith/config.yaml"];
        s3["net/contacts/marcus-webb.md"] = replace(s1["net/contacts/marcus-webb.md"], "name:", "archived: true\nname:");

        s4 = s3;
        s4["net/contacts/uncommitted.md"] = contact("name: Not Yet Committed");

        c1 = repo.commit(s1, "first", "2026-03-01", 900, 60);
        c2 = repo.commit(s2, "second", "2026-05-10", 2230, -7 * 60); // 2026-05-11 in UTC
        c3 = repo.commit(s3, "third", "2026-08-20", 1200, 0);
        write_state(repo.root(), s4);
    }

    std::string vault() const { return (repo.root() / "net").string(); }
};

/// Built once for the tests that only read it (building it is most of their time).
const History& shared_history() {
    static History h;
    return h;
}

const std::vector<std::vector<std::string>> k_reports{
    {"remind", "--within", "120d"}, {"dormant"}, {"reciprocity"}, {"list", "--all"}, {"check"}, {"show", "alice-chen"},
};

std::vector<std::string> args(std::vector<std::string> head, const std::vector<std::string>& tail) {
    head.insert(head.end(), tail.begin(), tail.end());
    return head;
}

/// Every report, in JSON and as a table, over `rev` and over `checkout`.
void expect_same_reports(const History& h, const std::string& rev, const fs::path& checkout, const char* today) {
    for (const auto& report : k_reports) {
        for (const char* format : {"json", "table"}) {
            SCOPED_TRACE(rev + " " + report[0] + " " + format);
            auto at = run_kith(args({"--vault", h.vault(), "--at", rev, "--today", today, "--format", format}, report));
            auto plain = run_kith(args({"--vault", (checkout / "net").string(), "--no-cache", "--today", today,
                                        "--format", format},
                                       report));
            EXPECT_EQ(at.status, plain.status) << at.err;
            EXPECT_EQ(at.out, plain.out);
            EXPECT_FALSE(at.out.empty());
        }
    }
}

} // namespace

TEST(At, EachCommitByHashMatchesACheckoutOfIt) {
    const History& h = shared_history();
    expect_same_reports(h, h.c1, h.repo.checkout(h.s1), "2026-11-22");
    expect_same_reports(h, h.c2, h.repo.checkout(h.s2), "2026-11-22");
    expect_same_reports(h, h.c3.substr(0, 10), h.repo.checkout(h.s3), "2026-11-22");
    // The states differ, and in the ways the layout rules care about.
    auto check2 = run_kith({"--vault", h.vault(), "--at", h.c2, "--today", "2026-11-22", "check"});
    EXPECT_TRUE(contains(check2.out, "contacts/evil.md:1: warning: symlink leads outside the vault")) << check2.out;
    EXPECT_TRUE(contains(check2.out, "contacts/broken.md:1: warning: broken symlink")) << check2.out;
    EXPECT_FALSE(contains(check2.out, "ghost")) << check2.out;
    auto check3 = run_kith({"--vault", h.vault(), "--at", h.c3, "--today", "2026-11-22", "check"});
    EXPECT_TRUE(contains(check3.out, "contacts/huge.md:1: error:")) << check3.out;
    EXPECT_TRUE(contains(check3.out, "journal/zz-bob.md:1: warning: broken symlink")) << check3.out;
    auto list1 = run_kith({"--vault", h.vault(), "--at", h.c1, "--format", "json", "list"});
    auto list2 = run_kith({"--vault", h.vault(), "--at", h.c2, "--format", "json", "list"});
    EXPECT_FALSE(contains(list1.out, "grace-hopper"));
    EXPECT_TRUE(contains(list2.out, "grace-hopper"));
    EXPECT_FALSE(contains(list2.out, "stranger")) << list2.out;
    EXPECT_FALSE(contains(list2.out, "\"Template\"")) << list2.out;
}

TEST(At, RelativeRevisionsAndBranchesMatchACheckout) {
    const History& h = shared_history();
    expect_same_reports(h, "HEAD~2", h.repo.checkout(h.s1), "2026-09-01");
    expect_same_reports(h, "HEAD^", h.repo.checkout(h.s2), "2026-09-01");
    expect_same_reports(h, "HEAD", h.repo.checkout(h.s3), "2026-09-01");
}

TEST(At, DatesPickTheLastCommitOnOrBeforeThatDayInTheCommittersZone) {
    const History& h = shared_history();
    // c2 was made at 22:30 on 2026-05-10 at UTC-7 (05:30 on the 11th in UTC):
    // it belongs to the 10th.
    expect_same_reports(h, "2026-05-09", h.repo.checkout(h.s1), "2026-11-22");
    expect_same_reports(h, "2026-05-10", h.repo.checkout(h.s2), "2026-11-22");
    expect_same_reports(h, "2026-08-19", h.repo.checkout(h.s2), "2026-11-22");
    expect_same_reports(h, "2027-01-01", h.repo.checkout(h.s3), "2026-11-22");
}

TEST(At, TheDayIsTheRevisionsUnlessTodayIsGiven) {
    const History& h = shared_history();
    const fs::path s2 = h.repo.checkout(h.s2);
    auto same = [&](std::vector<std::string> at_args, const char* day) {
        SCOPED_TRACE(day);
        auto at = run_kith(args({"--vault", h.vault(), "--format", "json"}, at_args));
        auto plain = run_kith({"--vault", (s2 / "net").string(), "--no-cache", "--today", day, "--format", "json", "dormant"});
        EXPECT_EQ(at.status, 0) << at.err;
        EXPECT_EQ(at.out, plain.out);
        EXPECT_TRUE(contains(at.out, std::string("\"today\": \"") + day + "\"")) << at.out;
    };
    same({"--at", h.c2, "dormant"}, "2026-05-10");     // the commit's own day (committer's zone)
    same({"--at", "2026-07-04", "dormant"}, "2026-07-04"); // the date asked for
    same({"--at", "HEAD~1", "--today", "2026-12-24", "dormant"}, "2026-12-24");
    auto env = run_kith({"--vault", h.vault(), "--format", "json", "--at", "HEAD~1", "dormant"}, {{"KITH_TODAY", "2026-10-01"}});
    EXPECT_TRUE(contains(env.out, "\"today\": \"2026-10-01\"")) << env.out;
}

TEST(At, ReadsNeitherTheWorkTreeNorTheCache) {
    History h;
    auto at = run_kith({"--vault", h.vault(), "--at", "HEAD", "--today", "2026-11-22", "--format", "json", "list"});
    auto now = run_kith({"--vault", h.vault(), "--no-cache", "--today", "2026-11-22", "--format", "json", "list"});
    EXPECT_EQ(at.status, 0) << at.err;
    EXPECT_FALSE(contains(at.out, "uncommitted")) << at.out;
    EXPECT_TRUE(contains(now.out, "uncommitted")) << now.out;
    EXPECT_FALSE(fs::exists(h.repo.root() / "net" / ".kith" / "cache"));
    // With a cache in place, --at neither uses nor rewrites it.
    auto warm = run_kith({"--vault", h.vault(), "--today", "2026-11-22", "list"});
    ASSERT_TRUE(fs::exists(h.repo.root() / "net" / ".kith" / "cache" / "index.bin"));
    const std::string cache = read_text(h.repo.root() / "net" / ".kith" / "cache" / "index.bin");
    auto again = run_kith({"--vault", h.vault(), "--at", "HEAD", "--today", "2026-11-22", "--format", "json", "list"});
    EXPECT_EQ(again.out, at.out);
    EXPECT_EQ(read_text(h.repo.root() / "net" / ".kith" / "cache" / "index.bin"), cache);
}

TEST(At, TableOutputNamesTheCommitOnStderr) {
    const History& h = shared_history();
    auto r = run_kith({"--vault", h.vault(), "--at", "2026-05-10", "list"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(contains(r.err, "at " + h.c2.substr(0, 7) + " (2026-05-10 22:30 -0700): second")) << r.err;
    auto json = run_kith({"--vault", h.vault(), "--at", "2026-05-10", "--format", "json", "list"});
    EXPECT_EQ(json.err, "");
}

TEST(At, VaultAtTheRootOfTheRepository) {
    HistoryRepo repo;
    FileMap one{{"contacts/ann.md", contact("name: Ann", "## Log\n- 2026-01-02 #call hello\n")}};
    FileMap two = one;
    two["contacts/ben.md"] = contact("name: Ben");
    repo.commit(one, "one", "2026-01-05");
    repo.commit(two, "two", "2026-02-05");
    auto at = run_kith({"--vault", repo.root().string(), "--at", "HEAD~1", "--today", "2026-03-01", "--format", "json", "list"});
    auto plain = run_kith({"--vault", repo.checkout(one).string(), "--no-cache", "--today", "2026-03-01", "--format", "json", "list"});
    EXPECT_EQ(at.status, 0) << at.err;
    EXPECT_EQ(at.out, plain.out);
    EXPECT_TRUE(contains(at.out, "ann"));
    EXPECT_FALSE(contains(at.out, "ben"));
}

TEST(At, HistoryStopsAtTheRevision) {
    const History& h = shared_history();
    auto r = run_kith({"--vault", h.vault(), "--at", "HEAD~1", "--format", "json", "history", "alice-chen"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(contains(r.out, h.c2)) << r.out;
    EXPECT_TRUE(contains(r.out, h.c1)) << r.out;
    auto head = run_kith({"--vault", h.vault(), "--format", "json", "history", "marcus-webb"});
    EXPECT_TRUE(contains(head.out, h.c3)) << head.out;
    auto before = run_kith({"--vault", h.vault(), "--at", "HEAD~1", "--format", "json", "history", "marcus-webb"});
    EXPECT_FALSE(contains(before.out, h.c3)) << before.out;
    EXPECT_TRUE(contains(before.out, h.c1)) << before.out;
}

TEST(At, BadRevisionsAreClearErrors) {
    const History& h = shared_history();
    struct Case {
        std::string rev;
        int status;
        std::string message;
    };
    const std::vector<Case> cases{
        {"no-such-branch", 1, "unknown revision 'no-such-branch'"},
        {"0123456789abcdef0123456789abcdef01234567", 1, "unknown revision"},
        {"2026-02-28", 1, "no commit on or before 2026-02-28: the first commit is from 2026-03-01"},
        {"2026-02-30", 2, "'2026-02-30' is not a date"},
        {"", 2, "--at needs a revision"},
        {"HEAD^{tree}", 1, "'HEAD^{tree}' is not a commit"},
        {"HEAD~9", 1, "unknown revision 'HEAD~9'"},
        {"HEAD@{", 2, "is not a revision"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.rev);
        auto r = run_kith({"--vault", h.vault(), "--at", c.rev, "list"});
        EXPECT_EQ(r.status, c.status) << r.err;
        EXPECT_TRUE(contains(r.err, c.message)) << r.err;
        EXPECT_EQ(r.out, "");
    }
}

TEST(At, VaultFolderMissingAtTheCommit) {
    HistoryRepo repo;
    repo.commit({{"README.md", "x\n"}}, "before the vault", "2026-01-01");
    repo.commit({{"README.md", "x\n"}, {"net/contacts/ann.md", contact("name: Ann")}}, "vault", "2026-01-02");
    auto r = run_kith({"--vault", (repo.root() / "net").string(), "--at", "HEAD~1", "list"});
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(contains(r.err, "the vault folder net is not in commit")) << r.err;
}

TEST(At, VaultOutsideAnyRepository) {
    TempDir dir;
    const fs::path vault = copy_sample_vault(dir);
    auto r = run_kith({"--vault", vault.string(), "--at", "HEAD", "list"});
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(contains(r.err, "is not in a git repository")) << r.err;
}

TEST(At, RefusedByCommandsThatWriteOrDoNotRead) {
    const History& h = shared_history();
    const fs::path alice = h.repo.root() / "net" / "contacts" / "alice-chen.md";
    const std::string before = read_text(alice);
    for (std::vector<std::string> cmd : std::vector<std::vector<std::string>>{
             {"log", "alice-chen", "hello"}, {"todo", "alice-chen", "call"}, {"set", "alice-chen", "tier", "close"},
             {"add", "New Person"}, {"undo"}, {"sync"}, {"init", (h.repo.temp().path() / "new").string()}, {"help"}}) {
        SCOPED_TRACE(cmd[0]);
        auto r = run_kith(args({"--vault", h.vault(), "--at", "HEAD~1"}, cmd));
        EXPECT_EQ(r.status, 2) << r.err;
        EXPECT_TRUE(contains(r.err, "--at only works with commands that read the vault")) << r.err;
    }
    EXPECT_EQ(read_text(alice), before);
    EXPECT_FALSE(fs::exists(h.repo.temp().path() / "new"));
}

TEST(At, HelpMentionsIt) {
    auto r = run_kith({"dormant", "--help"});
    EXPECT_EQ(r.status, 0);
    EXPECT_TRUE(contains(r.out, "--at REV")) << r.out;
}

TEST(At, AbsoluteSymlinksAndABadConfigAtACommit) {
    HistoryRepo repo;
    const std::string root = fs::canonical(repo.root()).string();
    FileMap files{
        {"net/contacts/ann.md", contact("name: Ann")},
        {"net/journal/ann-again.md", symlink_to(root + "/net/contacts/ann.md")}, // into the vault: read once
        {"net/journal/away.md", symlink_to("/etc/kith-nowhere.md")},            // outside
        {"net/.kith/config.yaml", "tiers: [not, a, map\n"},
    };
    repo.commit(files, "bad config", "2026-01-01");
    files["net/.kith/config.yaml"] = "remind_within: 14d\n";
    repo.commit(files, "good config", "2026-01-02");
    const std::string vault = (repo.root() / "net").string();
    auto good = run_kith({"--vault", vault, "--at", "HEAD", "--format", "json", "check"});
    EXPECT_EQ(good.status, 0) << good.err << good.out;
    EXPECT_TRUE(contains(good.out, "journal/away.md")) << good.out;
    EXPECT_TRUE(contains(good.out, "symlink leads outside the vault")) << good.out;
    auto list = run_kith({"--vault", vault, "--at", "HEAD", "--format", "json", "list"});
    EXPECT_EQ(Json::parse(list.out)["items"].size(), 1u) << list.out;
    auto bad = run_kith({"--vault", vault, "--at", "HEAD~1", "list"});
    EXPECT_EQ(bad.status, 1);
    EXPECT_TRUE(contains(bad.err, ".kith/config.yaml:2: error: invalid YAML")) << bad.err;
    EXPECT_TRUE(contains(bad.err, "the config at HEAD~1 (")) << bad.err;
}

TEST(At, SymlinkLoopsAndChainsMatchACheckout) {
    HistoryRepo repo;
    FileMap files{
        {"contacts/ann.md", contact("name: Ann", "## Log\n- 2026-01-02 #call hi\n")},
        {"contacts/a.md", symlink_to("b.md")}, // a loop: broken on disk and in the tree
        {"contacts/b.md", symlink_to("a.md")},
        {"contacts/chain.md", symlink_to("../notes/hop.md")}, // a link to a link to a file
        {"notes/hop.md", symlink_to("../contacts/ann.md")},
        {"notes/self", symlink_to(".")},        // a folder loop
        {"notes/up", symlink_to("../contacts")}, // a folder seen twice
        {"notes/meeting.md", "- 2026-01-03 lunch with [[ann]]\n"},
    };
    repo.commit(files, "links", "2026-01-05");
    for (const char* cmd : {"check", "list", "show"}) {
        std::vector<std::string> tail{cmd};
        if (std::string(cmd) == "show") tail.push_back("ann");
        auto at = run_kith(args({"--vault", repo.root().string(), "--at", "HEAD", "--today", "2026-02-01", "--format", "json"}, tail));
        auto plain = run_kith(args({"--vault", repo.checkout(files).string(), "--no-cache", "--today", "2026-02-01", "--format", "json"}, tail));
        SCOPED_TRACE(cmd);
        EXPECT_EQ(at.status, plain.status) << at.err;
        EXPECT_EQ(at.out, plain.out);
    }
    auto check = run_kith({"--vault", repo.root().string(), "--at", "HEAD", "--format", "json", "check"});
    EXPECT_TRUE(contains(check.out, "contacts/a.md")) << check.out;
    EXPECT_TRUE(contains(check.out, "broken symlink")) << check.out;
}
