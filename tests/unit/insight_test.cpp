// who, path and stats (docs/insight.md), over small vaults built in memory.
// T = 2026-11-22 throughout.

#include "support.hpp"

#include "kith/render/chart.hpp"
#include "kith/render/insight.hpp"
#include "kith/render/review.hpp"
#include "kith/report/insight.hpp"

#include <string>
#include <vector>

using namespace kith;
using namespace kith::test;

namespace {

const char* const k_today = "2026-11-22";

using Ids = std::vector<std::string>;

std::size_t at(const VaultIndex& ix, const char* id) {
    auto k = ix.resolve(id).contact;
    EXPECT_TRUE(k.has_value()) << id;
    return k.value_or(0);
}

Ids chain_ids(const std::vector<PathStep>& chain) {
    Ids out;
    for (const PathStep& s : chain) out.push_back(s.id);
    return out;
}

/// The link graph of the path tests:
///   a (known) --link in a.md--> b --link in b.md--> c      c: two hops from a
///   e introduced_by a                                        e: one hop
///   h (known) and f in one entry of the undated note ideas.md
///   f and g named in the dated note journal/2026-01-05.md    g: h -> f -> g
///   x linked from both a and h                                two chains
///   d linked only from the archived z                         no path
std::map<std::string, std::string> graph_vault() {
    return {
        {"contacts/a.md", contact("name: A\ntier: core", "- 2026-11-20 #coffee talked about [[b]] and [[x]]\n")},
        {"contacts/b.md", contact("name: B\ntier: core", "Old friend of [[c]].\n")},
        {"contacts/c.md", contact("name: C\ntier: core\ncompany: Acme Corp")},
        {"contacts/d.md", contact("name: D\ncompany: Acme Corp")},
        {"contacts/e.md", contact("name: E\ntier: core\nintroduced_by: \"[[a]]\"")},
        {"contacts/f.md", contact("name: F\ntier: core")},
        {"contacts/g.md", contact("name: G\ntier: core")},
        {"contacts/h.md", contact("name: H\ntier: core", "- 2026-11-21 #call with H about [[x]]\n")},
        {"contacts/x.md", contact("name: X\ntier: core\ntags: [hiring]")},
        {"contacts/z.md", contact("name: Z\narchived: true", "- 2026-11-21 lunch, and [[d]]\n")},
        {"journal/ideas.md", "- 2026-06-01 lunch with [[h]] and [[f]]\n"},
        {"journal/2026-01-05.md", "Dinner: [[f]], [[g]].\n"},
    };
}

} // namespace

// ================================================================== known well

TEST(Graph, KnownWellMeansAnInteractionWithinTheCadence) {
    auto ix = index_of({{"contacts/in.md", contact("name: In\ntier: core", "- 2026-10-23 x\n")},   // 30 days
                        {"contacts/out.md", contact("name: Out\ntier: core", "- 2026-10-22 x\n")}, // 31 days
                        {"contacts/never.md", contact("name: Never\ntier: core")},
                        {"contacts/none.md", contact("name: None\ncadence: none", "- 2025-11-22 x\n")}, // 365 days
                        {"contacts/old.md", contact("name: Old\ncadence: none", "- 2025-11-21 x\n")},   // 366 days
                        {"contacts/arch.md", contact("name: Arch\narchived: true", "- 2026-11-21 x\n")}},
                       k_today);
    const Date t = day(k_today);
    EXPECT_TRUE(known_well(ix.contacts()[at(ix, "in")], t));
    EXPECT_FALSE(known_well(ix.contacts()[at(ix, "out")], t));
    EXPECT_FALSE(known_well(ix.contacts()[at(ix, "never")], t));
    // Without a cadence the window is 365 days.
    EXPECT_TRUE(known_well(ix.contacts()[at(ix, "none")], t));
    EXPECT_FALSE(known_well(ix.contacts()[at(ix, "old")], t));
    EXPECT_FALSE(known_well(ix.contacts()[at(ix, "arch")], t));
}

// ================================================================== the link graph

TEST(Graph, GraphLinksBothWaysThroughFilesIntroducedByAndNotes) {
    auto ix = index_of(graph_vault(), k_today);
    auto g = LinkGraph::build(ix);
    auto names = [&](const char* id) {
        Ids out;
        for (std::size_t k : g.neighbours(at(ix, id))) out.push_back(ix.contacts()[k].contact->id);
        return out;
    };
    EXPECT_EQ(names("a"), (Ids{"b", "e", "x"}));
    EXPECT_EQ(names("b"), (Ids{"a", "c"}));
    EXPECT_EQ(names("f"), (Ids{"g", "h"}));
    EXPECT_EQ(names("d"), Ids{}); // only the archived z links d
    EXPECT_EQ(g.connections(at(ix, "e"), at(ix, "a")), (std::vector<Connection>{{"introduced_by", "contacts/e.md"}}));
    EXPECT_EQ(g.connections(at(ix, "h"), at(ix, "f")), (std::vector<Connection>{{"note", "journal/ideas.md"}}));
    EXPECT_EQ(g.connections(at(ix, "g"), at(ix, "f")),
              (std::vector<Connection>{{"note", "journal/2026-01-05.md"}}));
}

TEST(Graph, AnUndatedNoteLinksOnlyPeopleInTheSameItem) {
    auto ix = index_of({{"contacts/a.md", contact("name: A")},
                        {"contacts/b.md", contact("name: B")},
                        {"journal/ideas.md", "Ask [[a]] something.\n\nAlso [[b]].\n"}},
                       k_today);
    auto g = LinkGraph::build(ix);
    EXPECT_TRUE(g.neighbours(at(ix, "a")).empty());
}

// ================================================================== path

TEST(Path, APersonReachableOnlyThroughTwoHops) {
    auto ix = index_of(graph_vault(), k_today);
    auto g = LinkGraph::build(ix);
    PathReport r = path(ix, g, day(k_today), at(ix, "c"));
    EXPECT_FALSE(r.known);
    ASSERT_EQ(r.hops, 2);
    ASSERT_EQ(r.chains.size(), 1u);
    EXPECT_EQ(chain_ids(r.chains[0]), (Ids{"a", "b", "c"}));
    EXPECT_TRUE(r.chains[0][0].via.empty());
    EXPECT_EQ(r.chains[0][1].via, (std::vector<Connection>{{"link", "contacts/a.md"}}));
    EXPECT_EQ(r.chains[0][2].via, (std::vector<Connection>{{"link", "contacts/b.md"}}));
}

TEST(Path, ChainsThroughNotesCountOneHopPerNote) {
    auto ix = index_of(graph_vault(), k_today);
    auto g = LinkGraph::build(ix);
    PathReport r = path(ix, g, day(k_today), at(ix, "g"));
    ASSERT_EQ(r.hops, 2);
    ASSERT_EQ(r.chains.size(), 1u);
    EXPECT_EQ(chain_ids(r.chains[0]), (Ids{"h", "f", "g"}));
}

TEST(Path, EveryShortestChainIsListedInIdOrder) {
    auto ix = index_of(graph_vault(), k_today);
    auto g = LinkGraph::build(ix);
    PathReport r = path(ix, g, day(k_today), at(ix, "x"));
    ASSERT_EQ(r.hops, 1);
    ASSERT_EQ(r.chains.size(), 2u);
    EXPECT_EQ(chain_ids(r.chains[0]), (Ids{"a", "x"}));
    EXPECT_EQ(chain_ids(r.chains[1]), (Ids{"h", "x"}));
}

TEST(Path, NoPathThroughArchivedContacts) {
    auto ix = index_of(graph_vault(), k_today);
    auto g = LinkGraph::build(ix);
    PathReport r = path(ix, g, day(k_today), at(ix, "d"));
    EXPECT_FALSE(r.hops.has_value());
    EXPECT_TRUE(r.chains.empty());
    std::ostringstream out;
    render(r, out, {});
    EXPECT_EQ(out.str(), "no introduction chain to D: nobody you know well is linked to them, directly or through others\n");
    EXPECT_TRUE(to_json(r)["hops"].is_null());
}

TEST(Path, AKnownPersonNeedsNoIntroduction) {
    auto ix = index_of(graph_vault(), k_today);
    auto g = LinkGraph::build(ix);
    PathReport r = path(ix, g, day(k_today), at(ix, "a"));
    EXPECT_TRUE(r.known);
    EXPECT_EQ(r.hops, 0);
    ASSERT_EQ(r.chains.size(), 1u);
    EXPECT_EQ(chain_ids(r.chains[0]), (Ids{"a"}));
}

TEST(Path, ChainsAreCappedAndALongNoteStaysLinear) {
    // One dated note names 2,000 people; "k" (known) is in it, "t" is linked
    // only from "m0". Every one of the 2,000 is one hop from k, so there are
    // as many shortest chains to t as people linking it, capped.
    std::map<std::string, std::string> files{{"contacts/k.md", contact("name: K", "- 2026-11-20 x\n")},
                                             {"contacts/t.md", contact("name: T\ntier: core")}};
    std::string note = "[[k]]\n";
    for (int i = 0; i < 2000; ++i) {
        const std::string id = "m" + std::to_string(i);
        files["contacts/" + id + ".md"] = contact("name: M" + std::to_string(i) + "\ntier: core", "See [[t]].\n");
        note += "[[" + id + "]]\n";
    }
    files["journal/2020-01-01.md"] = note;
    auto ix = index_of(files, k_today);
    auto g = LinkGraph::build(ix);
    PathReport r = path(ix, g, day(k_today), at(ix, "t"), 3);
    ASSERT_EQ(r.hops, 2);
    ASSERT_EQ(r.chains.size(), 3u);
    for (const auto& c : r.chains) {
        EXPECT_EQ(c.front().id, "k");
        EXPECT_EQ(c.back().id, "t");
    }
}

// ================================================================== who

TEST(Who, GroupsMatchesByFieldAndNamesConnectorsForPeopleNotKnownWell) {
    auto ix = index_of(graph_vault(), k_today);
    auto g = LinkGraph::build(ix);
    WhoReport r = who(ix, g, day(k_today), {"acme", 5});
    ASSERT_EQ(r.groups.size(), 1u);
    EXPECT_EQ(r.groups[0].field, "company");
    EXPECT_EQ(r.groups[0].value, "Acme Corp");
    ASSERT_EQ(r.groups[0].people.size(), 2u);
    const WhoPerson& c = r.groups[0].people[0];
    EXPECT_EQ(c.id, "c");
    EXPECT_FALSE(c.known);
    // c's only neighbour (b) is not known well: nobody to ask.
    EXPECT_TRUE(c.connectors.empty());
    EXPECT_EQ(r.groups[0].people[1].id, "d");
}

TEST(Who, ConnectorsRankByLastInteractionThenHowOften) {
    auto ix = index_of(
        {{"contacts/target.md", contact("name: Target\ntier: core\ntitle: CTO")},
         {"contacts/often.md", contact("name: Often", "- 2026-11-01 #call [[target]]\n- 2026-10-01 x\n- 2026-09-01 x\n")},
         {"contacts/once.md", contact("name: Once", "- 2026-11-01 #coffee [[target]]\n")},
         {"contacts/recent.md", contact("name: Recent", "- 2026-11-21 #coffee #gave [[target]]\n")},
         {"contacts/stranger.md", contact("name: Stranger\ntier: core", "- 2025-01-01 [[target]]\n")}},
        k_today);
    auto g = LinkGraph::build(ix);
    WhoReport r = who(ix, g, day(k_today), {"cto", 5});
    ASSERT_EQ(r.groups.size(), 1u);
    EXPECT_EQ(r.groups[0].field, "title");
    const auto& cs = r.groups[0].people.at(0).connectors;
    ASSERT_EQ(cs.size(), 3u);
    EXPECT_EQ(cs[0].id, "recent");
    EXPECT_EQ(cs[0].last_kind, "coffee"); // #gave says what kind of favour, not of contact
    EXPECT_EQ(cs[1].id, "often");
    EXPECT_EQ(cs[1].interactions_365d, 3);
    EXPECT_EQ(cs[2].id, "once");
    EXPECT_EQ(cs[0].via, (std::vector<Connection>{{"link", "contacts/recent.md"}}));

    std::ostringstream out;
    render(r, out, {});
    EXPECT_NE(out.str().find("ask Recent (last coffee 1 day ago) to introduce you to Target"), std::string::npos)
        << out.str();
    EXPECT_EQ(who(ix, g, day(k_today), {"cto", 1}).groups[0].people[0].connectors.size(), 1u);
}

TEST(Who, TagsMatchWholeAndCaseInsensitivelyWithOrWithoutHash) {
    auto ix = index_of({{"contacts/a.md", contact("name: A\ntags: [Hiring]")},
                        {"contacts/b.md", contact("name: B\ntags: [hiring-manager]")}},
                       k_today);
    auto g = LinkGraph::build(ix);
    for (const char* q : {"hiring", "#HIRING"}) {
        WhoReport r = who(ix, g, day(k_today), {q, 5});
        ASSERT_EQ(r.groups.size(), 1u) << q;
        EXPECT_EQ(r.groups[0].field, "tag");
        ASSERT_EQ(r.groups[0].people.size(), 1u);
        EXPECT_EQ(r.groups[0].people[0].id, "a");
    }
    EXPECT_TRUE(who(ix, g, day(k_today), {"   ", 5}).groups.empty());
}

// ================================================================== stats

namespace {

/// Hand-computed in tests below: period 2026-10-23..2026-11-22 (--since 30d,
/// 31 days), previous 2026-09-22..2026-10-22.
std::map<std::string, std::string> stats_vault() {
    return {{"contacts/p.md", contact("name: P\ntier: core\nmet: 2026-09-25",
                                      "- 2026-11-20 #coffee\n- 2026-11-01 #gave\n- 2026-10-10 #got\n"
                                      "- 2026-10-10 #call\n- 2026-12-01 a plan\n")},
            {"contacts/q.md", contact("name: Q\ntier: close")},
            {"contacts/r.md", contact("name: R")},
            {"contacts/s.md", contact("name: S\ntier: core\ncadence: none", "- 2026-10-01 x\n")},
            {"contacts/t.md", contact("name: T\ntier: core\narchived: true", "- 2026-11-01 x\n")},
            {"journal/2026-11-15.md", "- 2026-11-15 #got help with [[q]]\n"}};
}

} // namespace

TEST(Stats, PeriodNumbersMatchHandComputedValues) {
    auto ix = index_of(stats_vault(), k_today);
    StatsReport r = stats(ix, day(k_today), {day("2026-10-23"), 5});
    EXPECT_EQ(r.current.from, day("2026-10-23"));
    EXPECT_EQ(r.previous.from, day("2026-09-22"));
    EXPECT_EQ(r.previous.to, day("2026-10-22"));

    EXPECT_EQ(r.current.interactions, 3); // p 11-01, 11-20; q 11-15
    EXPECT_EQ(r.current.contacted, 2);
    EXPECT_EQ(r.current.with_cadence, 3); // p, q, r (s has none, t is archived)
    EXPECT_EQ(r.current.within_cadence, 2);
    EXPECT_DOUBLE_EQ(r.current.within_share, 2.0 / 3.0);
    EXPECT_EQ(r.current.gave, 1);
    EXPECT_EQ(r.current.got, 1);
    EXPECT_EQ(r.current.balance, 0);

    EXPECT_EQ(r.previous.interactions, 3); // p met 09-25, 10-10 (two entries, one day); s 10-01
    EXPECT_EQ(r.previous.contacted, 2);
    EXPECT_EQ(r.previous.within_cadence, 1); // at 10-22 only p (10-10) is within
    EXPECT_DOUBLE_EQ(r.previous.within_share, 1.0 / 3.0);
    EXPECT_EQ(r.previous.gave, 0);
    EXPECT_EQ(r.previous.got, 1);
    EXPECT_EQ(r.previous.balance, -1);
}

TEST(Stats, MonthsTiersAndAttention) {
    auto ix = index_of(stats_vault(), k_today);
    StatsReport r = stats(ix, day(k_today), {day("2026-10-23"), 5});
    ASSERT_EQ(r.months.size(), 3u);
    EXPECT_EQ(r.months[0].label(), "2026-09");
    EXPECT_EQ((std::vector<int>{r.months[0].interactions, r.months[1].interactions, r.months[2].interactions}),
              (std::vector<int>{1, 2, 3}));
    EXPECT_EQ((std::vector<int>{r.months[0].got, r.months[1].got, r.months[2].got}), (std::vector<int>{0, 1, 1}));
    EXPECT_EQ(r.months[2].gave, 1);

    ASSERT_EQ(r.tiers.size(), 4u);
    EXPECT_EQ(r.tiers[0].tier, "core");
    EXPECT_EQ(r.tiers[0].count, 2);
    EXPECT_EQ(r.tiers[0].guidance, 15);
    EXPECT_EQ(r.tiers[1].tier, "close");
    EXPECT_EQ(r.tiers[1].count, 1);
    EXPECT_EQ(r.tiers[2].tier, "network");
    EXPECT_EQ(r.tiers[2].count, 0);
    EXPECT_EQ(r.tiers[3].tier, "(none)");
    EXPECT_EQ(r.tiers[3].count, 1);
    EXPECT_EQ(r.total, 4);

    ASSERT_EQ(r.most.size(), 2u);
    EXPECT_EQ(r.most[0].id, "p");
    EXPECT_EQ(r.most[0].interactions, 2);
    EXPECT_EQ(r.most[0].previous, 2);
    EXPECT_EQ(r.most[1].id, "q");
    ASSERT_EQ(r.least.size(), 3u);
    EXPECT_EQ(r.least[0].id, "r"); // never
    EXPECT_EQ(r.least[1].id, "q");
    EXPECT_EQ(r.least[2].id, "p");
}

TEST(Stats, ACoreTierLargerThanFifteenIsFlagged) {
    std::map<std::string, std::string> files;
    for (int i = 0; i < 16; ++i) files["contacts/c" + std::to_string(i) + ".md"] = contact("name: C" + std::to_string(i) + "\ntier: core");
    auto ix = index_of(files, k_today);
    StatsReport r = stats(ix, day(k_today), {});
    EXPECT_TRUE(r.tiers.at(0).over);
    files.erase("contacts/c0.md");
    auto ix15 = index_of(files, k_today);
    EXPECT_FALSE(stats(ix15, day(k_today), {}).tiers.at(0).over);
    Json j = to_json(r);
    EXPECT_EQ(j["tiers"][0], (Json{{"tier", "core"}, {"count", 16}, {"guidance", 15}, {"over", true}}));
}

TEST(Stats, DefaultPeriodIsSinceNinetyDays) {
    auto ix = index_of(stats_vault(), k_today);
    StatsReport r = stats(ix, day(k_today), {});
    EXPECT_EQ(r.current.from, day("2026-08-24"));  // T - 90d, as --since 90d
    EXPECT_EQ(r.previous.from, day("2026-05-25")); // 91 days before that
    EXPECT_EQ(r.previous.to, day("2026-08-23"));
    EXPECT_EQ(r.months.front().label(), "2026-05");
    EXPECT_EQ(r.months.back().label(), "2026-11");
}

TEST(Stats, JsonCarriesTheNumbersAndChanges) {
    auto ix = index_of(stats_vault(), k_today);
    Json j = to_json(stats(ix, day(k_today), {day("2026-10-23"), 5}));
    EXPECT_EQ(j["since"], "2026-10-23");
    EXPECT_EQ(j["change"]["balance"], 1);
    EXPECT_DOUBLE_EQ(j["change"]["within_share"].get<double>(), 1.0 / 3.0);
    EXPECT_EQ(j["months"][1], (Json{{"month", "2026-10"}, {"interactions", 2}, {"gave", 0}, {"got", 1}}));
    EXPECT_EQ(j["most_attended"][0]["file"], "contacts/p.md");
    EXPECT_TRUE(j["most_attended"][0]["line"].is_null());
}

// ================================================================== charts

TEST(Chart, SparklineScalesToTheLargestAndKeepsZeroLowest) {
    EXPECT_EQ(chart::sparkline({0, 1, 7}, true), "\u2581\u2582\u2588");
    EXPECT_EQ(chart::sparkline({0, 1, 7}, false), "_.@");
    EXPECT_EQ(chart::sparkline({0, 0}, true), "\u2581\u2581");
    EXPECT_EQ(chart::sparkline({}, true), "");
}

TEST(Chart, BarsUseEighthBlocksOrHashes) {
    EXPECT_EQ(chart::bar(1, 2, 4, true), "\u2588\u2588");
    EXPECT_EQ(chart::bar(1, 8, 1, true), "\u258F");
    EXPECT_EQ(chart::bar(3, 4, 4, false), "###");
    EXPECT_EQ(chart::bar(1, 100, 4, false), "#"); // anything above zero shows
    EXPECT_EQ(chart::bar(0, 4, 4, true), "");
}

TEST(Chart, SvgEscapesEveryLabel) {
    const std::string svg = chart::svg_bars("<b>", {"<script>alert(1)</script>"}, {3}, {2});
    EXPECT_EQ(svg.find("<script>"), std::string::npos);
    EXPECT_NE(svg.find("&lt;script&gt;"), std::string::npos);
    EXPECT_NE(svg.find("#c0392b"), std::string::npos); // over its limit
    const std::string cols = chart::svg_columns("t", {"2026-11"}, {{"a\"b", "#000", {1}}});
    EXPECT_EQ(cols.find("a\"b"), std::string::npos);
    EXPECT_EQ(chart::html_escape("a&<>\"'"), "a&amp;&lt;&gt;&quot;&#39;");
}

// ================================================================== review data

TEST(Review, StartersComeFromTheContactsOwnData) {
    auto ix = index_of(
        {{"contacts/d.md", contact("name: D\ncompany: Acme\nbirthday: 1990-12-01\ntags: [rust]",
                                   "- 2026-01-10 #coffee talked about the move\n- [ ] send the paper\n")},
         {"contacts/k.md", contact("name: K\ntags: [Rust]", "- 2026-11-20 x\n")}},
        k_today);
    auto s = conversation_starters(ix, at(ix, "d"), day(k_today));
    EXPECT_EQ(s, (std::vector<std::string>{"last time (2026-01-10): #coffee talked about the move",
                                           "you meant to: send the paper", "birthday on 2026-12-01 (turns 36)",
                                           "#rust, like K (seen 2 days ago)"}));
}

TEST(Review, DataListsUnthankedFavoursOldestFirst) {
    auto ix = index_of({{"contacts/a.md", contact("name: A", "- 2026-11-01 #got a loan\n- 2026-10-01 #got advice\n")},
                        {"contacts/b.md", contact("name: B", "- 2026-09-01 #got x\n- 2026-09-02 #thanks\n")}},
                       k_today);
    Json j = review_data(ix, day(k_today), {});
    ASSERT_EQ(j["unthanked"].size(), 2u);
    EXPECT_EQ(j["unthanked"][0]["date"], "2026-10-01");
    EXPECT_EQ(j["unthanked"][1]["text"], "#got a loan");
    EXPECT_EQ(j["has_unthanked"], true);
    EXPECT_EQ(j["has_dormant"], false); // both were seen within the default 365 days
    EXPECT_EQ(j["has_reminders"], true); // the two #got of a are due a thank-you
}

TEST(Review, QuotedTextLinksNobody) {
    EXPECT_EQ(plain_links("intro [[priya-raman]] to [[Tom Becker|Tom]] and ![[x#Log]], [[a^b]] [[open"),
              "intro priya-raman to Tom and x, a [[open");
    EXPECT_EQ(plain_links("no links"), "no links");
}

TEST(Review, AnOverLargeCoreTierIsCalledOut) {
    std::map<std::string, std::string> files;
    for (int i = 0; i < 16; ++i)
        files["contacts/c" + std::to_string(i) + ".md"] = contact("name: C" + std::to_string(i) + "\ntier: core");
    Json j = review_data(index_of(files, k_today), day(k_today), {});
    EXPECT_EQ(j["stats"]["has_over"], true);
    EXPECT_EQ(j["stats"]["over"], (Json::array({Json{{"tier", "core"}, {"count", 16}, {"guidance", 15}}})));
    EXPECT_EQ(j["dormant"].size(), 5u); // never contacted: all dormant, cut to the default 5
}

TEST(Render, AgoCountsDaysWeeksMonthsYears) {
    const Date t = day(k_today);
    EXPECT_EQ(ago(t, t), "today");
    EXPECT_EQ(ago(t - 1, t), "1 day ago");
    EXPECT_EQ(ago(t - 13, t), "13 days ago");
    EXPECT_EQ(ago(t - 14, t), "2 weeks ago");
    EXPECT_EQ(ago(t - 60, t), "2 months ago");
    EXPECT_EQ(ago(t - 730, t), "2 years ago");
    EXPECT_EQ(signed_text(3), "+3");
    EXPECT_EQ(signed_text(-2), "-2");
    EXPECT_EQ(signed_text(0), "0");
}
