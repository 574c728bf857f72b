#pragma once
/// Splitting a file into front matter and body, and reading the front matter
/// as a small, bounded YAML tree.

#include "kith/model/diagnostic.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kith {

/// Where the front matter and the body of a file are.
struct Split {
    bool has_front_matter = false;
    bool unclosed = false;      ///< opened with `---` but never closed
    std::string_view yaml;      ///< between the fences (may be empty)
    int yaml_first_line = 2;    ///< file line of the first YAML line
    std::string_view body;      ///< everything after the closing fence
    int body_first_line = 1;    ///< file line of the body's first line
};

/// `text` must already be without its BOM. A first line `---` (trailing blanks
/// ignored, CRLF accepted) opens the block; the next line that is `---` or
/// `...` closes it.
Split split_front_matter(std::string_view text);

/// A YAML node as kith needs it: scalars keep their text and whether they were
/// plain (so `true` and `"true"` differ, as the core schema says).
struct YamlNode {
    enum class Kind { Null, Scalar, Sequence, Map };
    Kind kind = Kind::Null;
    bool plain = true; ///< a plain (unquoted, untagged) scalar
    int line = 1;      ///< file line
    std::string scalar;
    /// Sequence: the items. Map: keys and values alternate (key, value, ...),
    /// in file order, repeats included.
    std::vector<YamlNode> items;

    bool is_null() const;   ///< Null, or a plain `~`/`null`/`Null`/`NULL`
    /// Null, or a scalar of blanks (quoted or not): VAULT.md's "empty value",
    /// the same as an absent key.
    bool is_empty() const;
    bool is_scalar() const { return kind == Kind::Scalar && !is_null(); }
    friend bool operator==(const YamlNode&, const YamlNode&) = default;
    const char* kind_name() const; ///< "a list", "a mapping", "a string", "empty"
};

/// Hard limits that keep a hostile front matter from costing more than a
/// normal one: no anchors or aliases (no alias bombs), bounded depth and size.
inline constexpr int k_yaml_max_depth = 16;
inline constexpr int k_yaml_max_nodes = 5000;
/// A front matter block (between the fences) over this size is refused.
inline constexpr std::size_t k_max_front_matter_bytes = 64 * 1024;

/// The fast path: the plain subset nearly every front matter is written in
/// (`key: value` lines at column 0 with plain, simply quoted or flow-list
/// values, blank lines and comment lines). Returns exactly the tree yaml-cpp
/// would give, or nullopt for anything outside the subset (the caller then
/// uses yaml-cpp). yaml-cpp costs ~30 µs a front matter; this a fraction.
/// `yaml` must be valid UTF-8 without NUL bytes (parse_file and parse_config
/// check that first): yaml-cpp refuses some such text the fast path accepts.
std::optional<YamlNode> parse_simple_yaml(std::string_view yaml, int first_line);

/// yaml-cpp only (no fast path), with the same limits and diagnostics.
std::optional<YamlNode> parse_yaml_full(std::string_view yaml, int first_line, const std::string& file,
                                        Diagnostics& out);

/// Parses `yaml` (one document). Problems are appended to `out` with file
/// lines (`first_line` is the line of yaml's first line); nullopt when the
/// text is not YAML kith accepts.
std::optional<YamlNode> parse_yaml(std::string_view yaml, int first_line, const std::string& file,
                                   Diagnostics& out);

} // namespace kith
