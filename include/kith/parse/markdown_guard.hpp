#pragma once
/// What keeps one hostile note from stalling cmark-gfm. The Debian cmark-gfm
/// (0.29.0.gfm.6) lacks the 2023 fixes for inputs its inline parser handles in
/// quadratic time (`<?` or `<![CDATA[` runs, `![[]()` runs, emphasis inside
/// deep quotes...). kith never reads cmark's inline nodes (item text, tags and
/// links come from the raw source lines), so cmark is fed a copy of the body
/// in which inline syntax is masked: the block structure, every line and every
/// byte offset stay the same, and inline parsing has nothing to work on.

#include <string>
#include <string_view>

namespace kith {

/// Block quotes and list markers on one line nested deeper than this make the
/// file refused (a real note nests a handful of levels).
inline constexpr int k_max_block_nesting = 100;

struct MaskedBody {
    std::string text;   ///< same length as the input, line breaks in place
    int deep_line = 0;  ///< 1-based line of the first line nested too deep, 0 if none
    int deep_depth = 0; ///< how deep that line nests
};

/// A copy of `body` in which `` ` * _ [ ! & \ `` become `x`, and so do `<`
/// (unless before `/`) and `]` (unless before `]` or `>`), except where they
/// make block structure: container prefixes (`>`, list markers, a task box),
/// thematic breaks, code fences and the start of an HTML block. Link reference
/// definitions are therefore not recognised (their lines read as paragraph text).
MaskedBody mask_inline_syntax(std::string_view body);

} // namespace kith
