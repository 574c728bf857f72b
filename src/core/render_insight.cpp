#include "kith/render/insight.hpp"

#include "kith/render/chart.hpp"
#include "kith/render/terminal.hpp"

#include <cmath>
#include <iomanip>
#include <sstream>

namespace kith {

std::string ago(Date then, Date today) {
    const std::int32_t d = today - then;
    auto unit = [](std::int32_t n, const char* word) {
        return std::to_string(n) + " " + word + (n == 1 ? "" : "s") + " ago";
    };
    if (d <= 0) return d == 0 ? "today" : "on " + then.iso();
    if (d < 14) return unit(d, "day");
    if (d < 60) return unit(d / 7, "week");
    if (d < 730) return unit(d / 30, "month");
    return unit(d / 365, "year");
}

std::string signed_text(int delta) { return (delta > 0 ? "+" : "") + std::to_string(delta); }

namespace {

Json date_or_null(const std::optional<Date>& d) { return d ? Json(d->iso()) : Json(nullptr); }

void add_origin(Json& j, const Origin& o) {
    j["file"] = o.file;
    j["line"] = o.line ? Json(*o.line) : Json(nullptr);
}

Json connections_json(const std::vector<Connection>& via) {
    Json a = Json::array();
    for (const Connection& c : via) a.push_back(Json{{"kind", c.kind}, {"file", c.file}});
    return a;
}

std::string connections_text(const std::vector<Connection>& via) {
    std::string s;
    for (const Connection& c : via) {
        s += s.empty() ? "" : "; ";
        if (c.kind == "note") s += "together in " + c.file;
        else if (c.kind == "introduced_by") s += "introduced_by in " + c.file;
        else s += "linked in " + c.file;
    }
    return s;
}

std::string ratio_text(double share) {
    std::ostringstream s;
    s << std::lround(share * 100) << "%";
    return s.str();
}

} // namespace

// ---------------------------------------------------------------- who

Json to_json(const WhoReport& r) {
    Json groups = Json::array();
    for (const WhoGroup& g : r.groups) {
        Json people = Json::array();
        for (const WhoPerson& p : g.people) {
            Json j;
            j["id"] = p.id;
            j["name"] = p.name;
            j["company"] = p.company.empty() ? Json(nullptr) : Json(p.company);
            j["title"] = p.title.empty() ? Json(nullptr) : Json(p.title);
            j["location"] = p.location.empty() ? Json(nullptr) : Json(p.location);
            j["tags"] = p.tags;
            j["known"] = p.known;
            j["last"] = date_or_null(p.last);
            Json connectors = Json::array();
            for (const Connector& c : p.connectors) {
                Json k;
                k["id"] = c.id;
                k["name"] = c.name;
                k["last"] = date_or_null(c.last);
                k["last_kind"] = c.last_kind ? Json(*c.last_kind) : Json(nullptr);
                k["interactions_365d"] = c.interactions_365d;
                k["via"] = connections_json(c.via);
                add_origin(k, c.origin);
                connectors.push_back(std::move(k));
            }
            j["connectors"] = std::move(connectors);
            add_origin(j, p.origin);
            people.push_back(std::move(j));
        }
        groups.push_back(Json{{"field", g.field}, {"value", g.value}, {"people", std::move(people)}});
    }
    Json out;
    out["today"] = r.today.iso();
    out["query"] = r.query;
    out["groups"] = std::move(groups);
    return out;
}

void render(const WhoReport& r, std::ostream& out, const RenderOptions& o) {
    if (o.format == Format::Json) return write_json(to_json(r), out);
    if (o.format == Format::Csv) {
        // One row per person; connectors as ids, best first.
        Json rows = Json::array();
        for (const WhoGroup& g : r.groups)
            for (const WhoPerson& p : g.people) {
                Json j;
                j["field"] = g.field;
                j["value"] = g.value;
                j["id"] = p.id;
                j["name"] = p.name;
                j["known"] = p.known;
                j["last"] = date_or_null(p.last);
                Json ids = Json::array();
                for (const Connector& c : p.connectors) ids.push_back(c.id);
                j["connectors"] = std::move(ids);
                add_origin(j, p.origin);
                rows.push_back(std::move(j));
            }
        return write_csv(rows, {"field", "value", "id", "name", "known", "last", "connectors", "file", "line"}, out);
    }
    if (r.groups.empty()) {
        out << "nobody matches '" << r.query << "' (company, title, location or tag)\n";
        return;
    }
    bool first = true;
    for (const WhoGroup& g : r.groups) {
        if (!first) out << '\n';
        first = false;
        out << styled("1", g.field + ": " + g.value, o.color) << '\n';
        for (const WhoPerson& p : g.people) {
            std::string line = "  " + p.name;
            if (!p.title.empty() && g.field != "title") line += ", " + p.title;
            if (p.known) line += " - you know them well (last contact " + ago(*p.last, r.today) + ")";
            else line += p.last ? " - last contact " + ago(*p.last, r.today) : " - never contacted";
            out << line << '\n';
            if (p.known) continue;
            if (p.connectors.empty()) {
                out << "      nobody you know well is linked to them; try 'kith path " << p.id << "'\n";
                continue;
            }
            for (const Connector& c : p.connectors) {
                std::string last = c.last ? "last " + c.last_kind.value_or("contact") + " " + ago(*c.last, r.today)
                                          : "never";
                out << "      ask " << c.name << " (" << last << ") to introduce you to " << p.name << "  ["
                    << connections_text(c.via) << "]\n";
            }
        }
    }
}

// ---------------------------------------------------------------- path

Json to_json(const PathReport& r) {
    Json chains = Json::array();
    for (const auto& chain : r.chains) {
        Json steps = Json::array();
        for (const PathStep& s : chain) {
            Json j;
            j["id"] = s.id;
            j["name"] = s.name;
            j["via"] = connections_json(s.via);
            add_origin(j, s.origin);
            steps.push_back(std::move(j));
        }
        chains.push_back(std::move(steps));
    }
    Json out;
    out["today"] = r.today.iso();
    out["id"] = r.id;
    out["name"] = r.name;
    out["known"] = r.known;
    out["hops"] = r.hops ? Json(*r.hops) : Json(nullptr);
    out["chains"] = std::move(chains);
    return out;
}

void render(const PathReport& r, std::ostream& out, const RenderOptions& o) {
    if (o.format == Format::Json) return write_json(to_json(r), out);
    if (o.format == Format::Csv) {
        Json rows = Json::array();
        for (std::size_t c = 0; c < r.chains.size(); ++c)
            for (std::size_t s = 0; s < r.chains[c].size(); ++s) {
                const PathStep& st = r.chains[c][s];
                Json via = Json::array();
                for (const Connection& k : st.via) via.push_back(k.kind + ":" + k.file);
                Json j;
                j["chain"] = c + 1;
                j["step"] = s;
                j["id"] = st.id;
                j["name"] = st.name;
                j["via"] = std::move(via);
                add_origin(j, st.origin);
                rows.push_back(std::move(j));
            }
        return write_csv(rows, {"chain", "step", "id", "name", "via", "file", "line"}, out);
    }
    if (r.known) {
        out << "you know " << r.name << " well: no introduction needed\n";
        return;
    }
    if (r.chains.empty()) {
        out << "no introduction chain to " << r.name
            << ": nobody you know well is linked to them, directly or through others\n";
        return;
    }
    out << r.name << ": " << *r.hops << (*r.hops == 1 ? " introduction" : " introductions") << " away, "
        << r.chains.size() << (r.chains.size() == 1 ? " shortest chain" : " shortest chains")
        << (r.chains.size() >= k_max_chains ? " (first " + std::to_string(k_max_chains) + ")" : "") << '\n';
    for (const auto& chain : r.chains) {
        std::string line = "  ";
        for (std::size_t i = 0; i < chain.size(); ++i) line += (i ? " -> " : "") + chain[i].name;
        out << styled("1", line, o.color) << '\n';
        for (std::size_t i = 1; i < chain.size(); ++i)
            out << "      " << chain[i - 1].name << " - " << chain[i].name << ": " << connections_text(chain[i].via)
                << '\n';
    }
}

// ---------------------------------------------------------------- stats

namespace {

Json period_json(const PeriodStats& p) {
    Json j;
    j["from"] = p.from.iso();
    j["to"] = p.to.iso();
    j["interactions"] = p.interactions;
    j["contacted"] = p.contacted;
    j["with_cadence"] = p.with_cadence;
    j["within_cadence"] = p.within_cadence;
    j["within_share"] = p.within_share;
    j["gave"] = p.gave;
    j["got"] = p.got;
    j["balance"] = p.balance;
    return j;
}

Json attention_json(const std::vector<Attention>& list) {
    Json a = Json::array();
    for (const Attention& x : list) {
        Json j;
        j["id"] = x.id;
        j["name"] = x.name;
        j["interactions"] = x.interactions;
        j["previous"] = x.previous;
        j["last"] = date_or_null(x.last);
        add_origin(j, x.origin);
        a.push_back(std::move(j));
    }
    return a;
}

} // namespace

Json to_json(const StatsReport& r) {
    Json out;
    out["today"] = r.today.iso();
    out["since"] = r.current.from.iso();
    Json tiers = Json::array();
    for (const TierSize& t : r.tiers)
        tiers.push_back(Json{{"tier", t.tier},
                             {"count", t.count},
                             {"guidance", t.guidance ? Json(*t.guidance) : Json(nullptr)},
                             {"over", t.over}});
    out["tiers"] = std::move(tiers);
    out["total"] = Json{{"count", r.total}, {"guidance", r.total_guidance}, {"over", r.total > r.total_guidance}};
    out["current"] = period_json(r.current);
    out["previous"] = period_json(r.previous);
    out["change"] = Json{{"interactions", r.current.interactions - r.previous.interactions},
                         {"contacted", r.current.contacted - r.previous.contacted},
                         {"within_share", r.current.within_share - r.previous.within_share},
                         {"gave", r.current.gave - r.previous.gave},
                         {"got", r.current.got - r.previous.got},
                         {"balance", r.current.balance - r.previous.balance}};
    Json months = Json::array();
    for (const MonthStats& m : r.months)
        months.push_back(
            Json{{"month", m.label()}, {"interactions", m.interactions}, {"gave", m.gave}, {"got", m.got}});
    out["months"] = std::move(months);
    out["most_attended"] = attention_json(r.most);
    out["least_attended"] = attention_json(r.least);
    return out;
}

namespace {

void stats_csv(const StatsReport& r, std::ostream& out) {
    Json rows = Json::array();
    auto row = [&](const char* section, const std::string& key, Json value, Json previous, Json change,
                   Json guidance) {
        rows.push_back(Json{{"section", section},
                            {"key", key},
                            {"value", std::move(value)},
                            {"previous", std::move(previous)},
                            {"change", std::move(change)},
                            {"guidance", std::move(guidance)}});
    };
    const Json null;
    for (const TierSize& t : r.tiers)
        row("tier", t.tier, t.count, null, null, t.guidance ? Json(*t.guidance) : null);
    row("total", "contacts", r.total, null, null, r.total_guidance);
    const PeriodStats &c = r.current, &p = r.previous;
    row("period", "from", c.from.iso(), p.from.iso(), null, null);
    row("period", "to", c.to.iso(), p.to.iso(), null, null);
    for (auto [key, now, before] : {std::tuple{"interactions", c.interactions, p.interactions},
                                    std::tuple{"contacted", c.contacted, p.contacted},
                                    std::tuple{"with_cadence", c.with_cadence, p.with_cadence},
                                    std::tuple{"within_cadence", c.within_cadence, p.within_cadence},
                                    std::tuple{"gave", c.gave, p.gave}, std::tuple{"got", c.got, p.got},
                                    std::tuple{"balance", c.balance, p.balance}})
        row("period", key, now, before, now - before, null);
    row("period", "within_share", c.within_share, p.within_share, c.within_share - p.within_share, null);
    for (const MonthStats& m : r.months) row("month_interactions", m.label(), m.interactions, null, null, null);
    for (const MonthStats& m : r.months) row("month_gave", m.label(), m.gave, null, null, null);
    for (const MonthStats& m : r.months) row("month_got", m.label(), m.got, null, null, null);
    for (const Attention& a : r.most)
        row("most_attended", a.id, a.interactions, a.previous, a.interactions - a.previous, null);
    for (const Attention& a : r.least)
        row("least_attended", a.id, a.interactions, a.previous, a.interactions - a.previous, null);
    write_csv(rows, {"section", "key", "value", "previous", "change", "guidance"}, out);
}

} // namespace

void render(const StatsReport& r, std::ostream& out, const RenderOptions& o, bool unicode) {
    if (o.format == Format::Json) return write_json(to_json(r), out);
    if (o.format == Format::Csv) return stats_csv(r, out);
    const PeriodStats &c = r.current, &p = r.previous;
    const bool colour = o.color;
    auto bold = [&](std::string_view s) { return styled("1", s, colour); };
    out << bold("network") << " (" << r.total << " people; period " << c.from.iso() << " to " << c.to.iso()
        << ", against " << p.from.iso() << " to " << p.to.iso() << ")\n";

    using A = TextTable::Align;
    int max_tier = 1;
    for (const TierSize& t : r.tiers) max_tier = std::max(max_tier, t.count);
    TextTable tiers({"tier", "people", "guide", ""}, {A::Left, A::Right, A::Right, A::Left});
    for (const TierSize& t : r.tiers)
        tiers.add_row({t.tier, std::to_string(t.count), t.guidance ? std::to_string(*t.guidance) : "-",
                       chart::bar(t.count, max_tier, 30, unicode) + (t.over ? "  over the guidance" : "")},
                      t.over ? "31" : "");
    tiers.add_row({"total", std::to_string(r.total), std::to_string(r.total_guidance),
                   r.total > r.total_guidance ? "over the guidance" : ""},
                  r.total > r.total_guidance ? "31" : "");
    tiers.print(out, colour);

    out << '\n';
    TextTable moved({"this period", "now", "before", "change"}, {A::Left, A::Right, A::Right, A::Right});
    moved.add_row({"interactions", std::to_string(c.interactions), std::to_string(p.interactions),
                   signed_text(c.interactions - p.interactions)});
    moved.add_row({"people contacted", std::to_string(c.contacted), std::to_string(p.contacted),
                   signed_text(c.contacted - p.contacted)});
    moved.add_row({"within cadence", ratio_text(c.within_share) + " (" + std::to_string(c.within_cadence) + "/" +
                                         std::to_string(c.with_cadence) + ")",
                   ratio_text(p.within_share),
                   signed_text(static_cast<int>(std::lround((c.within_share - p.within_share) * 100))) + " pts"});
    moved.add_row({"favours given", std::to_string(c.gave), std::to_string(p.gave), signed_text(c.gave - p.gave)});
    moved.add_row({"favours received", std::to_string(c.got), std::to_string(p.got), signed_text(c.got - p.got)});
    moved.add_row({"balance (given - received)", signed_text(c.balance), signed_text(p.balance),
                   signed_text(c.balance - p.balance)});
    moved.print(out, colour);

    if (!r.months.empty()) {
        std::vector<int> inter, gave, got;
        int max_i = 0, max_g = 0;
        for (const MonthStats& m : r.months) {
            inter.push_back(m.interactions);
            gave.push_back(m.gave);
            got.push_back(m.got);
            max_i = std::max(max_i, m.interactions);
            max_g = std::max({max_g, m.gave, m.got});
        }
        out << '\n'
            << bold("per month") << " (" << r.months.front().label() << " to " << r.months.back().label() << ")\n";
        TextTable months({"", "", "max", "this month"}, {A::Left, A::Left, A::Right, A::Right});
        months.add_row({"interactions", chart::sparkline(inter, unicode), std::to_string(max_i),
                        std::to_string(inter.back())});
        months.add_row({"given", chart::sparkline(gave, unicode), std::to_string(max_g), std::to_string(gave.back())});
        months.add_row({"received", chart::sparkline(got, unicode), std::to_string(max_g), std::to_string(got.back())});
        months.print(out, colour);
    }

    // Both lists on one scale, so that a bar means the same in each.
    int max = 1;
    for (const Attention& a : r.most) max = std::max(max, a.interactions);
    for (const Attention& a : r.least) max = std::max(max, a.interactions);
    auto attention = [&](const char* title, const std::vector<Attention>& list) {
        out << '\n';
        if (list.empty()) {
            out << bold(title) << ": nobody\n";
            return;
        }
        TextTable t({title, "now", "before", "last", ""}, {A::Left, A::Right, A::Right, A::Left, A::Left});
        for (const Attention& a : list)
            t.add_row({a.name, std::to_string(a.interactions), std::to_string(a.previous),
                       a.last ? a.last->iso() : "never", chart::bar(a.interactions, max, 20, unicode)});
        t.print(out, colour);
    };
    attention("most attended", r.most);
    attention("least attended", r.least);
}

} // namespace kith
