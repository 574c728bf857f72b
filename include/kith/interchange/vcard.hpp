#pragma once
/// vCard (RFC 2426 3.0, RFC 6350 4.0, and the 2.1 that phones still export):
/// reading cards into plain values and writing a contact as a card. Pure
/// functions of bytes: no disk, no clock, so that a fuzzer can call
/// parse_vcards directly.

#include "kith/model/vault.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kith::vcard {

/// A property (one logical line, after unfolding) longer than this is an
/// error: it stops a 10 MB PHOTO from costing more than this much memory.
inline constexpr std::size_t k_max_property_bytes = 1024 * 1024;

/// Errors after which the reader stops listing more (the file is bad anyway).
inline constexpr std::size_t k_max_errors = 20;

/// What kith takes from one card. Strings are UTF-8, unescaped, trimmed.
struct Card {
    int line = 1;         ///< the line of its BEGIN:VCARD
    std::string version;  ///< as written (2.1, 3.0, 4.0), empty when absent
    std::string uid;      ///< UID, as written
    std::string name;     ///< FN, else built from N; empty when the card has neither
    std::vector<std::string> nicknames, emails, phones, categories;
    std::string org, title, location;
    std::optional<Birthday> birthday;
};

struct ParseResult {
    std::vector<Card> cards;
    /// Errors (a broken card: the file must not be imported) and warnings (a
    /// value kith could not use and left out; the card is still good).
    Diagnostics diagnostics;
    bool has_errors() const;
};

/// Reads every card in `bytes`. `file` names the source in diagnostics
/// (`file:line: error: ...`). Linear in the input; memory bounded by the
/// input and k_max_property_bytes.
ParseResult parse_vcards(std::string_view bytes, std::string_view file);

enum class Version { V3, V4 };

/// `3.0` or `4.0`.
std::optional<Version> parse_version(std::string_view text);

/// One card for `contact`, CRLF line ends, folded at 75 octets. `uid` is the
/// card's UID (the contact's `uid:` key, see docs/interchange.md).
std::string write_vcard(const Contact& contact, std::string_view uid, Version version);

/// Escapes `\`, `,`, `;` and newlines for a text value.
std::string escape_text(std::string_view value);

/// Folds one content line (without its line end) at 75 octets, never inside
/// a UTF-8 character; returns it with CRLF line ends.
std::string fold_line(std::string_view line);

/// A location written as the parts of an ADR (street, locality, region,
/// postal code, country) and back: `Oslo, Norway` <-> locality `Oslo`,
/// country `Norway`. read_location(split_location(x)) == x for trimmed text.
struct Address {
    std::string street, locality, region, code, country;
};
Address split_location(std::string_view location);
std::string join_location(const Address& a);

/// The value a contact's `uid:` key holds, if any (kept in Contact::extra).
std::optional<std::string> contact_uid(const Contact& contact);

} // namespace kith::vcard
