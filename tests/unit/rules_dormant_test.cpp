// `kith dormant` of REPORTS.md: who is dormant, the fields of an item,
// last_text and its ties, the order, --tier / --limit and the JSON shape.
// T = 2026-11-22 throughout.

#include "support.hpp"

#include "kith/render/render.hpp"
#include "kith/report/reports.hpp"

#include <string>
#include <vector>

using namespace kith;
using namespace kith::test;

namespace {

const char* const k_today = "2026-11-22";

DormantReport dormant_at(const std::map<std::string, std::string>& files, DormantOptions o = {}) {
    auto ix = index_of(files, k_today);
    return dormant(ix, day(k_today), o);
}

std::vector<std::string> ids(const DormantReport& r) {
    std::vector<std::string> out;
    for (const DormantItem& i : r.items) out.push_back(i.id);
    return out;
}

std::vector<std::string> keys(const Json& j) {
    std::vector<std::string> out;
    for (auto it = j.begin(); it != j.end(); ++it) out.push_back(it.key());
    return out;
}

using Ids = std::vector<std::string>;

/// x: network tier but cadence 1d, silent 10 days (ratio 10);
/// y: core, cadence 10d, silent 20 days (ratio 2);
/// z: core, cadence 10d, silent 15 days (ratio 1.5);
/// w: close tier, never contacted.
std::map<std::string, std::string> tiered_vault() {
    return {{"contacts/x.md", contact("name: X\ntier: network\ncadence: 1d", "- 2026-11-12 x\n")},
            {"contacts/y.md", contact("name: Y\ntier: core\ncadence: 10d", "- 2026-11-02 y\n")},
            {"contacts/z.md", contact("name: Z\ntier: core\ncadence: 10d", "- 2026-11-07 z\n")},
            {"contacts/w.md", contact("name: W\ntier: close")}};
}

} // namespace

// ================================================================== who is dormant

TEST(Dormant, NeedsANonNullCadence) {
    auto r = dormant_at({{"contacts/a.md", contact("name: A\ncadence: none")},
                         {"contacts/b.md", contact("name: B\ncadence: none", "- 2020-01-01 long ago\n")},
                         {"contacts/c.md", contact("name: C")}});
    EXPECT_EQ(ids(r), (Ids{"c"}));
}

TEST(Dormant, NeverContactedIsDormant) {
    auto r = dormant_at({{"contacts/a.md", contact("name: A\ncadence: 30d")}});
    ASSERT_EQ(r.items.size(), 1u);
    const DormantItem& i = r.items[0];
    EXPECT_EQ(i.id, "a");
    EXPECT_EQ(i.last, std::nullopt);
    EXPECT_EQ(i.days_silent, std::nullopt);
    EXPECT_EQ(i.overdue_ratio, std::nullopt);
    EXPECT_EQ(i.last_text, std::nullopt);
    EXPECT_EQ(i.cadence_days, 30);
}

TEST(Dormant, SilentLongerThanCadenceIsDormant) {
    // 2026-10-22 is 31 days before T.
    auto r = dormant_at({{"contacts/a.md", contact("name: A\ncadence: 30d", "- 2026-10-22 chat\n")}});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].days_silent, 31);
    EXPECT_EQ(r.items[0].overdue_ratio, 31.0 / 30.0);
}

TEST(Dormant, SilentExactlyCadenceIsNotDormant) {
    // 2026-10-23 is 30 days before T: T - last == cadence.
    auto r = dormant_at({{"contacts/a.md", contact("name: A\ncadence: 30d", "- 2026-10-23 chat\n")}});
    EXPECT_TRUE(r.items.empty());
}

TEST(Dormant, RecentlyContactedIsNotDormant) {
    auto r = dormant_at({{"contacts/a.md", contact("name: A\ncadence: 30d", "- 2026-11-22 today\n")},
                         {"contacts/b.md", contact("name: B\ncadence: 1d", "- 2026-11-21 yesterday\n")}});
    EXPECT_TRUE(r.items.empty());
}

// ================================================================== fields

TEST(Dormant, DaysSilentCadenceDaysAndRatio) {
    // last 2026-11-15: 7 days silent, cadence 3d, ratio 7/3.
    auto r = dormant_at({{"contacts/a.md", contact("name: Ann\ntier: core\ncadence: 3d", "- 2026-11-15 #call check-in\n")}});
    ASSERT_EQ(r.items.size(), 1u);
    const DormantItem& i = r.items[0];
    EXPECT_EQ(i.id, "a");
    EXPECT_EQ(i.name, "Ann");
    EXPECT_EQ(i.tier, "core");
    EXPECT_EQ(i.last, day("2026-11-15"));
    EXPECT_EQ(i.days_silent, 7);
    EXPECT_EQ(i.cadence_days, 3);
    ASSERT_TRUE(i.overdue_ratio.has_value());
    EXPECT_EQ(*i.overdue_ratio, 7.0 / 3.0); // full precision, not rounded
    EXPECT_EQ(i.origin.file, "contacts/a.md");
    EXPECT_EQ(i.origin.line, std::nullopt);
}

TEST(Dormant, OverdueRatioIsFullPrecisionInJson) {
    auto r = dormant_at({{"contacts/a.md", contact("name: A\ncadence: 3d", "- 2026-11-15 x\n")}});
    const Json j = to_json(r);
    ASSERT_EQ(j["items"].size(), 1u);
    const Json& ratio = j["items"][0]["overdue_ratio"];
    ASSERT_TRUE(ratio.is_number());
    EXPECT_EQ(ratio.get<double>(), 7.0 / 3.0);
    // Also after a round trip through text.
    const Json back = Json::parse(j.dump());
    EXPECT_EQ(back["items"][0]["overdue_ratio"].get<double>(), 7.0 / 3.0);
}

TEST(Dormant, TierIsNullWithoutATier) {
    auto r = dormant_at({{"contacts/a.md", contact("name: A\ncadence: 3d")}});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].tier, std::nullopt);
    EXPECT_TRUE(to_json(r)["items"][0]["tier"].is_null());
}

// ================================================================== last_text

TEST(Dormant, LastTextIsLatestEntryTextWithoutItsDate) {
    auto r = dormant_at({{"contacts/a.md", contact("name: A\ncadence: 30d",
                                                   "## Log\n- 2026-09-01 #coffee older chat\n"
                                                   "- 2026-10-01 #call talked about hiring\n- 2026-08-01 oldest\n")}});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].last_text, "#call talked about hiring");
}

TEST(Dormant, LastTextTieOwnEntryBeforeNoteEntry) {
    // The note sorts before contacts/ by path and is written first in the vault
    // listing, yet a's own entry of the same day wins.
    auto r = dormant_at({{"aa/meeting.md", "- 2026-10-01 note words about [[a]]\n"},
                         {"contacts/a.md", contact("name: A\ncadence: 30d", "- 2026-10-01 own words\n")}});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].last_text, "own words");
}

TEST(Dormant, LastTextTieBetweenOwnEntriesFirstInFileOrder) {
    auto r = dormant_at({{"contacts/a.md", contact("name: A\ncadence: 30d",
                                                   "- 2026-10-01 first\n- 2026-09-01 older\n- 2026-10-01 second\n")}});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].last_text, "first");
}

TEST(Dormant, LastTextTieBetweenEntriesOfOneNoteFirstInFileOrder) {
    auto r = dormant_at({{"contacts/a.md", contact("name: A\ncadence: 30d", "- 2026-09-01 own older\n")},
                         {"notes/n.md", "- 2026-10-01 first with [[a]]\n- 2026-10-01 second with [[a]]\n"}});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].last_text, "first with [[a]]");
}

TEST(Dormant, LastTextFromNoteEntryWhenItIsLatest) {
    auto r = dormant_at({{"contacts/a.md", contact("name: A\ncadence: 30d", "- 2026-09-01 own older\n")},
                         {"notes/n.md", "- 2026-10-02 dinner with [[a]]\n"}});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].last_text, "dinner with [[a]]");
}

TEST(Dormant, LastTextIgnoresEntriesAfterToday) {
    auto r = dormant_at({{"contacts/a.md", contact("name: A\ncadence: 30d", "- 2026-09-01 past\n- 2026-12-24 plan\n")}});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].last_text, "past");
}

TEST(Dormant, LastTextNullWhenNoEntriesEvenIfMetExists) {
    auto r = dormant_at({{"contacts/a.md", contact("name: A\ncadence: 30d\nmet: 2026-01-01")}});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].last, day("2026-01-01"));
    EXPECT_EQ(r.items[0].last_text, std::nullopt);
    EXPECT_TRUE(to_json(r)["items"][0]["last_text"].is_null());
}

TEST(Dormant, LastTextIsLatestEntryEvenWhenLastComesFromMet) {
    // last = met 2026-10-01, but the latest entry is 2026-09-01.
    auto r = dormant_at({{"contacts/a.md", contact("name: A\ncadence: 30d\nmet: 2026-10-01", "- 2026-09-01 conference intro\n")}});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].last, day("2026-10-01"));
    EXPECT_EQ(r.items[0].days_silent, 52);
    EXPECT_EQ(r.items[0].last_text, "conference intro");
}

// ================================================================== order

TEST(Dormant, OrderByOverdueRatioDescending) {
    // a: 20 / 10 = 2; b: 50 / 10 = 5; c: 45 / 30 = 1.5.
    auto r = dormant_at({{"contacts/a.md", contact("name: A\ncadence: 10d", "- 2026-11-02 x\n")},
                         {"contacts/b.md", contact("name: B\ncadence: 10d", "- 2026-10-03 x\n")},
                         {"contacts/c.md", contact("name: C\ncadence: 30d", "- 2026-10-08 x\n")}});
    EXPECT_EQ(ids(r), (Ids{"b", "a", "c"}));
    ASSERT_EQ(r.items.size(), 3u);
    EXPECT_EQ(r.items[0].overdue_ratio, 5.0);
    EXPECT_EQ(r.items[1].overdue_ratio, 2.0);
    EXPECT_EQ(r.items[2].overdue_ratio, 1.5);
}

TEST(Dormant, OrderTiedRatioById) {
    // b: 20 / 10 = 2; a: 40 / 20 = 2; c: 60 / 30 = 2; all tie.
    auto r = dormant_at({{"contacts/b.md", contact("name: B\ncadence: 10d", "- 2026-11-02 x\n")},
                         {"contacts/c.md", contact("name: C\ncadence: 30d", "- 2026-09-23 x\n")},
                         {"contacts/a.md", contact("name: A\ncadence: 20d", "- 2026-10-13 x\n")}});
    EXPECT_EQ(ids(r), (Ids{"a", "b", "c"}));
}

TEST(Dormant, TiesGoByIdNotByPath) {
    // Folders put the files in another order than their ids; all are never
    // contacted, and so tie.
    auto r = dormant_at({{"contacts/b.md", contact("name: B\ncadence: 30d")},
                         {"contacts/x/a.md", contact("name: A\ncadence: 30d")},
                         {"contacts/a/c.md", contact("name: C\ncadence: 30d")}});
    EXPECT_EQ(ids(r), (Ids{"a", "b", "c"}));
}

TEST(Dormant, NeverContactedComeAfterAllOthersById) {
    // b: 31/30 (barely overdue) still comes before every never-contacted contact.
    auto r = dormant_at({{"contacts/a.md", contact("name: A\ncadence: 30d")},
                         {"contacts/c.md", contact("name: C\ncadence: 1d")},
                         {"contacts/Z.md", contact("name: Zed\ncadence: 30d")},
                         {"contacts/b.md", contact("name: B\ncadence: 30d", "- 2026-10-22 x\n")},
                         {"contacts/d.md", contact("name: D\ncadence: 1d", "- 2026-11-01 x\n")}});
    EXPECT_EQ(ids(r), (Ids{"d", "b", "Z", "a", "c"}));
}

// ================================================================== --tier, --limit

TEST(Dormant, TierKeepsOnlyThatTier) {
    DormantOptions o;
    o.tier = "core";
    auto r = dormant_at(tiered_vault(), o);
    EXPECT_EQ(ids(r), (Ids{"y", "z"}));
}

TEST(Dormant, TierFiltersBeforeLimit) {
    DormantOptions all;
    all.limit = 1;
    EXPECT_EQ(ids(dormant_at(tiered_vault(), all)), (Ids{"x"}));
    DormantOptions core;
    core.limit = 1;
    core.tier = "core";
    EXPECT_EQ(ids(dormant_at(tiered_vault(), core)), (Ids{"y"}));
}

TEST(Dormant, LimitCutsTheOrderedList) {
    DormantOptions o;
    o.limit = 2;
    EXPECT_EQ(ids(dormant_at(tiered_vault(), o)), (Ids{"x", "y"}));
    o.limit = 100;
    EXPECT_EQ(ids(dormant_at(tiered_vault(), o)), (Ids{"x", "y", "z", "w"}));
    EXPECT_EQ(ids(dormant_at(tiered_vault(), {})), (Ids{"x", "y", "z", "w"}));
}

TEST(Dormant, LimitZeroGivesNone) {
    DormantOptions o;
    o.limit = 0;
    auto r = dormant_at(tiered_vault(), o);
    EXPECT_TRUE(r.items.empty());
    EXPECT_TRUE(to_json(r)["items"].is_array());
}

namespace {

struct CliVault {
    TempDir dir;
    CliVault() {
        write_file(dir.path() / ".kith/config.yaml", "tiers:\n  mentor: 60d\n");
        for (const auto& [path, text] : tiered_vault()) write_file(dir.path() / path, text);
    }
    auto run(std::vector<std::string> extra) {
        std::vector<std::string> args{"--vault", dir.path().string(), "--today", k_today, "--format", "json", "dormant"};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_kith(args);
    }
};

} // namespace

TEST(Dormant, CliTierAndLimit) {
    CliVault v;
    auto r = v.run({"--tier", "core", "--limit", "1"});
    ASSERT_EQ(r.status, 0) << r.err;
    const Json j = Json::parse(r.out);
    ASSERT_EQ(j["items"].size(), 1u);
    EXPECT_EQ(j["items"][0]["id"], "y");
}

TEST(Dormant, CliLimitZeroGivesNone) {
    CliVault v;
    auto r = v.run({"--limit", "0"});
    ASSERT_EQ(r.status, 0) << r.err;
    const Json j = Json::parse(r.out);
    EXPECT_TRUE(j["items"].is_array());
    EXPECT_TRUE(j["items"].empty());
}

TEST(Dormant, CliNegativeLimitIsBadUsage) {
    CliVault v;
    EXPECT_EQ(v.run({"--limit", "-1"}).status, 2);
    EXPECT_EQ(v.run({"--limit=-1"}).status, 2);
}

TEST(Dormant, CliUnknownTierIsBadUsageListingTiers) {
    CliVault v;
    auto r = v.run({"--tier", "vip"});
    EXPECT_EQ(r.status, 2);
    for (const char* tier : {"close", "core", "mentor", "network"})
        EXPECT_NE(r.err.find(tier), std::string::npos) << "missing " << tier << " in: " << r.err;
}

TEST(Dormant, CliTierIsCaseSensitive) {
    CliVault v;
    EXPECT_EQ(v.run({"--tier", "Core"}).status, 2);
}

TEST(Dormant, CliConfiguredTierIsAccepted) {
    CliVault v;
    auto r = v.run({"--tier", "mentor"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(Json::parse(r.out)["items"].empty());
}

// ================================================================== JSON

TEST(Dormant, JsonShape) {
    auto r = dormant_at({{"contacts/a.md", contact("name: Ann\ntier: close\ncadence: 3d", "- 2026-11-15 #call check-in\n")},
                         {"contacts/b.md", contact("name: Ben")}});
    const Json j = to_json(r);
    EXPECT_EQ(keys(j), (Ids{"today", "items"}));
    EXPECT_EQ(j["today"], "2026-11-22");
    ASSERT_EQ(j["items"].size(), 2u);
    const Ids item_keys{"id", "name", "tier", "last", "days_silent", "cadence_days", "overdue_ratio", "last_text",
                        "file", "line"};

    const Json& a = j["items"][0];
    EXPECT_EQ(keys(a), item_keys);
    EXPECT_EQ(a["id"], "a");
    EXPECT_EQ(a["name"], "Ann");
    EXPECT_EQ(a["tier"], "close");
    EXPECT_EQ(a["last"], "2026-11-15");
    EXPECT_TRUE(a["days_silent"].is_number_integer());
    EXPECT_EQ(a["days_silent"], 7);
    EXPECT_TRUE(a["cadence_days"].is_number_integer());
    EXPECT_EQ(a["cadence_days"], 3);
    EXPECT_EQ(a["overdue_ratio"].get<double>(), 7.0 / 3.0);
    EXPECT_EQ(a["last_text"], "#call check-in");
    EXPECT_EQ(a["file"], "contacts/a.md");
    EXPECT_TRUE(a["line"].is_null());

    const Json& b = j["items"][1];
    EXPECT_EQ(keys(b), item_keys);
    EXPECT_EQ(b["id"], "b");
    EXPECT_TRUE(b["tier"].is_null());
    EXPECT_TRUE(b["last"].is_null());
    EXPECT_TRUE(b["days_silent"].is_null());
    EXPECT_EQ(b["cadence_days"], 365);
    EXPECT_TRUE(b["overdue_ratio"].is_null());
    EXPECT_TRUE(b["last_text"].is_null());
    EXPECT_EQ(b["file"], "contacts/b.md");
    EXPECT_TRUE(b["line"].is_null());
}
