#include "kith/render/review.hpp"

#include "kith/parse/text.hpp"
#include "kith/render/chart.hpp"
#include "kith/render/insight.hpp"

#include <algorithm>
#include <cmath>

namespace kith {

namespace {

constexpr std::int32_t k_birthday_soon_days = 30;
constexpr std::size_t k_max_starters = 4;

Json date_or_null(const std::optional<Date>& d) { return d ? Json(d->iso()) : Json(nullptr); }

} // namespace

/// `[[target|label]]` as `label`, `[[target]]` and `![[target]]` as `target`
/// (without a `#heading` or `^block` part): a review quotes the user's text but
/// must link nobody, so that a review saved in the vault changes no report.
std::string plain_links(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t open = text.find("[[", i);
        if (open == std::string_view::npos) break;
        const std::size_t close = text.find("]]", open + 2);
        if (close == std::string_view::npos) break;
        std::size_t keep = open;
        if (keep > i && text[keep - 1] == '!') --keep;
        out.append(text.substr(i, keep - i));
        std::string_view inner = text.substr(open + 2, close - open - 2);
        if (const std::size_t bar = inner.find('|'); bar != std::string_view::npos) inner = inner.substr(bar + 1);
        else if (const std::size_t cut = inner.find_first_of("#^"); cut != std::string_view::npos && cut > 0)
            inner = inner.substr(0, cut);
        out.append(inner);
        i = close + 2;
    }
    out.append(text.substr(i));
    return out;
}

namespace {

std::string percent(double share) { return std::to_string(std::lround(share * 100)) + "%"; }

} // namespace

std::vector<std::string> conversation_starters(const VaultIndex& index, std::size_t k, Date today) {
    const auto& records = index.contacts();
    const ContactRecord& rec = records[k];
    const Contact& c = *rec.contact;
    std::vector<std::string> out;
    if (const auto e = latest_entry(rec, today); e && !e->entry->text().empty())
        out.push_back("last time (" + e->entry->date.iso() + "): " + std::string(e->entry->text()));
    for (const TaskRef& t : rec.tasks)
        if (!t.task->done) {
            out.push_back("you meant to: " + std::string(t.task->text));
            break;
        }
    if (c.birthday) {
        const Date next = c.birthday->value.next_on_or_after(today);
        if (next - today <= k_birthday_soon_days) {
            std::string s = "birthday on " + next.iso();
            if (c.birthday->value.year) s += " (turns " + std::to_string(next.year() - *c.birthday->value.year) + ")";
            out.push_back(s);
        }
    }
    // A tag shared with someone you saw recently: something in common to bring up.
    for (const std::string& tag : c.tags) {
        const std::string t = ascii_lower(tag);
        const ContactRecord* best = nullptr;
        std::optional<Date> best_last;
        for (const ContactRecord& other : records) {
            if (&other == &rec || !known_well(other, today)) continue;
            const bool shares = std::any_of(other.contact->tags.begin(), other.contact->tags.end(),
                                            [&](const std::string& x) { return ascii_lower(x) == t; });
            if (!shares) continue;
            const auto last = other.last_interaction(today);
            if (!best || last > best_last) {
                best = &other;
                best_last = last;
            }
        }
        if (best) {
            out.push_back("#" + tag + ", like " + best->contact->name.value + " (seen " + ago(*best_last, today) + ")");
            break;
        }
    }
    if (!c.company.empty()) out.push_back("how are things at " + c.company + "?");
    if (out.size() > k_max_starters) out.resize(k_max_starters);
    for (std::string& x : out) x = plain_links(x);
    return out;
}

Json review_charts(const StatsReport& s) {
    std::vector<std::string> tier_labels, month_labels;
    std::vector<int> tier_counts, tier_limits;
    for (const TierSize& t : s.tiers) {
        tier_labels.push_back(t.tier);
        tier_counts.push_back(t.count);
        tier_limits.push_back(t.guidance.value_or(-1));
    }
    chart::Series inter{"interactions", "#4e79a7", {}}, gave{"given", "#59a14f", {}}, got{"received", "#f28e2b", {}};
    for (const MonthStats& m : s.months) {
        month_labels.push_back(m.label());
        inter.values.push_back(m.interactions);
        gave.values.push_back(m.gave);
        got.values.push_back(m.got);
    }
    Json j;
    j["tiers_svg"] = chart::svg_bars("People by tier, against Dunbar-style guidance", tier_labels, tier_counts, tier_limits);
    j["months_svg"] = chart::svg_columns("Interactions per month", month_labels, {inter});
    j["favours_svg"] = chart::svg_columns("Favours given and received per month", month_labels, {gave, got});
    return j;
}

Json review_data(const VaultIndex& index, Date today, const ReviewOptions& o) {
    Json out;
    out["today"] = today.iso();

    Json reminders = Json::array();
    for (const RemindItem& i : remind(index, today, RemindOptions{o.within}).items) {
        reminders.push_back(Json{{"kind", i.kind},
                                 {"id", i.id},
                                 {"name", i.name},
                                 {"date", i.date.iso()},
                                 {"overdue", i.overdue},
                                 {"text", plain_links(i.text)},
                                 {"file", i.origin.file},
                                 {"line", i.origin.line ? Json(*i.origin.line) : Json(nullptr)}});
    }
    out["has_reminders"] = !reminders.empty();
    out["reminders"] = std::move(reminders);

    Json dormant_items = Json::array();
    const auto& records = index.contacts();
    for (const DormantItem& d : dormant(index, today, DormantOptions{o.dormant, std::nullopt}).items) {
        const std::size_t k = *index.resolve(d.id).contact;
        Json starters = Json::array();
        for (std::string& s : conversation_starters(index, k, today)) starters.push_back(Json{{"text", std::move(s)}});
        dormant_items.push_back(Json{{"id", d.id},
                                     {"name", d.name},
                                     {"tier", d.tier ? Json(*d.tier) : Json(nullptr)},
                                     {"last", date_or_null(d.last)},
                                     {"silent", d.last ? ago(*d.last, today) : std::string("never contacted")},
                                     {"cadence_days", d.cadence_days},
                                     {"starters", std::move(starters)},
                                     {"file", d.origin.file},
                                     {"line", nullptr}});
    }
    out["has_dormant"] = !dormant_items.empty();
    out["dormant"] = std::move(dormant_items);

    // Unthanked favours, as reciprocity counts them over all time: a #got
    // entry with no #thanks entry of that contact dated on or after it.
    Json unthanked = Json::array();
    for (const ContactRecord& rec : records) {
        if (rec.contact->archived) continue;
        const std::vector<EntryRef> entries = entries_until(rec, today);
        std::optional<Date> last_thanks;
        for (const EntryRef& e : entries)
            if (e.entry->has_tag("thanks") && (!last_thanks || e.entry->date > *last_thanks)) last_thanks = e.entry->date;
        for (const EntryRef& e : entries)
            if (e.entry->has_tag("got") && (!last_thanks || *last_thanks < e.entry->date))
                unthanked.push_back(Json{{"id", rec.contact->id},
                                         {"name", rec.contact->name.value},
                                         {"date", e.entry->date.iso()},
                                         {"text", plain_links(e.entry->text())},
                                         {"file", *e.file},
                                         {"line", e.entry->line}});
    }
    std::stable_sort(unthanked.begin(), unthanked.end(), [](const Json& a, const Json& b) {
        return std::tie(a["date"].get_ref<const std::string&>(), a["id"].get_ref<const std::string&>()) <
               std::tie(b["date"].get_ref<const std::string&>(), b["id"].get_ref<const std::string&>());
    });
    out["has_unthanked"] = !unthanked.empty();
    out["unthanked"] = std::move(unthanked);

    const StatsReport s = stats(index, today, StatsOptions{});
    Json st = to_json(s);
    std::vector<int> inter, gave, got;
    for (const MonthStats& m : s.months) {
        inter.push_back(m.interactions);
        gave.push_back(m.gave);
        got.push_back(m.got);
    }
    st["within_percent"] = percent(s.current.within_share);
    st["previous_within_percent"] = percent(s.previous.within_share);
    st["interactions_change"] = signed_text(s.current.interactions - s.previous.interactions);
    st["balance_text"] = signed_text(s.current.balance);
    st["months_sparkline"] = chart::sparkline(inter, o.unicode);
    st["gave_sparkline"] = chart::sparkline(gave, o.unicode);
    st["got_sparkline"] = chart::sparkline(got, o.unicode);
    st["first_month"] = s.months.empty() ? std::string() : s.months.front().label();
    st["last_month"] = s.months.empty() ? std::string() : s.months.back().label();
    Json over = Json::array();
    for (const TierSize& t : s.tiers)
        if (t.over) over.push_back(Json{{"tier", t.tier}, {"count", t.count}, {"guidance", *t.guidance}});
    st["has_over"] = !over.empty();
    st["over"] = std::move(over);
    out["stats"] = std::move(st);
    return out;
}

} // namespace kith
