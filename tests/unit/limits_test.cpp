// Resource limits and pathological inputs (issue 8): no single file may stall
// a load. Each test builds a hostile body or front matter, checks what kith
// makes of it (parsed, or refused with a clear error) and that it took less
// than a bound. Bounds are about ten times the time measured in the plain
// build (docs/reliability.md ("Fuzzing and resource limits") lists both), and scaled for the
// sanitizer build, which runs these same tests several times slower.
#include "support.hpp"

#include "kith/parse/body.hpp"
#include "kith/parse/file.hpp"
#include "kith/parse/front_matter.hpp"
#include "kith/parse/markdown_guard.hpp"
#include "kith/parse/text.hpp"
#include "kith/sync/merge.hpp"

#include <chrono>

using namespace kith;
using namespace kith::test;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr double k_slowdown = 6.0;
#else
constexpr double k_slowdown = 1.0;
#endif

std::string repeat(std::string_view s, std::size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

std::string contact_with_body(const std::string& body) { return "---\nname: Hostile\n---\n" + body; }

struct Timed {
    ParsedFile file;
    double seconds = 0;
};

Timed parse_timed(const std::string& text, FileKind kind = FileKind::Contact) {
    const auto t0 = std::chrono::steady_clock::now();
    ParsedFile pf = parse_file(kind == FileKind::Contact ? "contacts/hostile.md" : "journal/hostile.md", text, kind);
    const auto t1 = std::chrono::steady_clock::now();
    return {std::move(pf), std::chrono::duration<double>(t1 - t0).count()};
}

#define EXPECT_WITHIN(timed, bound_seconds)                                                         \
    EXPECT_LT((timed).seconds, (bound_seconds) * k_slowdown)                                        \
        << "took " << (timed).seconds << " s; the bound is " << (bound_seconds) * k_slowdown << " s"

std::string errors_of(const ParsedFile& pf) {
    std::string out;
    for (const Diagnostic& d : pf.diagnostics)
        if (d.level == Level::Error) out += format_diagnostic(d) + "\n";
    return out;
}

/// A contact that parsed, with no errors.
const Contact& parsed_contact(const Timed& t) {
    EXPECT_EQ(errors_of(t.file), "");
    static const Contact none;
    return t.file.contact ? *t.file.contact : none;
}

} // namespace

// --- Markdown: the cmark-gfm 0.29.0.gfm.6 quadratic cases -------------------

TEST(Limits, PipeTableRowsParseInBoundedTimeAndTheirLinksCount) {
    // 24 KB of these took ~10 s with the table extension; it is not attached.
    std::string body = "| who | what |\n|---|---|\n" + repeat("| x | y |\n", 50000) + "| [[alice]] | z |\n";
    Timed t = parse_timed(contact_with_body(body));
    const Contact& c = parsed_contact(t);
    ASSERT_EQ(c.body.links.size(), 1u);
    EXPECT_EQ(c.body.links[0].target, "alice");
    EXPECT_EQ(c.body.links[0].line, 4 + 2 + 50000);
    EXPECT_WITHIN(t, 2.0);
}

TEST(Limits, EmphasisInsideDeepQuotesParsesInBoundedTime) {
    // `>` x 8000 then `a*` x 8000 took 8 s (CVE-2023-24824); at the nesting
    // limit the same line with far more emphasis is quick.
    std::string body = repeat(">", k_max_block_nesting) + repeat("a*", 100000) + "\n" +
                       repeat("> ", 50) + repeat(" *a _b", 30000) + "\n";
    Timed t = parse_timed(contact_with_body(body));
    parsed_contact(t);
    EXPECT_WITHIN(t, 2.0);
}

TEST(Limits, InlineHtmlAndBracketRunsParseInBoundedTime) {
    // Each of these paragraphs took 12 to 24 s at a tenth of this size.
    for (std::string_view unit : {"a<?", "a<![CDATA[", "a<!A ", "![[]()", "[a](<b", "*a_ ", "[ a_", "a<!--"}) {
        std::string body = repeat(unit, 300000 / unit.size()) + "\n- 2026-11-02 after [[bob]]\n";
        Timed t = parse_timed(contact_with_body(body));
        const Contact& c = parsed_contact(t);
        ASSERT_EQ(c.body.entries.size(), 1u) << unit;
        EXPECT_EQ(c.body.entries[0].links(), std::vector<std::string>{"bob"}) << unit;
        EXPECT_WITHIN(t, 2.0) << unit;
    }
}

TEST(Limits, LongAutolinkRunsParseInBoundedTime) {
    for (std::string_view unit : {"www.example.com ", "<https://example.com/a> ", "a@example.com "}) {
        std::string body = "- 2026-11-02 " + repeat(unit, 500000 / unit.size()) + "\n";
        Timed t = parse_timed(contact_with_body(body));
        const Contact& c = parsed_contact(t);
        EXPECT_EQ(c.body.entries.size(), 1u) << unit;
        EXPECT_WITHIN(t, 2.0) << unit;
    }
}

TEST(Limits, BacktickRunsOfEveryLengthAreScannedInLinearTime) {
    // Runs of 1, 2, 3... backticks, none closed: kith's code-span masking used
    // to rescan the rest of the item for each (about 3 s for this item).
    std::string runs;
    for (std::size_t i = 1; i <= 1000; ++i) runs += "e" + std::string(i, '`');
    std::string body = "- 2026-11-02 " + runs + " #tag " + repeat("a", 400000) + "\n";
    Timed t = parse_timed(contact_with_body(body));
    const Contact& c = parsed_contact(t);
    ASSERT_EQ(c.body.entries.size(), 1u);
    EXPECT_EQ(c.body.entries[0].tags(), std::vector<std::string>{"tag"});
    EXPECT_WITHIN(t, 2.0);
}

TEST(Limits, ThousandsOfDistinctLinksInOneItemAreCollectedInLinearTime) {
    // The per-item link list was deduplicated by a linear search (2.3 s for 5000).
    std::string body = "- 2026-11-02 met";
    for (int i = 0; i < 20000; ++i) body += " [[p" + std::to_string(i) + "]] [[P" + std::to_string(i) + "]]";
    Timed t = parse_timed(contact_with_body(body + "\n"));
    const Contact& c = parsed_contact(t);
    ASSERT_EQ(c.body.entries.size(), 1u);
    const auto& links = c.body.entries[0].links();
    const std::vector<std::string> all = links.strings();
    ASSERT_EQ(all.size(), 20000u); // [[Pn]] is the same person as [[pn]]
    EXPECT_EQ(all.front(), "p0");
    EXPECT_EQ(all.back(), "p19999");
    EXPECT_WITHIN(t, 2.0);
}

// --- Nesting ----------------------------------------------------------------

TEST(Limits, HundredThousandDeepQuotesAndListsAreRefusedQuickly) {
    const std::string deep[] = {repeat(">", 100000) + " x\n", repeat("- ", 100000) + "x\n",
                                repeat("1. ", 100000) + "x\n", repeat("> - ", 50000) + "x\n"};
    for (const std::string& line : deep) {
        Timed t = parse_timed(contact_with_body("- 2026-11-01 fine\n\n" + line));
        EXPECT_FALSE(t.file.contact.has_value());
        EXPECT_EQ(errors_of(t.file), "contacts/hostile.md:6: error: block quotes and lists nest 100000 levels deep, "
                                     "over the 100-level nesting limit; skipped\n");
        EXPECT_WITHIN(t, 0.5);
    }
}

TEST(Limits, NestingAtTheLimitIsRead) {
    std::string body = repeat("> ", k_max_block_nesting) + "[[deep]]\n" + "- 2026-11-02 after\n";
    Timed t = parse_timed(contact_with_body(body));
    const Contact& c = parsed_contact(t);
    ASSERT_EQ(c.body.links.size(), 1u);
    EXPECT_EQ(c.body.links[0].target, "deep");
    EXPECT_WITHIN(t, 0.5);
}

TEST(Limits, ThousandLevelsOfIndentedListsParseInBoundedTime) {
    // Nesting by indentation needs i*2 spaces on line i: the size cap bounds it.
    std::string body;
    for (int i = 0; i < 1000; ++i) body += std::string(static_cast<std::size_t>(i) * 2, ' ') + "- 2026-11-02 x\n";
    ASSERT_LT(body.size(), k_max_file_bytes);
    Timed t = parse_timed(contact_with_body(body), FileKind::Contact);
    const Contact& c = parsed_contact(t);
    EXPECT_EQ(c.body.entries.size(), 1000u);
    EXPECT_WITHIN(t, 2.0);
}

// --- Size caps --------------------------------------------------------------

TEST(Limits, AMillionListItemsAreRefusedByTheFileSizeCap) {
    std::string text = contact_with_body(repeat("- 2026-11-02 x\n", 1000000));
    Timed t = parse_timed(text);
    EXPECT_FALSE(t.file.contact.has_value());
    EXPECT_EQ(errors_of(t.file), "contacts/hostile.md:1: error: file is over the 1 MiB file size limit (" +
                                     std::to_string(text.size()) + " bytes); skipped\n");
    EXPECT_WITHIN(t, 0.1);
}

TEST(Limits, AsManyListItemsAsTheSizeCapAllowsAreAllRead) {
    const std::string item = "- 2026-11-02 x\n";
    const std::size_t n = (k_max_file_bytes - 100) / item.size(); // ~70k items
    Timed t = parse_timed(contact_with_body(repeat(item, n)));
    const Contact& c = parsed_contact(t);
    EXPECT_EQ(c.body.entries.size(), n);
    EXPECT_WITHIN(t, 5.0);
}

TEST(Limits, FrontMatterOverTheCapIsRefused) {
    std::string fm = "name: Big\nnotes: " + repeat("word ", k_max_front_matter_bytes / 5) + "\n";
    ASSERT_GT(fm.size(), k_max_front_matter_bytes);
    Timed t = parse_timed("---\n" + fm + "---\n- 2026-11-02 x\n");
    EXPECT_FALSE(t.file.contact.has_value());
    EXPECT_EQ(errors_of(t.file), "contacts/hostile.md:2: error: front matter is over the 64 KiB front matter size limit (" +
                                     std::to_string(fm.size()) + " bytes); skipped\n");
    EXPECT_WITHIN(t, 0.1);
}

TEST(Limits, FrontMatterJustUnderTheCapIsRead) {
    std::string fm = "name: Big\nnotes: " + repeat("word ", (k_max_front_matter_bytes - 100) / 5) + "\n";
    Timed t = parse_timed("---\n" + fm + "---\n");
    EXPECT_EQ(parsed_contact(t).name.value, "Big");
    EXPECT_WITHIN(t, 0.5);
}

// --- YAML -------------------------------------------------------------------

TEST(Limits, YamlAliasBombIsRefusedWithoutExpanding) {
    // "Billion laughs": ten levels of ten aliases each would be 10^10 nodes.
    std::string fm = "name: Bomb\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (int i = 1; i < 10; ++i) {
        std::string prev = "*a" + std::to_string(i - 1);
        fm += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev;
        for (int k = 1; k < 10; ++k) fm += ", " + prev;
        fm += "]\n";
    }
    Timed t = parse_timed("---\n" + fm + "---\n");
    EXPECT_FALSE(t.file.contact.has_value());
    EXPECT_EQ(errors_of(t.file),
              "contacts/hostile.md:3: error: anchors and aliases are not allowed in front matter; skipped\n");
    EXPECT_WITHIN(t, 0.1);
}

TEST(Limits, DeeplyNestedYamlIsRefusedAtTheDepthLimit) {
    const std::string flow = "name: Deep\nk: " + repeat("[", 10000) + repeat("]", 10000) + "\n";
    std::string block = "name: Deep\n";
    for (std::size_t i = 0; i < 100; ++i) block += std::string(i * 2, ' ') + "k:\n";
    block += std::string(200, ' ') + "v\n";
    for (const std::string& fm : {flow, block}) {
        Timed t = parse_timed("---\n" + fm + "---\n");
        EXPECT_FALSE(t.file.contact.has_value());
        EXPECT_NE(errors_of(t.file).find("error: front matter is over the 16-level front matter nesting limit; skipped"),
                  std::string::npos)
            << errors_of(t.file);
        EXPECT_WITHIN(t, 0.5);
    }
}

TEST(Limits, YamlWithTooManyValuesIsRefused) {
    std::string fm = "name: Many\nk: [" + repeat("a, ", 20000) + "a]\n";
    Timed t = parse_timed("---\n" + fm + "---\n");
    EXPECT_FALSE(t.file.contact.has_value());
    EXPECT_EQ(errors_of(t.file), "contacts/hostile.md:3: error: front matter is over the 5000-value front matter limit; skipped\n");
    EXPECT_WITHIN(t, 0.5);
}

// --- Sync merge -------------------------------------------------------------

TEST(Limits, MergingTwoVersionsWithThousandsOfLinesMovedIsBounded) {
    // Myers' diff is O((N+M)D): 32,000 reversed lines took 40 s. Past the diff
    // budget the region counts as changed wholesale: here theirs only appended
    // a line, ours reversed the file, so the merge takes ours and theirs' line.
    std::string base, ours;
    const int n = 32000;
    for (int i = 0; i < n; ++i) base += "- 2026-01-01 l" + std::to_string(i) + "\n";
    for (int i = n - 1; i >= 0; --i) ours += "- 2026-01-01 l" + std::to_string(i) + "\n";
    const std::string theirs = base + "- 2026-01-02 new\n";
    const auto t0 = std::chrono::steady_clock::now();
    sync::MergeResult m = sync::merge_file(base, ours, theirs);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_TRUE(m.conflicts.empty());
    EXPECT_NE(m.text.find("- 2026-01-02 new\n"), std::string::npos);
    EXPECT_NE(m.text.find("- 2026-01-01 l31999\n- 2026-01-01 l31998\n"), std::string::npos);
    EXPECT_LT(seconds, 2.0 * k_slowdown) << "took " << seconds << " s";
}

// --- End to end -------------------------------------------------------------

TEST(Limits, HostileFilesInAVaultAreReportedAndTheRestLoads) {
    TempDir tmp;
    const auto vault = copy_sample_vault(tmp);
    write_file(vault / "journal/2026-11-03-hostile.md",
               "# hostile\n\n" + repeat("a<?", 100000) + "\n\n- 2026-11-03 met [[alice-chen]] after all\n");
    write_file(vault / "journal/2026-11-04-deep.md", repeat("> ", 5000) + "x\n");
    write_file(vault / "contacts/big-fm.md", "---\nname: Big\nnotes: " + repeat("w ", 40000) + "\n---\n");
    const auto t0 = std::chrono::steady_clock::now();
    KithRun check = run_kith({"--vault", vault.string(), "--today", "2026-11-22", "--no-cache", "check"});
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_EQ(check.status, 1);
    const std::string all = check.out + check.err;
    EXPECT_NE(all.find("contacts/big-fm.md:2: error: front matter is over the 64 KiB front matter size limit (80018 bytes); "
                       "skipped"),
              std::string::npos)
        << all;
    EXPECT_NE(all.find("journal/2026-11-04-deep.md:1: error: block quotes and lists nest 5000 levels deep, over the "
                       "100-level nesting limit; skipped"),
              std::string::npos)
        << all;
    EXPECT_EQ(all.find("2026-11-03-hostile.md"), std::string::npos) << all; // parsed, nothing to say
    EXPECT_LT(seconds, 2.0 * k_slowdown) << "took " << seconds << " s";

    KithRun show = run_kith({"--vault", vault.string(), "--today", "2026-11-22", "--no-cache", "--format", "json",
                             "show", "alice-chen"});
    EXPECT_EQ(show.status, 0) << show.err;
    EXPECT_NE(show.out.find("met [[alice-chen]] after all"), std::string::npos);
}
