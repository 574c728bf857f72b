#include "kith/report/reports.hpp"

#include "kith/index/parallel.hpp"
#include "kith/model/sort.hpp"

#include <algorithm>

namespace kith {

DormantReport dormant(const VaultIndex& index, Date today, const DormantOptions& options) {
    DormantReport report{today, {}};
    // The contacts in parts, one thread each, joined in id order.
    const auto& contacts = index.contacts();
    report.items = gather_in_parts<DormantItem>(contacts.size(), index.threads(), k_min_part,
                                                [&](std::size_t i, std::vector<DormantItem>& out) {
        const ContactRecord& rec = contacts[i];
        const Contact& c = *rec.contact;
        if (c.archived || !rec.cadence_days) return;
        if (options.tier && (!c.tier || c.tier->value != *options.tier)) return;
        const std::optional<Date> last = rec.last_interaction(today);
        const std::int32_t cadence = *rec.cadence_days;
        if (last && today - *last <= cadence) return;

        DormantItem item;
        item.id = c.id;
        item.name = c.name.value;
        if (c.tier) item.tier = c.tier->value;
        item.last = last;
        item.cadence_days = cadence;
        if (last) {
            item.days_silent = today - *last;
            item.overdue_ratio = static_cast<double>(*item.days_silent) / static_cast<double>(cadence);
        }
        if (const auto e = latest_entry(rec, today)) item.last_text = e->entry->text();
        item.origin = {c.file, std::nullopt};
        out.push_back(std::move(item));
    });
    // Ratios compare exactly as fractions (days_silent / cadence_days), so two
    // equal ratios always fall back to the id, whatever the rounding. The
    // items were gathered in id order (the index's order) and the sort is
    // stable, so ids need not be compared.
    sort_indirect(report.items, [](const DormantItem& a, const DormantItem& b) {
        if (a.days_silent.has_value() != b.days_silent.has_value()) return a.days_silent.has_value();
        if (!a.days_silent) return false;
        const std::int64_t lhs = std::int64_t{*a.days_silent} * b.cadence_days;
        const std::int64_t rhs = std::int64_t{*b.days_silent} * a.cadence_days;
        return lhs > rhs;
    });
    if (options.limit && report.items.size() > *options.limit) report.items.resize(*options.limit);
    return report;
}

} // namespace kith
