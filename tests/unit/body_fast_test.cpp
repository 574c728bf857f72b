// The body fast path must give exactly what cmark-gfm gives wherever it
// accepts a body, and decline (adding nothing) everything else.

#include "support.hpp"

#include "kith/parse/body.hpp"
#include "kith/parse/front_matter.hpp"

#include <random>

namespace fs = std::filesystem;
using namespace kith;
using namespace kith::test;

namespace {

const std::string k_file = "journal/2026-01-01.md";

/// Everything kith reads from a body, as text, so that a difference shows.
std::string describe(const Body& b, const Diagnostics& ds) {
    std::string s;
    auto words = [&](const Words& ws) {
        for (std::string_view w : ws) (s += " ") += w;
    };
    for (const Entry& e : b.entries) {
        ((s += "entry " + std::to_string(e.line) + " " + e.date.iso() + " [") += e.text()) += "] tags";
        words(e.tags());
        s += " links";
        words(e.links());
        s += "\n";
    }
    for (const Task& t : b.tasks) {
        ((s += "task " + std::to_string(t.line) + (t.done ? " done " : " open ") + "box " + t.box + " " +
               (t.due ? t.due->iso() : "-") + " repeat " +
               (t.recurrence ? recurrence_text(*t.recurrence) : std::string("-")) + " [") += t.text) += "] links";
        words(t.links);
        s += "\n";
    }
    for (const LinkRef& l : b.links) ((s += "link " + std::to_string(l.line) + " ") += l.target) += "\n";
    for (const Diagnostic& d : ds) s += format_diagnostic(d) + "\n";
    return s;
}

/// Compares the two paths on one body; returns whether the fast path took it.
bool agree(const std::string& text, const std::string& where) {
    Diagnostics fast_ds;
    auto fast = parse_body_fast(text, 5, k_file, fast_ds);
    if (!fast) {
        EXPECT_TRUE(fast_ds.empty()) << where << ": the fast path declined but left diagnostics";
        return false;
    }
    Diagnostics full_ds;
    Body full = parse_body_with_cmark(text, 5, k_file, full_ds);
    EXPECT_EQ(describe(*fast, fast_ds), describe(full, full_ds)) << where << ": the paths differ on\n" << text;
    return true;
}

} // namespace

TEST(BodyFastPath, AgreesWithCmarkOnHandWrittenCases) {
    const std::vector<std::string> accepted{
        "# Alice\n\nMet at a conference.\n\n## Log\n\n- 2026-05-25 #call talked about [[bob]]\n",
        "- [ ] 2026-11-26 share slides with [[Carol Diaz|Carol]]\n- [x] 2026-12-16 book lunch\n- [X] done\n",
        "- 2026-01-01 #gave intro to [[dan]] `[[not a link]]` and #tags #Tags\n",
        "- 2026-02-30 impossible date\n- 2026-01-01x glued\n- 20260101 no dashes\n",
        "- [ ] due 📅 2026-13-01 bad\n- [ ] two dates 2026-01-01 and 2026-02-02\n",
        "Para line one with [[a]]\nline two with [[b]]\n# Heading [[c]]\ntext\n",
        "Para `code\nspanning [[x]] lines` after\n",
        "* star item 2026\n+ plus item\n- dash item\n",
        "#tag at the start of a paragraph\n`code` at the start\n",
        "- #call no date\n- `code` first\n- [[alice]] first\n",
        "line\r\n- 2026-01-01 crlf\r\n\r\n# H\r\n",
        "(aside) text\n\"quoted\" text\n'single'\n2026 was a year\n",
        "- 2026-01-01 trailing spaces   \n-  \t\n",
        "Zoë met Ærø\n- 2026-01-01 Zoë\n",
        "#\n######\n####### seven hashes\n",
        "- 2026-01-01 a\n\n- 2026-01-02 loose list\n\nafter\n",
        "- [ ] a [x] later box\n",
        "- [/] in progress 2026-11-20\n- [-] cancelled \xE2\x9D\x8C 2026-11-02\n",
        "- [[2026-10-25]] daily note date\n- [[2026-10-26|Mon]]: with label\n",
        "- 2026-10-26: colon\n- 2026-10-27 - dash\n- 2026/10/01 foreign\n",
        "- [ ] water \xF0\x9F\x94\x81 every week \xE2\x9E\x95 2026-11-01\n- [ ] x \xF0\x9F\x94\x81 every blue moon\n",
    };
    std::size_t took = 0;
    for (std::size_t i = 0; i < accepted.size(); ++i) took += agree(accepted[i], "case " + std::to_string(i));
    EXPECT_GE(took, accepted.size() - 3) << "the fast path declines most of the simple cases";

    // Bodies whose structure needs the full parser: the fast path must decline.
    const std::vector<std::string> declined{
        "- 2026-01-01 item\ncontinued lazily\n",
        "- 2026-01-01 item\n  indented continuation\n",
        "> - 2026-01-01 quoted\n",
        "```\n- 2026-01-01 code\n```\n",
        "    - 2026-01-01 indented code\n",
        "<div>\n- 2026-01-01 html\n</div>\n",
        "1. 2026-01-01 ordered\n",
        "Title\n=====\n",
        "Title\n---\n",
        "- - nested\n",
        "* * *\n",
        "- > quote in item\n",
        "- # heading in item\n",
        "- ```\n",
        "-\ttab\n",
        "- [ ]\n",
        "[ref]: /url\n",
        "line\rold mac\n",
        std::string("nul\0byte\n", 9),
        "\xEF\xBB\xBF" "bom\n",
        "\\# escaped\n",
        "| a | b |\n",
    };
    for (const auto& d : declined) {
        Diagnostics ds;
        EXPECT_FALSE(parse_body_fast(d, 1, k_file, ds).has_value()) << d;
        EXPECT_TRUE(ds.empty());
    }
}

TEST(BodyFastPath, AgreesWithCmarkOnEveryVaultBody) {
    // The sample vault and the bad-input cases: every body the fast path takes
    // must read the same as through cmark-gfm.
    std::size_t seen = 0, took = 0;
    for (const fs::path root : {fs::path(KITH_SOURCE_DIR) / "sample-vault", fs::path(KITH_SOURCE_DIR) / "tests/errors/cases"}) {
        for (const auto& e : fs::recursive_directory_iterator(root)) {
            if (!e.is_regular_file() || e.path().extension() != ".md") continue;
            const std::string text = read_text(e.path());
            const Split split = split_front_matter(text);
            ++seen;
            took += agree(std::string(split.body), e.path().string());
        }
    }
    EXPECT_GT(seen, 20u);
    EXPECT_GT(took, seen / 2) << "the fast path should take most real bodies";
}

TEST(BodyFastPath, AgreesWithCmarkOnRandomBodies) {
    // Random bodies built from lines that are easy to confuse: the fast path
    // may decline any of them, but whatever it takes must match cmark-gfm.
    const std::vector<std::string> pieces{
        "",
        "   ",
        "# Heading with [[alice]]",
        "## Log",
        "#tag line",
        "####### not a heading",
        "- 2026-05-25 #call talked about [[bob]]",
        "- 2026-02-30 #gave impossible",
        "- 2026-01-01",
        "- [ ] 2026-11-26 share slides",
        "- [x] done with [[carol]]",
        "- [ ] due 📅 2026-12-01",
        "- [/] 2026-11-20 in progress",
        "- [-] cancelled \xE2\x9D\x8C 2026-11-02",
        "- [?] not a box",
        "- [[2026-10-25]] daily note date",
        "- **2026-10-20** bold date",
        "- 2026-10-26: colon",
        "- 01.10.2026 foreign date",
        "- [ ] repeat \xF0\x9F\x94\x81 every 2 weeks when done \xE2\x8F\xB3 2026-11-01",
        "- [ ]",
        "- [ ]  two spaces",
        "- `code [[x]]` 2026",
        "- [[dan]] coffee 2026-01-01",
        "* 2026-03-03 star",
        "+ 2026-03-04 plus",
        "Plain paragraph with [[eve]] and `code",
        "closing` code [[frank]]",
        "2026 was good",
        "1. ordered",
        "12) ordered",
        "> quote [[gina]]",
        "  indented [[hal]]",
        "    code [[ida]]",
        "```",
        "~~~",
        "---",
        "===",
        "***",
        "- - nested",
        "<!-- [[jon]] -->",
        "[ref]: https://x",
        "[[kim]] starts the line",
        "[not wiki] text",
        "(aside) [[lee]]",
        "\"quote\" [[mo]]",
        "| a | [[ned]] |",
        "text with trailing spaces   ",
        "\t- tabbed item",
        "-\tdash tab",
        "- ",
        "-",
    };
    std::mt19937 rng(20261122);
    std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
    std::uniform_int_distribution<int> length(1, 8);
    std::uniform_int_distribution<int> crlf(0, 9);
    std::size_t took = 0;
    const int rounds = 6000;
    for (int round = 0; round < rounds; ++round) {
        std::string body;
        const int n = length(rng);
        const bool windows = crlf(rng) == 0;
        for (int k = 0; k < n; ++k) body += pieces[pick(rng)] + (windows ? "\r\n" : "\n");
        if (crlf(rng) == 1 && !body.empty()) body.pop_back(); // no final newline
        took += agree(body, "round " + std::to_string(round));
        if (::testing::Test::HasFailure()) break;
    }
    EXPECT_GT(took, static_cast<std::size_t>(rounds / 20)) << "the random bodies barely reach the fast path";
}
