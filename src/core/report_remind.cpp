#include "kith/report/reports.hpp"

#include "kith/model/sort.hpp"

#include <algorithm>
#include <tuple>

namespace kith {

std::vector<EntryRef> entries_until(const ContactRecord& c, Date today) {
    std::vector<EntryRef> out;
    out.reserve(c.entries.size());
    for (const EntryRef& e : c.entries)
        if (e.entry->date <= today) out.push_back(e);
    return out;
}

std::optional<EntryRef> latest_entry(const ContactRecord& c, Date today) {
    std::optional<EntryRef> best;
    for (const EntryRef& e : c.entries)
        if (e.entry->date <= today && (!best || e.entry->date > best->entry->date))
            best = e; // strict: the first of a tie stays
    return best;
}

namespace {

constexpr std::int32_t k_thank_lookback_days = 180;
constexpr std::int32_t k_welcome_recent_days = 30;
constexpr std::int32_t k_welcome_after_days = 2;
constexpr std::int32_t k_review_every_days = 365;

} // namespace

RemindReport remind(const VaultIndex& index, Date today, const RemindOptions& options) {
    const std::int32_t within = options.within.value_or(index.config().remind_within);
    const Date horizon = today + within;
    RemindReport report{today, horizon, {}};
    std::vector<EntryRef> got; // one contact's favours received, reused

    // Each item's contact, by its place in the index: the index is in id
    // order, so comparing places orders items by id without comparing ids.
    std::vector<std::uint32_t> place;
    for (std::size_t at = 0; at < index.contacts().size(); ++at) {
        const ContactRecord& rec = index.contacts()[at];
        const Contact& c = *rec.contact;
        if (c.archived) continue;
        auto add = [&](std::string kind, Date date, std::string text, Origin origin) {
            place.push_back(static_cast<std::uint32_t>(at));
            RemindItem item;
            item.kind = std::move(kind);
            item.id = c.id;
            item.name = c.name.value;
            item.date = date;
            item.overdue = date < today;
            item.text = std::move(text);
            item.origin = std::move(origin);
            report.items.push_back(std::move(item));
            return &report.items.back();
        };

        for (const TaskRef& t : rec.tasks)
            if (!t.task->done && t.task->due && *t.task->due <= horizon)
                add("followup", *t.task->due, std::string(t.task->text), {*t.file, t.task->line});

        if (c.birthday) {
            const Birthday& b = c.birthday->value;
            Date next = b.next_on_or_after(today);
            if (next <= horizon) {
                std::string text = "birthday";
                std::optional<int> age;
                if (b.year) {
                    age = next.year() - *b.year;
                    text += " (turns " + std::to_string(*age) + ")";
                }
                RemindItem* item = add("birthday", next, text, {c.file, c.birthday->line});
                item->has_age = true;
                item->age = age;
            }
        }

        const std::optional<Date> last = rec.last_interaction(today);
        if (rec.cadence_days && last) {
            Date due = *last + *rec.cadence_days;
            if (today - within <= due && due <= horizon)
                add("keep-in-touch", due,
                    "keep in touch (every " + std::to_string(*rec.cadence_days) + "d, last " + last->iso() + ")",
                    {c.file, std::nullopt});
        }

        // Entries up to today (later ones are plans), read in place, once:
        // the favours of the look-back window wait in `got` until the
        // contact's last thanks is known.
        std::optional<Date> last_thanks;
        got.clear();
        for (const EntryRef& e : rec.entries) {
            const Date d = e.entry->date;
            if (d > today) continue;
            if (e.entry->has_tag("thanks") && (!last_thanks || d > *last_thanks)) last_thanks = d;
            if (e.entry->has_tag("got") && d >= today - k_thank_lookback_days) got.push_back(e);
        }
        for (const EntryRef& e : got) {
            const Date d = e.entry->date;
            if (last_thanks && *last_thanks >= d) continue; // thanked on or after the favour
            const Date due = d + index.config().thank_within;
            if (due <= horizon) add("thank", due, "thank for: " + std::string(e.entry->text), {*e.file, e.entry->line});
        }

        if (c.met) {
            const Date m = c.met->value;
            if (today - k_welcome_recent_days <= m && m <= today && last && *last == m) {
                const Date due = m + k_welcome_after_days;
                if (due <= horizon) add("welcome", due, "send a personal note: met " + m.iso(), {c.file, c.met->line});
            }
        }

        if (c.tier && c.tier->value == "core" && c.reviewed) {
            const Date due = c.reviewed->value + k_review_every_days;
            if (due <= horizon)
                add("review", due, "review contact details (last reviewed " + c.reviewed->value.iso() + ")",
                    {c.file, c.reviewed->line});
        }
    }

    // By date, id, kind, file and line. The date and the id (through its
    // place) make one number; the items themselves are read only on a tie.
    const auto& items = report.items;
    struct Keyed {
        std::uint64_t key;
        std::uint32_t item;
    };
    std::vector<Keyed> keys(items.size());
    for (std::uint32_t i = 0; i < items.size(); ++i) {
        const auto day = static_cast<std::uint32_t>(items[i].date.days()) ^ 0x8000'0000u; // signed order
        keys[i] = {std::uint64_t{day} << 32 | place[i], i};
    }
    std::sort(keys.begin(), keys.end(), [&](const Keyed& a, const Keyed& b) {
        if (a.key != b.key) return a.key < b.key;
        const RemindItem &x = items[a.item], &y = items[b.item];
        return std::tie(x.kind, x.origin.file, x.origin.line, a.item) < std::tie(y.kind, y.origin.file, y.origin.line, b.item);
    });
    std::vector<std::uint32_t> order(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) order[i] = keys[i].item;
    apply_order(report.items, order);
    return report;
}

} // namespace kith
