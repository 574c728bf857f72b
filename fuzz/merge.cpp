// Fuzz target: the semantic three-way merge of one file (kith sync). The input
// is split at the first two NUL bytes into base, ours and theirs (vault files
// hold no NUL); a first byte 'N' before them means "no base" (both sides added
// the file). Invariants (include/kith/sync/merge.hpp): no crash or hang;
// merging a file with itself gives it back;
// both sides making the same change give that change; a side equal to the
// base never conflicts; the result is deterministic.

#include "fuzz_support.hpp"

#include "kith/sync/merge.hpp"

namespace {

bool starts_with_bom(std::string_view s) { return s.substr(0, 3) == "\xEF\xBB\xBF"; }

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using kith::sync::merge_file;
    std::string_view in = kith::fuzz::as_text(data, size);
    bool has_base = true;
    if (!in.empty() && in.front() == 'N') {
        has_base = false;
        in.remove_prefix(1);
    }
    std::size_t a = in.find('\0');
    std::size_t b = a == std::string_view::npos ? a : in.find('\0', a + 1);
    if (b == std::string_view::npos) {
        // One text: merging it with itself must give it back.
        const std::string x(in);
        auto m = merge_file(x, x, x);
        kith::fuzz::require(m.conflicts.empty() && m.text == x, "merge(x, x, x) == x");
        return 0;
    }
    const std::string base(in.substr(0, a)), ours(in.substr(a + 1, b - a - 1)), theirs(in.substr(b + 1));
    const std::optional<std::string> base_opt = has_base ? std::optional<std::string>(base) : std::nullopt;

    auto m = merge_file(base_opt, ours, theirs);
    auto again = merge_file(base_opt, ours, theirs);
    kith::fuzz::require(m.text == again.text && m.conflicts.size() == again.conflicts.size(), "deterministic");

    auto same = merge_file(base_opt, ours, ours);
    kith::fuzz::require(same.conflicts.empty() && same.text == ours, "the same change on both sides");

    // A side that did not change never conflicts; when only ours changed the
    // result is ours (theirs may come back with our key order and line
    // ending style, so only the absence of conflicts is checked for it).
    if (has_base) {
        auto theirs_only = merge_file(ours, ours, theirs);
        kith::fuzz::require(theirs_only.conflicts.empty(), "only theirs changed: no conflict");
        auto ours_only = merge_file(theirs, ours, theirs);
        kith::fuzz::require(ours_only.conflicts.empty(), "only ours changed: no conflict");
        const bool plain = ours.find('\r') == std::string::npos && theirs.find('\r') == std::string::npos &&
                           !starts_with_bom(ours) && !starts_with_bom(theirs);
        if (plain) kith::fuzz::require(ours_only.text == ours, "only ours changed: ours");
    }
    return 0;
}
