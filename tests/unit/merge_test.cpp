// The semantic three-way merge of one vault file (kith/sync/merge.hpp).
// Every expected text below is written out by hand.
#include "kith/sync/merge.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

using kith::sync::merge_file;
using kith::sync::MergeResult;

namespace {

const std::string k_bom = "\xEF\xBB\xBF";

/// Expects a clean merge with exactly `expected` as its text.
void expect_clean(const MergeResult& r, const std::string& expected) {
    EXPECT_TRUE(r.conflicts.empty()) << "first conflict: " << (r.conflicts.empty() ? "" : r.conflicts.front().what);
    EXPECT_EQ(r.text, expected);
}

/// The conflicts' descriptions, in order.
std::vector<std::string> whats(const MergeResult& r) {
    std::vector<std::string> out;
    for (const auto& c : r.conflicts) out.push_back(c.what);
    return out;
}

} // namespace

// ---------------------------------------------------------------------------
// Body: interaction entries and follow-ups

TEST(MergeLog, BothAddDifferentEntriesAtTopNewestFirst) {
    const std::string base = "---\nname: Alice Chen\n---\n## Log\n- 2026-11-02 coffee at Oslo Kaffebar\n";
    const std::string ours = "---\nname: Alice Chen\n---\n## Log\n- 2026-11-20 call about the offsite #call\n"
                             "- 2026-11-02 coffee at Oslo Kaffebar\n";
    const std::string theirs = "---\nname: Alice Chen\n---\n## Log\n- 2026-11-21 lunch #gave\n"
                               "- 2026-11-02 coffee at Oslo Kaffebar\n";
    expect_clean(merge_file(base, ours, theirs),
                 "---\nname: Alice Chen\n---\n## Log\n- 2026-11-21 lunch #gave\n"
                 "- 2026-11-20 call about the offsite #call\n- 2026-11-02 coffee at Oslo Kaffebar\n");
    // And the other way round: the order comes from the dates, not the sides.
    expect_clean(merge_file(base, theirs, ours),
                 "---\nname: Alice Chen\n---\n## Log\n- 2026-11-21 lunch #gave\n"
                 "- 2026-11-20 call about the offsite #call\n- 2026-11-02 coffee at Oslo Kaffebar\n");
}

TEST(MergeLog, BothAddTheSameEntryKeptOnce) {
    const std::string base = "---\nname: A\n---\n## Log\n- 2026-11-02 coffee\n";
    const std::string both = "---\nname: A\n---\n## Log\n- 2026-11-20 call #call\n- 2026-11-02 coffee\n";
    expect_clean(merge_file(base, both, both), both);
}

TEST(MergeLog, SameEntryPlusOneEachKeepsTheSharedOneOnce) {
    const std::string base = "## Log\n- 2026-11-02 coffee\n";
    const std::string ours = "## Log\n- 2026-11-20 call\n- 2026-11-15 email\n- 2026-11-02 coffee\n";
    const std::string theirs = "## Log\n- 2026-11-18 lunch\n- 2026-11-15 email\n- 2026-11-02 coffee\n";
    expect_clean(merge_file(base, ours, theirs),
                 "## Log\n- 2026-11-20 call\n- 2026-11-18 lunch\n- 2026-11-15 email\n- 2026-11-02 coffee\n");
}

TEST(MergeLog, EntriesInterleavedByDate) {
    const std::string base = "---\nname: A\n---\n## Log\n- 2026-11-10 ten\n";
    const std::string ours = "---\nname: A\n---\n## Log\n- 2026-11-20 twenty\n- 2026-11-10 ten\n";
    const std::string theirs = "---\nname: A\n---\n## Log\n- 2026-11-21 twenty-one\n- 2026-11-19 nineteen\n"
                               "- 2026-11-10 ten\n";
    expect_clean(merge_file(base, ours, theirs), "---\nname: A\n---\n## Log\n- 2026-11-21 twenty-one\n"
                                                 "- 2026-11-20 twenty\n- 2026-11-19 nineteen\n- 2026-11-10 ten\n");
}

TEST(MergeLog, EqualDatesKeepOursBeforeTheirs) {
    const std::string base = "## Log\n- 2026-11-10 ten\n";
    const std::string ours = "## Log\n- 2026-11-20 ours b\n- 2026-11-20 ours a\n- 2026-11-10 ten\n";
    const std::string theirs = "## Log\n- 2026-11-20 theirs\n- 2026-11-10 ten\n";
    expect_clean(merge_file(base, ours, theirs),
                 "## Log\n- 2026-11-20 ours b\n- 2026-11-20 ours a\n- 2026-11-20 theirs\n- 2026-11-10 ten\n");
}

TEST(MergeLog, AppendedAtTheEndOfTheFileOnBothSides) {
    const std::string base = "## Log\n- 2026-11-10 ten";
    const std::string ours = "## Log\n- 2026-11-10 ten\n- 2026-11-12 twelve";
    const std::string theirs = "## Log\n- 2026-11-10 ten\n- 2026-11-11 eleven\n";
    // Both changed the last line (a newline was added to it): a union of items.
    expect_clean(merge_file(base, ours, theirs), "## Log\n- 2026-11-12 twelve\n- 2026-11-11 eleven\n- 2026-11-10 ten\n");
}

TEST(MergeFollowUps, OursTicksTheirsAdds) {
    const std::string base = "---\nname: A\n---\n## Follow-ups\n- [ ] 2026-11-20 send her the paper\n";
    const std::string ours = "---\nname: A\n---\n## Follow-ups\n- [x] 2026-11-20 send her the paper\n";
    const std::string theirs = "---\nname: A\n---\n## Follow-ups\n- [ ] 2026-11-20 send her the paper\n"
                               "- [ ] 2026-12-01 ask about the offsite\n";
    expect_clean(merge_file(base, ours, theirs), "---\nname: A\n---\n## Follow-ups\n"
                                                 "- [x] 2026-11-20 send her the paper\n"
                                                 "- [ ] 2026-12-01 ask about the offsite\n");
}

TEST(MergeFollowUps, TheirsTicksOursAdds) {
    const std::string base = "## Follow-ups\n- [ ] send her the paper\n";
    const std::string ours = "## Follow-ups\n- [ ] intro to Bob\n- [ ] send her the paper\n";
    const std::string theirs = "## Follow-ups\n- [X] send her the paper\n";
    expect_clean(merge_file(base, ours, theirs), "## Follow-ups\n- [ ] intro to Bob\n- [X] send her the paper\n");
}

TEST(MergeFollowUps, TickedWithAnObsidianDoneDateIsTheSameFollowUp) {
    const std::string base = "- [ ] send the paper\n";
    const std::string ours = "- [x] send the paper \xE2\x9C\x85 2026-11-22\n";
    const std::string theirs = "- [ ] send the paper\n- [ ] book the table\n";
    expect_clean(merge_file(base, ours, theirs), "- [x] send the paper \xE2\x9C\x85 2026-11-22\n- [ ] book the table\n");
}

TEST(MergeFollowUps, DifferentTextIsADifferentFollowUp) {
    const std::string base = "- [ ] send the paper\n";
    const std::string ours = "- [x] send the paper\n";
    const std::string theirs = "- [ ] send the papers\n";
    expect_clean(merge_file(base, ours, theirs), "- [x] send the paper\n- [ ] send the papers\n");
}

TEST(MergeFollowUps, EntriesSortedFollowUpsKeepTheirPlace) {
    const std::string base = "- 2026-11-01 one\n";
    const std::string ours = "- [ ] call back\n- 2026-11-05 five\n- 2026-11-01 one\n";
    const std::string theirs = "- 2026-11-09 nine\n- [ ] write\n- 2026-11-01 one\n";
    expect_clean(merge_file(base, ours, theirs), "- [ ] call back\n- 2026-11-09 nine\n- 2026-11-05 five\n- [ ] write\n- 2026-11-01 one\n");
}

// ---------------------------------------------------------------------------
// Body: other text

TEST(MergeBody, ProseEditedOnBothSidesInTheSameLineConflicts) {
    const std::string base = "---\nname: A\n---\nMet at the conference.\n\nLikes climbing.\n";
    const std::string ours = "---\nname: A\n---\nMet at the Oslo conference.\n\nLikes climbing.\n";
    const std::string theirs = "---\nname: A\n---\nMet at the conference in 2024.\n\nLikes climbing.\n";
    MergeResult r = merge_file(base, ours, theirs);
    ASSERT_EQ(r.conflicts.size(), 1u);
    EXPECT_EQ(r.conflicts[0].what, "line 1 of the body");
    EXPECT_EQ(r.conflicts[0].ours, "Met at the Oslo conference.\n");
    EXPECT_EQ(r.conflicts[0].theirs, "Met at the conference in 2024.\n");
}

TEST(MergeBody, ProseEditedInDifferentParagraphsIsClean) {
    const std::string base = "---\nname: A\n---\nMet at the conference.\n\nLikes climbing.\n";
    const std::string ours = "---\nname: A\n---\nMet at the Oslo conference.\n\nLikes climbing.\n";
    const std::string theirs = "---\nname: A\n---\nMet at the conference.\n\nLikes climbing and chess.\n";
    expect_clean(merge_file(base, ours, theirs),
                 "---\nname: A\n---\nMet at the Oslo conference.\n\nLikes climbing and chess.\n");
}

TEST(MergeBody, RegionMixingItemsAndProseConflicts) {
    const std::string base = "## Log\n- 2026-11-10 ten\nSome notes.\n";
    const std::string ours = "## Log\n- 2026-11-20 twenty\nSome notes, edited.\n";
    const std::string theirs = "## Log\n- 2026-11-21 twenty-one\nOther notes.\n";
    MergeResult r = merge_file(base, ours, theirs);
    ASSERT_EQ(r.conflicts.size(), 1u);
    EXPECT_EQ(r.conflicts[0].what, "lines 2-3 of the body");
    EXPECT_EQ(r.conflicts[0].ours, "- 2026-11-20 twenty\nSome notes, edited.\n");
    EXPECT_EQ(r.conflicts[0].theirs, "- 2026-11-21 twenty-one\nOther notes.\n");
}

TEST(MergeBody, ItemWithAContinuationLineIsNotASingleLineItem) {
    const std::string base = "- 2026-11-10 ten\n  more about ten\n";
    const std::string ours = "- 2026-11-12 twelve\n  more about ten\n";
    const std::string theirs = "- 2026-11-11 eleven\n  more about ten\n";
    MergeResult r = merge_file(base, ours, theirs);
    EXPECT_EQ(whats(r), (std::vector<std::string>{"line 1 of the body"}));
}

TEST(MergeBody, ImpossibleDateIsNotAnEntry) {
    const std::string base = "## Log\n";
    const std::string ours = "## Log\n- 2026-02-30 oops\n";
    const std::string theirs = "## Log\n- 2026-11-11 eleven\n";
    EXPECT_EQ(merge_file(base, ours, theirs).conflicts.size(), 1u);
}

TEST(MergeBody, IdenticalPartOfABothSidedChangeIsTakenOnce) {
    // Both rewrote the note the same way and each added an entry under it.
    const std::string base = "Old note.\n";
    const std::string ours = "New note.\n- 2026-11-20 twenty\n";
    const std::string theirs = "New note.\n- 2026-11-21 twenty-one\n";
    expect_clean(merge_file(base, ours, theirs), "New note.\n- 2026-11-21 twenty-one\n- 2026-11-20 twenty\n");
}

TEST(MergeBody, NoFrontMatterAnywhere) {
    const std::string base = "# Standup\n\nNotes.\n\n- 2026-11-02 met [[alice-chen]]\n";
    const std::string ours = "# Standup\n\nNotes, more of them.\n\n- 2026-11-02 met [[alice-chen]]\n";
    const std::string theirs = "# Standup\n\nNotes.\n\n- 2026-11-03 met [[bob]]\n- 2026-11-02 met [[alice-chen]]\n";
    expect_clean(merge_file(base, ours, theirs),
                 "# Standup\n\nNotes, more of them.\n\n- 2026-11-03 met [[bob]]\n- 2026-11-02 met [[alice-chen]]\n");
    MergeResult r = merge_file(base, "# Standup\n\nA.\n\n- 2026-11-02 met [[alice-chen]]\n",
                               "# Standup\n\nB.\n\n- 2026-11-02 met [[alice-chen]]\n");
    EXPECT_EQ(whats(r), (std::vector<std::string>{"line 3 of the body"}));
}

TEST(MergeBody, DeletedOnOneSideUnchangedOnTheOther) {
    const std::string base = "a\nb\nc\n";
    expect_clean(merge_file(base, "a\nc\n", "a\nb\nc\nd\n"), "a\nc\nd\n");
}

// ---------------------------------------------------------------------------
// Front matter, key by key

TEST(MergeFrontMatter, DifferentKeysChangedOnEachSide) {
    const std::string base = "---\nname: Alice Chen\ncompany: Acme\ntitle: Engineer\n---\nBody.\n";
    const std::string ours = "---\nname: Alice Chen\ncompany: Initech\ntitle: Engineer\n---\nBody.\n";
    const std::string theirs = "---\nname: Alice Chen\ncompany: Acme\ntitle: Staff Engineer\n---\nBody.\n";
    expect_clean(merge_file(base, ours, theirs),
                 "---\nname: Alice Chen\ncompany: Initech\ntitle: Staff Engineer\n---\nBody.\n");
}

TEST(MergeFrontMatter, SameKeyChangedDifferentlyConflictsNamingTheKey) {
    const std::string base = "---\nname: A\ntier: network\ncompany: Acme\n---\n";
    const std::string ours = "---\nname: A\ntier: close\ncompany: Acme\n---\n";
    const std::string theirs = "---\nname: A\ntier: core\ncompany: Initech\n---\n";
    MergeResult r = merge_file(base, ours, theirs);
    ASSERT_EQ(r.conflicts.size(), 1u);
    EXPECT_NE(r.conflicts[0].what.find("'tier'"), std::string::npos) << r.conflicts[0].what;
    EXPECT_EQ(r.conflicts[0].ours, "tier: close\n");
    EXPECT_EQ(r.conflicts[0].theirs, "tier: core\n");
}

TEST(MergeFrontMatter, SameChangeOnBothSidesIsClean) {
    const std::string base = "---\nname: A\ntier: network\n---\n";
    const std::string both = "---\nname: A\ntier: core\n---\n";
    expect_clean(merge_file(base, both, both), both);
}

TEST(MergeFrontMatter, KeyDeletedOnOneSideUnchangedOnTheOther) {
    const std::string base = "---\nname: A\nlocation: Oslo\ntier: core\n---\n";
    const std::string ours = "---\nname: A\ntier: core\n---\n";
    const std::string theirs = "---\nname: A\nlocation: Oslo\ntier: close\n---\n";
    expect_clean(merge_file(base, ours, theirs), "---\nname: A\ntier: close\n---\n");
    expect_clean(merge_file(base, theirs, ours), "---\nname: A\ntier: close\n---\n");
}

TEST(MergeFrontMatter, DeleteAgainstChangeConflicts) {
    const std::string base = "---\nname: A\nlocation: Oslo\n---\n";
    const std::string ours = "---\nname: A\n---\n";
    const std::string theirs = "---\nname: A\nlocation: Bergen\n---\n";
    MergeResult r = merge_file(base, ours, theirs);
    ASSERT_EQ(r.conflicts.size(), 1u);
    EXPECT_EQ(r.conflicts[0].what, "front matter key 'location'");
    EXPECT_EQ(r.conflicts[0].ours, "");
    EXPECT_EQ(r.conflicts[0].theirs, "location: Bergen\n");
}

TEST(MergeFrontMatter, KeysAddedOnBothSides) {
    const std::string base = "---\nname: A\ntier: core\n---\nBody.\n";
    const std::string ours = "---\nname: A\nemail: a@example.com\ntier: core\n---\nBody.\n";
    const std::string theirs = "---\nname: A\ntier: core\ncompany: Acme\ntags:\n  - mentor\n---\nBody.\n";
    // Ours' order; theirs' new keys before the closing fence, in their order.
    expect_clean(merge_file(base, ours, theirs),
                 "---\nname: A\nemail: a@example.com\ntier: core\ncompany: Acme\ntags:\n  - mentor\n---\nBody.\n");
}

TEST(MergeFrontMatter, SameKeyAddedDifferentlyConflicts) {
    const std::string base = "---\nname: A\n---\n";
    MergeResult r = merge_file(base, "---\nname: A\ntier: core\n---\n", "---\nname: A\ntier: close\n---\n");
    EXPECT_EQ(whats(r), (std::vector<std::string>{"front matter key 'tier'"}));
}

TEST(MergeFrontMatter, CommentsAndListsTravelWithTheirKey) {
    const std::string base = "---\nname: A\n# how we met\nmet: 2020-01-01\ntags:\n- a\n---\n";
    const std::string ours = "---\nname: B\n# how we met\nmet: 2020-01-01\ntags:\n- a\n---\n";
    const std::string theirs = "---\nname: A\ntags:\n- a\n- b\n# how we met, roughly\nmet: 2020-01-02\n---\n";
    expect_clean(merge_file(base, ours, theirs),
                 "---\nname: B\n# how we met, roughly\nmet: 2020-01-02\ntags:\n- a\n- b\n---\n");
}

TEST(MergeFrontMatter, TrailingCommentStaysBeforeTheFence) {
    const std::string base = "---\nname: A\n# end\n---\n";
    const std::string ours = "---\nname: A\n# end\n---\n";
    const std::string theirs = "---\nname: A\ntier: core\n# end\n---\n";
    expect_clean(merge_file(base, ours, theirs), "---\nname: A\ntier: core\n# end\n---\n");
}

TEST(MergeFrontMatter, DotsClosingFenceAndQuotedKeys) {
    const std::string base = "---\n\"name\": A\n'odd key': 1\n...\nBody.\n";
    const std::string ours = "---\n\"name\": B\n'odd key': 1\n...\nBody.\n";
    const std::string theirs = "---\n\"name\": A\n'odd key': 2\n...\nBody.\n";
    expect_clean(merge_file(base, ours, theirs), "---\n\"name\": B\n'odd key': 2\n...\nBody.\n");
}

TEST(MergeFrontMatter, FrontMatterAndBodyMergeTogether) {
    const std::string base = "---\nname: A\ntier: network\n---\n## Log\n- 2026-11-02 coffee\n";
    const std::string ours = "---\nname: A\ntier: close\n---\n## Log\n- 2026-11-20 call\n- 2026-11-02 coffee\n";
    const std::string theirs = "---\nname: A\ntier: network\ncompany: Acme\n---\n## Log\n- 2026-11-21 lunch\n"
                               "- 2026-11-02 coffee\n";
    expect_clean(merge_file(base, ours, theirs), "---\nname: A\ntier: close\ncompany: Acme\n---\n## Log\n"
                                                 "- 2026-11-21 lunch\n- 2026-11-20 call\n- 2026-11-02 coffee\n");
}

TEST(MergeFrontMatter, OnlyOneSideHasFrontMatterFallsBackToLines) {
    const std::string base = "Notes.\n";
    const std::string ours = "---\ndate: 2026-11-02\n---\nNotes.\n";
    const std::string theirs = "Notes.\nMore.\n";
    expect_clean(merge_file(base, ours, theirs), "---\ndate: 2026-11-02\n---\nNotes.\nMore.\n");
}

TEST(MergeFrontMatter, UnclosedFrontMatterFallsBackToLines) {
    const std::string base = "---\nname: A\n\nbody\n";
    const std::string ours = "---\nname: B\n\nbody\n";
    const std::string theirs = "---\nname: C\n\nbody\n";
    EXPECT_EQ(whats(merge_file(base, ours, theirs)), (std::vector<std::string>{"line 2 of the file"}));
    expect_clean(merge_file(base, ours, "---\nname: A\n\nbody, edited\n"), "---\nname: B\n\nbody, edited\n");
    // Changes on adjacent lines are one region changed on both sides, as in diff3.
    EXPECT_EQ(whats(merge_file("a\nb\n", "A\nb\n", "a\nB\n")), (std::vector<std::string>{"lines 1-2 of the body"}));
}

// ---------------------------------------------------------------------------
// Line endings, BOM, missing base

TEST(MergeEncoding, CrlfOursLfTheirs) {
    const std::string base = "---\nname: A\ntier: core\n---\nLine one.\n\nLine two.\n";
    const std::string ours = "---\r\nname: B\r\ntier: core\r\n---\r\nLine one, edited.\r\n\r\nLine two.\r\n";
    const std::string theirs = "---\nname: A\ntier: close\n---\nLine one.\n\nLine two, edited.\n- 2026-11-02 x\n";
    expect_clean(merge_file(base, ours, theirs), "---\r\nname: B\r\ntier: close\r\n---\r\nLine one, edited.\r\n\r\n"
                                                 "Line two, edited.\r\n- 2026-11-02 x\r\n");
}

TEST(MergeEncoding, LfOursCrlfTheirsWithoutAnyRealChangeOnOurs) {
    const std::string base = "a\nb\n";
    expect_clean(merge_file(base, base, "a\r\nb\r\nc\r\n"), "a\nb\nc\n");
}

TEST(MergeEncoding, BomOfOursKept) {
    const std::string base = k_bom + "---\nname: A\n---\nx\n";
    const std::string ours = k_bom + "---\nname: A\n---\nx\ny\n";
    const std::string theirs = "---\nname: B\n---\nx\n";
    expect_clean(merge_file(base, ours, theirs), k_bom + "---\nname: B\n---\nx\ny\n");
    // A BOM only theirs added is taken too (a change on one side).
    expect_clean(merge_file(std::string("a\n"), "a\nb\n", k_bom + "a\n"), k_bom + "a\nb\n");
}

TEST(MergeNoBase, BothAddedTheSameFileWithDifferentEntries) {
    const std::string ours = "---\nname: Alice Chen\ntier: core\n---\n## Log\n- 2026-11-20 coffee\n";
    const std::string theirs = "---\nname: Alice Chen\ncompany: Acme\n---\n## Log\n- 2026-11-21 call\n"
                               "- 2026-11-02 met at the meetup\n";
    expect_clean(merge_file(std::nullopt, ours, theirs),
                 "---\nname: Alice Chen\ntier: core\ncompany: Acme\n---\n## Log\n- 2026-11-21 call\n"
                 "- 2026-11-20 coffee\n- 2026-11-02 met at the meetup\n");
}

TEST(MergeNoBase, DifferentNamesConflict) {
    const std::string ours = "---\nname: Alice Chen\n---\n## Log\n- 2026-11-20 coffee\n";
    const std::string theirs = "---\nname: Alice Cheng\n---\n## Log\n- 2026-11-20 coffee\n";
    MergeResult r = merge_file(std::nullopt, ours, theirs);
    EXPECT_EQ(whats(r), (std::vector<std::string>{"front matter key 'name'"}));
}

TEST(MergeNoBase, IdenticalFiles) {
    const std::string both = "---\nname: A\n---\nBody.\n";
    expect_clean(merge_file(std::nullopt, both, both), both);
}

TEST(MergeNoBase, DifferentProseConflicts) {
    MergeResult r = merge_file(std::nullopt, "# Note\nOurs.\n", "# Note\nTheirs.\n");
    EXPECT_EQ(whats(r), (std::vector<std::string>{"line 2 of the body"}));
}

// ---------------------------------------------------------------------------
// Cost

TEST(MergePerformance, TwoLongLogsEachAddingAHundredEntries) {
    auto entry = [](int day_index, const char* what) {
        int y = 2000 + day_index / 336, m = 1 + (day_index / 28) % 12, d = 1 + day_index % 28;
        char buf[64];
        std::snprintf(buf, sizeof buf, "- %04d-%02d-%02d %s %d\n", y, m, d, what, day_index);
        return std::string(buf);
    };
    std::string old_log;
    for (int i = 4999; i >= 0; --i) old_log += entry(i, "old");
    const std::string head = "---\nname: A\n---\n## Log\n";
    std::string ours_new, theirs_new, expected_new;
    for (int i = 5299; i >= 5100; --i) {
        // Days 5100..5299: even ones are ours, odd ones theirs.
        (i % 2 == 0 ? ours_new : theirs_new) += entry(i, "new");
        expected_new += entry(i, "new");
    }
    auto start = std::chrono::steady_clock::now();
    MergeResult r = merge_file(head + old_log, head + ours_new + old_log, head + theirs_new + old_log);
    auto took = std::chrono::steady_clock::now() - start;
    expect_clean(r, head + expected_new + old_log);
    EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(took).count(), 1000);
}

TEST(MergePerformance, TwoUnrelatedLongFiles) {
    std::string ours, theirs;
    for (int i = 0; i < 10000; ++i) {
        ours += "ours line " + std::to_string(i) + "\n\n";
        theirs += "theirs line " + std::to_string(i) + "\n\n";
    }
    auto start = std::chrono::steady_clock::now();
    MergeResult r = merge_file(std::string(), ours, theirs);
    auto took = std::chrono::steady_clock::now() - start;
    EXPECT_FALSE(r.conflicts.empty());
    EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(took).count(), 2000);
}
