#include "kith/model/date.hpp"

#include <chrono>
#include <cstdio>

namespace kith {
namespace {

namespace chr = std::chrono;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int digits(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

chr::year_month_day ymd_of(std::int32_t days) {
    return chr::year_month_day{chr::sys_days{chr::days{days}}};
}

} // namespace

std::optional<Date> Date::from_ymd(int y, int m, int d) {
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    chr::year_month_day ymd{chr::year{y}, chr::month{static_cast<unsigned>(m)},
                            chr::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    return Date(static_cast<std::int32_t>(chr::sys_days{ymd}.time_since_epoch().count()));
}

bool looks_like_iso_date(std::string_view t) {
    if (t.size() < 10) return false;
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!is_digit(t[i])) return false;
    return t[4] == '-' && t[7] == '-';
}

std::optional<Date> Date::parse(std::string_view t) {
    if (t.size() != 10 || !looks_like_iso_date(t)) return std::nullopt;
    return from_ymd(digits(t.substr(0, 4)), digits(t.substr(5, 2)), digits(t.substr(8, 2)));
}

int Date::year() const { return static_cast<int>(ymd_of(m_days).year()); }
int Date::month() const { return static_cast<int>(static_cast<unsigned>(ymd_of(m_days).month())); }
int Date::day() const { return static_cast<int>(static_cast<unsigned>(ymd_of(m_days).day())); }

bool Date::write_iso(char* out) const {
    // Reports print a date per item: formatted by hand, as snprintf cost more
    // than the rest of printing an item.
    const auto ymd = ymd_of(m_days);
    const int year = static_cast<int>(ymd.year());
    if (year < 0 || year > 9999) return false;
    auto two = [](char* at, unsigned v) {
        at[0] = static_cast<char>('0' + v / 10);
        at[1] = static_cast<char>('0' + v % 10);
    };
    two(out, static_cast<unsigned>(year) / 100);
    two(out + 2, static_cast<unsigned>(year) % 100);
    out[4] = '-';
    two(out + 5, static_cast<unsigned>(ymd.month()));
    out[7] = '-';
    two(out + 8, static_cast<unsigned>(ymd.day()));
    return true;
}

std::string Date::iso() const {
    char buf[16];
    if (write_iso(buf)) return std::string(buf, 10);
    auto ymd = ymd_of(m_days); // beyond what a vault can write, but computable
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buf;
}

bool is_leap_year(int y) { return chr::year{y}.is_leap(); }

std::optional<Duration> Duration::parse(std::string_view t) {
    if (t.size() < 2 || t.size() > 8) return std::nullopt;
    std::string_view num = t.substr(0, t.size() - 1);
    for (char c : num)
        if (!is_digit(c)) return std::nullopt;
    int unit = 0;
    switch (t.back()) {
    case 'd': unit = 1; break;
    case 'w': unit = 7; break;
    case 'm': unit = 30; break;
    case 'y': unit = 365; break;
    default: return std::nullopt;
    }
    long long days = static_cast<long long>(digits(num)) * unit;
    // Past 1000 years a duration means nothing for a person; this also keeps
    // every date computation far away from overflow.
    if (days > 365 * 1000) return std::nullopt;
    return Duration{static_cast<std::int32_t>(days)};
}

std::optional<Cadence> Cadence::parse(std::string_view t) {
    if (t == "none") return Cadence{std::nullopt};
    auto d = Duration::parse(t);
    if (!d || d->days < 1) return std::nullopt;
    return Cadence{d->days};
}

std::optional<Birthday> Birthday::parse(std::string_view t) {
    if (t.size() == 7 && t[0] == '-' && t[1] == '-' && is_digit(t[2]) && is_digit(t[3]) &&
        t[4] == '-' && is_digit(t[5]) && is_digit(t[6])) {
        int m = digits(t.substr(2, 2));
        int d = digits(t.substr(5, 2));
        if (!Date::from_ymd(2000, m, d)) return std::nullopt; // 2000 is a leap year
        return Birthday{std::nullopt, m, d};
    }
    auto date = Date::parse(t);
    if (!date) return std::nullopt;
    return Birthday{date->year(), date->month(), date->day()};
}

Date Birthday::next_on_or_after(Date from) const {
    auto in_year = [this](int y) {
        int d = day;
        if (month == 2 && d == 29 && !is_leap_year(y)) d = 28;
        return *Date::from_ymd(y, month, d);
    };
    Date candidate = in_year(from.year());
    return candidate >= from ? candidate : in_year(from.year() + 1);
}

} // namespace kith
