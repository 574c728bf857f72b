// `kith diff`: the pure comparison of two indexes (report_diff.cpp) and its
// JSON/CSV/table rendering. Each rule of docs/history.md has a test here.

#include "support.hpp"

#include "kith/render/render_diff.hpp"
#include "kith/report/diff.hpp"

#include <sstream>
#include <string>
#include <vector>

using namespace kith;
using namespace kith::test;

namespace {

using Files = std::map<std::string, std::string>;

/// Compares `a` at `day_a` with `b` at `day_b`.
DiffReport compare(const Files& a, const Files& b, const char* day_a = "2026-11-22", const char* day_b = "2026-11-22",
                   bool verbose = false) {
    VaultIndex before = index_of(a, day_a);
    VaultIndex after = index_of(b, day_b);
    DiffSide since{std::string("HEAD~1"), std::string(40, 'a'), day(day_a)};
    DiffSide until{std::nullopt, std::nullopt, day(day_b)};
    DiffReport r = diff(before, after, since, until, DiffOptions{verbose});
    return r; // items hold copies of strings only: safe once the indexes are gone
}

/// "kind id" of each item, in order.
std::vector<std::string> summary(const DiffReport& r) {
    std::vector<std::string> out;
    for (const DiffItem& i : r.items) out.push_back(i.kind + " " + i.id);
    return out;
}

using Lines = std::vector<std::string>;

const std::string k_ann = contact("name: Ann\ntier: close", "## Log\n- 2026-11-01 #call first call\n");

} // namespace

TEST(Diff, SameVaultSameDayHasNoChanges) {
    Files v{{"contacts/ann.md", k_ann}, {"contacts/ben.md", contact("name: Ben")}};
    EXPECT_TRUE(compare(v, v).items.empty());
}

TEST(Diff, ContactsAddedAndRemovedByIdWithoutDetails) {
    Files a{{"contacts/ann.md", k_ann}, {"contacts/old.md", contact("name: Old Friend", "## Log\n- 2026-11-01 x\n")}};
    Files b{{"contacts/ann.md", k_ann}, {"contacts/new.md", contact("name: New Friend", "## Log\n- 2026-11-01 y\n")}};
    DiffReport r = compare(a, b);
    EXPECT_EQ(summary(r), (Lines{"contact-added new", "contact-removed old"}));
    EXPECT_EQ(r.items[0].name, "New Friend");
    EXPECT_EQ(r.items[0].origin.file, "contacts/new.md");
    EXPECT_EQ(r.items[1].name, "Old Friend");
    EXPECT_EQ(r.items[1].origin.file, "contacts/old.md");
}

TEST(Diff, AContactMovedToAnotherFolderIsTheSameContact) {
    Files a{{"contacts/ann.md", k_ann}};
    Files b{{"contacts/work/ann.md", k_ann}};
    EXPECT_TRUE(compare(a, b).items.empty());
}

TEST(Diff, ArchivedAndUnarchived) {
    Files a{{"contacts/ann.md", k_ann}, {"contacts/ben.md", contact("name: Ben\narchived: true")}};
    Files b{{"contacts/ann.md", contact("name: Ann\ntier: close\narchived: true", "## Log\n- 2026-11-01 #call first call\n")},
            {"contacts/ben.md", contact("name: Ben")}};
    EXPECT_EQ(summary(compare(a, b)), (Lines{"contact-archived ann", "contact-unarchived ben"}));
}

TEST(Diff, EntriesAddedAreCountedWithTheNewest) {
    Files a{{"contacts/ann.md", k_ann}};
    Files b{{"contacts/ann.md", contact("name: Ann\ntier: close", "## Log\n- 2026-11-10 #coffee second\n- 2026-11-20 #gave third\n"
                                                                   "- 2026-11-01 #call first call\n")}};
    DiffReport r = compare(a, b);
    ASSERT_EQ(summary(r), (Lines{"entries-added ann", "balance-moved ann"}));
    EXPECT_EQ(r.items[0].count, 2);
    EXPECT_EQ(r.items[0].date, day("2026-11-20"));
    EXPECT_EQ(r.items[0].text, "#gave third");
    EXPECT_EQ(r.items[1].before, 0);
    EXPECT_EQ(r.items[1].after, 1);
}

TEST(Diff, VerboseListsEachEntryUnderItsSummary) {
    Files a{{"contacts/ann.md", k_ann}, {"contacts/ben.md", contact("name: Ben", "## Log\n- 2026-11-01 hi\n")}};
    Files b{{"contacts/ann.md", contact("name: Ann\ntier: close", "## Log\n- 2026-11-10 second\n- 2026-11-01 #call first call\n")},
            {"contacts/ben.md", contact("name: Ben", "## Log\n- 2026-11-01 hi\n")},
            {"journal/2026-11-12.md", "met [[ann]] and [[ben]]\n\n- 2026-11-12 lunch with [[ann]] and [[ben]]\n"}};
    DiffReport r = compare(a, b, "2026-11-22", "2026-11-22", true);
    EXPECT_EQ(summary(r), (Lines{"entries-added ann", "entry-added ann", "entry-added ann", "entries-added ben",
                                 "entry-added ben"}));
    EXPECT_EQ(r.items[1].date, day("2026-11-10"));
    EXPECT_EQ(r.items[1].origin.file, "contacts/ann.md");
    EXPECT_EQ(r.items[1].origin.line, 6); // after three front-matter lines and "## Log"
    EXPECT_EQ(r.items[2].text, "lunch with [[ann]] and [[ben]]");
    EXPECT_EQ(r.items[2].origin.file, "journal/2026-11-12.md");
    EXPECT_EQ(r.items[2].origin.line, 3);
    // Without --verbose, only the summaries.
    EXPECT_EQ(summary(compare(a, b)), (Lines{"entries-added ann", "entries-added ben"}));
}

TEST(Diff, AnEditedEntryIsOneRemovedAndOneAdded) {
    Files a{{"contacts/ann.md", k_ann}};
    Files b{{"contacts/ann.md", contact("name: Ann\ntier: close", "## Log\n- 2026-11-01 #call first call, fixed\n")}};
    DiffReport r = compare(a, b, "2026-11-22", "2026-11-22", true);
    EXPECT_EQ(summary(r), (Lines{"entries-added ann", "entry-added ann", "entries-removed ann", "entry-removed ann"}));
    EXPECT_EQ(r.items[3].text, "#call first call");
}

TEST(Diff, EntriesCompareAsAMultisetAndNotByFile) {
    const std::string twice = contact("name: Ann", "## Log\n- 2026-11-01 same\n- 2026-11-01 same\n");
    const std::string thrice = contact("name: Ann", "## Log\n- 2026-11-01 same\n- 2026-11-01 same\n- 2026-11-01 same\n");
    DiffReport r = compare({{"contacts/ann.md", twice}}, {{"contacts/ann.md", thrice}});
    ASSERT_EQ(summary(r), (Lines{"entries-added ann"}));
    EXPECT_EQ(r.items[0].count, 1);
    // An entry moved from the contact's file to a note that links them is no change.
    Files own{{"contacts/ann.md", contact("name: Ann", "## Log\n- 2026-11-01 lunch with [[ann]]\n")}};
    Files note{{"contacts/ann.md", contact("name: Ann")}, {"journal/x.md", "- 2026-11-01 lunch with [[ann]]\n"}};
    EXPECT_TRUE(compare(own, note).items.empty());
}

TEST(Diff, FollowUpsOpenedDoneAndDropped) {
    Files a{{"contacts/ann.md", contact("name: Ann", "## Follow-ups\n- [ ] send the deck 📅 2026-11-30\n- [ ] call back\n"
                                                      "- [ ] old idea\n- [x] long done\n")}};
    Files b{{"contacts/ann.md", contact("name: Ann", "## Follow-ups\n- [ ] book the venue\n- [x] send the deck 📅 2026-11-30\n"
                                                      "- [ ] call back\n- [x] long done\n")}};
    DiffReport r = compare(a, b);
    ASSERT_EQ(summary(r), (Lines{"followup-opened ann", "followup-done ann", "followup-dropped ann"}));
    EXPECT_EQ(r.items[0].text, "book the venue");
    EXPECT_EQ(r.items[0].date, std::nullopt);
    EXPECT_EQ(r.items[1].text, "send the deck 📅 2026-11-30");
    EXPECT_EQ(r.items[1].date, day("2026-11-30"));
    EXPECT_EQ(r.items[2].text, "old idea");
}

TEST(Diff, AChangedDueDateIsANewFollowUp) {
    Files a{{"contacts/ann.md", contact("name: Ann", "## Follow-ups\n- [ ] send the deck 📅 2026-11-30\n")}};
    Files b{{"contacts/ann.md", contact("name: Ann", "## Follow-ups\n- [ ] send the deck 📅 2026-12-15\n")}};
    EXPECT_EQ(summary(compare(a, b)), (Lines{"followup-opened ann", "followup-dropped ann"}));
}

TEST(Diff, DormancyIsJudgedAtEachSidesDay) {
    // Ann (close: 90d) last talked on 2026-11-01: fine on 2026-11-22, dormant by 2027-03-01.
    Files v{{"contacts/ann.md", k_ann}};
    DiffReport r = compare(v, v, "2026-11-22", "2027-03-01");
    ASSERT_EQ(summary(r), (Lines{"gone-dormant ann"}));
    EXPECT_EQ(r.items[0].date, day("2026-11-01"));
    EXPECT_EQ(r.items[0].text, "#call first call");
    // The other way round she revived.
    DiffReport back = compare(v, v, "2027-03-01", "2026-11-22");
    ASSERT_EQ(summary(back), (Lines{"revived ann"}));
    EXPECT_EQ(back.items[0].date, day("2026-11-01"));
}

TEST(Diff, RevivedByANewEntryAndNeverInTouch) {
    Files a{{"contacts/ann.md", contact("name: Ann\ntier: close", "## Log\n- 2026-01-01 long ago\n")},
            {"contacts/ben.md", contact("name: Ben\ntier: close")}};
    Files b{{"contacts/ann.md", contact("name: Ann\ntier: close", "## Log\n- 2026-11-20 caught up\n- 2026-01-01 long ago\n")},
            {"contacts/ben.md", contact("name: Ben\ntier: close")}};
    DiffReport r = compare(a, b);
    ASSERT_EQ(summary(r), (Lines{"entries-added ann", "revived ann"}));
    EXPECT_EQ(r.items[1].date, day("2026-11-20"));
    EXPECT_EQ(r.items[1].text, "caught up");
}

TEST(Diff, NotRevivedWhenNoLongerTrackedNorForNewOrArchivedContacts) {
    Files a{{"contacts/ann.md", contact("name: Ann\ntier: close")},
            {"contacts/ben.md", contact("name: Ben\ntier: close")}};
    Files b{{"contacts/ann.md", contact("name: Ann\ncadence: none")},
            {"contacts/ben.md", contact("name: Ben\ntier: close\narchived: true")},
            {"contacts/cy.md", contact("name: Cy\ntier: close")}};
    EXPECT_EQ(summary(compare(a, b)), (Lines{"contact-added cy", "contact-archived ben"}));
}

TEST(Diff, BalancesThatMoved) {
    Files a{{"contacts/ann.md", contact("name: Ann", "## Log\n- 2026-10-01 #gave a\n")},
            {"contacts/ben.md", contact("name: Ben", "## Log\n- 2026-10-01 #got b\n")}};
    Files b{{"contacts/ann.md", contact("name: Ann", "## Log\n- 2026-10-01 #gave a\n")},
            {"contacts/ben.md", contact("name: Ben", "## Log\n- 2026-11-01 #got c\n- 2026-10-01 #got b\n")}};
    DiffReport r = compare(a, b);
    ASSERT_EQ(summary(r), (Lines{"entries-added ben", "balance-moved ben"}));
    EXPECT_EQ(r.items[1].before, -1);
    EXPECT_EQ(r.items[1].after, -2);
}

TEST(Diff, JsonShapeCsvAndTable) {
    Files a{{"contacts/ann.md", k_ann}};
    Files b{{"contacts/ann.md", contact("name: Ann\ntier: close", "## Log\n- 2026-11-20 #gave, \"quoted\"\n- 2026-11-01 #call first call\n")},
            {"contacts/zed.md", contact("name: Zed")}};
    DiffReport r = compare(a, b);
    Json j = to_json(r);
    EXPECT_EQ(j["since"], (Json{{"rev", "HEAD~1"}, {"commit", std::string(40, 'a')}, {"today", "2026-11-22"}}));
    EXPECT_EQ(j["until"], (Json{{"rev", nullptr}, {"commit", nullptr}, {"today", "2026-11-22"}}));
    ASSERT_EQ(j["items"].size(), 3u);
    EXPECT_EQ(j["items"][0], (Json{{"kind", "contact-added"}, {"id", "zed"}, {"name", "Zed"}, {"count", nullptr},
                                   {"date", nullptr}, {"text", nullptr}, {"before", nullptr}, {"after", nullptr},
                                   {"file", "contacts/zed.md"}, {"line", nullptr}}));
    EXPECT_EQ(j["items"][1]["count"], 1);
    EXPECT_EQ(j["items"][2]["kind"], "balance-moved");

    std::ostringstream csv;
    render(r, csv, RenderOptions{Format::Csv, false});
    EXPECT_EQ(csv.str(), "kind,id,name,count,date,text,before,after,file,line\r\n"
                         "contact-added,zed,Zed,,,,,,contacts/zed.md,\r\n"
                         "entries-added,ann,Ann,1,2026-11-20,\"#gave, \"\"quoted\"\"\",,,contacts/ann.md,\r\n"
                         "balance-moved,ann,Ann,,,,0,1,contacts/ann.md,\r\n");

    std::ostringstream table;
    render(r, table, RenderOptions{Format::Table, false});
    EXPECT_EQ(table.str(), "from HEAD~1 (aaaaaaa, 2026-11-22) to the working tree (2026-11-22)\n\n"
                           "change         who  date        detail\n"
                           "new contact    Zed  -\n"
                           "1 entry added  Ann  2026-11-20  #gave, \"quoted\"\n"
                           "balance moved  Ann  -           0 -> +1\n");
    std::ostringstream empty;
    render(compare(a, a), empty, RenderOptions{Format::Table, true});
    EXPECT_EQ(empty.str(), "from HEAD~1 (aaaaaaa, 2026-11-22) to the working tree (2026-11-22)\nno changes\n");
}
