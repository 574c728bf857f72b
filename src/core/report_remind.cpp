#include "kith/report/reports.hpp"

#include "kith/index/parallel.hpp"

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

/// The items of the contacts at [first, end) of the index, with the place
/// of each item's contact.
void remind_contacts(const VaultIndex& index, std::size_t first, std::size_t end, Date today, std::int32_t within,
                     std::vector<RemindItem>& items, std::vector<std::uint32_t>& place) {
    const Date horizon = today + within;
    std::vector<EntryRef> got; // one contact's favours received, reused
    for (std::size_t at = first; at < end; ++at) {
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
            items.push_back(std::move(item));
            return &items.back();
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
            if (due <= horizon) add("thank", due, "thank for: " + std::string(e.entry->text()), {*e.file, e.entry->line});
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
}

} // namespace

RemindReport remind(const VaultIndex& index, Date today, const RemindOptions& options) {
    const std::int32_t within = options.within.value_or(index.config().remind_within);
    const Date horizon = today + within;
    RemindReport report{today, horizon, {}};

    // The contacts in parts, one thread each. Each item keeps its contact's
    // place in the index: the index is in id order, so comparing places
    // orders items by id without comparing ids.
    struct Part {
        std::vector<RemindItem> items;
        std::vector<std::uint32_t> place;
    };
    const std::size_t n = index.contacts().size();
    std::vector<Part> parts(part_count(n, index.threads(), k_min_part));
    in_parts(n, parts.size(), [&](std::size_t k, std::size_t first, std::size_t end) {
        Part part; // filled here, moved in at the end (see in_parts)
        // Room for an item per contact (about what a vault has), so that
        // the items are rarely moved as they grow; pages no item reaches
        // are never touched.
        part.items.reserve(end - first);
        part.place.reserve(end - first);
        remind_contacts(index, first, end, today, within, part.items, part.place);
        parts[k] = std::move(part);
    });

    // By date, id, kind, file and line. The date and the id (through its
    // place) make one number; the items themselves are read only on a tie.
    std::vector<RemindItem*> items;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> keys; // key, item
    for (Part& part : parts)
        for (std::size_t i = 0; i < part.items.size(); ++i) {
            const auto day = static_cast<std::uint32_t>(part.items[i].date.days()) ^ 0x8000'0000u; // signed order
            keys.emplace_back(std::uint64_t{day} << 32 | part.place[i], static_cast<std::uint32_t>(items.size()));
            items.push_back(&part.items[i]);
        }
    std::sort(keys.begin(), keys.end(), [&](const auto& a, const auto& b) {
        if (a.first != b.first) return a.first < b.first;
        const RemindItem &x = *items[a.second], &y = *items[b.second];
        return std::tie(x.kind, x.origin.file, x.origin.line, a.second) <
               std::tie(y.kind, y.origin.file, y.origin.line, b.second);
    });
    report.items.reserve(keys.size());
    for (const auto& k : keys) report.items.push_back(std::move(*items[k.second]));
    return report;
}

} // namespace kith
