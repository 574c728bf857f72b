#pragma once
/// Folding names for matching what a person types on the command line:
/// `zoe` for "Zoë", `ZOË ÑÚÑEZ` for "Zoë Ñúñez", `Sean` for "Seán". Only the
/// WHO lookup of commands uses it; links resolve as VAULT.md says (case
/// only), through the index's tables.

#include <string>
#include <string_view>

namespace kith {

/// `s` case-folded (full folding: ß -> ss), decomposed (NFD) with its
/// combining marks removed, and the Latin letters that do not decompose
/// folded as people type them (ø -> o, ł -> l, đ -> d, æ -> ae, œ -> oe,
/// þ -> th, ı -> i). ASCII text is only lowercased. UTF-8 in and out;
/// malformed bytes become U+FFFD.
std::string fold_for_match(std::string_view s);

} // namespace kith
