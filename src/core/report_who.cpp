#include "kith/report/insight.hpp"

#include "kith/parse/text.hpp"

#include <algorithm>
#include <set>
#include <tuple>

namespace kith {

namespace {

/// Tags that say what kind of favour an entry is, not what kind of contact.
bool favour_tag(std::string_view t) { return t == "gave" || t == "got" || t == "intro" || t == "thanks"; }

/// Distinct days in interactions(c) within [from, to].
int interaction_days(const ContactRecord& rec, Date from, Date to) {
    std::set<std::int32_t> days;
    auto add = [&](Date d) {
        if (from <= d && d <= to) days.insert(d.days());
    };
    for (const EntryRef& e : rec.entries) add(e.entry->date);
    for (Date d : rec.note_dates) add(d);
    if (rec.contact->met) add(rec.contact->met->value);
    return static_cast<int>(days.size());
}

Connector make_connector(const VaultIndex& index, const LinkGraph& graph, std::size_t k, std::size_t person,
                         Date today) {
    const ContactRecord& rec = index.contacts()[k];
    Connector c;
    c.id = rec.contact->id;
    c.name = rec.contact->name.value;
    c.last = rec.last_interaction(today);
    if (const auto e = latest_entry(rec, today))
        for (std::string_view t : e->entry->tags())
            if (!favour_tag(t)) {
                c.last_kind = t;
                break;
            }
    c.interactions_365d = interaction_days(rec, today - 364, today);
    c.via = graph.connections(k, person);
    c.origin = {rec.contact->file, std::nullopt};
    return c;
}

bool contains_folded(const std::string& haystack, const std::string& needle_lower) {
    return !needle_lower.empty() && ascii_lower(haystack).find(needle_lower) != std::string::npos;
}

} // namespace

WhoReport who(const VaultIndex& index, const LinkGraph& graph, Date today, const WhoOptions& options) {
    WhoReport report{today, options.query, {}};
    std::string q = ascii_lower(trim(options.query));
    std::string tag_q = !q.empty() && q[0] == '#' ? q.substr(1) : q;
    if (q.empty()) return report;

    struct Hit {
        int field;
        std::string value;
        std::size_t k;
    };
    static const char* const k_fields[] = {"company", "title", "location", "tag"};
    std::vector<Hit> hits;
    const auto& records = index.contacts();
    for (std::size_t k = 0; k < records.size(); ++k) {
        const Contact& c = *records[k].contact;
        if (c.archived) continue;
        // A person goes to the group of the first field that matches.
        if (contains_folded(c.company, q)) hits.push_back({0, c.company, k});
        else if (contains_folded(c.title, q)) hits.push_back({1, c.title, k});
        else if (contains_folded(c.location, q)) hits.push_back({2, c.location, k});
        else {
            for (const std::string& t : c.tags)
                if (ascii_lower(t) == tag_q) {
                    hits.push_back({3, t, k});
                    break;
                }
        }
    }
    // Groups by field, then by value compared case-insensitively; people by id.
    std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
        return std::make_tuple(a.field, ascii_lower(a.value), a.k) < std::make_tuple(b.field, ascii_lower(b.value), b.k);
    });
    for (const Hit& h : hits) {
        if (report.groups.empty() || report.groups.back().field != k_fields[h.field] ||
            ascii_lower(report.groups.back().value) != ascii_lower(h.value))
            report.groups.push_back({k_fields[h.field], h.value, {}});
        const ContactRecord& rec = records[h.k];
        const Contact& c = *rec.contact;
        WhoPerson p;
        p.id = c.id;
        p.name = c.name.value;
        p.company = c.company;
        p.title = c.title;
        p.location = c.location;
        p.tags = c.tags;
        p.known = known_well(rec, today);
        p.last = rec.last_interaction(today);
        p.origin = {c.file, std::nullopt};
        if (!p.known) {
            for (std::size_t n : graph.neighbours(h.k))
                if (known_well(records[n], today)) p.connectors.push_back(make_connector(index, graph, n, h.k, today));
            // The best connector is the one you saw last, then the one you see
            // most often, then by id.
            std::sort(p.connectors.begin(), p.connectors.end(), [](const Connector& a, const Connector& b) {
                if (a.last != b.last) return a.last > b.last;
                if (a.interactions_365d != b.interactions_365d) return a.interactions_365d > b.interactions_365d;
                return a.id < b.id;
            });
            if (p.connectors.size() > options.max_connectors) p.connectors.resize(options.max_connectors);
        }
        report.groups.back().people.push_back(std::move(p));
    }
    return report;
}

PathReport path(const VaultIndex& index, const LinkGraph& graph, Date today, std::size_t target,
                std::size_t max_chains) {
    const auto& records = index.contacts();
    PathReport report;
    report.today = today;
    report.id = records[target].contact->id;
    report.name = records[target].contact->name.value;
    report.known = known_well(records[target], today);
    std::vector<bool> sources(records.size());
    for (std::size_t k = 0; k < records.size(); ++k) sources[k] = known_well(records[k], today);
    for (const auto& chain : graph.shortest_chains(sources, target, max_chains)) {
        std::vector<PathStep> steps;
        for (std::size_t i = 0; i < chain.size(); ++i) {
            const Contact& c = *records[chain[i]].contact;
            PathStep s{c.id, c.name.value, {}, {c.file, std::nullopt}};
            if (i > 0) s.via = graph.connections(chain[i - 1], chain[i]);
            steps.push_back(std::move(s));
        }
        report.chains.push_back(std::move(steps));
    }
    if (!report.chains.empty()) report.hops = static_cast<int>(report.chains.front().size()) - 1;
    return report;
}

} // namespace kith
