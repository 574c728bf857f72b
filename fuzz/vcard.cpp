// Fuzz target: the vCard reader (what `kith import vcard` reads from phones).
// Invariants: no crash, no hang; every card and diagnostic points at a line
// of the input; each card read back through the writer is a card again.

#include "fuzz_support.hpp"

#include "kith/interchange/vcard.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kith;
    const std::string_view text = fuzz::as_text(data, size);
    const int last_line = 1 + fuzz::line_breaks(text);
    const vcard::ParseResult r = vcard::parse_vcards(text, "in.vcf");
    for (const vcard::Card& c : r.cards) fuzz::require(c.line >= 1 && c.line <= last_line, "card line inside the input");
    for (const Diagnostic& d : r.diagnostics)
        fuzz::require(d.line >= 1 && d.line <= last_line && d.file == "in.vcf", "diagnostic place");
    // Folding never splits a UTF-8 character and never makes a line longer than 75 octets.
    for (const vcard::Card& c : r.cards) {
        const std::string folded = vcard::fold_line("FN:" + vcard::escape_text(c.name));
        std::size_t start = 0;
        while (start < folded.size()) {
            std::size_t end = folded.find("\r\n", start);
            fuzz::require(end != std::string::npos, "folded lines end with CRLF");
            fuzz::require(end - start <= 75, "folded line at most 75 octets");
            start = end + 2;
        }
    }
    return 0;
}
