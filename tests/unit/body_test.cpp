// Markdown bodies: interaction entries, follow-ups and links (VAULT.md,
// "Contact body").
#include "support.hpp"

#include "kith/parse/body.hpp"

using namespace kith;
using namespace kith::test;

namespace {

using Strings = std::vector<std::string>;

const std::string k_file = "contacts/alice.md";

bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

std::string dump(const Diagnostics& ds) {
    std::string out;
    for (const auto& d : ds) out += format_diagnostic(d) + "\n";
    return out;
}

/// Parses `text` as a body starting on line `first_line`, expecting no diagnostics.
Body parse_clean(std::string_view text, int first_line = 1) {
    Diagnostics ds;
    Body b = parse_body(text, first_line, k_file, ds);
    EXPECT_TRUE(ds.empty()) << dump(ds);
    return b;
}

std::vector<std::pair<std::string, int>> link_lines(const Body& b) {
    std::vector<std::pair<std::string, int>> out;
    for (const LinkRef& l : b.links) out.emplace_back(l.target, l.line);
    return out;
}

Strings entry_dates(const Body& b) {
    Strings out;
    for (const Entry& e : b.entries) out.push_back(e.date.iso());
    return out;
}

constexpr const char* k_cal = "\xF0\x9F\x93\x85"; // 📅

} // namespace

// ---------------------------------------------------------------------------
// 1. Interaction entry: "a list item (not a task item) whose text starts with a
// real calendar date `YYYY-MM-DD` not followed by a letter, digit or `_`"

TEST(BodyEntries, DatedListItemIsAnEntry) {
    Body b = parse_clean("## Log\n- 2026-11-02 coffee at Oslo Kaffebar, talked about hiring #coffee with [[bob]]\n", 5);
    ASSERT_EQ(b.entries.size(), 1u);
    const Entry& e = b.entries[0];
    EXPECT_EQ(e.date, day("2026-11-02"));
    EXPECT_EQ(e.text(), "coffee at Oslo Kaffebar, talked about hiring #coffee with [[bob]]");
    EXPECT_EQ(e.tags(), (Strings{"coffee"}));
    EXPECT_EQ(e.links(), (Strings{"bob"}));
    EXPECT_EQ(e.line, 6);
    EXPECT_TRUE(b.tasks.empty());
}

TEST(BodyEntries, OtherListMarkersCount) {
    Body b = parse_clean("* 2026-11-02 a\n\n+ 2026-11-03 b\n");
    EXPECT_EQ(entry_dates(b), (Strings{"2026-11-02", "2026-11-03"}));
}

TEST(BodyEntries, TaskItemIsNotAnEntry) {
    Body b = parse_clean("- [ ] 2026-11-02 call her\n- [x] 2026-11-01 sent it\n");
    EXPECT_TRUE(b.entries.empty());
    EXPECT_EQ(b.tasks.size(), 2u);
}

TEST(BodyEntries, DateNotFollowedByLetterDigitOrUnderscore) {
    Body b = parse_clean("- 2026-11-02x notes\n- 2026-11-021 x\n- 2026-11-02_a x\n- 2026-11-03: call\n"
                         "- 2026-11-04, mail\n- 2026-11-05\n");
    EXPECT_EQ(entry_dates(b), (Strings{"2026-11-03", "2026-11-04", "2026-11-05"}));
}

TEST(BodyEntries, DateMustStartTheItemText) {
    // (`**2026-11-03**` starts an entry since VAULT.md v1.2: rules_obsidian_test.cpp.)
    Body b = parse_clean("- coffee on 2026-11-02\n- bold **2026-11-03**\n");
    EXPECT_TRUE(b.entries.empty());
}

TEST(BodyEntries, EntryTextIsWithoutItsDate) {
    Body b = parse_clean("- 2026-11-02   lunch  \n- 2026-11-03\n");
    ASSERT_EQ(b.entries.size(), 2u);
    EXPECT_EQ(b.entries[0].text(), "lunch");
    EXPECT_EQ(b.entries[1].text(), "");
}

TEST(BodyEntries, ImpossibleDateMakesNoEntryAndAWarning) {
    Diagnostics ds;
    Body b = parse_body("# Log\n\n- 2026-02-30 coffee\n- 2026-11-02 ok\n", 4, k_file, ds);
    EXPECT_EQ(entry_dates(b), (Strings{"2026-11-02"}));
    ASSERT_EQ(ds.size(), 1u) << dump(ds);
    EXPECT_EQ(ds[0].file, k_file);
    EXPECT_EQ(ds[0].line, 6);
    EXPECT_EQ(ds[0].level, Level::Warning);
    EXPECT_TRUE(contains(ds[0].message, "2026-02-30")) << ds[0].message;
}

TEST(BodyEntries, ImpossibleMonthMakesNoEntryAndAWarning) {
    Diagnostics ds;
    Body b = parse_body("- 2026-13-01 x\n", 1, k_file, ds);
    EXPECT_TRUE(b.entries.empty());
    ASSERT_EQ(ds.size(), 1u) << dump(ds);
    EXPECT_EQ(ds[0].line, 1);
    EXPECT_EQ(ds[0].level, Level::Warning);
    EXPECT_TRUE(contains(ds[0].message, "2026-13-01")) << ds[0].message;
}

TEST(BodyEntries, AnyHeadingOrNone) {
    Body b = parse_clean("- 2026-01-01 before any heading\n\n# Notes\n\n- 2026-01-02 a\n\n## Random\n\n"
                         "- 2026-01-03 b\n\n## Log\n\n- 2026-01-04 c\n");
    EXPECT_EQ(entry_dates(b), (Strings{"2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04"}));
}

TEST(BodyEntries, OrderedListItems) {
    Body b = parse_clean("1. 2026-11-02 call\n2. 2026-11-03 mail #email\n\n3) 2026-11-04 coffee\n");
    EXPECT_EQ(entry_dates(b), (Strings{"2026-11-02", "2026-11-03", "2026-11-04"}));
    ASSERT_EQ(b.entries.size(), 3u);
    EXPECT_EQ(b.entries[1].tags(), (Strings{"email"}));
    EXPECT_EQ(b.entries[1].line, 2);
    EXPECT_EQ(b.entries[2].line, 4);
}

TEST(BodyEntries, ContinuationLinesArePartOfTheText) {
    Body b = parse_clean("- 2026-11-02 coffee\n  talked about #hiring with [[bob]]\nlazy line #lazy\n");
    ASSERT_EQ(b.entries.size(), 1u);
    const Entry& e = b.entries[0];
    EXPECT_TRUE(contains(e.text(), "coffee")) << e.text();
    EXPECT_TRUE(contains(e.text(), "talked about #hiring")) << e.text();
    EXPECT_TRUE(contains(e.text(), "lazy line")) << e.text();
    EXPECT_EQ(e.tags(), (Strings{"hiring", "lazy"}));
    EXPECT_EQ(e.links(), (Strings{"bob"}));
    EXPECT_EQ(e.line, 1);
}

TEST(BodyEntries, OnlyTheFirstParagraphIsTheText) {
    Body b = parse_clean("- 2026-11-02 coffee #call\n\n  a second paragraph #later [[carol]]\n");
    ASSERT_EQ(b.entries.size(), 1u);
    EXPECT_EQ(b.entries[0].tags(), (Strings{"call"}));
    EXPECT_TRUE(b.entries[0].links().empty());
    EXPECT_FALSE(contains(b.entries[0].text(), "second")) << b.entries[0].text();
}

TEST(BodyEntries, NestedItemsAreItemsOfTheirOwn) {
    Body b = parse_clean("- 2026-11-01 trip to Oslo #travel\n  - 2026-11-02 dinner #food\n    - [ ] 2026-11-09 send photos\n"
                         "- Conference\n  - 2026-11-03 talk with [[dan]]\n");
    ASSERT_EQ(b.entries.size(), 3u);
    EXPECT_EQ(b.entries[0].date, day("2026-11-01"));
    EXPECT_EQ(b.entries[0].tags(), (Strings{"travel"}));
    EXPECT_EQ(b.entries[0].line, 1);
    EXPECT_EQ(b.entries[1].date, day("2026-11-02"));
    EXPECT_EQ(b.entries[1].tags(), (Strings{"food"}));
    EXPECT_EQ(b.entries[1].line, 2);
    EXPECT_EQ(b.entries[2].date, day("2026-11-03"));
    EXPECT_EQ(b.entries[2].links(), (Strings{"dan"}));
    EXPECT_EQ(b.entries[2].line, 5);
    ASSERT_EQ(b.tasks.size(), 1u);
    EXPECT_EQ(b.tasks[0].line, 3);
    EXPECT_EQ(b.tasks[0].due, std::optional<Date>(day("2026-11-09")));
}

TEST(BodyEntries, TagsEachOnceInOrderAndCaseInsensitive) {
    Body b = parse_clean("- 2026-11-02 #Got an #intro from [[bob]] #GOT #thanks\n");
    ASSERT_EQ(b.entries.size(), 1u);
    EXPECT_EQ(b.entries[0].tags(), (Strings{"got", "intro", "thanks"}));
    EXPECT_TRUE(b.entries[0].has_tag("got"));
    EXPECT_FALSE(b.entries[0].has_tag("gave"));
}

TEST(BodyEntries, TagsInInlineCodeIgnored) {
    Body b = parse_clean("- 2026-11-02 wrote `#define X` for her #gave\n");
    ASSERT_EQ(b.entries.size(), 1u);
    EXPECT_EQ(b.entries[0].tags(), (Strings{"gave"}));
}

TEST(BodyEntries, ItemsInFencedCodeDoNotCount) {
    Body b = parse_clean("```\n- 2026-11-02 in code\n- [ ] 2026-11-03 task in code\n```\n\n~~~md\n- 2026-11-04 tilde\n~~~\n");
    EXPECT_TRUE(b.entries.empty());
    EXPECT_TRUE(b.tasks.empty());
}

TEST(BodyEntries, ItemsInIndentedCodeDoNotCount) {
    Body b = parse_clean("Some text.\n\n    - 2026-11-02 indented code\n    - [ ] 2026-11-03 task\n");
    EXPECT_TRUE(b.entries.empty());
    EXPECT_TRUE(b.tasks.empty());
}

TEST(BodyEntries, ItemsInHtmlBlocksDoNotCount) {
    Body b = parse_clean("<div>\n- 2026-11-02 in html\n- [ ] 2026-11-03 task in html\n</div>\n");
    EXPECT_TRUE(b.entries.empty());
    EXPECT_TRUE(b.tasks.empty());
}

TEST(BodyEntries, ItemsInBlockQuotesDoNotCount) {
    Body b = parse_clean("> - 2026-11-02 quoted\n> - [ ] 2026-11-03 quoted task\n>\n> > - 2026-11-04 deeper\n\n"
                         "- 2026-11-05 real\n");
    EXPECT_EQ(entry_dates(b), (Strings{"2026-11-05"}));
    EXPECT_TRUE(b.tasks.empty());
}

TEST(BodyEntries, ItemInsideListInsideBlockQuoteDoesNotCount) {
    Body b = parse_clean("- outer\n  > - 2026-11-02 quoted in item\n");
    EXPECT_TRUE(b.entries.empty());
}

TEST(BodyEntries, DateInParagraphIsNotAnEntry) {
    Body b = parse_clean("2026-11-02 coffee, but not a list item\n");
    EXPECT_TRUE(b.entries.empty());
}

// ---------------------------------------------------------------------------
// 2. Follow-up: "a GFM task item. `- [ ] 2026-11-20 send her the paper` is an
// open follow-up; its due date is the date after `📅` if there is one, else the
// first ISO date in its text; without a date it has no due date. `- [x]` or
// `- [X]` is done."

TEST(BodyFollowUps, OpenTask) {
    Body b = parse_clean("\n- [ ] 2026-11-20 send her the paper\n", 7);
    ASSERT_EQ(b.tasks.size(), 1u);
    EXPECT_FALSE(b.tasks[0].done);
    EXPECT_EQ(b.tasks[0].due, std::optional<Date>(day("2026-11-20")));
    EXPECT_EQ(b.tasks[0].line, 8);
    EXPECT_TRUE(contains(b.tasks[0].text, "send her the paper")) << b.tasks[0].text;
}

TEST(BodyFollowUps, DoneWithLowerOrUpperX) {
    Body b = parse_clean("- [x] sent\n- [X] called\n- [ ] open\n");
    ASSERT_EQ(b.tasks.size(), 3u);
    EXPECT_TRUE(b.tasks[0].done);
    EXPECT_TRUE(b.tasks[1].done);
    EXPECT_FALSE(b.tasks[2].done);
}

TEST(BodyFollowUps, LaterCheckboxInTextDoesNotCloseTheTask) {
    // cmark-gfm 0.29 marks this item done because of the later `[x]`.
    Body b = parse_clean("- [ ] fix [x] later\n* [ ] also [X] open\n1. [ ] numbered [x] too\n");
    ASSERT_EQ(b.tasks.size(), 3u);
    EXPECT_FALSE(b.tasks[0].done);
    EXPECT_FALSE(b.tasks[1].done);
    EXPECT_FALSE(b.tasks[2].done);
}

TEST(BodyFollowUps, OrderedAndOtherMarkers) {
    Body b = parse_clean("1. [x] done numbered\n\n* [ ] star\n\n+ [X] plus\n");
    ASSERT_EQ(b.tasks.size(), 3u);
    EXPECT_TRUE(b.tasks[0].done);
    EXPECT_FALSE(b.tasks[1].done);
    EXPECT_TRUE(b.tasks[2].done);
}

TEST(BodyFollowUps, DueDateAfterCalendarEmojiWins) {
    Body b = parse_clean(std::string("- [ ] talk about 2026-11-01 offsite ") + k_cal + " 2026-12-01\n");
    ASSERT_EQ(b.tasks.size(), 1u);
    EXPECT_EQ(b.tasks[0].due, std::optional<Date>(day("2026-12-01")));
}

TEST(BodyFollowUps, DueDateElseFirstIsoDate) {
    Body b = parse_clean("- [ ] call on 2026-11-05 or 2026-11-09\n");
    ASSERT_EQ(b.tasks.size(), 1u);
    EXPECT_EQ(b.tasks[0].due, std::optional<Date>(day("2026-11-05")));
}

TEST(BodyFollowUps, NoDateNoDueDate) {
    Body b = parse_clean("- [ ] send her the paper\n");
    ASSERT_EQ(b.tasks.size(), 1u);
    EXPECT_FALSE(b.tasks[0].due.has_value());
    EXPECT_FALSE(b.tasks[0].done);
}

TEST(BodyFollowUps, DueDateOnAContinuationLine) {
    Body b = parse_clean("- [ ] send her the paper\n  before 2026-11-30\n");
    ASSERT_EQ(b.tasks.size(), 1u);
    EXPECT_EQ(b.tasks[0].due, std::optional<Date>(day("2026-11-30")));
    EXPECT_EQ(b.tasks[0].line, 1);
}

TEST(BodyFollowUps, DateInInlineCodeIsNotTheDueDate) {
    Body b = parse_clean("- [ ] check `2026-01-01` log by 2026-11-30\n");
    ASSERT_EQ(b.tasks.size(), 1u);
    EXPECT_EQ(b.tasks[0].due, std::optional<Date>(day("2026-11-30")));
}

TEST(BodyFollowUps, ImpossibleDueDateIsAWarning) {
    Diagnostics ds;
    Body b = parse_body("- [ ] pay back 2026-02-30\n", 3, k_file, ds);
    ASSERT_EQ(b.tasks.size(), 1u);
    EXPECT_FALSE(b.tasks[0].due.has_value());
    ASSERT_EQ(ds.size(), 1u) << dump(ds);
    EXPECT_EQ(ds[0].file, k_file);
    EXPECT_EQ(ds[0].line, 3);
    EXPECT_EQ(ds[0].level, Level::Warning);
    EXPECT_TRUE(contains(ds[0].message, "2026-02-30")) << ds[0].message;
}

TEST(BodyFollowUps, TaskLinks) {
    Body b = parse_clean("- [ ] intro [[bob]] to [[Carol|C]] and [[bob]]\n");
    ASSERT_EQ(b.tasks.size(), 1u);
    EXPECT_EQ(b.tasks[0].links, (Strings{"bob", "Carol"}));
}

// ---------------------------------------------------------------------------
// Links: found outside code everywhere, each reported on its own file line.

TEST(BodyLinks, FoundInParagraphsHeadingsItemsAndBlockQuotes) {
    const std::string text =
        "Met [[alice]] today.\n"      // body line 1
        "\n"                          // 2
        "## With [[bob]]\n"           // 3
        "\n"                          // 4
        "- item about [[carol]]\n"    // 5
        "\n"                          // 6
        "> quoted [[dave]]\n"         // 7
        "\n"                          // 8
        "Setext [[erin]]\n"           // 9
        "===\n";                      // 10
    Body b = parse_clean(text, 4);
    EXPECT_EQ(link_lines(b), (std::vector<std::pair<std::string, int>>{
                                 {"alice", 4}, {"bob", 6}, {"carol", 8}, {"dave", 10}, {"erin", 12}}));
}

TEST(BodyLinks, LinesWithinMultiLineParagraphs) {
    Body b = parse_clean("first line\nsecond [[a]] and [[b]]\nthird ![[c|C]]\n", 10);
    EXPECT_EQ(link_lines(b), (std::vector<std::pair<std::string, int>>{{"a", 11}, {"b", 11}, {"c", 12}}));
}

TEST(BodyLinks, LinesOfItemContinuationLines) {
    Body b = parse_clean("- 2026-11-02 coffee\n  with [[bob]]\n", 5);
    EXPECT_EQ(link_lines(b), (std::vector<std::pair<std::string, int>>{{"bob", 6}}));
    ASSERT_EQ(b.entries.size(), 1u);
    EXPECT_EQ(b.entries[0].links(), (Strings{"bob"}));
}

TEST(BodyLinks, NotInCode) {
    const std::string text =
        "`[[inline]]` and [[real]]\n"
        "\n"
        "```\n"
        "[[fenced]]\n"
        "```\n"
        "\n"
        "    [[indented]]\n";
    Body b = parse_clean(text, 1);
    EXPECT_EQ(link_lines(b), (std::vector<std::pair<std::string, int>>{{"real", 1}}));
}

TEST(BodyLinks, LinksInEntriesAreNormalised) {
    Body b = parse_clean("- 2026-11-02 with [[contacts/bob.md#Work|Bob]] and ![[carol^x]]\n");
    ASSERT_EQ(b.entries.size(), 1u);
    EXPECT_EQ(b.entries[0].links(), (Strings{"bob", "carol"}));
}

TEST(BodyLinks, EmptyBody) {
    Body b = parse_clean("", 3);
    EXPECT_TRUE(b.entries.empty());
    EXPECT_TRUE(b.tasks.empty());
    EXPECT_TRUE(b.links.empty());
}

// ---------------------------------------------------------------------------
// "CRLF line endings accepted"

TEST(BodyCrlf, EntriesTasksAndLinksWithCrlf) {
    Body b = parse_clean("## Log\r\n- 2026-11-02 coffee #call with [[bob]]\r\n  more text\r\n"
                         "- [ ] 2026-11-20 send\r\n- [x] done\r\n",
                         5);
    ASSERT_EQ(b.entries.size(), 1u);
    EXPECT_EQ(b.entries[0].date, day("2026-11-02"));
    EXPECT_EQ(b.entries[0].tags(), (Strings{"call"}));
    EXPECT_EQ(b.entries[0].links(), (Strings{"bob"}));
    EXPECT_EQ(b.entries[0].line, 6);
    EXPECT_FALSE(contains(b.entries[0].text(), "\r")) << b.entries[0].text();
    ASSERT_EQ(b.tasks.size(), 2u);
    EXPECT_FALSE(b.tasks[0].done);
    EXPECT_EQ(b.tasks[0].due, std::optional<Date>(day("2026-11-20")));
    EXPECT_EQ(b.tasks[0].line, 8);
    EXPECT_TRUE(b.tasks[1].done);
    EXPECT_EQ(link_lines(b), (std::vector<std::pair<std::string, int>>{{"bob", 6}}));
}

TEST(BodyCrlf, DateAtEndOfCrlfLine) {
    Body b = parse_clean("- 2026-11-02\r\n- 2026-11-03x\r\n");
    EXPECT_EQ(entry_dates(b), (Strings{"2026-11-02"}));
}
