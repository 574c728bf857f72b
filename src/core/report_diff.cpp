#include "kith/report/diff.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

namespace kith {

const std::vector<std::string>& diff_kinds() {
    static const std::vector<std::string> kinds{
        "contact-added",   "contact-removed", "contact-archived", "contact-unarchived", "entries-added",
        "entry-added",     "entries-removed", "entry-removed",    "followup-opened",    "followup-done",
        "followup-dropped", "gone-dormant",   "revived",          "balance-moved",
    };
    return kinds;
}

namespace {

using ById = std::unordered_map<std::string_view, const ContactRecord*>;

ById by_id(const VaultIndex& index) {
    ById out;
    out.reserve(index.contacts().size());
    for (const ContactRecord& r : index.contacts()) out.emplace(r.contact->id, &r);
    return out;
}

using EntryKey = std::pair<std::int32_t, std::string_view>;
using TaskKey = std::pair<std::optional<std::int32_t>, std::string_view>;

EntryKey key(const Entry& e) { return {e.date.days(), e.text()}; }
TaskKey key(const Task& t) { return {t.due ? std::optional<std::int32_t>(t.due->days()) : std::nullopt, t.text}; }

/// The entries of `from` not matched (as a multiset, by date and text) in `other`, in file order.
std::vector<EntryRef> entries_missing_from(const ContactRecord& from, const ContactRecord& other) {
    std::map<EntryKey, int> left;
    for (const EntryRef& e : other.entries) ++left[key(*e.entry)];
    std::vector<EntryRef> out;
    for (const EntryRef& e : from.entries) {
        auto it = left.find(key(*e.entry));
        if (it != left.end() && it->second > 0) --it->second;
        else out.push_back(e);
    }
    return out;
}

DiffItem item_for(const std::string& kind, const Contact& c) {
    DiffItem item;
    item.kind = kind;
    item.id = c.id;
    item.name = c.name.value;
    item.origin = {c.file, std::nullopt};
    return item;
}

void add_entries(DiffReport& report, const char* summary_kind, const char* entry_kind, const Contact& c,
                 const std::vector<EntryRef>& entries, bool verbose) {
    if (entries.empty()) return;
    DiffItem sum = item_for(summary_kind, c);
    sum.count = static_cast<int>(entries.size());
    const EntryRef* newest = nullptr;
    for (const EntryRef& e : entries)
        if (!newest || e.entry->date > newest->entry->date) newest = &e;
    sum.date = newest->entry->date;
    sum.text = newest->entry->text();
    report.items.push_back(std::move(sum));
    if (!verbose) return;
    for (const EntryRef& e : entries) {
        DiffItem one = item_for(entry_kind, c);
        one.date = e.entry->date;
        one.text = e.entry->text();
        one.origin = {*e.file, e.entry->line};
        report.items.push_back(std::move(one));
    }
}

void add_tasks(DiffReport& report, const ContactRecord& before, const ContactRecord& after) {
    const Contact& c = *after.contact;
    std::map<TaskKey, int> open_before, open_after, done_after;
    for (const TaskRef& t : before.tasks)
        if (!t.task->done) ++open_before[key(*t.task)];
    for (const TaskRef& t : after.tasks) ++(t.task->done ? done_after : open_after)[key(*t.task)];
    auto task_item = [&](const char* kind, const TaskRef& t) {
        DiffItem item = item_for(kind, c);
        item.date = t.task->due;
        item.text = t.task->text;
        item.origin = {*t.file, t.task->line};
        report.items.push_back(std::move(item));
    };
    // Opened: open now and not open before (as a multiset).
    {
        std::map<TaskKey, int> left = open_before;
        for (const TaskRef& t : after.tasks) {
            if (t.task->done) continue;
            auto it = left.find(key(*t.task));
            if (it != left.end() && it->second > 0) --it->second;
            else task_item("followup-opened", t);
        }
    }
    // Closed: open before and not open now; ticked when a done one matches.
    std::map<TaskKey, int> still_open = open_after;
    for (const TaskRef& t : before.tasks) {
        if (t.task->done) continue;
        auto it = still_open.find(key(*t.task));
        if (it != still_open.end() && it->second > 0) {
            --it->second;
            continue;
        }
        auto done = done_after.find(key(*t.task));
        if (done != done_after.end() && done->second > 0) {
            --done->second;
            task_item("followup-done", t);
        } else {
            task_item("followup-dropped", t);
        }
    }
}

} // namespace

DiffReport diff(const VaultIndex& before, const VaultIndex& after, const DiffSide& since, const DiffSide& until,
                const DiffOptions& options) {
    DiffReport report{since, until, {}};
    const ById old_ids = by_id(before);
    const ById new_ids = by_id(after);

    for (const ContactRecord& rec : after.contacts()) {
        const Contact& c = *rec.contact;
        auto it = old_ids.find(c.id);
        if (it == old_ids.end()) {
            report.items.push_back(item_for("contact-added", c));
            continue;
        }
        const ContactRecord& old = *it->second;
        if (c.archived != old.contact->archived)
            report.items.push_back(item_for(c.archived ? "contact-archived" : "contact-unarchived", c));
        add_entries(report, "entries-added", "entry-added", c, entries_missing_from(rec, old), options.verbose);
        add_entries(report, "entries-removed", "entry-removed", c, entries_missing_from(old, rec), options.verbose);
        add_tasks(report, old, rec);
    }
    for (const ContactRecord& rec : before.contacts())
        if (!new_ids.count(rec.contact->id)) report.items.push_back(item_for("contact-removed", *rec.contact));

    // Dormancy and balances, for contacts present and active on both sides.
    auto active_on_both = [&](std::string_view id) {
        auto o = old_ids.find(id);
        auto n = new_ids.find(id);
        return o != old_ids.end() && n != new_ids.end() && !o->second->contact->archived && !n->second->contact->archived;
    };
    std::map<std::string, const DormantItem*> dormant_before, dormant_after;
    const DormantReport d_before = dormant(before, since.today, {});
    const DormantReport d_after = dormant(after, until.today, {});
    for (const DormantItem& d : d_before.items) dormant_before.emplace(d.id, &d);
    for (const DormantItem& d : d_after.items) dormant_after.emplace(d.id, &d);
    for (const auto& [id, d] : dormant_after) {
        if (dormant_before.count(id) || !active_on_both(id)) continue;
        DiffItem item = item_for("gone-dormant", *new_ids.at(id)->contact);
        item.date = d->last;
        item.text = d->last_text;
        report.items.push_back(std::move(item));
    }
    for (const auto& [id, d] : dormant_before) {
        if (dormant_after.count(id) || !active_on_both(id)) continue;
        const ContactRecord& now = *new_ids.at(id);
        if (!now.cadence_days) continue; // no longer kept in touch with: not revived, just not tracked
        DiffItem item = item_for("revived", *now.contact);
        item.date = now.last_interaction(until.today);
        if (const auto e = latest_entry(now, until.today)) item.text = e->entry->text();
        report.items.push_back(std::move(item));
    }

    std::map<std::string, int> bal_before, bal_after;
    for (const ReciprocityItem& r : reciprocity(before, since.today, {}).items) bal_before[r.id] = r.balance;
    for (const ReciprocityItem& r : reciprocity(after, until.today, {}).items) bal_after[r.id] = r.balance;
    std::map<std::string, std::pair<int, int>> moved;
    for (const auto& [id, b] : bal_before) moved[id].first = b;
    for (const auto& [id, b] : bal_after) moved[id].second = b;
    for (const auto& [id, ba] : moved) {
        if (ba.first == ba.second || !active_on_both(id)) continue;
        DiffItem item = item_for("balance-moved", *new_ids.at(id)->contact);
        item.before = ba.first;
        item.after = ba.second;
        report.items.push_back(std::move(item));
    }

    std::map<std::string_view, std::size_t> order;
    for (std::size_t i = 0; i < diff_kinds().size(); ++i) order.emplace(diff_kinds()[i], i);
    // Entry items stay right after their contact's summary: they sort under the summary's kind.
    auto rank = [&](const DiffItem& d) {
        std::string_view k = d.kind;
        if (k == "entry-added") k = "entries-added";
        if (k == "entry-removed") k = "entries-removed";
        return std::make_pair(order.at(k), d.kind == "entry-added" || d.kind == "entry-removed");
    };
    std::stable_sort(report.items.begin(), report.items.end(), [&](const DiffItem& a, const DiffItem& b) {
        const auto ra = rank(a), rb = rank(b);
        return std::tie(ra.first, a.id, ra.second, a.date, a.text, a.origin.file, a.origin.line) <
               std::tie(rb.first, b.id, rb.second, b.date, b.text, b.origin.file, b.origin.line);
    });
    return report;
}

} // namespace kith
