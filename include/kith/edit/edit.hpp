#pragma once
/// Edits of a note's text that change exactly what they mean to and keep every
/// other byte: line endings (LF or CRLF, taken from the file), a BOM, comments,
/// quoting, blank lines, a missing final newline. Pure functions of the text;
/// writing the result is the caller's job.

#include "kith/model/date.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kith::edit {

/// An edit that cannot be made safely (the message says why, for the user).
struct EditError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Inserts `- <entry>` (entry = "DATE #tags text") into the section titled
/// `heading` (any level, any case), else the first section holding dated
/// entries (`## Interactions`), keeping the newest-first order: before the
/// first entry dated on or before `date`, else after the section's last
/// entry. Creates `## <heading>` at the end when there is neither.
std::string insert_log_entry(std::string_view text, Date date, std::string_view entry, std::string_view heading = "Log");

/// Appends `- [ ] <task>` to the section titled `heading` (or Follow-ups),
/// else the first section holding open tasks (`## Tasks`); creates
/// `## <heading>` at the end when there is neither.
std::string append_follow_up(std::string_view text, std::string_view task, std::string_view heading = "Follow-ups");

/// Appends `- <entry>` at the end of a note (a journal note may have no Log
/// section: its entries are anywhere).
std::string append_note_entry(std::string_view text, std::string_view entry);

/// Ticks the task item whose box is on `line` (1-based): `[ ]` -> `[x]`.
/// EditError when that line holds no open task box.
std::string tick_task(std::string_view text, int line);

/// Marks the task on `line` done on `today`, as the Obsidian Tasks plugin
/// does: `[ ]` -> `[x]`, and, when the item uses Tasks' signifiers (a 📅, ⏳,
/// 🛫, ➕ date or 🔁), ` ✅ TODAY` after its text (before a block id). A
/// recurring item (`🔁 every week`) gets its next instance, open, on a new
/// line above it: its due, scheduled and start dates moved by the rule from
/// the due date (else scheduled, else start; from today with `when done`),
/// a ➕ date set to today. EditError as tick_task, or for a rule kith cannot
/// read.
std::string complete_task(std::string_view text, int line, Date today);

/// The date after `due` that a Tasks recurrence rule names: `every day`,
/// `every 3 weeks`, `every month` (the 31st gives the month's last day),
/// `every year`, `every weekday` (Monday to Friday); `... when done` counts
/// from `today` instead. nullopt for rules kith does not read.
std::optional<Date> next_recurrence(std::string_view rule, Date due, Date today);

/// Sets a top-level front-matter key to `yaml_value` (already YAML text, see
/// yaml_scalar / yaml_list), replacing the key's line and its indented
/// continuation lines, or adding the key before the closing fence. A comment
/// after a one-line value is kept, and so are whole-line comments among the
/// continuation lines. EditError without front matter or when the
/// key is given more than once.
std::string set_key(std::string_view text, std::string_view key, std::string_view yaml_value);

/// What edit_list does with the values.
enum class ListOp { Replace, Add, Remove };

/// Edits a list-valued key (tags, aliases, email, phone) with the fewest
/// changed lines. A block list (`key:` then `- item` lines) keeps every line
/// it does not change: its comments, the items that stay, their quoting; new
/// items go after the last item, written like it. A one-line value (a flow
/// list, a scalar, comma-separated tags) is rewritten as a flow list (as a
/// scalar when it is one value and `scalar_when_one`), keeping its comment.
/// Values compare ignoring ASCII case and a leading `#`. Replace: the list
/// becomes `values`; Add: each missing value is appended; Remove: each value
/// goes (EditError when one is not there; the key goes with its last value).
/// `old_values`, when given, receives the values the key had.
std::string edit_list(std::string_view text, std::string_view key, ListOp op, const std::vector<std::string>& values,
                      bool scalar_when_one, std::vector<std::string>* old_values = nullptr);

/// Removes a top-level front-matter key and its continuation lines; the text
/// is returned unchanged when the key is absent. Whole-line comments among
/// them are kept.
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
