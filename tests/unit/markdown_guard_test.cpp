// The inline-syntax mask fed to cmark-gfm (markdown_guard.hpp): it must keep
// every byte that decides block structure, so that kith reads the same
// entries, follow-ups and links as before, and mask the rest.
#include "support.hpp"

#include "kith/parse/body.hpp"
#include "kith/parse/markdown_guard.hpp"

using namespace kith;

namespace {

std::string masked(std::string_view s) { return mask_inline_syntax(s).text; }

} // namespace

TEST(MarkdownGuard, MasksInlineSyntaxAndKeepsLengthAndLineBreaks) {
    EXPECT_EQ(masked("a *b* _c_ `d` [e](f) ![g] &amp; \\* <i>\r\nz"), "a xbx xcx xdx xex(f) xxgx xamp; xx xi>\r\nz");
}

TEST(MarkdownGuard, KeepsContainerPrefixesAndTaskBoxes) {
    EXPECT_EQ(masked("> - [ ] *a*\n  * [x] b_\n1. [X] [[c]]\n10) *d*"),
              "> - [ ] xax\n  * [x] bx\n1. [X] xxc]x\n10) xdx");
}

TEST(MarkdownGuard, KeepsThematicBreaksFencesAndHtmlBlockEdges) {
    EXPECT_EQ(masked("* * *\n___\n```py\n*x*\n```\n``` `not a fence`"),
              "* * *\n___\n```py\nxxx\n```\nxxx xnot a fencex");
    EXPECT_EQ(masked("<div *a*>\n<!-- *c* -->\n<![CDATA[ [x] ]]>\n<?php *?>\n</script>"),
              "<div xax>\n<!-- xcx -->\n<![CDATA[ xxx ]]>\n<?php x?>\n</script>");
}

TEST(MarkdownGuard, HtmlStartsOnlyWhereABlockCanStart) {
    // Four spaces (at the top level) make a paragraph continuation, not a block.
    EXPECT_EQ(masked("   <?x\n    <?x\n- <?x"), "   <?x\n    x?x\n- <?x");
}

TEST(MarkdownGuard, CountsNestingPerLine) {
    MaskedBody m = mask_inline_syntax("> a\n" + std::string(101, '>') + "\n" + std::string(150, '>'));
    EXPECT_EQ(m.deep_line, 2);
    EXPECT_EQ(m.deep_depth, 101);
    EXPECT_EQ(mask_inline_syntax(std::string(100, '>')).deep_line, 0);
}

TEST(MarkdownGuard, ReferenceDefinitionsReadAsParagraphText) {
    // Documented in docs/format.md: a link in a definition's title counts.
    Diagnostics ds;
    Body b = parse_body("[ref]: https://example.com \"[[bob]]\"\n", 1, "contacts/a.md", ds);
    ASSERT_EQ(b.links.size(), 1u);
    EXPECT_EQ(b.links[0].target, "bob");
}

TEST(MarkdownGuard, BlocksReadAsBefore) {
    Diagnostics ds;
    Body b = parse_body("- [ ] 2026-11-03 *task* [[a]]\n"
                        "- 2026-11-02 **entry** `[[not]]` [[b]]\n"
                        "<div>\n- 2026-11-01 in html [[c]]\n</div>\n\n"
                        "```\n- 2026-11-01 in code [[d]]\n```\n"
                        "> - 2026-11-01 quoted [[e]]\n",
                        1, "contacts/a.md", ds);
    EXPECT_TRUE(ds.empty());
    ASSERT_EQ(b.tasks.size(), 1u);
    EXPECT_EQ(b.tasks[0].text, "2026-11-03 *task* [[a]]");
    ASSERT_EQ(b.entries.size(), 1u);
    EXPECT_EQ(b.entries[0].text(), "**entry** `[[not]]` [[b]]");
    std::vector<std::string> targets;
    for (const LinkRef& l : b.links) targets.emplace_back(l.target);
    EXPECT_EQ(targets, (std::vector<std::string>{"a", "b", "e"}));
}
