#pragma once
/// Calendar dates and durations, as the vault writes them (`YYYY-MM-DD`, `45d`).
/// Plain values: no clock, no locale, no I/O.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kith {

/// A proleptic Gregorian calendar day, stored as days since 1970-01-01.
class Date {
public:
    constexpr Date() = default;
    static constexpr Date from_days(std::int32_t days) { return Date(days); }
    /// `y-m-d` if it is a real calendar day (years 1..9999), else nullopt.
    static std::optional<Date> from_ymd(int y, int m, int d);
    /// Exactly `YYYY-MM-DD` naming a real day; anything else (`2026-02-30`,
    /// `2026-1-2`, trailing text) is nullopt.
    static std::optional<Date> parse(std::string_view text);

    constexpr std::int32_t days() const { return m_days; }
    int year() const;
    int month() const;
    int day() const;
    std::string iso() const; ///< `YYYY-MM-DD`
    /// `YYYY-MM-DD` into `out[0..10)` (no terminator) for years 0..9999;
    /// false, writing nothing, for other years.
    bool write_iso(char* out) const;

    constexpr Date operator+(std::int32_t n) const { return Date(m_days + n); }
    constexpr Date operator-(std::int32_t n) const { return Date(m_days - n); }
    constexpr std::int32_t operator-(Date other) const { return m_days - other.m_days; }
    constexpr auto operator<=>(const Date&) const = default;

private:
    constexpr explicit Date(std::int32_t days) : m_days(days) {}
    std::int32_t m_days = 0;
};

/// True when `text` starts with four digits, '-', two digits, '-', two digits.
/// It says nothing about whether the day exists.
bool looks_like_iso_date(std::string_view text);

/// Whether `y` is a leap year in the Gregorian calendar.
bool is_leap_year(int y);

/// A keep-in-touch interval or window, in days. `m` is 30 days and `y` 365.
struct Duration {
    std::int32_t days = 0;
    /// Digits then one of `d w m y`, lowercase, no space (`45d`, `6w`, `3m`, `1y`).
    static std::optional<Duration> parse(std::string_view text);
};

/// A cadence as written: a duration, or `none` (no keep-in-touch at all).
struct Cadence {
    std::optional<std::int32_t> days; ///< nullopt means `none`
    /// A duration of at least 1 day, or the word `none`.
    static std::optional<Cadence> parse(std::string_view text);
};

/// A birthday: the year may be unknown (`--MM-DD`).
struct Birthday {
    std::optional<int> year;
    int month = 1;
    int day = 1;
    /// `YYYY-MM-DD` (a real day) or `--MM-DD` (a day that exists in some year,
    /// so `--02-29` is allowed).
    static std::optional<Birthday> parse(std::string_view text);
    /// The first occurrence on or after `from`; 29 February falls on 28 February
    /// in other years.
    Date next_on_or_after(Date from) const;
};

} // namespace kith
