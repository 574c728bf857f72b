// Pure text edits (kith/edit/edit.hpp): each function changes exactly what it
// means to and keeps every other byte — LF/CRLF (new lines in the file's
// style), a UTF-8 BOM, YAML comments, quoting, unknown keys, blank lines and a
// missing final newline. Every expected text below is written out by hand.
#include "support.hpp"

#include "kith/edit/edit.hpp"
#include "kith/parse/front_matter.hpp"

using namespace kith;
using namespace kith::edit;
using namespace kith::test;

namespace {

const std::string k_bom = "\xEF\xBB\xBF";

std::string log_insert(const std::string& text, const char* iso, const std::string& rest = "x") {
    return insert_log_entry(text, day(iso), std::string(iso) + " " + rest);
}

/// The value of `key` in the front matter of `text`, parsed by kith's own
/// YAML reader; fails the test when the key is missing or repeated.
YamlNode front_value(const std::string& text, const std::string& key) {
    Split s = split_front_matter(text);
    EXPECT_TRUE(s.has_front_matter) << text;
    EXPECT_FALSE(s.unclosed) << text;
    Diagnostics ds;
    auto root = parse_yaml(s.yaml, s.yaml_first_line, "contacts/a.md", ds);
    EXPECT_TRUE(root.has_value()) << text << (ds.empty() ? "" : format_diagnostic(ds.front()));
    if (!root) return {};
    EXPECT_EQ(root->kind, YamlNode::Kind::Map) << text;
    const YamlNode* found = nullptr;
    int count = 0;
    for (std::size_t i = 0; i + 1 < root->items.size(); i += 2)
        if (root->items[i].scalar == key) {
            found = &root->items[i + 1];
            ++count;
        }
    EXPECT_EQ(count, 1) << text;
    return found ? *found : YamlNode{};
}

} // namespace

// ---------------------------------------------------------------------------
// insert_log_entry: newest first, before the first entry dated on or before
// the new date, else after the last entry.

const std::string k_log_note = "# Ada\n"
                               "\n"
                               "## Log\n"
                               "\n"
                               "- 2026-03-01 Lunch\n"
                               "- 2026-01-10 Call\n"
                               "\n"
                               "## Notes\n"
                               "\n"
                               "Likes tea.\n";

TEST(EditLog, InsertsBeforeFirstOlderEntry) {
    EXPECT_EQ(insert_log_entry(k_log_note, day("2026-02-01"), "2026-02-01 #work Met at the conference"),
              "# Ada\n"
              "\n"
              "## Log\n"
              "\n"
              "- 2026-03-01 Lunch\n"
              "- 2026-02-01 #work Met at the conference\n"
              "- 2026-01-10 Call\n"
              "\n"
              "## Notes\n"
              "\n"
              "Likes tea.\n");
}

TEST(EditLog, NewerThanAllGoesFirst) {
    EXPECT_EQ(log_insert(k_log_note, "2026-04-01"),
              "# Ada\n"
              "\n"
              "## Log\n"
              "\n"
              "- 2026-04-01 x\n"
              "- 2026-03-01 Lunch\n"
              "- 2026-01-10 Call\n"
              "\n"
              "## Notes\n"
              "\n"
              "Likes tea.\n");
}

TEST(EditLog, SameDateGoesAbove) {
    EXPECT_EQ(log_insert(k_log_note, "2026-01-10", "second call"),
              "# Ada\n"
              "\n"
              "## Log\n"
              "\n"
              "- 2026-03-01 Lunch\n"
              "- 2026-01-10 second call\n"
              "- 2026-01-10 Call\n"
              "\n"
              "## Notes\n"
              "\n"
              "Likes tea.\n");
}

TEST(EditLog, OlderThanAllGoesAfterLastEntryWithItsContinuationAndNestedItems) {
    // The nested item is dated before the new entry but is no Log entry.
    const std::string in = "## Log\n"
                           "\n"
                           "- 2026-03-01 Lunch\n"
                           "- 2026-01-10 Call about\n"
                           "  the move\n"
                           "  - 2025-01-01 nested detail\n"
                           "\n"
                           "## Notes\n";
    EXPECT_EQ(log_insert(in, "2025-12-24"),
              "## Log\n"
              "\n"
              "- 2026-03-01 Lunch\n"
              "- 2026-01-10 Call about\n"
              "  the move\n"
              "  - 2025-01-01 nested detail\n"
              "- 2025-12-24 x\n"
              "\n"
              "## Notes\n");
}

TEST(EditLog, OlderThanAllAtEndOfFileWithoutFinalNewline) {
    EXPECT_EQ(log_insert("## Log\n\n- 2026-01-10 Call", "2025-12-24"),
              "## Log\n\n- 2026-01-10 Call\n- 2025-12-24 x");
}

TEST(EditLog, NewestFirstInFileWithoutFinalNewline) {
    EXPECT_EQ(log_insert("## Log\n\n- 2026-01-10 Call", "2026-02-01"),
              "## Log\n\n- 2026-02-01 x\n- 2026-01-10 Call");
}

TEST(EditLog, OlderThanAllAfterLastEntryWhoseContinuationHoldsFencedCode) {
    // `  # install` is a line of code inside the entry's fenced block, not a
    // heading: the new entry goes after the whole block.
    const std::string in = "## Log\n"
                           "\n"
                           "- 2026-01-10 Debugged her script:\n"
                           "\n"
                           "  ```sh\n"
                           "  # install\n"
                           "  make\n"
                           "  ```\n";
    EXPECT_EQ(log_insert(in, "2025-12-24"),
              "## Log\n"
              "\n"
              "- 2026-01-10 Debugged her script:\n"
              "\n"
              "  ```sh\n"
              "  # install\n"
              "  make\n"
              "  ```\n"
              "- 2025-12-24 x\n");
}

TEST(EditLog, LogHeadingAtAnyLevelAndCase) {
    const std::string in = "# Ada\n"
                           "\n"
                           "### log\n"
                           "\n"
                           "- 2026-01-10 Call\n"
                           "\n"
                           "### Other\n";
    EXPECT_EQ(log_insert(in, "2026-02-01"),
              "# Ada\n"
              "\n"
              "### log\n"
              "\n"
              "- 2026-02-01 x\n"
              "- 2026-01-10 Call\n"
              "\n"
              "### Other\n");
}

TEST(EditLog, SectionEndsAtHeadingOfSameOrHigherLevel) {
    const std::string in = "### LOG\n"
                           "\n"
                           "- 2026-01-10 Call\n"
                           "\n"
                           "## Later\n"
                           "\n"
                           "- 2020-01-01 not in the log\n";
    EXPECT_EQ(log_insert(in, "2025-01-01"),
              "### LOG\n"
              "\n"
              "- 2026-01-10 Call\n"
              "- 2025-01-01 x\n"
              "\n"
              "## Later\n"
              "\n"
              "- 2020-01-01 not in the log\n");
}

TEST(EditLog, NoLogSectionAppendsOneAtTheEnd) {
    EXPECT_EQ(log_insert("# Ada\n\nLikes tea.\n", "2026-02-01"),
              "# Ada\n\nLikes tea.\n\n## Log\n\n- 2026-02-01 x\n");
}

TEST(EditLog, NoLogSectionWithoutFinalNewlineStaysWithout) {
    EXPECT_EQ(log_insert("# Ada\n\nLikes tea.", "2026-02-01"),
              "# Ada\n\nLikes tea.\n\n## Log\n\n- 2026-02-01 x");
}

TEST(EditLog, NoLogSectionAfterTrailingBlankLineAddsNoSecondBlank) {
    EXPECT_EQ(log_insert("# Ada\n\n", "2026-02-01"), "# Ada\n\n## Log\n\n- 2026-02-01 x\n");
}

TEST(EditLog, NoLogSectionInCrlfFileUsesCrlf) {
    EXPECT_EQ(log_insert("# Ada\r\n\r\nLikes tea.\r\n", "2026-02-01"),
              "# Ada\r\n\r\nLikes tea.\r\n\r\n## Log\r\n\r\n- 2026-02-01 x\r\n");
}

TEST(EditLog, NoLogSectionInFileWithOnlyFrontMatter) {
    EXPECT_EQ(log_insert("---\nname: Ada\n---\n", "2026-02-01"),
              "---\nname: Ada\n---\n\n## Log\n\n- 2026-02-01 x\n");
}

TEST(EditLog, YamlCommentInFrontMatterIsNotTheLogHeading) {
    EXPECT_EQ(log_insert("---\n# Log\nname: Ada\n---\nHi\n", "2026-02-01"),
              "---\n# Log\nname: Ada\n---\nHi\n\n## Log\n\n- 2026-02-01 x\n");
}

TEST(EditLog, EmptyLogSectionFollowedByHeading) {
    EXPECT_EQ(log_insert("## Log\n## Notes\n\nText\n", "2026-02-01"),
              "## Log\n\n- 2026-02-01 x\n\n## Notes\n\nText\n");
    EXPECT_EQ(log_insert("## Log\n\n## Notes\n", "2026-02-01"), "## Log\n\n- 2026-02-01 x\n\n## Notes\n");
}

TEST(EditLog, EmptyLogSectionAtEndOfFile) {
    EXPECT_EQ(log_insert("# Ada\n\n## Log\n", "2026-02-01"), "# Ada\n\n## Log\n\n- 2026-02-01 x\n");
    EXPECT_EQ(log_insert("# Ada\n\n## Log\n\n", "2026-02-01"), "# Ada\n\n## Log\n\n- 2026-02-01 x\n");
    EXPECT_EQ(log_insert("# Ada\n\n## Log", "2026-02-01"), "# Ada\n\n## Log\n\n- 2026-02-01 x");
}

TEST(EditLog, EntriesInFencedCodeBlockAreIgnored) {
    const std::string in = "## Log\n"
                           "\n"
                           "```\n"
                           "- 2026-05-01 not an entry\n"
                           "```\n"
                           "\n"
                           "- 2026-01-10 Call\n";
    EXPECT_EQ(log_insert(in, "2026-02-01"),
              "## Log\n"
              "\n"
              "```\n"
              "- 2026-05-01 not an entry\n"
              "```\n"
              "\n"
              "- 2026-02-01 x\n"
              "- 2026-01-10 Call\n");
}

TEST(EditLog, OnlyFencedEntriesCountsAsEmptySection) {
    const std::string in = "## Log\n"
                           "\n"
                           "~~~\n"
                           "- 2020-01-01 sample\n"
                           "~~~\n";
    EXPECT_EQ(log_insert(in, "2026-02-01"),
              "## Log\n"
              "\n"
              "- 2026-02-01 x\n"
              "\n"
              "~~~\n"
              "- 2020-01-01 sample\n"
              "~~~\n");
}

TEST(EditLog, TasksAndUndatedItemsAreNotEntries) {
    const std::string in = "## Log\n"
                           "\n"
                           "- [ ] 2026-05-01 call back\n"
                           "- a note without a date\n"
                           "- [x] 2026-04-01 done\n"
                           "- 2026-01-10 Call\n";
    EXPECT_EQ(log_insert(in, "2026-02-01"),
              "## Log\n"
              "\n"
              "- [ ] 2026-05-01 call back\n"
              "- a note without a date\n"
              "- [x] 2026-04-01 done\n"
              "- 2026-02-01 x\n"
              "- 2026-01-10 Call\n");
}

TEST(EditLog, OlderThanAllGoesRightAfterLastEntryNotAfterATrailingTask) {
    const std::string in = "## Log\n"
                           "\n"
                           "- 2026-03-01 Lunch\n"
                           "- [ ] 2020-01-01 old task\n";
    EXPECT_EQ(log_insert(in, "2025-01-01"),
              "## Log\n"
              "\n"
              "- 2026-03-01 Lunch\n"
              "- 2025-01-01 x\n"
              "- [ ] 2020-01-01 old task\n");
}

TEST(EditLog, LogHeadingInsideCodeFenceIsNotTheSection) {
    const std::string in = "# Ada\n"
                           "\n"
                           "```md\n"
                           "## Log\n"
                           "- 2026-01-10 sample\n"
                           "```\n";
    EXPECT_EQ(log_insert(in, "2026-02-01"),
              "# Ada\n"
              "\n"
              "```md\n"
              "## Log\n"
              "- 2026-01-10 sample\n"
              "```\n"
              "\n"
              "## Log\n"
              "\n"
              "- 2026-02-01 x\n");
}

TEST(EditLog, ListMarkerOfExistingItemsIsReused) {
    EXPECT_EQ(log_insert("## Log\n\n* 2026-03-01 Lunch\n* 2026-01-10 Call\n", "2026-02-01"),
              "## Log\n\n* 2026-03-01 Lunch\n* 2026-02-01 x\n* 2026-01-10 Call\n");
    EXPECT_EQ(log_insert("## Log\n\n+ 2026-03-01 Lunch\n", "2025-02-01"), "## Log\n\n+ 2026-03-01 Lunch\n+ 2025-02-01 x\n");
}

TEST(EditLog, BomAndCrlfAreKept) {
    const std::string in = k_bom + "---\r\nname: Ada # full\r\n---\r\n## Log\r\n\r\n- 2026-01-10 Call\r\n";
    EXPECT_EQ(log_insert(in, "2026-02-01"),
              k_bom + "---\r\nname: Ada # full\r\n---\r\n## Log\r\n\r\n- 2026-02-01 x\r\n- 2026-01-10 Call\r\n");
    EXPECT_EQ(log_insert(in, "2025-02-01"),
              k_bom + "---\r\nname: Ada # full\r\n---\r\n## Log\r\n\r\n- 2026-01-10 Call\r\n- 2025-02-01 x\r\n");
}

TEST(EditLog, BomAndCrlfKeptWhenSectionIsCreated) {
    EXPECT_EQ(log_insert(k_bom + "---\r\nname: Ada\r\n---\r\nHi\r\n", "2026-02-01"),
              k_bom + "---\r\nname: Ada\r\n---\r\nHi\r\n\r\n## Log\r\n\r\n- 2026-02-01 x\r\n");
}

// ---------------------------------------------------------------------------
// append_follow_up

TEST(EditFollowUp, AppendsAfterLastItemOfExistingSection) {
    const std::string in = "# Ada\n"
                           "\n"
                           "## Follow-ups\n"
                           "\n"
                           "- [ ] Send the book\n"
                           "  - the blue one\n"
                           "- [x] Call back\n"
                           "\n"
                           "## Log\n"
                           "\n"
                           "- 2026-01-10 Call\n";
    EXPECT_EQ(append_follow_up(in, "Ask about the trip"),
              "# Ada\n"
              "\n"
              "## Follow-ups\n"
              "\n"
              "- [ ] Send the book\n"
              "  - the blue one\n"
              "- [x] Call back\n"
              "- [ ] Ask about the trip\n"
              "\n"
              "## Log\n"
              "\n"
              "- 2026-01-10 Call\n");
}

TEST(EditFollowUp, AppendsAfterNestedItemsOfLastItem) {
    EXPECT_EQ(append_follow_up("## Follow-ups\n\n- [ ] Send the book\n  - the blue one\n", "Ask"),
              "## Follow-ups\n\n- [ ] Send the book\n  - the blue one\n- [ ] Ask\n");
}

TEST(EditFollowUp, MissingSectionIsCreatedAtTheEnd) {
    EXPECT_EQ(append_follow_up("# Ada\n\n## Log\n\n- 2026-01-10 Call\n", "Ask"),
              "# Ada\n\n## Log\n\n- 2026-01-10 Call\n\n## Follow-ups\n\n- [ ] Ask\n");
    EXPECT_EQ(append_follow_up("# Ada\n\n## Log\n\n- 2026-01-10 Call", "Ask"),
              "# Ada\n\n## Log\n\n- 2026-01-10 Call\n\n## Follow-ups\n\n- [ ] Ask");
    EXPECT_EQ(append_follow_up("# Ada\r\n", "Ask"), "# Ada\r\n\r\n## Follow-ups\r\n\r\n- [ ] Ask\r\n");
}

TEST(EditFollowUp, EmptySection) {
    EXPECT_EQ(append_follow_up("## Follow-ups\n\n## Log\n", "Ask"), "## Follow-ups\n\n- [ ] Ask\n\n## Log\n");
    EXPECT_EQ(append_follow_up("## Follow-ups\n## Log\n", "Ask"), "## Follow-ups\n\n- [ ] Ask\n\n## Log\n");
    EXPECT_EQ(append_follow_up("# Ada\n\n## Follow-ups\n", "Ask"), "# Ada\n\n## Follow-ups\n\n- [ ] Ask\n");
}

TEST(EditFollowUp, CrlfAndBomKept) {
    EXPECT_EQ(append_follow_up(k_bom + "## Follow-ups\r\n\r\n- [ ] Send\r\n\r\n## Log\r\n", "Ask"),
              k_bom + "## Follow-ups\r\n\r\n- [ ] Send\r\n- [ ] Ask\r\n\r\n## Log\r\n");
}

// ---------------------------------------------------------------------------
// append_note_entry

TEST(EditNoteEntry, NoteEndingInList) {
    EXPECT_EQ(append_note_entry("---\ndate: 2026-01-10\n---\n# Call\n\n- 2026-01-10 a\n- b\n", "c"),
              "---\ndate: 2026-01-10\n---\n# Call\n\n- 2026-01-10 a\n- b\n- c\n");
}

TEST(EditNoteEntry, NoteEndingInListWithTrailingBlankLine) {
    EXPECT_EQ(append_note_entry("- a\n\n", "c"), "- a\n- c\n\n");
}

TEST(EditNoteEntry, NoteEndingInListWithoutFinalNewline) {
    EXPECT_EQ(append_note_entry("- a\n  more", "c"), "- a\n  more\n- c");
}

TEST(EditNoteEntry, NoteEndingInParagraphGetsBlankLineFirst) {
    EXPECT_EQ(append_note_entry("# Call\n\n- a\n\nWe talked.\n", "c"), "# Call\n\n- a\n\nWe talked.\n\n- c\n");
    EXPECT_EQ(append_note_entry("We talked.", "c"), "We talked.\n\n- c");
}

TEST(EditNoteEntry, ListInsideCodeFenceIsNotTheEndingList) {
    EXPECT_EQ(append_note_entry("```\n- a\n```\n", "c"), "```\n- a\n```\n\n- c\n");
}

TEST(EditNoteEntry, EmptyNote) { EXPECT_EQ(append_note_entry("", "c"), "- c\n"); }

TEST(EditNoteEntry, CrlfKept) {
    EXPECT_EQ(append_note_entry("- a\r\n", "c"), "- a\r\n- c\r\n");
    EXPECT_EQ(append_note_entry("Text\r\n", "c"), "Text\r\n\r\n- c\r\n");
}

// ---------------------------------------------------------------------------
// tick_task

TEST(EditTick, TicksOnlyTheGivenLine) {
    const std::string in = "## Follow-ups\n\n- [ ] one\n- [ ] two\n- [ ] three\n";
    EXPECT_EQ(tick_task(in, 4), "## Follow-ups\n\n- [ ] one\n- [x] two\n- [ ] three\n");
}

TEST(EditTick, OtherMarkersAndOrderedItems) {
    EXPECT_EQ(tick_task("* [ ] a\n", 1), "* [x] a\n");
    EXPECT_EQ(tick_task("1. [ ] a\n", 1), "1. [x] a\n");
}

TEST(EditTick, IndentedNestedTask) {
    EXPECT_EQ(tick_task("- [ ] top\n  - [x] done\n  - [ ] sub\n", 3), "- [ ] top\n  - [x] done\n  - [x] sub\n");
}

TEST(EditTick, CrlfBomAndMissingFinalNewlineKept) {
    EXPECT_EQ(tick_task(k_bom + "# A\r\n- [ ] a\r\n- [ ] b", 3), k_bom + "# A\r\n- [ ] a\r\n- [x] b");
    EXPECT_EQ(tick_task("- [ ] a\r\n", 1), "- [x] a\r\n");
}

TEST(EditTick, RefusesLineWithoutOpenTask) {
    EXPECT_THROW(tick_task("- a\n", 1), EditError);
    EXPECT_THROW(tick_task("Just text [ ]\n", 1), EditError);
    EXPECT_THROW(tick_task("## [ ] heading\n", 1), EditError);
    EXPECT_THROW(tick_task("- [ ] a\n\n", 2), EditError);
}

TEST(EditTick, RefusesDoneTask) {
    EXPECT_THROW(tick_task("- [x] a\n", 1), EditError);
    EXPECT_THROW(tick_task("- [X] a\n", 1), EditError);
}

TEST(EditTick, RefusesLinePastTheEnd) {
    EXPECT_THROW(tick_task("- [ ] a\n", 2), EditError);
    EXPECT_THROW(tick_task("- [ ] a\n", 0), EditError);
    EXPECT_THROW(tick_task("", 1), EditError);
}

// ---------------------------------------------------------------------------
// set_key / unset_key

TEST(EditSetKey, ReplacesOneLineValue) {
    EXPECT_EQ(set_key("---\nname: Ada\ntier: 2\n---\nbody\n", "tier", "1"), "---\nname: Ada\ntier: 1\n---\nbody\n");
}

TEST(EditSetKey, KeepsEverythingElse) {
    const std::string in = "---\n"
                           "# who this is\n"
                           "name: \"Ada\"   # full name\n"
                           "\n"
                           "x-custom: [a, 'b']\n"
                           "tier: 2\n"
                           "nick: 'Addie'\n"
                           "---\n"
                           "Body text\n";
    EXPECT_EQ(set_key(in, "tier", "1"),
              "---\n"
              "# who this is\n"
              "name: \"Ada\"   # full name\n"
              "\n"
              "x-custom: [a, 'b']\n"
              "tier: 1\n"
              "nick: 'Addie'\n"
              "---\n"
              "Body text\n");
}

TEST(EditSetKey, KeepsTrailingComment) {
    EXPECT_EQ(set_key("---\ntier: 2  # inner circle\n---\n", "tier", "1"), "---\ntier: 1  # inner circle\n---\n");
    EXPECT_EQ(set_key("---\ntitle: \"C # notes\" # mine\n---\n", "title", "x"), "---\ntitle: x # mine\n---\n");
    EXPECT_EQ(set_key("---\ntier: # unknown\n---\n", "tier", "1"), "---\ntier: 1 # unknown\n---\n");
}

TEST(EditSetKey, KeepsTrailingCommentAfterPlainValueWithApostrophe) {
    // In YAML a quote inside a plain scalar is just a character.
    EXPECT_EQ(set_key("---\nname: O'Brien  # friend\n---\n", "name", "Ada"), "---\nname: Ada  # friend\n---\n");
}

TEST(EditSetKey, ReplacesIndentedBlockList) {
    const std::string in = "---\n"
                           "name: Ada\n"
                           "tags:\n"
                           "  - a\n"
                           "  - b\n"
                           "tier: 2\n"
                           "---\n";
    EXPECT_EQ(set_key(in, "tags", "[c]"), "---\nname: Ada\ntags: [c]\ntier: 2\n---\n");
}

TEST(EditSetKey, ReplacesUnindentedBlockListAtEndOfFrontMatter) {
    const std::string in = "---\n"
                           "name: Ada\n"
                           "tags:\n"
                           "- a\n"
                           "- b\n"
                           "---\n"
                           "- body item\n";
    EXPECT_EQ(set_key(in, "tags", "[c, d]"), "---\nname: Ada\ntags: [c, d]\n---\n- body item\n");
}

TEST(EditSetKey, KeepsBlankLineAfterValue) {
    EXPECT_EQ(set_key("---\na: 1\n\nb: 2\n---\n", "a", "3"), "---\na: 3\n\nb: 2\n---\n");
}

TEST(EditSetKey, AddsMissingKeyBeforeClosingFence) {
    EXPECT_EQ(set_key("---\nname: Ada\n---\nHi\n", "tier", "1"), "---\nname: Ada\ntier: 1\n---\nHi\n");
    EXPECT_EQ(set_key("---\nname: Ada\n...\nHi\n", "tier", "1"), "---\nname: Ada\ntier: 1\n...\nHi\n");
    EXPECT_EQ(set_key("---\n---\n", "tier", "1"), "---\ntier: 1\n---\n");
}

TEST(EditSetKey, MissingFinalNewlineKept) {
    EXPECT_EQ(set_key("---\ntier: 2\n---", "tier", "1"), "---\ntier: 1\n---");
    EXPECT_EQ(set_key("---\nname: Ada\n---", "tier", "1"), "---\nname: Ada\ntier: 1\n---");
}

TEST(EditSetKey, CrlfAndBomKept) {
    EXPECT_EQ(set_key(k_bom + "---\r\nname: Ada\r\ntier: 2\r\n---\r\nbody\r\n", "tier", "1"),
              k_bom + "---\r\nname: Ada\r\ntier: 1\r\n---\r\nbody\r\n");
    EXPECT_EQ(set_key(k_bom + "---\r\nname: Ada\r\n---\r\n", "tier", "1"),
              k_bom + "---\r\nname: Ada\r\ntier: 1\r\n---\r\n");
    EXPECT_EQ(set_key("---\r\ntags:\r\n  - a\r\nname: Ada\r\n---\r\n", "tags", "[b]"),
              "---\r\ntags: [b]\r\nname: Ada\r\n---\r\n");
}

TEST(EditSetKey, KeyWithSamePrefixIsNotTouched) {
    EXPECT_EQ(set_key("---\ntiers: 3\n---\n", "tier", "1"), "---\ntiers: 3\ntier: 1\n---\n");
    EXPECT_EQ(set_key("---\ntiers: 3\ntier: 2\n---\n", "tier", "1"), "---\ntiers: 3\ntier: 1\n---\n");
    EXPECT_EQ(set_key("---\ntier: 2\ntiers: 3\n---\n", "tiers", "4"), "---\ntier: 2\ntiers: 4\n---\n");
}

TEST(EditSetKey, KeyGivenTwiceIsAnError) {
    EXPECT_THROW(set_key("---\ntier: 1\nname: Ada\ntier: 2\n---\n", "tier", "3"), EditError);
}

TEST(EditSetKey, FileWithoutFrontMatterIsAnError) {
    EXPECT_THROW(set_key("# Ada\n\ntier: 2\n", "tier", "1"), EditError);
    EXPECT_THROW(set_key("---\ntier: 2\n", "tier", "1"), EditError); // never closed
    EXPECT_THROW(set_key("", "tier", "1"), EditError);
}

TEST(EditUnsetKey, RemovesKeyAndContinuationLines) {
    const std::string in = "---\n"
                           "name: Ada # full\n"
                           "tags:\n"
                           "  - a\n"
                           "  - b\n"
                           "tier: 2\n"
                           "---\n";
    EXPECT_EQ(unset_key(in, "tags"), "---\nname: Ada # full\ntier: 2\n---\n");
    EXPECT_EQ(unset_key(in, "tier"), "---\nname: Ada # full\ntags:\n  - a\n  - b\n---\n");
}

TEST(EditUnsetKey, KeepsCrlfBomAndMissingFinalNewline) {
    EXPECT_EQ(unset_key(k_bom + "---\r\na: 1\r\nb: 2\r\n---", "a"), k_bom + "---\r\nb: 2\r\n---");
}

TEST(EditUnsetKey, KeyWithSamePrefixIsNotTouched) {
    EXPECT_EQ(unset_key("---\ntiers: 3\ntier: 2\n---\n", "tier"), "---\ntiers: 3\n---\n");
}

TEST(EditUnsetKey, AbsentKeyLeavesTextByteIdentical) {
    const std::string in = k_bom + "---\r\n# c\r\ntiers: 3\r\n---\r\nbody";
    EXPECT_EQ(unset_key(in, "tier"), in);
}

TEST(EditUnsetKey, KeyGivenTwiceIsAnError) {
    EXPECT_THROW(unset_key("---\ntier: 1\ntier: 2\n---\n", "tier"), EditError);
}

// ---------------------------------------------------------------------------
// yaml_scalar / yaml_list

TEST(EditYaml, PlainWhenSafe) {
    EXPECT_EQ(yaml_scalar("Ada"), "Ada");
    EXPECT_EQ(yaml_scalar("Ada Lovelace"), "Ada Lovelace");
    EXPECT_EQ(yaml_scalar("Zoë"), "Zoë");
    EXPECT_EQ(yaml_scalar("2026-01-10"), "2026-01-10");
    EXPECT_EQ(yaml_scalar("C# dev"), "C# dev");
    EXPECT_EQ(yaml_scalar("a, b"), "a, b");
    EXPECT_EQ(yaml_scalar("https://example.com/a#b"), "https://example.com/a#b");
    EXPECT_EQ(yaml_scalar("say \"hi\""), "say \"hi\"");
}

TEST(EditYaml, QuotedForColonSpaceAndSpaceHash) {
    EXPECT_EQ(yaml_scalar("a: b"), "\"a: b\"");
    EXPECT_EQ(yaml_scalar("a #b"), "\"a #b\"");
    EXPECT_EQ(yaml_scalar("ends:"), "\"ends:\"");
}

TEST(EditYaml, QuotedForLeadingSpecialCharacters) {
    EXPECT_EQ(yaml_scalar("- x"), "\"- x\"");
    EXPECT_EQ(yaml_scalar("#x"), "\"#x\"");
    EXPECT_EQ(yaml_scalar("*x"), "\"*x\"");
    EXPECT_EQ(yaml_scalar("&x"), "\"&x\"");
    EXPECT_EQ(yaml_scalar("!x"), "\"!x\"");
    EXPECT_EQ(yaml_scalar("|"), "\"|\"");
    EXPECT_EQ(yaml_scalar(">x"), "\">x\"");
    EXPECT_EQ(yaml_scalar("{x}"), "\"{x}\"");
    EXPECT_EQ(yaml_scalar("@x"), "\"@x\"");
    EXPECT_EQ(yaml_scalar("%x"), "\"%x\"");
    EXPECT_EQ(yaml_scalar("'x'"), "\"'x'\"");
}

TEST(EditYaml, QuotedForWordsYamlReadsAsOtherTypes) {
    EXPECT_EQ(yaml_scalar("true"), "\"true\"");
    EXPECT_EQ(yaml_scalar("False"), "\"False\"");
    EXPECT_EQ(yaml_scalar("null"), "\"null\"");
    EXPECT_EQ(yaml_scalar("NULL"), "\"NULL\"");
    EXPECT_EQ(yaml_scalar("yes"), "\"yes\"");
    EXPECT_EQ(yaml_scalar("~"), "\"~\"");
}

TEST(EditYaml, QuotedForLeadingOrTrailingSpacesLinksAndEmpty) {
    EXPECT_EQ(yaml_scalar(" Ada"), "\" Ada\"");
    EXPECT_EQ(yaml_scalar("Ada "), "\"Ada \"");
    EXPECT_EQ(yaml_scalar("[[Ada Lovelace]]"), "\"[[Ada Lovelace]]\"");
    EXPECT_EQ(yaml_scalar(""), "\"\"");
}

TEST(EditYaml, EscapesQuoteAndBackslash) {
    EXPECT_EQ(yaml_scalar("\"hi\""), "\"\\\"hi\\\"\"");
    EXPECT_EQ(yaml_scalar("dir: C:\\x"), "\"dir: C:\\\\x\"");
    EXPECT_EQ(yaml_scalar("two\nlines"), "\"two\\nlines\"");
}

TEST(EditYaml, FlowList) {
    EXPECT_EQ(yaml_list({}), "[]");
    EXPECT_EQ(yaml_list({"a", "b c"}), "[a, b c]");
    EXPECT_EQ(yaml_list({"a", "b, c", "[x]", "y]", "{z}", "true", ""}),
              "[a, \"b, c\", \"[x]\", \"y]\", \"{z}\", \"true\", \"\"]");
}

const std::vector<std::string> k_tricky = {
    "Ada",       "a: b",       "a #b",     "ends:",     "- x",       "-",          "#x",         "*x",
    "&x",        "!x",         "|",        ">x",        "{x}",       "[x",         "@x",         "%x",
    "`x",        "?x",         ": x",      "'x'",       "\"hi\"",    "say \"hi\"", "back\\slash", "dir: C:\\x",
    "true",      "True",       "false",    "null",      "Null",      "~",          "yes",        "no",
    "on",        " lead",      "trail ",   " ",         "",          "[[Ada]]",    "---",        "...",
    "42",        "0x1F",       "1e3",      "C# dev",    "a, b",      "a]b",        "50%",        "Zoë: x",
    "two\nlines", "tab\there", "x\x01y",   "https://example.com/a#b", "O'Brien",  "a  #b",
};

TEST(EditYaml, ScalarRoundTripsThroughSetKeyAndParser) {
    for (const auto& v : k_tricky) {
        SCOPED_TRACE("value: [" + v + "]");
        const std::string added = set_key("---\nname: Ada\n---\nbody\n", "note", yaml_scalar(v));
        YamlNode n = front_value(added, "note");
        EXPECT_EQ(n.kind, YamlNode::Kind::Scalar) << added;
        EXPECT_TRUE(n.is_scalar()) << added; // not read back as null
        EXPECT_EQ(n.scalar, v) << added;

        const std::string replaced = set_key("---\nnote: old # keep\nname: Ada\n---\n", "note", yaml_scalar(v));
        YamlNode m = front_value(replaced, "note");
        EXPECT_TRUE(m.is_scalar()) << replaced;
        EXPECT_EQ(m.scalar, v) << replaced;
    }
}

TEST(EditYaml, ListRoundTripsThroughSetKeyAndParser) {
    const std::string text = set_key("---\nname: Ada\n---\n", "tags", yaml_list(k_tricky));
    YamlNode n = front_value(text, "tags");
    ASSERT_EQ(n.kind, YamlNode::Kind::Sequence) << text;
    ASSERT_EQ(n.items.size(), k_tricky.size()) << text;
    for (std::size_t i = 0; i < k_tricky.size(); ++i) {
        EXPECT_TRUE(n.items[i].is_scalar()) << "[" << k_tricky[i] << "] in " << text;
        EXPECT_EQ(n.items[i].scalar, k_tricky[i]) << text;
    }
}

// ---------------------------------------------------------------------------
// slugify

TEST(EditSlug, FoldsAccents) {
    EXPECT_EQ(slugify("Zoë Martín"), "zoe-martin");
    EXPECT_EQ(slugify("Ærø Ødegård"), "aero-odegard");
    EXPECT_EQ(slugify("Straße"), "strasse");
    EXPECT_EQ(slugify("Łukasz Żółć"), "lukasz-zolc");
}

TEST(EditSlug, ApostropheDropped) { EXPECT_EQ(slugify("O'Brien"), "obrien"); }

TEST(EditSlug, RunsOfOtherCharactersBecomeOneDashNoneAtTheEnds) {
    EXPECT_EQ(slugify("  --Ada   Lovelace!! "), "ada-lovelace");
    EXPECT_EQ(slugify("Ada_Lovelace.Byron"), "ada-lovelace-byron");
}

TEST(EditSlug, NonLatinGivesEmpty) {
    EXPECT_EQ(slugify("李"), "");
    EXPECT_EQ(slugify(""), "");
    EXPECT_EQ(slugify("李 Ada"), "ada");
}

TEST(EditSlug, DigitsKept) {
    EXPECT_EQ(slugify("Agent 007"), "agent-007");
    EXPECT_EQ(slugify("2nd Cousin"), "2nd-cousin");
}
