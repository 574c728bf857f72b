// The inline syntax of VAULT.md: tags, wiki links, code spans, dates in text.
#include "support.hpp"

#include "kith/parse/text.hpp"

using namespace kith;
using namespace kith::test;

namespace {

using Strings = std::vector<std::string>;

Strings links(std::string_view text) {
    Strings out;
    scan_links(text, [&](std::string t) { out.push_back(std::move(t)); });
    return out;
}

} // namespace

// ---------------------------------------------------------------------------
// "a tag is `#` at the start of the text or after a character that is not a
// letter, digit, `_`, `/` or `&`, followed by letters, digits, `_`, `-`, `/`.
// Tags compare case-insensitively; `#gave-up` is not `#gave`."

TEST(TextTags, TagAtStartOfText) {
    EXPECT_EQ(scan_tags("#call with Bob"), (Strings{"call"}));
    EXPECT_EQ(scan_tags("#got"), (Strings{"got"}));
}

TEST(TextTags, TagAfterASpaceOrPunctuation) {
    EXPECT_EQ(scan_tags("coffee #coffee"), (Strings{"coffee"}));
    EXPECT_EQ(scan_tags("(#call)"), (Strings{"call"}));
    EXPECT_EQ(scan_tags("x,#mail"), (Strings{"mail"}));
    EXPECT_EQ(scan_tags("x-#mail"), (Strings{"mail"}));
    EXPECT_EQ(scan_tags("a\t#tab"), (Strings{"tab"}));
    EXPECT_EQ(scan_tags("##x"), (Strings{"x"})); // `#` is not an excluded character
}

TEST(TextTags, NoTagAfterLetterDigitUnderscoreSlashOrAmpersand) {
    EXPECT_EQ(scan_tags("a#b"), Strings{});
    EXPECT_EQ(scan_tags("A#b"), Strings{});
    EXPECT_EQ(scan_tags("1#b"), Strings{});
    EXPECT_EQ(scan_tags("_#b"), Strings{});
    EXPECT_EQ(scan_tags("x/#y"), Strings{});
    EXPECT_EQ(scan_tags("&#39;"), Strings{});
    EXPECT_EQ(scan_tags("it&#39;s"), Strings{});
    EXPECT_EQ(scan_tags("https://example.org/page#section"), Strings{});
    EXPECT_EQ(scan_tags("caf\xC3\xA9#x"), Strings{}); // after a non-ASCII letter
}

TEST(TextTags, TagCharactersAreLettersDigitsUnderscoreDashSlash) {
    EXPECT_EQ(scan_tags("#a/b_c-d9 rest"), (Strings{"a/b_c-d9"}));
    EXPECT_EQ(scan_tags("#call, then"), (Strings{"call"}));
    EXPECT_EQ(scan_tags("#call."), (Strings{"call"}));
    EXPECT_EQ(scan_tags("#2026"), (Strings{"2026"}));
    EXPECT_EQ(scan_tags("#caf\xC3\xA9!"), (Strings{"caf\xC3\xA9"}));
}

TEST(TextTags, HashWithoutTagCharactersIsNoTag) {
    EXPECT_EQ(scan_tags("# heading"), Strings{});
    EXPECT_EQ(scan_tags("#"), Strings{});
    EXPECT_EQ(scan_tags("issue # 4"), Strings{});
    EXPECT_EQ(scan_tags("#!"), Strings{});
}

TEST(TextTags, TagsCompareCaseInsensitively) {
    EXPECT_EQ(scan_tags("#Coffee #COFFEE #coffee"), (Strings{"coffee"}));
    EXPECT_EQ(scan_tags("#Gave #GOT"), (Strings{"gave", "got"}));
}

TEST(TextTags, GaveUpIsNotGave) {
    EXPECT_EQ(scan_tags("#gave-up on it"), (Strings{"gave-up"}));
    EXPECT_EQ(scan_tags("#gave_back"), (Strings{"gave_back"}));
    EXPECT_EQ(scan_tags("#gave/intro"), (Strings{"gave/intro"}));
}

TEST(TextTags, SeveralTagsEachOnceInOrder) {
    EXPECT_EQ(scan_tags("#got #intro via Bob #thanks #got"), (Strings{"got", "intro", "thanks"}));
}

TEST(TextTags, TagsInInlineCodeIgnoredWhenMasked) {
    EXPECT_EQ(scan_tags(mask_code_spans("see `#notatag` and #real")), (Strings{"real"}));
    EXPECT_EQ(scan_tags(mask_code_spans("``#a ` #b`` #c")), (Strings{"c"}));
}

// ---------------------------------------------------------------------------
// Code spans: scanners skip code, offsets stay the same.

TEST(TextCodeSpans, MasksSpanIncludingBackticksKeepingLength) {
    EXPECT_EQ(mask_code_spans("a `b` c"), "a     c");
    EXPECT_EQ(mask_code_spans("`#x` y"), std::string(4, ' ') + " y");
}

TEST(TextCodeSpans, MatchingRunLengthsOnly) {
    EXPECT_EQ(mask_code_spans("``a ` b`` c"), std::string(9, ' ') + " c");
    EXPECT_EQ(mask_code_spans("``a` b"), "``a` b"); // no closing run of two
}

TEST(TextCodeSpans, UnclosedBacktickIsLiteral) {
    EXPECT_EQ(mask_code_spans("a `b #c"), "a `b #c");
    EXPECT_EQ(scan_tags(mask_code_spans("a `b #c")), (Strings{"c"}));
}

TEST(TextCodeSpans, TextWithoutCodeUnchanged) {
    EXPECT_EQ(mask_code_spans("plain #tag [[link]]"), "plain #tag [[link]]");
    EXPECT_EQ(mask_code_spans(""), "");
}

TEST(TextCodeSpans, SeveralSpans) {
    std::string in = "`a` x `b`";
    std::string out = mask_code_spans(in);
    EXPECT_EQ(out.size(), in.size());
    EXPECT_EQ(out, "    x    ");
}

// ---------------------------------------------------------------------------
// "Links: `[[target]]`, `[[target|label]]` and the embed form `![[target]]`.
// The target is the text before `|`, `#` or `^`, trimmed, without leading
// folders or a trailing `.md`."

TEST(TextLinks, PlainLink) {
    EXPECT_EQ(links("met [[alice-chen]] today"), (Strings{"alice-chen"}));
}

TEST(TextLinks, LabelledLink) {
    EXPECT_EQ(links("met [[alice-chen|Alice]] today"), (Strings{"alice-chen"}));
}

TEST(TextLinks, EmbedLink) {
    EXPECT_EQ(links("![[alice-chen]]"), (Strings{"alice-chen"}));
}

TEST(TextLinks, FolderAndMdAndHeadingStripped) {
    EXPECT_EQ(links("[[folder/alice-chen.md#Work]]"), (Strings{"alice-chen"}));
    EXPECT_EQ(links("[[contacts/team/alice-chen.md]]"), (Strings{"alice-chen"}));
    EXPECT_EQ(links("[[alice-chen#Work|Al]]"), (Strings{"alice-chen"}));
}

TEST(TextLinks, BlockReferenceStripped) {
    EXPECT_EQ(links("[[alice-chen^block1]]"), (Strings{"alice-chen"}));
}

TEST(TextLinks, TargetTrimmed) {
    EXPECT_EQ(links("[[  Alice Chen  ]]"), (Strings{"Alice Chen"}));
    EXPECT_EQ(links("[[ alice-chen | Alice ]]"), (Strings{"alice-chen"}));
}

TEST(TextLinks, HeadingOnlyLinkYieldsNothing) {
    EXPECT_EQ(links("[[#heading]]"), Strings{});
    EXPECT_EQ(links("[[^block]]"), Strings{});
    EXPECT_EQ(links("[[ |label]]"), Strings{});
    EXPECT_EQ(links("[[]]"), Strings{});
}

TEST(TextLinks, SeveralLinksInOrder) {
    EXPECT_EQ(links("[[b]], [[a]] and ![[c|C]]"), (Strings{"b", "a", "c"}));
}

TEST(TextLinks, NotALink) {
    EXPECT_EQ(links("[alice]"), Strings{});
    EXPECT_EQ(links("[[alice]"), Strings{});
    EXPECT_EQ(links("[alice]]"), Strings{});
    EXPECT_EQ(links("[[ali\nce]]"), Strings{});
}

TEST(TextLinks, LinksInInlineCodeIgnoredWhenMasked) {
    EXPECT_EQ(links(mask_code_spans("`[[a]]` and [[b]]")), (Strings{"b"}));
}

TEST(TextLinks, NormaliseLinkTarget) {
    EXPECT_EQ(normalise_link_target("contacts/Alice Chen.md#Work|Al"), "Alice Chen");
    EXPECT_EQ(normalise_link_target("a/b/c.md"), "c");
    EXPECT_EQ(normalise_link_target("alice.md"), "alice");
    EXPECT_EQ(normalise_link_target(" bob ^x"), "bob");
    EXPECT_EQ(normalise_link_target("#top"), "");
}

// ---------------------------------------------------------------------------
// "a real calendar date `YYYY-MM-DD` not followed by a letter, digit or `_`"

TEST(TextDateToken, DateFollowedBySpacePunctuationOrEnd) {
    EXPECT_TRUE(starts_with_date_token("2026-11-02 coffee"));
    EXPECT_TRUE(starts_with_date_token("2026-11-02"));
    EXPECT_TRUE(starts_with_date_token("2026-11-02, coffee"));
    EXPECT_TRUE(starts_with_date_token("2026-11-02: coffee"));
    EXPECT_TRUE(starts_with_date_token("2026-11-02-coffee"));
    EXPECT_TRUE(starts_with_date_token("2026-11-02\tx"));
}

TEST(TextDateToken, NotFollowedByLetterDigitOrUnderscore) {
    EXPECT_FALSE(starts_with_date_token("2026-11-02x"));
    EXPECT_FALSE(starts_with_date_token("2026-11-02X"));
    EXPECT_FALSE(starts_with_date_token("2026-11-021"));
    EXPECT_FALSE(starts_with_date_token("2026-11-02_a"));
    EXPECT_FALSE(starts_with_date_token("2026-11-02\xC3\xA9")); // a non-ASCII letter
}

TEST(TextDateToken, MustStartTheText) {
    EXPECT_FALSE(starts_with_date_token(" 2026-11-02"));
    EXPECT_FALSE(starts_with_date_token("on 2026-11-02"));
    EXPECT_FALSE(starts_with_date_token("2026-1-02 x"));
    EXPECT_FALSE(starts_with_date_token("2026/11/02 x"));
    EXPECT_FALSE(starts_with_date_token(""));
}

TEST(TextDateToken, ShapeOnlyTheDayIsCheckedByTheCaller) {
    EXPECT_TRUE(starts_with_date_token("2026-02-30 x"));
    EXPECT_FALSE(Date::parse("2026-02-30").has_value());
}

// ---------------------------------------------------------------------------
// "its due date is the date after `📅` if there is one (the Obsidian Tasks
// form), else the first ISO date in its text; without a date it has no due
// date."

TEST(TextDueDate, CalendarEmojiDate) {
    auto r = scan_due_date("send the paper \xF0\x9F\x93\x85 2026-11-20");
    EXPECT_EQ(r.due, std::optional<Date>(day("2026-11-20")));
    EXPECT_EQ(r.bad, "");
}

TEST(TextDueDate, CalendarEmojiWinsOverEarlierDate) {
    auto r = scan_due_date("2026-11-01 call about 2026-11-05 \xF0\x9F\x93\x85 2026-12-01");
    EXPECT_EQ(r.due, std::optional<Date>(day("2026-12-01")));
}

TEST(TextDueDate, FirstIsoDateWithoutEmoji) {
    auto r = scan_due_date("call on 2026-11-05 or else 2026-11-09");
    EXPECT_EQ(r.due, std::optional<Date>(day("2026-11-05")));
    EXPECT_EQ(r.bad, "");
    EXPECT_EQ(scan_due_date("2026-11-20 send her the paper").due, std::optional<Date>(day("2026-11-20")));
}

TEST(TextDueDate, NoDateNoDueDate) {
    auto r = scan_due_date("send her the paper");
    EXPECT_FALSE(r.due.has_value());
    EXPECT_EQ(r.bad, "");
}

TEST(TextDueDate, ImpossibleDateReportedInBad) {
    auto r = scan_due_date("meet 2026-13-01");
    EXPECT_FALSE(r.due.has_value());
    EXPECT_EQ(r.bad, "2026-13-01");
    auto e = scan_due_date("x \xF0\x9F\x93\x85 2026-02-30");
    EXPECT_FALSE(e.due.has_value());
    EXPECT_EQ(e.bad, "2026-02-30");
}

// ---------------------------------------------------------------------------
// Helpers the comparisons rely on ("Ids, names and aliases compare
// case-insensitively (ASCII letters at least)").

TEST(TextHelpers, AsciiLowerAndTrim) {
    EXPECT_EQ(ascii_lower("Alice-CHEN 42"), "alice-chen 42");
    EXPECT_EQ(trim("  a b \t\r\n"), "a b");
    EXPECT_EQ(trim(""), "");
}
