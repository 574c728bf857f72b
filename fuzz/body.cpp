// Fuzz target: the Markdown body parser (cmark-gfm plus kith's item reading).
// Invariants: no crash, no hang, and every entry, follow-up, link and
// diagnostic points at a line inside the body.

#include "fuzz_support.hpp"

#include "kith/parse/body.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kith;
    const std::string_view text = fuzz::as_text(data, size);
    const int first_line = 5;
    const int last_line = first_line + fuzz::line_breaks(text);
    Diagnostics ds;
    Body b = parse_body(text, first_line, "contacts/f.md", ds);
    auto in_range = [&](int line) { return line >= first_line && line <= last_line; };
    for (const Entry& e : b.entries) fuzz::require(in_range(e.line), "entry line inside the body");
    for (const Task& t : b.tasks) fuzz::require(in_range(t.line), "follow-up line inside the body");
    for (const LinkRef& l : b.links) fuzz::require(in_range(l.line) && !l.target.empty(), "link inside the body");
    for (const Diagnostic& d : ds) fuzz::require(in_range(d.line) && d.file == "contacts/f.md", "diagnostic place");
    return 0;
}
