// Fuzz target: splitting a file into front matter and body, and the YAML
// reader (the fast path and yaml-cpp). Input: a whole file, or bare YAML when
// it has no `---` block. Invariants: no crash or hang, the split pieces lie
// inside the input, the tree respects the depth and size limits, and the fast
// path, where it accepts the text, gives exactly yaml-cpp's tree.

#include "fuzz_support.hpp"

#include "kith/parse/file.hpp"
#include "kith/parse/front_matter.hpp"

#include <algorithm>

namespace {

int depth_of(const kith::YamlNode& n) {
    int deepest = 0;
    for (const kith::YamlNode& c : n.items) deepest = std::max(deepest, depth_of(c)); // depth is capped at 16
    return deepest + (n.kind == kith::YamlNode::Kind::Sequence || n.kind == kith::YamlNode::Kind::Map ? 1 : 0);
}

/// As tests/unit/yaml_fast_test.cpp compares: yaml-cpp places an empty
/// value's null on the line of the next token, which nothing reads.
bool same_tree(const kith::YamlNode& a, const kith::YamlNode& b) {
    if (a.kind != b.kind || a.plain != b.plain || a.scalar != b.scalar || a.items.size() != b.items.size()) return false;
    if (a.kind != kith::YamlNode::Kind::Null && a.line != b.line) return false;
    for (std::size_t i = 0; i < a.items.size(); ++i)
        if (!same_tree(a.items[i], b.items[i])) return false;
    return true;
}

bool inside(std::string_view part, std::string_view whole) {
    return part.empty() || (part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kith;
    const std::string_view text = fuzz::as_text(data, size);
    const Split split = split_front_matter(text);
    fuzz::require(inside(split.yaml, text) && inside(split.body, text), "split pieces inside the input");
    fuzz::require(!split.unclosed || split.has_front_matter, "only an opened block can be unclosed");
    const std::string_view yaml = split.has_front_matter ? split.yaml : text;
    const int first_line = split.has_front_matter ? split.yaml_first_line : 1;

    Diagnostics ds;
    auto full = parse_yaml_full(yaml, first_line, "contacts/f.md", ds);
    fuzz::require(full.has_value() == ds.empty(), "a refused document says why, an accepted one says nothing");
    if (full) fuzz::require(depth_of(*full) <= k_yaml_max_depth, "depth limit");
    // The fast path's precondition, which parse_file and parse_config check.
    const bool clean_text = yaml.find('\0') == std::string_view::npos && first_invalid_utf8_line(yaml) == 0;
    if (clean_text && yaml.find('\t') == std::string_view::npos) {
        if (auto fast = parse_simple_yaml(yaml, first_line)) {
            fuzz::require(full.has_value(), "the fast path accepts only what yaml-cpp accepts");
            fuzz::require(same_tree(*fast, *full), "the fast path gives yaml-cpp's tree");
        }
    }
    return 0;
}
