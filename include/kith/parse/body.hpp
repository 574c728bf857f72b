#pragma once
/// Reading a Markdown body (CommonMark + GFM, through cmark-gfm) for entries,
/// follow-ups and links.

#include "kith/model/diagnostic.hpp"
#include "kith/model/vault.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace kith {

/// Must run once before bodies are parsed on several threads (cmark-gfm's
/// extension registry is global). Safe to call more than once.
void init_markdown();

/// Parses `body`, whose first line is line `first_line` of `file`. Items inside
/// code blocks, HTML blocks and block quotes are not entries or follow-ups;
/// links count everywhere but in code and HTML. Impossible dates and
/// unparsable due dates are appended to `out` as warnings. An error in `out`
/// means the body was refused as a whole (it nests deeper than
/// k_max_block_nesting): nothing was read from it and the file is skipped.
/// Simple bodies (headings, one-line list items, plain paragraphs) are read by
/// a line classifier; any other body goes to cmark-gfm.
Body parse_body(std::string_view body, int first_line, const std::string& file, Diagnostics& out);

/// The line classifier alone: nullopt (and nothing added to `out`) when the
/// body is not simple enough for it.
std::optional<Body> parse_body_fast(std::string_view body, int first_line, const std::string& file, Diagnostics& out);

/// The same, always through cmark-gfm: the reference the fast path is tested
/// against.
Body parse_body_with_cmark(std::string_view body, int first_line, const std::string& file, Diagnostics& out);

} // namespace kith
