#include "kith/report/insight.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

namespace kith {

std::string MonthStats::label() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    return buf;
}

namespace {

/// Dunbar-style guidance: about 15 people you are closest to, 50 good
/// friends, 150 meaningful contacts in all.
std::optional<int> guidance_for(const std::string& tier) {
    if (tier == "core") return 15;
    if (tier == "close") return 50;
    if (tier == "network") return 150;
    return std::nullopt;
}

int count_in(const std::vector<std::int32_t>& sorted_days, Date from, Date to) {
    auto lo = std::lower_bound(sorted_days.begin(), sorted_days.end(), from.days());
    auto hi = std::upper_bound(sorted_days.begin(), sorted_days.end(), to.days());
    return static_cast<int>(hi - lo);
}

/// The latest day <= `at`, if any.
std::optional<Date> last_at(const std::vector<std::int32_t>& sorted_days, Date at) {
    auto hi = std::upper_bound(sorted_days.begin(), sorted_days.end(), at.days());
    if (hi == sorted_days.begin()) return std::nullopt;
    return Date::from_days(*(hi - 1));
}

int month_index(Date d) { return d.year() * 12 + (d.month() - 1); }

} // namespace

StatsReport stats(const VaultIndex& index, Date today, const StatsOptions& options) {
    StatsReport r;
    r.today = today;
    const Date from = std::min(options.since.value_or(today - k_default_period_days), today);
    const std::int32_t length = today - from + 1;
    r.current.from = from;
    r.current.to = today;
    r.previous.from = from - length;
    r.previous.to = from - 1;

    const int first_month = month_index(r.previous.from);
    const int last_month = month_index(today);
    for (int m = first_month; m <= last_month; ++m) r.months.push_back({m / 12, m % 12 + 1, 0, 0, 0});

    std::map<std::string, int> tier_counts;
    for (const auto& [name, cadence] : index.config().tiers) tier_counts[name] = 0;
    int untiered = 0;

    for (const ContactRecord& rec : index.contacts()) {
        const Contact& c = *rec.contact;
        if (c.archived) continue;
        ++r.total;
        if (c.tier) ++tier_counts[c.tier->value];
        else ++untiered;

        // interactions(c): distinct days, up to today.
        std::vector<std::int32_t> days;
        for (const EntryRef& e : rec.entries)
            if (e.entry->date <= today) days.push_back(e.entry->date.days());
        for (Date d : rec.note_dates)
            if (d <= today) days.push_back(d.days());
        if (c.met && c.met->value <= today) days.push_back(c.met->value.days());
        std::sort(days.begin(), days.end());
        days.erase(std::unique(days.begin(), days.end()), days.end());

        for (PeriodStats* p : {&r.current, &r.previous}) {
            const int n = count_in(days, p->from, p->to);
            p->interactions += n;
            if (n > 0) ++p->contacted;
            if (rec.cadence_days) {
                ++p->with_cadence;
                if (auto last = last_at(days, p->to); last && p->to - *last <= *rec.cadence_days) ++p->within_cadence;
            }
        }
        for (std::int32_t d : days) {
            const int m = month_index(Date::from_days(d)) - first_month;
            if (m >= 0 && m < static_cast<int>(r.months.size())) ++r.months[static_cast<std::size_t>(m)].interactions;
        }
        for (const EntryRef& e : rec.entries) {
            const Date d = e.entry->date;
            if (d > today) continue;
            const bool gave = e.entry->has_tag("gave"), got = e.entry->has_tag("got");
            if (!gave && !got) continue;
            for (PeriodStats* p : {&r.current, &r.previous})
                if (p->from <= d && d <= p->to) {
                    p->gave += gave;
                    p->got += got;
                }
            const int m = month_index(d) - first_month;
            if (m >= 0) {
                r.months[static_cast<std::size_t>(m)].gave += gave;
                r.months[static_cast<std::size_t>(m)].got += got;
            }
        }

        Attention a;
        a.id = c.id;
        a.name = c.name.value;
        a.interactions = count_in(days, r.current.from, r.current.to);
        a.previous = count_in(days, r.previous.from, r.previous.to);
        a.last = last_at(days, today);
        a.origin = {c.file, std::nullopt};
        if (a.interactions > 0) r.most.push_back(a);
        if (rec.cadence_days) r.least.push_back(std::move(a));
    }
    for (PeriodStats* p : {&r.current, &r.previous}) {
        p->balance = p->gave - p->got;
        p->within_share = p->with_cadence ? static_cast<double>(p->within_cadence) / p->with_cadence : 0.0;
    }

    // Built-in tiers first, in closeness order; then custom tiers by name; then
    // contacts without a tier.
    for (const char* t : {"core", "close", "network"})
        if (auto it = tier_counts.find(t); it != tier_counts.end()) {
            r.tiers.push_back({t, it->second, guidance_for(t), false});
            tier_counts.erase(it);
        }
    for (const auto& [name, n] : tier_counts) r.tiers.push_back({name, n, std::nullopt, false});
    if (untiered) r.tiers.push_back({"(none)", untiered, std::nullopt, false});
    for (TierSize& t : r.tiers) t.over = t.guidance && t.count > *t.guidance;

    std::sort(r.most.begin(), r.most.end(), [](const Attention& a, const Attention& b) {
        return a.interactions != b.interactions ? a.interactions > b.interactions : a.id < b.id;
    });
    std::sort(r.least.begin(), r.least.end(), [](const Attention& a, const Attention& b) {
        if (a.interactions != b.interactions) return a.interactions < b.interactions;
        if (a.last != b.last) return a.last < b.last; // never (null) first, then the longest ago
        return a.id < b.id;
    });
    if (r.most.size() > options.top) r.most.resize(options.top);
    if (r.least.size() > options.top) r.least.resize(options.top);
    return r;
}

} // namespace kith
