// The front-matter fast path must give exactly yaml-cpp's tree wherever it
// accepts the input, and decline everything else.

#include "support.hpp"

#include "kith/parse/front_matter.hpp"

#include <random>

namespace fs = std::filesystem;
using namespace kith;
using namespace kith::test;

namespace {

/// yaml-cpp places an empty value's null on the line of the next token, an
/// artifact nothing reads (an empty value is an absent key and never gets a
/// diagnostic), so the lines of null nodes are not compared.
bool same_tree(const YamlNode& a, const YamlNode& b) {
    if (a.kind != b.kind || a.plain != b.plain || a.scalar != b.scalar || a.items.size() != b.items.size()) return false;
    if (a.kind != YamlNode::Kind::Null && a.line != b.line) return false;
    for (std::size_t i = 0; i < a.items.size(); ++i)
        if (!same_tree(a.items[i], b.items[i])) return false;
    return true;
}

/// Compares the two paths on one front matter; returns whether the fast path took it.
bool agree(const std::string& yaml, const std::string& where) {
    auto fast = parse_simple_yaml(yaml, 2);
    if (!fast) return false;
    Diagnostics ds;
    auto full = parse_yaml_full(yaml, 2, "f.md", ds);
    EXPECT_TRUE(full.has_value()) << where << ": the fast path accepted what yaml-cpp refuses:\n" << yaml;
    if (full) EXPECT_TRUE(same_tree(*fast, *full)) << where << ": trees differ for\n" << yaml;
    return true;
}

} // namespace

TEST(YamlFastPath, AgreesWithYamlCppOnHandWrittenCases) {
    const std::vector<std::string> cases{
        "name: Alice\n",
        "name: Alice Chen\ntier: core\n",
        "name: \"Quoted: yes\"\nalias: 'single'\n",
        "tags: [a, b, c]\naliases: []\nemail: [x@y.z]\n",
        "tags: [\"a b\", 'c', d]\n",
        "empty:\nnull1: ~\nnull2: null\nnull3: Null\nnull4: NULL\nquoted_null: \"null\"\n",
        "flag: true\nother: false\nnum: 42\nneg: 3.5\n",
        "# a comment\nname: A # trailing\n\n# another\ntier: core   # x\n",
        "url: https://x.com/a#b\n",
        "phone: +47 912 34 567\n",
        "date: 2026-11-22\nbirthday: \"--03-14\"\n",
        "birthday: --03-14\nneg: -5\nq: ?x\nc: :x\n",
        "list_null: [~, a]\n",
        "name: Zoë Martín\ncity: Oslo, Norway\n",
        "a: 1\na: 2\n",
        "key: value\r\nother: x\r\n",
        "dashed-key: v\nunder_key: w\n9lives: x\n",
        "k: [a,b]\n",
        "k: []  # none\n",
        "name: A\ntrailing: space   \n",
        "",
        "# only a comment\n",
        "\n\n",
    };
    for (const auto& c : cases) EXPECT_TRUE(agree(c, "case")) << "expected the fast path to take:\n" << c;
}

TEST(YamlFastPath, DeclinesWhatItDoesNotFullyUnderstand) {
    const std::vector<std::string> cases{
        "tags:\n  - a\n  - b\n",        // block list
        "tags:\n- a\n",                 // compact block list
        "name: >\n  folded\n",          // block scalar
        "name: \"esc\\\"aped\"\n",      // escapes
        "name: 'it''s'\n",              // '' escape
        "a: b: c\n",                    // mapping in a plain scalar
        "a: &x 1\n",                    // anchor
        "a: *x\n",                      // alias
        "a: {b: c}\n",                  // flow map
        "a: [b, [c]]\n",                // nested flow
        "a: [b:c]\n",                   // colon in a flow item
        " a: 1\n",                      // indentation
        "a:b\n",                        // not a mapping
        "\"quoted key\": 1\n",          // quoted key
        "null: 1\n",                    // null key
        "a: - x\n",                     // a block sequence entry
        "a: ok\n  continued\n",         // multi-line plain
        "a: \"unclosed\n",
        "a: 1\n---\nb: 2\n",
        "name: T\vi\n",               // a control character (found by fuzzing)
        "tier: -\x04\x04\n",
        "a: del\x7f\n",
        "a: c1 \xc2\x85 next line\n",
        "a: bom \xef\xbb\xbf inside\n",
        "a: \xef\xbf\xbe\n",
    };
    for (const auto& c : cases) EXPECT_FALSE(parse_simple_yaml(c, 2).has_value()) << c;
}

TEST(YamlFastPath, AgreesOnEveryFrontMatterOfTheSampleVaultAndTheErrorCases) {
    int taken = 0, total = 0;
    for (const fs::path& root : {source_dir() / "sample-vault", source_dir() / "tests/errors/cases"}) {
        for (const auto& e : fs::recursive_directory_iterator(root)) {
            if (!e.is_regular_file() || e.path().extension() != ".md") continue;
            std::string text = read_text(e.path());
            if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
            Split s = split_front_matter(text);
            if (!s.has_front_matter || s.unclosed) continue;
            ++total;
            taken += agree(std::string(s.yaml), e.path().string());
        }
    }
    EXPECT_GT(total, 20);
    EXPECT_GT(taken, total / 2) << "the fast path should take most real front matter";
}

TEST(YamlFastPath, AgreesOnRandomSimpleDocuments) {
    std::mt19937 rng(7);
    const std::vector<std::string> keys{"name", "tier", "tags", "email", "met", "x-1", "a_b", "9"};
    const std::vector<std::string> values{
        "Alice", "Alice Chen", "\"q, uoted\"", "'s q'", "[a, b]", "[]", "~", "", "true", "2026-01-02",
        "a # c", "https://e.x/#f", "+1 555", "Ünïcödé", "[\"x y\", z]", "null", "12.5", "a,b", "(x)", "a.b/c", "--03-14", "-5", "-x y", "?q", ":c"};
    int taken = 0;
    for (int n = 0; n < 3000; ++n) {
        std::string doc;
        const int lines = static_cast<int>(rng() % 6);
        for (int i = 0; i < lines; ++i) {
            if (rng() % 7 == 0) doc += "# note\n";
            if (rng() % 9 == 0) doc += "\n";
            const std::string& v = values[rng() % values.size()];
            doc += keys[rng() % keys.size()] + ":" + (v.empty() ? "" : " " + v) + (rng() % 5 == 0 ? "  # c" : "") + "\n";
        }
        taken += agree(doc, "random " + std::to_string(n));
    }
    EXPECT_GT(taken, 2000);
}
