#pragma once
/// Edits of a note's text that change exactly what they mean to and keep every
/// other byte: line endings (LF or CRLF, taken from the file), a BOM, comments,
/// quoting, blank lines, a missing final newline. Pure functions of the text;
/// writing the result is the caller's job.

#include "kith/model/date.hpp"

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kith::edit {

/// An edit that cannot be made safely (the message says why, for the user).
struct EditError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Inserts `- <entry>` (entry = "DATE #tags text") into the `Log` section
/// (a heading titled "Log", any level, any case), keeping the newest-first
/// order: before the first entry dated on or before `date`, else after the
/// section's last entry. Creates `## Log` at the end when there is none.
std::string insert_log_entry(std::string_view text, Date date, std::string_view entry);

/// Appends `- [ ] <task>` to the `Follow-ups` section (created at the end when
/// missing).
std::string append_follow_up(std::string_view text, std::string_view task);

/// Appends `- <entry>` at the end of a note (a journal note may have no Log
/// section: its entries are anywhere).
std::string append_note_entry(std::string_view text, std::string_view entry);

/// Ticks the task item whose box is on `line` (1-based): `[ ]` -> `[x]`.
/// EditError when that line holds no open task box.
std::string tick_task(std::string_view text, int line);

/// Sets a top-level front-matter key to `yaml_value` (already YAML text, see
/// yaml_scalar / yaml_list), replacing the key's line and its indented
/// continuation lines, or adding the key before the closing fence. A comment
/// after a one-line value is kept. EditError without front matter or when the
/// key is given more than once.
std::string set_key(std::string_view text, std::string_view key, std::string_view yaml_value);

/// Removes a top-level front-matter key and its continuation lines; the text
/// is returned unchanged when the key is absent.
std::string unset_key(std::string_view text, std::string_view key);

/// `value` as a YAML scalar: plain when that reads back as the same string,
/// else double-quoted with escapes.
std::string yaml_scalar(std::string_view value);

/// A flow list `[a, "b, c"]`.
std::string yaml_list(const std::vector<std::string>& values);

/// Lowercase ASCII id from a name: accents folded (é -> e, ø -> o, ß -> ss),
/// runs of anything else turned into one `-`, no `-` at either end.
std::string slugify(std::string_view name);

} // namespace kith::edit
