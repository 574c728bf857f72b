#pragma once
/// The semantic three-way merge of one vault file, used by `kith sync` when
/// both machines changed the same contact or note. Pure: text in, text out.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kith::sync {

/// One true conflict, for the user: where and what.
struct Conflict {
    std::string what; ///< "front matter key 'tier'" or "lines 12-14 of the body"
    std::string ours;   ///< our version of the disputed part (for the message)
    std::string theirs; ///< their version
};

struct MergeResult {
    std::string text;               ///< the merged file (meaningful when conflicts is empty)
    std::vector<Conflict> conflicts; ///< empty: merged cleanly
};

/// Merges `ours` and `theirs`, both descended from `base` (nullopt when the
/// file did not exist in the common ancestor: both sides added it).
///
/// - Front matter (VAULT.md's `---` block): three-way, key by key. A key
///   changed (or added, or removed) on one side only takes that side's value;
///   changed identically on both, taken once; changed differently on both (or
///   removed on one side and changed on the other): a conflict naming the key.
///   The merged block keeps our key order, with keys only theirs added placed
///   before the closing fence in their order; each key's lines (its value,
///   continuation lines, comment) are kept exactly as written on the side it
///   comes from.
/// - Body: a line-based three-way merge. Where both sides changed the same
///   region and both versions of it consist only of single-line list items
///   (interaction entries `- DATE ...` and follow-ups `- [ ] ...`), the region
///   becomes the union of both sides' items: identical lines once, a follow-up
///   ticked on one side (`[x]`/`[X]`) ticked in the result (same text
///   otherwise), dated entries ordered newest first (stable for equal dates,
///   ours before theirs). Any other overlapping change is a conflict.
/// - Line endings: the result uses ours' style (LF or CRLF) for lines it
///   takes from theirs; a BOM of ours is kept.
MergeResult merge_file(const std::optional<std::string>& base, const std::string& ours, const std::string& theirs);

} // namespace kith::sync
