// `kith diff` end to end, over a repository with known changes built in the test.
#include "history_support.hpp"

#include "kith/render/render.hpp"

using namespace kith;
using namespace kith::test;
namespace fs = std::filesystem;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

/// c1 (2026-09-01) -> c2 (2026-10-01) -> uncommitted work tree.
struct Changes {
    HistoryRepo repo;
    std::string c1, c2;

    Changes() {
        FileMap s1{
            {"contacts/ann.md", contact("name: Ann\ntier: close", "## Log\n- 2026-08-20 #call catch-up\n")},
            {"contacts/ben.md", contact("name: Ben\ntier: close", "## Log\n- 2026-01-01 #call new year\n")},
            {"contacts/cy.md", contact("name: Cy", "## Follow-ups\n- [ ] send the deck\n")},
        };
        FileMap s2 = s1;
        s2["contacts/ann.md"] = contact("name: Ann\ntier: close", "## Log\n- 2026-09-25 #gave #intro introduced her to Dan\n"
                                                                 "- 2026-08-20 #call catch-up\n");
        s2["contacts/ben.md"] = contact("name: Ben\ntier: close", "## Log\n- 2026-09-30 #coffee back from Lagos\n"
                                                                 "- 2026-01-01 #call new year\n");
        s2["contacts/cy.md"] = contact("name: Cy", "## Follow-ups\n- [x] send the deck\n");
        s2["contacts/dan.md"] = contact("name: Dan");
        FileMap s3 = s2;
        s3["contacts/eve.md"] = contact("name: Eve");
        c1 = repo.commit(s1, "first", "2026-09-01");
        c2 = repo.commit(s2, "second", "2026-10-01");
        write_state(repo.root(), s3);
    }
    std::string vault() const { return repo.root().string(); }
};

std::vector<std::string> kinds(const Json& j) {
    std::vector<std::string> out;
    for (const Json& i : j["items"]) out.push_back(i["kind"].get<std::string>() + " " + i["id"].get<std::string>());
    return out;
}

using Lines = std::vector<std::string>;

} // namespace

TEST(DiffCli, SinceACommitToTheWorkTree) {
    Changes h;
    auto r = run_kith({"--vault", h.vault(), "--today", "2026-10-02", "--format", "json", "diff", "--since", "HEAD~1"});
    ASSERT_EQ(r.status, 0) << r.err;
    Json j = Json::parse(r.out);
    EXPECT_EQ(j["since"], (Json{{"rev", "HEAD~1"}, {"commit", h.c1}, {"today", "2026-09-01"}}));
    EXPECT_EQ(j["until"], (Json{{"rev", nullptr}, {"commit", nullptr}, {"today", "2026-10-02"}}));
    EXPECT_EQ(kinds(j), (Lines{"contact-added dan", "contact-added eve", "entries-added ann", "entries-added ben",
                               "followup-done cy", "revived ben", "balance-moved ann"}));
    EXPECT_EQ(j["items"][2]["text"], "#gave #intro introduced her to Dan");
    EXPECT_EQ(j["items"][6]["before"], 0);
    EXPECT_EQ(j["items"][6]["after"], 1);
    EXPECT_EQ(r.err, "");
}

TEST(DiffCli, UntilARevisionOrAt) {
    Changes h;
    auto until = run_kith({"--vault", h.vault(), "--format", "json", "diff", "--since", h.c1, "--until", "HEAD"});
    ASSERT_EQ(until.status, 0) << until.err;
    Json j = Json::parse(until.out);
    EXPECT_EQ(j["until"], (Json{{"rev", "HEAD"}, {"commit", h.c2}, {"today", "2026-10-01"}}));
    EXPECT_FALSE(contains(until.out, "eve")) << until.out;
    EXPECT_TRUE(contains(until.out, "dan")) << until.out;
    // `--at` names the later state just as well.
    auto at = run_kith({"--vault", h.vault(), "--at", "HEAD", "--format", "json", "diff", "--since", h.c1});
    EXPECT_EQ(at.out, until.out);
    // --today sets the later state's day; the earlier one keeps its own.
    auto today = run_kith({"--vault", h.vault(), "--today", "2027-06-01", "--format", "json", "diff", "--since", "2026-09-15",
                           "--until", "2026-10-01"});
    Json t = Json::parse(today.out);
    EXPECT_EQ(t["since"]["today"], "2026-09-15");
    EXPECT_EQ(t["since"]["commit"], h.c1);
    EXPECT_EQ(t["until"]["today"], "2027-06-01");
    EXPECT_TRUE(contains(today.out, "gone-dormant")) << today.out; // by June everyone is silent again
    // Nothing changed between a commit and itself on its own day.
    auto same = run_kith({"--vault", h.vault(), "--format", "json", "diff", "--since", "HEAD", "--until", "HEAD"});
    EXPECT_EQ(Json::parse(same.out)["items"], Json::array());
}

TEST(DiffCli, TableCsvAndVerbose) {
    Changes h;
    auto table = run_kith({"--vault", h.vault(), "--today", "2026-10-02", "diff", "--since", "HEAD~1"});
    ASSERT_EQ(table.status, 0) << table.err;
    EXPECT_EQ(table.out.substr(0, table.out.find('\n')),
              "from HEAD~1 (" + h.c1.substr(0, 7) + ", 2026-09-01) to the working tree (2026-10-02)");
    EXPECT_TRUE(contains(table.out, "follow-up done")) << table.out;
    EXPECT_FALSE(contains(table.out, "\x1b[")) << table.out;
    auto tty = run_kith({"--vault", h.vault(), "--today", "2026-10-02", "diff", "--since", "HEAD~1"}, {}, fs::current_path(), true);
    EXPECT_TRUE(contains(tty.out, "\x1b[32m")) << tty.out;
    auto no_color = run_kith({"--vault", h.vault(), "--today", "2026-10-02", "diff", "--since", "HEAD~1"}, {{"NO_COLOR", "1"}},
                             fs::current_path(), true);
    EXPECT_FALSE(contains(no_color.out, "\x1b[")) << no_color.out;

    auto csv = run_kith({"--vault", h.vault(), "--today", "2026-10-02", "--format", "csv", "diff", "--since", "HEAD~1"});
    EXPECT_EQ(csv.out.substr(0, csv.out.find('\n') + 1), "kind,id,name,count,date,text,before,after,file,line\r\n");
    EXPECT_TRUE(contains(csv.out, "followup-done,cy,Cy,,,send the deck,,,contacts/cy.md,5\r\n")) << csv.out;

    auto verbose = run_kith({"--vault", h.vault(), "--today", "2026-10-02", "--format", "json", "diff", "--since", "HEAD~1", "-v"});
    Json v = Json::parse(verbose.out);
    EXPECT_EQ(kinds(v), (Lines{"contact-added dan", "contact-added eve", "entries-added ann", "entry-added ann",
                               "entries-added ben", "entry-added ben", "followup-done cy", "revived ben",
                               "balance-moved ann"}));
    EXPECT_EQ(v["items"][5]["line"], 6);
}

TEST(DiffCli, UsageAndErrors) {
    Changes h;
    struct Case {
        std::vector<std::string> args;
        int status;
        std::string message;
    };
    const std::vector<Case> cases{
        {{"diff"}, 2, "give --since REV"},
        {{"diff", "--since", "nope"}, 1, "unknown revision 'nope'"},
        {{"diff", "--since", "2026-02-30"}, 2, "--since: '2026-02-30' is not a date"},
        {{"diff", "--since", "2020-01-01"}, 1, "no commit on or before 2020-01-01"},
        {{"diff", "--since", "HEAD~1", "--until", "nope"}, 1, "unknown revision 'nope'"},
        {{"--at", "HEAD", "diff", "--since", "HEAD~1", "--until", "HEAD"}, 2, "--until and --at both name the later state"},
        {{"diff", "--since", "HEAD~1", "extra"}, 2, "too many arguments"},
    };
    for (const Case& c : cases) {
        std::vector<std::string> args{"--vault", h.vault()};
        args.insert(args.end(), c.args.begin(), c.args.end());
        auto r = run_kith(args);
        SCOPED_TRACE(r.err);
        EXPECT_EQ(r.status, c.status);
        EXPECT_TRUE(contains(r.err, c.message));
        EXPECT_EQ(r.out, "");
    }
    TempDir plain;
    auto r = run_kith({"--vault", copy_sample_vault(plain).string(), "diff", "--since", "HEAD"});
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(contains(r.err, "is not in a git repository")) << r.err;
    auto help = run_kith({"diff", "--help"});
    EXPECT_EQ(help.status, 0);
    EXPECT_TRUE(contains(help.out, "--since REV")) << help.out;
    EXPECT_TRUE(contains(run_kith({"help"}).out, "diff")) << "listed by kith help";
}
