#include "kith/model/recurrence.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace kith {

namespace {

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::vector<std::string_view> words_of(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
        std::size_t j = i;
        while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
        if (j > i) out.push_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

int days_in_month(int y, int m) {
    static constexpr std::array<int, 12> k_days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap_year(y) ? 29 : k_days[static_cast<std::size_t>(m - 1)];
}

/// `from` moved by `months`, keeping the day or falling back to the month's last.
Date add_months(Date from, long months) {
    long total = static_cast<long>(from.year()) * 12 + (from.month() - 1) + months;
    int y = static_cast<int>(total / 12);
    int m = static_cast<int>(total % 12) + 1;
    if (y > 9999) return from + 1; // past the calendar kith writes: never earlier than the next day
    int d = std::min(from.day(), days_in_month(y, m));
    return Date::from_ymd(y, m, d).value_or(from + 1);
}

} // namespace

std::optional<Recurrence> parse_recurrence(std::string_view rule) {
    const std::string lower = lower_ascii(rule);
    std::vector<std::string_view> w = words_of(lower);
    Recurrence r;
    if (w.size() >= 2 && w[w.size() - 2] == "when" && w.back() == "done") {
        r.when_done = true;
        w.resize(w.size() - 2);
    }
    if (w.size() < 2 || w[0] != "every") return std::nullopt;
    std::size_t at = 1;
    bool counted = false;
    if (w.size() == 3) {
        const std::string_view n = w[1];
        if (n.empty() || n.size() > 4 || n.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
        const int every = std::stoi(std::string(n));
        if (every < 1 || every > k_max_recurrence_every) return std::nullopt;
        r.every = static_cast<std::uint16_t>(every);
        at = 2;
        counted = true;
    } else if (w.size() != 2) {
        return std::nullopt;
    }
    std::string_view unit = w[at];
    // `every 1 day` and `every 2 days` are both read; `every days` is not.
    if (unit.size() > 1 && unit.back() == 's') {
        if (!counted) return std::nullopt;
        unit.remove_suffix(1);
    }
    if (unit == "day") r.unit = Recurrence::Unit::Day;
    else if (unit == "week") r.unit = Recurrence::Unit::Week;
    else if (unit == "month") r.unit = Recurrence::Unit::Month;
    else if (unit == "year") r.unit = Recurrence::Unit::Year;
    else if (unit == "weekday" && !counted && w[at].back() != 's') r.unit = Recurrence::Unit::Weekday;
    else return std::nullopt;
    return r;
}

std::string recurrence_text(const Recurrence& r) {
    std::string out = "every ";
    const char* unit = r.unit == Recurrence::Unit::Day     ? "day"
                       : r.unit == Recurrence::Unit::Week  ? "week"
                       : r.unit == Recurrence::Unit::Month ? "month"
                       : r.unit == Recurrence::Unit::Year  ? "year"
                                                           : "weekday";
    if (r.unit != Recurrence::Unit::Weekday && r.every != 1) out += std::to_string(r.every) + " " + unit + "s";
    else out += unit;
    if (r.when_done) out += " when done";
    return out;
}

Date next_due(const Recurrence& r, Date from) {
    const int n = std::max<int>(1, r.every);
    switch (r.unit) {
    case Recurrence::Unit::Day: return from + n;
    case Recurrence::Unit::Week: return from + 7 * n;
    case Recurrence::Unit::Month: return add_months(from, n);
    case Recurrence::Unit::Year: return add_months(from, 12L * n);
    case Recurrence::Unit::Weekday: {
        Date d = from + 1;
        // 1970-01-01 was a Thursday: (days + 3) % 7 is 0 on Mondays.
        auto weekday = [](Date x) { return ((x.days() % 7) + 7 + 3) % 7; };
        while (weekday(d) >= 5) d = d + 1;
        return d;
    }
    }
    return from + 1;
}

std::optional<std::string_view> recurrence_rule_in(std::string_view text) {
    constexpr std::string_view repeat = "\xF0\x9F\x94\x81"; // U+1F501 CLOCKWISE RIGHTWARDS AND LEFTWARDS OPEN CIRCLE ARROWS
    const std::size_t at = text.find(repeat);
    if (at == std::string_view::npos) return std::nullopt;
    std::string_view rest = text.substr(at + repeat.size());
    if (rest.substr(0, 3) == "\xEF\xB8\x8F") rest.remove_prefix(3); // emoji presentation selector
    // The rule runs to the next emoji (every Tasks signifier is one: its
    // UTF-8 starts with 0xE2 or 0xF0) or the end.
    std::size_t end = 0;
    while (end < rest.size()) {
        const auto c = static_cast<unsigned char>(rest[end]);
        if (c == 0xF0 || c == 0xE2 || c == '#' || c == '^') break;
        ++end;
    }
    std::string_view rule = rest.substr(0, end);
    while (!rule.empty() && (rule.front() == ' ' || rule.front() == '\t')) rule.remove_prefix(1);
    while (!rule.empty() && (rule.back() == ' ' || rule.back() == '\t')) rule.remove_suffix(1);
    return rule;
}

} // namespace kith
