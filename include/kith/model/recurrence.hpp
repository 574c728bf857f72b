#pragma once
/// The Obsidian Tasks plugin's repeat rules (`🔁 every 2 weeks when done`):
/// the subset VAULT.md v1.2 names, read into a value, and the next due date
/// after a day. Pure: no clock.

#include "kith/model/date.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kith {

struct Recurrence {
    enum class Unit : std::uint8_t { Day, Week, Month, Year, Weekday };
    Unit unit = Unit::Day;
    std::uint16_t every = 1; ///< N in `every N days`; 1 for `every day`
    bool when_done = false;  ///< `when done`: the next date counts from the day it was done

    friend bool operator==(const Recurrence&, const Recurrence&) = default;
};

/// The largest N `every N ...` takes (a rule over it is not read).
inline constexpr int k_max_recurrence_every = 9999;

/// Reads a rule as written after `🔁` (`every day`, `every 3 weeks`,
/// `every weekday`, each with an optional `when done`; case and runs of blanks
/// do not matter). nullopt for anything else.
std::optional<Recurrence> parse_recurrence(std::string_view rule);

/// The rule as kith writes it (`every 3 weeks when done`).
std::string recurrence_text(const Recurrence& r);

/// The first due date the rule gives after `from` (a task's due date, or the
/// day it was done for `when done` rules). Months and years keep the day of
/// the month, falling back to the last day of a shorter month (31 January +
/// one month is 28 or 29 February), as the Tasks plugin does; `every weekday`
/// is the next Monday to Friday after `from`.
Date next_due(const Recurrence& r, Date from);

/// The rule text after `🔁` in a task's text (up to the next Tasks signifier
/// or the end), trimmed; nullopt when the text has no `🔁`.
std::optional<std::string_view> recurrence_rule_in(std::string_view task_text);

} // namespace kith
