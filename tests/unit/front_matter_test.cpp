// Front matter: where it is (split_front_matter) and what YAML kith accepts
// (parse_yaml). VAULT.md, "Front matter (contacts and notes)".
#include "support.hpp"

#include "kith/parse/front_matter.hpp"

using namespace kith;
using namespace kith::test;

namespace {

const std::string k_file = "contacts/a.md";

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::string dump(const Diagnostics& ds) {
    std::string out;
    for (const auto& d : ds) out += format_diagnostic(d) + "\n";
    return out;
}

/// The scalar value of `key` in a mapping node, or "<missing>".
const YamlNode* value_of(const YamlNode& map, const std::string& key) {
    for (std::size_t i = 0; i + 1 < map.items.size(); i += 2)
        if (map.items[i].scalar == key) return &map.items[i + 1];
    return nullptr;
}

std::string nested_flow(int depth) {
    // `a:` is the root mapping (depth 1), then depth-1 nested sequences.
    std::string s = "a: ";
    for (int i = 1; i < depth; ++i) s += "[";
    s += "x";
    for (int i = 1; i < depth; ++i) s += "]";
    return s + "\n";
}

std::string flow_sequence(int items) {
    std::string s = "a: [";
    for (int i = 0; i < items; ++i) s += (i ? ",1" : "1");
    return s + "]\n";
}

} // namespace

// ---------------------------------------------------------------------------
// "a first line `---` (after an optional UTF-8 BOM), closed by the next line
// that is `---` or `...` (trailing blanks ignored; CRLF line endings accepted)"

TEST(FrontMatterSplit, OpenedByFirstLineAndClosedByDashes) {
    Split s = split_front_matter("---\nname: A\n---\nbody\n");
    EXPECT_TRUE(s.has_front_matter);
    EXPECT_FALSE(s.unclosed);
    EXPECT_EQ(s.yaml, "name: A\n");
    EXPECT_EQ(s.yaml_first_line, 2);
    EXPECT_EQ(s.body, "body\n");
    EXPECT_EQ(s.body_first_line, 4);
}

TEST(FrontMatterSplit, ClosedByDots) {
    Split s = split_front_matter("---\nname: A\n...\nbody");
    EXPECT_TRUE(s.has_front_matter);
    EXPECT_FALSE(s.unclosed);
    EXPECT_EQ(s.yaml, "name: A\n");
    EXPECT_EQ(s.body, "body");
    EXPECT_EQ(s.body_first_line, 4);
}

TEST(FrontMatterSplit, ClosedByTheNextFenceLineOnly) {
    // `a: ---` is not a fence line; the first whole `---` line closes.
    Split s = split_front_matter("---\na: ---\n---\nb\n---\nc");
    EXPECT_TRUE(s.has_front_matter);
    EXPECT_EQ(s.yaml, "a: ---\n");
    EXPECT_EQ(s.body, "b\n---\nc");
    EXPECT_EQ(s.body_first_line, 4);
}

TEST(FrontMatterSplit, TrailingBlanksOnFenceLinesIgnored) {
    Split s = split_front_matter("---  \nname: A\n--- \t\nbody");
    EXPECT_TRUE(s.has_front_matter);
    EXPECT_FALSE(s.unclosed);
    EXPECT_EQ(s.yaml, "name: A\n");
    EXPECT_EQ(s.body, "body");
    EXPECT_EQ(s.body_first_line, 4);
    Split dots = split_front_matter("---\nname: A\n...  \nbody");
    EXPECT_FALSE(dots.unclosed);
    EXPECT_EQ(dots.body, "body");
}

TEST(FrontMatterSplit, CrlfLineEndingsAccepted) {
    Split s = split_front_matter("---\r\nname: A\r\n---\r\nbody\r\n");
    EXPECT_TRUE(s.has_front_matter);
    EXPECT_FALSE(s.unclosed);
    EXPECT_EQ(s.yaml, "name: A\r\n");
    EXPECT_EQ(s.body, "body\r\n");
    EXPECT_EQ(s.body_first_line, 4);
}

TEST(FrontMatterSplit, UnclosedBlock) {
    Split s = split_front_matter("---\nname: A\nbody text\n");
    EXPECT_TRUE(s.has_front_matter);
    EXPECT_TRUE(s.unclosed);
    Split only = split_front_matter("---");
    EXPECT_TRUE(only.unclosed);
    Split four = split_front_matter("---\nname: A\n----\n");
    EXPECT_TRUE(four.unclosed); // `----` is not a fence
}

TEST(FrontMatterSplit, NoFrontMatterWhenFirstLineIsNotDashes) {
    const std::string_view text = "# Title\n---\nname: A\n---\n";
    Split s = split_front_matter(text);
    EXPECT_FALSE(s.has_front_matter);
    EXPECT_FALSE(s.unclosed);
    EXPECT_EQ(s.body, text);
    EXPECT_EQ(s.body_first_line, 1);

    EXPECT_FALSE(split_front_matter("\n---\nname: A\n---\n").has_front_matter); // not the first line
    EXPECT_FALSE(split_front_matter(" ---\nname: A\n---\n").has_front_matter);  // leading blank
    EXPECT_FALSE(split_front_matter("----\nname: A\n----\n").has_front_matter);
    EXPECT_FALSE(split_front_matter("...\nname: A\n...\n").has_front_matter);
    EXPECT_FALSE(split_front_matter("").has_front_matter);
}

TEST(FrontMatterSplit, EmptyBlock) {
    Split s = split_front_matter("---\n---\nbody");
    EXPECT_TRUE(s.has_front_matter);
    EXPECT_FALSE(s.unclosed);
    EXPECT_EQ(s.yaml, "");
    EXPECT_EQ(s.body, "body");
    EXPECT_EQ(s.body_first_line, 3);
}

TEST(FrontMatterSplit, BodyFirstLineNumbers) {
    Split s = split_front_matter("---\na: 1\nb: 2\nc: 3\n---\n\n- x\n");
    EXPECT_EQ(s.yaml_first_line, 2);
    EXPECT_EQ(s.body_first_line, 6);
    EXPECT_EQ(s.body, "\n- x\n");
    Split none = split_front_matter("- x\n");
    EXPECT_EQ(none.body_first_line, 1);
}

TEST(FrontMatterSplit, ClosingFenceAtEndOfText) {
    Split s = split_front_matter("---\na: 1\n---");
    EXPECT_TRUE(s.has_front_matter);
    EXPECT_FALSE(s.unclosed);
    EXPECT_EQ(s.yaml, "a: 1\n");
    EXPECT_EQ(s.body, "");
}

// ---------------------------------------------------------------------------
// "It is YAML 1.2 (core schema) and must be a mapping."

TEST(YamlParse, Mapping) {
    Diagnostics ds;
    auto n = parse_yaml("name: Alice\ntier: core\n", 2, k_file, ds);
    ASSERT_TRUE(n.has_value()) << dump(ds);
    EXPECT_TRUE(ds.empty()) << dump(ds);
    ASSERT_EQ(n->kind, YamlNode::Kind::Map);
    ASSERT_EQ(n->items.size(), 4u);
    EXPECT_EQ(n->items[0].scalar, "name");
    EXPECT_EQ(n->items[1].scalar, "Alice");
    EXPECT_EQ(n->items[2].scalar, "tier");
    EXPECT_EQ(n->items[3].scalar, "core");
    EXPECT_EQ(n->items[0].line, 2);
    EXPECT_EQ(n->items[1].line, 2);
    EXPECT_EQ(n->items[2].line, 3);
    EXPECT_EQ(n->items[3].line, 3);
}

TEST(YamlParse, SequencesBlockAndFlow) {
    Diagnostics ds;
    auto n = parse_yaml("tags: [a, b]\naliases:\n  - x\n  - y\n", 2, k_file, ds);
    ASSERT_TRUE(n.has_value()) << dump(ds);
    const YamlNode* tags = value_of(*n, "tags");
    const YamlNode* aliases = value_of(*n, "aliases");
    ASSERT_NE(tags, nullptr);
    ASSERT_NE(aliases, nullptr);
    ASSERT_EQ(tags->kind, YamlNode::Kind::Sequence);
    ASSERT_EQ(tags->items.size(), 2u);
    EXPECT_EQ(tags->items[1].scalar, "b");
    ASSERT_EQ(aliases->kind, YamlNode::Kind::Sequence);
    ASSERT_EQ(aliases->items.size(), 2u);
    EXPECT_EQ(aliases->items[0].scalar, "x");
    EXPECT_EQ(aliases->items[0].line, 4);
    EXPECT_EQ(aliases->items[1].line, 5);
}

TEST(YamlParse, QuotedAndPlainScalarsDiffer) {
    Diagnostics ds;
    auto n = parse_yaml("a: true\nb: \"true\"\nc: 'true'\nd: 5551234\n", 2, k_file, ds);
    ASSERT_TRUE(n.has_value()) << dump(ds);
    const YamlNode* a = value_of(*n, "a");
    const YamlNode* b = value_of(*n, "b");
    const YamlNode* c = value_of(*n, "c");
    const YamlNode* d = value_of(*n, "d");
    ASSERT_TRUE(a && b && c && d);
    EXPECT_TRUE(a->plain);
    EXPECT_FALSE(b->plain);
    EXPECT_FALSE(c->plain);
    EXPECT_EQ(a->scalar, "true");
    EXPECT_EQ(b->scalar, "true");
    EXPECT_EQ(c->scalar, "true");
    EXPECT_TRUE(d->plain);
    EXPECT_EQ(d->scalar, "5551234"); // numbers keep their text
}

TEST(YamlParse, NullsAndEmptyValues) {
    Diagnostics ds;
    auto n = parse_yaml("a:\nb: ~\nc: null\nd: \"null\"\n", 2, k_file, ds);
    ASSERT_TRUE(n.has_value()) << dump(ds);
    EXPECT_TRUE(value_of(*n, "a")->is_null());
    EXPECT_TRUE(value_of(*n, "b")->is_null());
    EXPECT_TRUE(value_of(*n, "c")->is_null());
    EXPECT_FALSE(value_of(*n, "d")->is_null()); // a quoted "null" is a string
}

TEST(YamlParse, EmptyDocumentIsNull) {
    Diagnostics ds;
    auto n = parse_yaml("", 2, k_file, ds);
    ASSERT_TRUE(n.has_value()) << dump(ds);
    EXPECT_TRUE(n->is_null());
    EXPECT_TRUE(ds.empty());
}

TEST(YamlParse, DuplicateKeysKeptInOrder) {
    Diagnostics ds;
    auto n = parse_yaml("company: A\ntitle: T\ncompany: B\n", 2, k_file, ds);
    ASSERT_TRUE(n.has_value()) << dump(ds);
    ASSERT_EQ(n->items.size(), 6u);
    EXPECT_EQ(n->items[0].scalar, "company");
    EXPECT_EQ(n->items[1].scalar, "A");
    EXPECT_EQ(n->items[4].scalar, "company");
    EXPECT_EQ(n->items[5].scalar, "B");
    EXPECT_EQ(n->items[4].line, 4);
}

TEST(YamlParse, AnchorsAndAliasesRefused) {
    Diagnostics ds;
    auto n = parse_yaml("name: A\nbase: &x 1\nother: *x\n", 2, k_file, ds);
    EXPECT_FALSE(n.has_value());
    ASSERT_EQ(ds.size(), 1u) << dump(ds);
    EXPECT_EQ(ds[0].file, k_file);
    EXPECT_EQ(ds[0].line, 3); // the anchor, on the second YAML line
    EXPECT_EQ(ds[0].level, Level::Error);
    EXPECT_TRUE(contains(ds[0].message, "anchor")) << ds[0].message;
}

TEST(YamlParse, AliasBombRefused) {
    Diagnostics ds;
    auto n = parse_yaml("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", 2, k_file, ds);
    EXPECT_FALSE(n.has_value());
    ASSERT_FALSE(ds.empty());
    EXPECT_EQ(ds[0].level, Level::Error);
    EXPECT_EQ(ds[0].line, 2);
}

TEST(YamlParse, NestingUpToMaxDepthAccepted) {
    Diagnostics ds;
    auto n = parse_yaml(nested_flow(k_yaml_max_depth), 2, k_file, ds);
    EXPECT_TRUE(n.has_value()) << dump(ds);
    EXPECT_TRUE(ds.empty()) << dump(ds);
}

TEST(YamlParse, NestingDeeperThanMaxDepthRefused) {
    Diagnostics ds;
    auto n = parse_yaml(nested_flow(k_yaml_max_depth + 1), 2, k_file, ds);
    EXPECT_FALSE(n.has_value());
    ASSERT_EQ(ds.size(), 1u) << dump(ds);
    EXPECT_EQ(ds[0].file, k_file);
    EXPECT_EQ(ds[0].line, 2);
    EXPECT_EQ(ds[0].level, Level::Error);
    EXPECT_TRUE(contains(ds[0].message, "over the 16-level front matter nesting limit")) << ds[0].message;

    Diagnostics deep;
    EXPECT_FALSE(parse_yaml(nested_flow(10000), 2, k_file, deep).has_value());
    EXPECT_FALSE(deep.empty());
}

TEST(YamlParse, FlowSequenceWithinNodeLimitAccepted) {
    Diagnostics ds;
    auto n = parse_yaml(flow_sequence(4000), 2, k_file, ds);
    ASSERT_TRUE(n.has_value()) << dump(ds);
    EXPECT_EQ(value_of(*n, "a")->items.size(), 4000u);
}

TEST(YamlParse, HugeFlowSequenceOverNodeLimitRefused) {
    Diagnostics ds;
    auto n = parse_yaml(flow_sequence(k_yaml_max_nodes + 1), 2, k_file, ds);
    EXPECT_FALSE(n.has_value());
    ASSERT_EQ(ds.size(), 1u) << dump(ds);
    EXPECT_EQ(ds[0].file, k_file);
    EXPECT_EQ(ds[0].line, 2);
    EXPECT_EQ(ds[0].level, Level::Error);
    EXPECT_TRUE(contains(ds[0].message, "over the 5000-value front matter limit")) << ds[0].message;
}

TEST(YamlParse, TabsForIndentationRefused) {
    Diagnostics ds;
    auto n = parse_yaml("name: A\naliases:\n\t- x\n", 2, k_file, ds);
    EXPECT_FALSE(n.has_value());
    ASSERT_EQ(ds.size(), 1u) << dump(ds);
    EXPECT_EQ(ds[0].file, k_file);
    EXPECT_EQ(ds[0].line, 4);
    EXPECT_EQ(ds[0].level, Level::Error);
    EXPECT_TRUE(contains(ds[0].message, "tab")) << ds[0].message;

    Diagnostics after_spaces;
    EXPECT_FALSE(parse_yaml("a:\n  \tb: 1\n", 5, k_file, after_spaces).has_value());
    ASSERT_EQ(after_spaces.size(), 1u);
    EXPECT_EQ(after_spaces[0].line, 6);
}

TEST(YamlParse, InvalidYamlGivesFileAndLineOfTheProblem) {
    Diagnostics ds;
    // Line 4 of the file (third YAML line) holds a second `: ` in a plain value.
    auto n = parse_yaml("name: A\ntier: core\ncompany: Acme: Inc\n", 2, k_file, ds);
    EXPECT_FALSE(n.has_value());
    ASSERT_EQ(ds.size(), 1u) << dump(ds);
    EXPECT_EQ(ds[0].file, k_file);
    EXPECT_EQ(ds[0].line, 4);
    EXPECT_EQ(ds[0].level, Level::Error);
    EXPECT_TRUE(contains(ds[0].message, "YAML")) << ds[0].message;
}

TEST(YamlParse, InvalidYamlLineFollowsFirstLine) {
    Diagnostics ds;
    auto n = parse_yaml("a: 1\nb: [1, 2\nc: }\n", 10, "journal/x.md", ds);
    EXPECT_FALSE(n.has_value());
    ASSERT_EQ(ds.size(), 1u) << dump(ds);
    EXPECT_EQ(ds[0].file, "journal/x.md");
    EXPECT_GE(ds[0].line, 11);
    EXPECT_LE(ds[0].line, 12);
    EXPECT_EQ(ds[0].level, Level::Error);
}
