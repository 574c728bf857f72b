#pragma once
/// Scanners for the inline syntax kith reads inside item text: dates, `#tags`
/// and `[[wiki links]]`. All work on raw Markdown text, with code spans ignored.

#include "kith/model/date.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kith {

/// ASCII lowercase copy (ids, names, aliases and tags compare this way).
std::string ascii_lower(std::string_view s);
/// The same rule for one byte: A-Z to a-z, every other byte as it is.
constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

/// Whether every byte of `s` is ASCII (below 0x80).
constexpr bool is_ascii(std::string_view s) {
    for (const char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

/// `s` without leading and trailing blanks (space, tab, CR, LF).
std::string_view trim(std::string_view s);

/// A copy of `text` where every character inside an inline code span
/// (backtick strings, CommonMark rules) is replaced by a space, so that
/// scanners skip code but offsets stay the same.
std::string mask_code_spans(std::string_view text);

/// Tags in `text` (already code-masked): `#` at the start or after a character
/// that is not a letter, digit, `_`, `/` or `&`, followed by letters, digits,
/// `_`, `-`, `/`. Lowercased, each once, in order.
std::vector<std::string> scan_tags(std::string_view text);

/// Calls `on_link(normalised_target)` for each `[[target]]`, `[[target|label]]`,
/// `![[target]]` in `text` (already code-masked). Targets that normalise to
/// nothing (`[[#heading]]`) are skipped.
void scan_links(std::string_view text, const std::function<void(std::string)>& on_link);

/// The target of a link body (`contacts/Alice Chen.md#Work|Al` -> `Alice Chen`).
std::string normalise_link_target(std::string_view inner);

/// Whether `text` starts with `YYYY-MM-DD` not followed by a letter, digit or `_`.
/// The day may not exist: callers check with Date::parse.
bool starts_with_date_token(std::string_view text);

/// True for bytes that count as letters in tag and date rules: ASCII letters
/// and every byte of a multi-byte UTF-8 character.
bool is_word_byte(unsigned char c);

/// The due date of a task text: the date after `📅` (or the Tasks plugin's
/// other due marks `📆`, `🗓`) if there is one, else the first ISO date that
/// does not follow a created, start, scheduled, done or cancelled signifier
/// (`➕ 🛫 ⏳ ⌛ ✅ ❌`, VAULT.md v1.2). `bad` receives the text of a
/// date-like token that is not a real day.
struct DueScan {
    std::optional<Date> due;
    std::string bad;
};
DueScan scan_due_date(std::string_view text);

/// A link target that is a bare date (`2026-11-02`): a daily note, never a person.
bool is_daily_note_target(std::string_view target);

/// The date an entry's text starts with, and the text after it.
struct EntryLead {
    std::string_view date; ///< `YYYY-MM-DD` (the day may not exist: check with Date::parse)
    std::string_view text; ///< the rest, trimmed, without one `:`, `-`, `–` or `—` separator
};
/// `2026-11-02 ...`, `[[2026-11-02]] ...` (a daily-note link, also with a
/// `|label`) or `**2026-11-02** ...`, the date not followed by a letter,
/// digit or `_`; nullopt when the text starts with none of these.
std::optional<EntryLead> entry_date_lead(std::string_view text);

/// The date at the start of `text` when it is written in a form kith does
/// not read (`2026/10/01`, `2026.10.01`, `01.10.2026`, `10/01/2026`).
std::optional<std::string> foreign_date_lead(std::string_view text);

} // namespace kith
