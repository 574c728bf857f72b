#include "kith/report/reports.hpp"

#include "kith/index/parallel.hpp"
#include "kith/model/sort.hpp"

#include <algorithm>

namespace kith {

ReciprocityReport reciprocity(const VaultIndex& index, Date today, const ReciprocityOptions& options) {
    ReciprocityReport report{today, options.since, {}, {}};
    // The contacts in parts, one thread each, joined in id order.
    const auto& contacts = index.contacts();
    report.items = gather_in_parts<ReciprocityItem>(contacts.size(), index.threads(), k_min_part,
                                                    [&](std::size_t i, std::vector<ReciprocityItem>& out) {
        const ContactRecord& rec = contacts[i];
        const Contact& c = *rec.contact;
        if (c.archived) return;
        ReciprocityItem item;
        std::optional<Date> last_thanks;
        auto counted = [&](const Entry& e) {
            return e.date <= today && (!options.since || e.date >= *options.since);
        };
        for (const EntryRef& ref : rec.entries) {
            const Entry& e = *ref.entry;
            if (!counted(e)) continue;
            const bool gave = e.has_tag("gave");
            const bool got = e.has_tag("got");
            const bool intro = e.has_tag("intro");
            if (gave) ++item.gave;
            if (got) ++item.got;
            if (gave && intro) ++item.intros_gave;
            if (got && intro) ++item.intros_got;
            if (e.has_tag("thanks")) {
                ++item.thanks;
                if (!last_thanks || e.date > *last_thanks) last_thanks = e.date;
            }
            if ((gave || got) && (!item.last_favour || e.date > *item.last_favour)) item.last_favour = e.date;
        }
        if (item.gave + item.got + item.thanks == 0) return;
        // A favour is thanked by any counted #thanks dated on or after it:
        // a second pass over the entries, now in cache, once the last
        // thanks is known.
        for (const EntryRef& ref : rec.entries) {
            const Entry& e = *ref.entry;
            if (counted(e) && e.has_tag("got") && (!last_thanks || *last_thanks < e.date)) ++item.unthanked;
        }
        item.balance = item.gave - item.got;
        if (item.got - item.gave >= 2) item.flags.emplace_back("taking");
        if (item.unthanked > 0) item.flags.emplace_back("unthanked");
        item.id = c.id;
        item.name = c.name.value;
        item.origin = {c.file, std::nullopt};
        out.push_back(std::move(item));
    });
    for (const ReciprocityItem& item : report.items) {
        report.totals.gave += item.gave;
        report.totals.got += item.got;
        report.totals.thanks += item.thanks;
        report.totals.unthanked += item.unthanked;
        ++report.totals.contacts;
    }
    // By balance, then id: the items were gathered in id order (the index's
    // order) and the sort is stable, so ids need not be compared.
    sort_indirect(report.items,
                  [](const ReciprocityItem& a, const ReciprocityItem& b) { return a.balance < b.balance; });
    return report;
}

} // namespace kith
