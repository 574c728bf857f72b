#include "kith/report/insight.hpp"

#include <algorithm>
#include <functional>

namespace kith {

bool known_well(const ContactRecord& rec, Date today) {
    if (rec.contact->archived) return false;
    const std::optional<Date> last = rec.last_interaction(today);
    if (!last) return false;
    return today - *last <= rec.cadence_days.value_or(k_known_window_days);
}

LinkGraph LinkGraph::build(const VaultIndex& index) {
    LinkGraph g;
    g.m_index = &index;
    const auto& records = index.contacts();
    g.m_contacts = records.size();
    g.m_direct.resize(records.size());
    g.m_hubs_of.resize(records.size());
    auto usable = [&](std::size_t k) { return !records[k].contact->archived; };
    auto resolve = [&](std::string_view target) -> std::optional<std::size_t> {
        auto k = index.resolve(target).contact;
        if (k && usable(*k)) return k;
        return std::nullopt;
    };
    auto add_direct = [&](std::size_t a, std::size_t b, const char* kind, const std::string& file) {
        if (a == b) return;
        g.m_direct[a].push_back({b, {kind, file}});
        g.m_direct[b].push_back({a, {kind, file}});
    };
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (!usable(i)) continue;
        const Contact& c = *records[i].contact;
        for (const LinkRef& l : c.body.links)
            if (auto k = resolve(l.target)) add_direct(i, *k, "link", c.file);
        if (c.introduced_by_link)
            if (auto k = resolve(*c.introduced_by_link)) add_direct(i, *k, "introduced_by", c.file);
    }
    auto add_hub = [&](const std::string& file, const auto& targets, auto target_of) {
        std::vector<std::size_t> members;
        for (const auto& t : targets)
            if (auto k = resolve(target_of(t))) members.push_back(*k);
        std::sort(members.begin(), members.end());
        members.erase(std::unique(members.begin(), members.end()), members.end());
        if (members.size() < 2) return;
        const std::size_t h = g.m_hubs.size();
        for (std::size_t k : members) g.m_hubs_of[k].push_back(h);
        g.m_hubs.push_back({file, std::move(members)});
    };
    auto same = [](std::string_view s) { return s; };
    for (const Note& n : index.notes()) {
        if (n.date) {
            // Everyone named in a dated note was there together that day.
            add_hub(n.file, n.body.links, [](const LinkRef& l) { return l.target; });
            continue;
        }
        for (const Entry& e : n.body.entries) add_hub(n.file, e.links(), same);
        for (const Task& t : n.body.tasks) add_hub(n.file, t.links, same);
    }
    return g;
}

std::vector<std::size_t> LinkGraph::neighbours(std::size_t k) const {
    std::vector<std::size_t> out;
    for (const Direct& d : m_direct[k]) out.push_back(d.other);
    for (std::size_t h : m_hubs_of[k])
        for (std::size_t m : m_hubs[h].members)
            if (m != k) out.push_back(m);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<Connection> LinkGraph::connections(std::size_t a, std::size_t b) const {
    std::vector<Connection> out;
    auto add = [&](const Connection& c) {
        if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    };
    for (const Direct& d : m_direct[a])
        if (d.other == b) add(d.why);
    // Hub lists are sorted by hub number; walk the shorter one.
    const auto& ha = m_hubs_of[a];
    const auto& hb = m_hubs_of[b];
    for (std::size_t h : ha.size() <= hb.size() ? ha : hb) {
        const auto& other = ha.size() <= hb.size() ? hb : ha;
        if (std::binary_search(other.begin(), other.end(), h)) add({"note", m_hubs[h].file});
    }
    std::stable_sort(out.begin(), out.end(), [](const Connection& x, const Connection& y) {
        return std::tie(x.kind, x.file) < std::tie(y.kind, y.file);
    });
    return out;
}

std::vector<std::vector<std::size_t>> LinkGraph::shortest_chains(const std::vector<bool>& sources,
                                                                 std::size_t target, std::size_t max_chains) const {
    if (target >= m_contacts || max_chains == 0) return {};
    if (sources[target]) return {{target}};
    // Breadth-first from every source at once. Stepping contact -> hub ->
    // contact is one hop; each hub is expanded once, at the level it is first
    // reached, so the whole search is linear in the size of the graph.
    constexpr int k_unseen = -1;
    std::vector<int> dist(m_contacts, k_unseen);
    std::vector<int> hub_level(m_hubs.size(), k_unseen);
    std::vector<std::vector<std::size_t>> pred(m_contacts);     // previous contacts
    std::vector<std::vector<std::size_t>> pred_hub(m_contacts); // hubs leading here
    std::vector<std::vector<std::size_t>> hub_pred(m_hubs.size());
    std::vector<std::size_t> frontier;
    for (std::size_t k = 0; k < m_contacts; ++k)
        if (sources[k]) {
            dist[k] = 0;
            frontier.push_back(k);
        }
    for (int level = 0; !frontier.empty() && dist[target] == k_unseen; ++level) {
        std::vector<std::size_t> next, hubs;
        auto reach = [&](std::size_t v, auto&& record) {
            if (dist[v] == k_unseen) {
                dist[v] = level + 1;
                next.push_back(v);
            }
            if (dist[v] == level + 1) record();
        };
        for (std::size_t u : frontier) {
            for (const Direct& d : m_direct[u]) reach(d.other, [&] { pred[d.other].push_back(u); });
            for (std::size_t h : m_hubs_of[u]) {
                if (hub_level[h] == k_unseen) {
                    hub_level[h] = level;
                    hubs.push_back(h);
                }
                if (hub_level[h] == level) hub_pred[h].push_back(u);
            }
        }
        for (std::size_t h : hubs)
            for (std::size_t v : m_hubs[h].members) reach(v, [&] { pred_hub[v].push_back(h); });
        frontier = std::move(next);
    }
    if (dist[target] == k_unseen) return {};

    // Walk back from the target; every predecessor is one level closer to a
    // source, so each branch ends in a chain and the walk stops at the cap.
    const auto& records = m_index->contacts();
    auto previous = [&](std::size_t v) {
        std::vector<std::size_t> out = pred[v];
        for (std::size_t h : pred_hub[v]) out.insert(out.end(), hub_pred[h].begin(), hub_pred[h].end());
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out; // contact indexes follow id order, so this is by id
    };
    std::vector<std::vector<std::size_t>> chains;
    std::vector<std::size_t> tail{target};
    std::function<void(std::size_t)> walk = [&](std::size_t v) {
        if (chains.size() >= max_chains) return;
        if (dist[v] == 0) {
            chains.emplace_back(tail.rbegin(), tail.rend());
            return;
        }
        for (std::size_t u : previous(v)) {
            tail.push_back(u);
            walk(u);
            tail.pop_back();
            if (chains.size() >= max_chains) return;
        }
    };
    walk(target);
    std::sort(chains.begin(), chains.end(), [&](const auto& a, const auto& b) {
        return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [&](std::size_t x, std::size_t y) {
            return records[x].contact->id < records[y].contact->id;
        });
    });
    return chains;
}

} // namespace kith
