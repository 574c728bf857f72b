// Fuzz target: one whole vault file, as a contact and as a note (BOM, UTF-8
// check, conflict markers, front matter, fields, body). Invariants: no crash
// or hang; a file gives a contact, a note or an error, never two of them; every
// diagnostic names the file and a line of it; a file with errors has no result
// unless the errors are about single fields.

#include "fuzz_support.hpp"

#include "kith/parse/file.hpp"

namespace {

void check(std::string_view path, std::string_view text, kith::FileKind kind) {
    using namespace kith;
    ParsedFile pf = parse_file(path, text, kind);
    fuzz::require(pf.file == path, "the result names its file");
    fuzz::require(!(pf.contact && pf.note), "a contact or a note, not both");
    fuzz::require(kind == FileKind::Contact ? !pf.note : !pf.contact, "the kind asked for");
    const int lines = 1 + fuzz::line_breaks(text);
    bool skipped = false;
    for (const Diagnostic& d : pf.diagnostics) {
        fuzz::require(d.file == path && d.line >= 1 && d.line <= lines, "diagnostic inside the file");
        fuzz::require(!d.message.empty() && d.message.back() != '.', "message style");
        skipped = skipped || d.message.ends_with("; skipped");
    }
    if (skipped) fuzz::require(!pf.contact && !pf.note, "a skipped file gives nothing");
    if (!pf.contact && !pf.note)
        fuzz::require(skipped || kind == FileKind::Note, "a file without a result says it was skipped");
    if (pf.contact) fuzz::require(!pf.contact->name.value.empty() && !pf.contact->id.empty(), "a contact has a name");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = kith::fuzz::as_text(data, size);
    check("contacts/fuzz.md", text, kith::FileKind::Contact);
    check("journal/2026-11-02.md", text, kith::FileKind::Note);
    return 0;
}
