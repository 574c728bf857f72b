#pragma once
/// The iCalendar (RFC 5545) feed of kith's reminders: birthdays as yearly
/// all-day events, and open follow-ups, keep-in-touch dates and thank-yous as
/// all-day events, each with an alarm and a UID that stays the same from one
/// export to the next. Built and checked with libical; a pure function of the
/// index and today.

#include "kith/index/vault_index.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kith::ics {

struct Options {
    /// One-off events dated after today + within are left out (birthdays
    /// recur and are always in). Days; default 365.
    std::optional<std::int32_t> within;
};

/// One event of the feed, before it is turned into iCalendar text.
struct Event {
    std::string uid;     ///< `<kind>-<key>@kith`, see docs/interchange.md
    std::string kind;    ///< birthday, followup, keep-in-touch, thank
    std::string summary;
    std::string description;
    Date date;           ///< all-day, on this day
    bool yearly = false; ///< a birthday
    std::string file;    ///< where it comes from (vault-relative)
};

/// The events, in a stable order (date, kind, uid).
std::vector<Event> events(const VaultIndex& index, Date today, const Options& options);

/// The VCALENDAR text for `events` (CRLF line ends, folded by libical).
/// `today` gives DTSTAMP (midnight UTC), so the same vault and day give the
/// same bytes.
std::string to_ical(const std::vector<Event>& events, Date today);

/// What libical reports about `text` when it parses it: an empty list when
/// it holds one VCALENDAR without errors.
std::vector<std::string> validate(std::string_view text);

/// A short hexadecimal digest (64-bit FNV-1a) for UIDs.
std::string digest(std::string_view text);

} // namespace kith::ics
