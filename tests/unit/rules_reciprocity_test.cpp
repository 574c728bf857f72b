// `kith reciprocity` of REPORTS.md: every counter, tags, unthanked, balance,
// last_favour, flags, who is listed, the order, totals, --since and the JSON
// shape. T = 2026-11-22 throughout.

#include "support.hpp"

#include "kith/render/render.hpp"
#include "kith/report/reports.hpp"

#include <string>
#include <vector>

using namespace kith;
using namespace kith::test;

namespace {

const char* const k_today = "2026-11-22";

ReciprocityReport recip_at(const std::map<std::string, std::string>& files,
                           std::optional<Date> since = std::nullopt) {
    auto ix = index_of(files, k_today);
    ReciprocityOptions o;
    o.since = since;
    return reciprocity(ix, day(k_today), o);
}

/// The report for a single contact `a` with `body`; fails the test unless `a` is listed.
ReciprocityItem only_a(const std::string& body, std::optional<Date> since = std::nullopt) {
    auto r = recip_at({{"contacts/a.md", contact("name: A", body)}}, since);
    EXPECT_EQ(r.items.size(), 1u);
    if (r.items.empty()) return {};
    EXPECT_EQ(r.items[0].id, "a");
    return r.items[0];
}

const ReciprocityItem* find(const ReciprocityReport& r, const std::string& id) {
    for (const ReciprocityItem& i : r.items)
        if (i.id == id) return &i;
    return nullptr;
}

std::vector<std::string> ids(const ReciprocityReport& r) {
    std::vector<std::string> out;
    for (const ReciprocityItem& i : r.items) out.push_back(i.id);
    return out;
}

std::vector<std::string> keys(const Json& j) {
    std::vector<std::string> out;
    for (auto it = j.begin(); it != j.end(); ++it) out.push_back(it.key());
    return out;
}

using Strings = std::vector<std::string>;

} // namespace

// ================================================================== counters

TEST(Reciprocity, CountsGave) {
    auto i = only_a("- 2026-11-01 #gave lent my bike\n- 2026-11-02 #gave a review\n- 2026-11-03 #coffee\n");
    EXPECT_EQ(i.gave, 2);
    EXPECT_EQ(i.got, 0);
    EXPECT_EQ(i.thanks, 0);
    EXPECT_EQ(i.intros_gave, 0);
}

TEST(Reciprocity, CountsGot) {
    auto i = only_a("- 2026-11-01 #got advice\n- 2026-11-02 #got a book\n- 2026-11-03 #got lunch\n");
    EXPECT_EQ(i.got, 3);
    EXPECT_EQ(i.gave, 0);
    EXPECT_EQ(i.intros_got, 0);
}

TEST(Reciprocity, CountsIntrosGave) {
    auto i = only_a("- 2026-11-01 #gave #intro to Sam\n- 2026-11-02 #gave a review\n- 2026-11-03 #intro #gave to Kim\n");
    EXPECT_EQ(i.gave, 3);
    EXPECT_EQ(i.intros_gave, 2);
    EXPECT_EQ(i.intros_got, 0);
}

TEST(Reciprocity, CountsIntrosGot) {
    auto i = only_a("- 2026-11-01 #got #intro to a CTO\n- 2026-11-02 #got advice\n- 2026-11-05 #thanks\n");
    EXPECT_EQ(i.got, 2);
    EXPECT_EQ(i.intros_got, 1);
    EXPECT_EQ(i.intros_gave, 0);
}

TEST(Reciprocity, CountsThanks) {
    auto i = only_a("- 2026-11-01 #thanks card\n- 2026-11-02 #thanks mail\n");
    EXPECT_EQ(i.thanks, 2);
    EXPECT_EQ(i.gave, 0);
    EXPECT_EQ(i.got, 0);
}

// ================================================================== tags

TEST(Reciprocity, TagsCompareCaseInsensitively) {
    auto i = only_a("- 2026-11-01 #Gave a hand\n- 2026-11-02 #GOT #Intro to Kim\n- 2026-11-03 #THANKS\n");
    EXPECT_EQ(i.gave, 1);
    EXPECT_EQ(i.got, 1);
    EXPECT_EQ(i.intros_got, 1);
    EXPECT_EQ(i.thanks, 1);
    EXPECT_EQ(i.unthanked, 0);
}

TEST(Reciprocity, GaveUpIsNotGave) {
    auto r = recip_at({{"contacts/a.md", contact("name: A", "- 2026-11-01 #gave-up on the project\n"
                                                            "- 2026-11-02 #gotten nothing #thanksgiving dinner\n"
                                                            "- 2026-11-03 #gave/later maybe\n")}});
    EXPECT_TRUE(r.items.empty());
}

TEST(Reciprocity, HashAfterALetterIsNotATag) {
    auto r = recip_at({{"contacts/a.md", contact("name: A", "- 2026-11-01 wrote foo#gave and bar_#got\n")}});
    EXPECT_TRUE(r.items.empty());
}

TEST(Reciprocity, TagAfterPunctuationCounts) {
    auto i = only_a("- 2026-11-01 lent the van (#gave), thanked by mail:#thanks\n");
    EXPECT_EQ(i.gave, 1);
    EXPECT_EQ(i.thanks, 1);
}

TEST(Reciprocity, EntryWithSeveralTagsCountsForEach) {
    auto i = only_a("- 2026-11-01 #gave #got #intro #thanks swapped intros\n");
    EXPECT_EQ(i.gave, 1);
    EXPECT_EQ(i.got, 1);
    EXPECT_EQ(i.intros_gave, 1);
    EXPECT_EQ(i.intros_got, 1);
    EXPECT_EQ(i.thanks, 1);
    EXPECT_EQ(i.unthanked, 0);
    EXPECT_EQ(i.balance, 0);
}

TEST(Reciprocity, RepeatedTagCountsTheEntryOnce) {
    auto i = only_a("- 2026-11-01 #gave a book #gave\n");
    EXPECT_EQ(i.gave, 1);
}

TEST(Reciprocity, IntroCountsOnlyWithGaveOrGot) {
    // #intro alone: not listed at all (gave + got + thanks = 0).
    EXPECT_TRUE(recip_at({{"contacts/a.md", contact("name: A", "- 2026-11-01 #intro met at a party\n")}}).items.empty());
    // #intro with #thanks only: listed for the thanks, no intro counted.
    auto i = only_a("- 2026-11-01 #intro #thanks\n");
    EXPECT_EQ(i.thanks, 1);
    EXPECT_EQ(i.intros_gave, 0);
    EXPECT_EQ(i.intros_got, 0);
}

// ================================================================== unthanked

TEST(Reciprocity, UnthankedCountsGotWithoutThanks) {
    auto i = only_a("- 2026-11-01 #got advice\n- 2026-11-05 #got a book\n");
    EXPECT_EQ(i.unthanked, 2);
}

TEST(Reciprocity, ThanksBeforeGotDoesNotThankIt) {
    auto i = only_a("- 2026-10-01 #thanks for the earlier help\n- 2026-10-05 #got advice\n");
    EXPECT_EQ(i.thanks, 1);
    EXPECT_EQ(i.unthanked, 1);
}

TEST(Reciprocity, ThanksOnTheSameDayThanksGot) {
    // A separate #thanks entry the same day, written above the #got.
    auto i = only_a("- 2026-10-05 #thanks\n- 2026-10-05 #got advice\n");
    EXPECT_EQ(i.unthanked, 0);
}

TEST(Reciprocity, LaterThanksThanksEveryEarlierGot) {
    auto i = only_a("- 2026-10-01 #got one\n- 2026-10-05 #got two\n- 2026-10-10 #thanks for both\n");
    EXPECT_EQ(i.unthanked, 0);
    auto j = only_a("- 2026-10-01 #got one\n- 2026-10-03 #thanks\n- 2026-10-05 #got two\n");
    EXPECT_EQ(j.unthanked, 1);
}

TEST(Reciprocity, GotThanksEntryThanksItself) {
    auto i = only_a("- 2026-11-01 #got #thanks a gift, thanked on the spot\n");
    EXPECT_EQ(i.got, 1);
    EXPECT_EQ(i.thanks, 1);
    EXPECT_EQ(i.unthanked, 0);
    EXPECT_TRUE(i.flags.empty());
}

TEST(Reciprocity, GotThanksEntryDoesNotThankALaterGot) {
    auto i = only_a("- 2026-10-01 #got #thanks gift\n- 2026-10-05 #got advice\n");
    EXPECT_EQ(i.unthanked, 1);
}

TEST(Reciprocity, ThanksOfAnotherContactDoesNotThank) {
    auto r = recip_at({{"contacts/a.md", contact("name: A", "- 2026-10-01 #got advice\n")},
                       {"contacts/b.md", contact("name: B", "- 2026-10-05 #thanks\n")}});
    const ReciprocityItem* a = find(r, "a");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->unthanked, 1);
}

TEST(Reciprocity, ThanksAfterTodayDoesNotThank) {
    auto i = only_a("- 2026-11-01 #got advice\n- 2026-11-23 #thanks tomorrow\n");
    EXPECT_EQ(i.thanks, 0);
    EXPECT_EQ(i.unthanked, 1);
}

// ================================================================== balance, last_favour

TEST(Reciprocity, BalanceIsGaveMinusGot) {
    auto r = recip_at({{"contacts/a.md", contact("name: A", "- 2026-11-01 #gave\n- 2026-11-02 #got\n- 2026-11-03 #got\n"
                                                            "- 2026-11-04 #got\n- 2026-11-05 #thanks\n")},
                       {"contacts/b.md", contact("name: B", "- 2026-11-01 #gave\n- 2026-11-02 #gave\n- 2026-11-03 #gave\n"
                                                            "- 2026-11-04 #got\n- 2026-11-05 #thanks\n")}});
    ASSERT_EQ(r.items.size(), 2u);
    EXPECT_EQ(find(r, "a")->balance, -2);
    EXPECT_EQ(find(r, "b")->balance, 2);
}

TEST(Reciprocity, LastFavourIsLatestGaveOrGot) {
    auto i = only_a("- 2026-10-20 #got advice\n- 2026-10-01 #gave a book\n- 2026-11-01 #thanks\n- 2026-11-05 #coffee\n");
    EXPECT_EQ(i.last_favour, day("2026-10-20"));
    auto j = only_a("- 2026-10-20 #got advice\n- 2026-10-25 #gave a book\n- 2026-11-01 #thanks\n");
    EXPECT_EQ(j.last_favour, day("2026-10-25"));
}

TEST(Reciprocity, LastFavourNullWithoutGaveOrGot) {
    auto r = recip_at({{"contacts/a.md", contact("name: A", "- 2026-11-01 #thanks\n")}});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].last_favour, std::nullopt);
    EXPECT_TRUE(to_json(r)["items"][0]["last_favour"].is_null());
}

// ================================================================== flags

TEST(Reciprocity, FlagTakingWhenGotMinusGaveIsAtLeastTwo) {
    // Every #got is thanked, so only `taking` can show.
    auto r = recip_at({{"contacts/a.md", contact("name: A", "- 2026-11-01 #got\n- 2026-11-02 #got\n- 2026-11-03 #thanks\n")},
                       {"contacts/b.md", contact("name: B", "- 2026-11-01 #got\n- 2026-11-02 #got\n- 2026-11-03 #got\n"
                                                            "- 2026-11-04 #gave\n- 2026-11-05 #thanks\n")},
                       {"contacts/c.md", contact("name: C", "- 2026-11-01 #got\n- 2026-11-02 #got\n- 2026-11-03 #gave\n"
                                                            "- 2026-11-05 #thanks\n")}});
    ASSERT_EQ(r.items.size(), 3u);
    EXPECT_EQ(find(r, "a")->flags, (Strings{"taking"}));  // 2 - 0 = 2
    EXPECT_EQ(find(r, "b")->flags, (Strings{"taking"}));  // 3 - 1 = 2
    EXPECT_EQ(find(r, "c")->flags, (Strings{}));          // 2 - 1 = 1
}

TEST(Reciprocity, FlagUnthankedWhenAnyGotIsUnthanked) {
    auto i = only_a("- 2026-11-01 #got\n- 2026-11-02 #gave\n");
    EXPECT_EQ(i.flags, (Strings{"unthanked"}));
}

TEST(Reciprocity, FlagsTakingThenUnthanked) {
    auto i = only_a("- 2026-11-01 #got\n- 2026-11-02 #got\n");
    EXPECT_EQ(i.flags, (Strings{"taking", "unthanked"}));
    auto r = recip_at({{"contacts/a.md", contact("name: A", "- 2026-11-01 #got\n- 2026-11-02 #got\n")}});
    EXPECT_EQ(to_json(r)["items"][0]["flags"], Json::array({"taking", "unthanked"}));
}

TEST(Reciprocity, NoFlagsIsAnEmptyList) {
    auto r = recip_at({{"contacts/a.md", contact("name: A", "- 2026-11-01 #gave\n")}});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_TRUE(r.items[0].flags.empty());
    const Json flags = to_json(r)["items"][0]["flags"];
    EXPECT_TRUE(flags.is_array());
    EXPECT_TRUE(flags.empty());
}

// ================================================================== listing, order, totals

TEST(Reciprocity, ListedOnlyWithGaveGotOrThanks) {
    auto r = recip_at({{"contacts/a.md", contact("name: A", "- 2026-11-01 #coffee #call\n")},
                       {"contacts/b.md", contact("name: B", "- 2026-11-01 #thanks\n")},
                       {"contacts/c.md", contact("name: C", "- 2026-11-01 #intro\n")},
                       {"contacts/d.md", contact("name: D")},
                       {"contacts/e.md", contact("name: E", "- 2026-11-01 #gave\n")},
                       {"contacts/f.md", contact("name: F", "- 2026-11-01 #got\n")}});
    EXPECT_EQ(ids(r), (Strings{"f", "b", "e"}));
}

TEST(Reciprocity, OrderByBalanceAscendingThenId) {
    auto r = recip_at({{"contacts/a.md", contact("name: A", "- 2026-11-01 #gave\n")},                       // +1
                       {"contacts/b.md", contact("name: B", "- 2026-11-01 #got\n- 2026-11-02 #got\n")},     // -2
                       {"contacts/c.md", contact("name: C", "- 2026-11-01 #gave\n")},                       // +1
                       {"contacts/d.md", contact("name: D", "- 2026-11-01 #gave\n- 2026-11-02 #got\n")},    // 0
                       {"contacts/Z.md", contact("name: Zed", "- 2026-11-01 #thanks\n")},                   // 0
                       {"contacts/e.md", contact("name: E", "- 2026-11-01 #got\n")}});                      // -1
    EXPECT_EQ(ids(r), (Strings{"b", "e", "Z", "d", "a", "c"}));
}

TEST(Reciprocity, TiesGoByIdNotByPath) {
    // Folders put the files in another order than their ids.
    auto r = recip_at({{"contacts/b.md", contact("name: B", "- 2026-11-01 #gave\n")},
                       {"contacts/x/a.md", contact("name: A", "- 2026-11-01 #gave\n")},
                       {"contacts/a/c.md", contact("name: C", "- 2026-11-01 #gave\n")}});
    EXPECT_EQ(ids(r), (Strings{"a", "b", "c"}));
}

TEST(Reciprocity, TotalsAreSumsOfListedItems) {
    auto r = recip_at({{"contacts/a.md", contact("name: A", "- 2026-10-01 #gave\n- 2026-10-02 #gave #intro\n- 2026-10-05 #got\n")},
                       {"contacts/b.md", contact("name: B", "- 2026-10-01 #got\n- 2026-10-02 #thanks\n- 2026-10-02 #got\n"
                                                            "- 2026-10-03 #got #intro\n")},
                       {"contacts/c.md", contact("name: C", "- 2026-10-01 #thanks\n")},
                       {"contacts/d.md", contact("name: D", "- 2026-10-01 #coffee\n")},
                       {"contacts/e.md", contact("name: E\narchived: true", "- 2026-10-01 #gave\n- 2026-10-01 #got\n")}});
    ASSERT_EQ(ids(r), (Strings{"b", "c", "a"}));
    const ReciprocityItem& a = *find(r, "a");
    EXPECT_EQ(a.gave, 2);
    EXPECT_EQ(a.got, 1);
    EXPECT_EQ(a.unthanked, 1);
    const ReciprocityItem& b = *find(r, "b");
    EXPECT_EQ(b.got, 3);
    EXPECT_EQ(b.thanks, 1);
    EXPECT_EQ(b.unthanked, 1);
    EXPECT_EQ(r.totals.gave, 2);
    EXPECT_EQ(r.totals.got, 4);
    EXPECT_EQ(r.totals.thanks, 2);
    EXPECT_EQ(r.totals.unthanked, 2);
    EXPECT_EQ(r.totals.contacts, 3);
    const Json t = to_json(r)["totals"];
    EXPECT_EQ(keys(t), (Strings{"gave", "got", "thanks", "unthanked", "contacts"}));
    EXPECT_EQ(t["gave"], 2);
    EXPECT_EQ(t["got"], 4);
    EXPECT_EQ(t["thanks"], 2);
    EXPECT_EQ(t["unthanked"], 2);
    EXPECT_EQ(t["contacts"], 3);
}

TEST(Reciprocity, TotalsAreZeroWhenNobodyIsListed) {
    auto r = recip_at({{"contacts/a.md", contact("name: A", "- 2026-10-01 #coffee\n")}});
    EXPECT_TRUE(r.items.empty());
    const Json t = to_json(r)["totals"];
    EXPECT_EQ(t, (Json{{"gave", 0}, {"got", 0}, {"thanks", 0}, {"unthanked", 0}, {"contacts", 0}}));
}

// ================================================================== --since

TEST(Reciprocity, SinceCountsEntriesOnOrAfterTheDate) {
    auto i = only_a("- 2026-09-30 #gave before\n- 2026-10-01 #gave on the day\n- 2026-10-02 #got after\n"
                    "- 2026-09-29 #thanks before\n",
                    day("2026-10-01"));
    EXPECT_EQ(i.gave, 1);
    EXPECT_EQ(i.got, 1);
    EXPECT_EQ(i.thanks, 0);
    EXPECT_EQ(i.unthanked, 1);
    EXPECT_EQ(i.last_favour, day("2026-10-02"));
}

TEST(Reciprocity, UnthankedCountsOnlyCountedFavours) {
    // A favour before `since` or after today is not counted, so it is never
    // unthanked either; the one counted favour is.
    auto i = only_a("- 2026-09-01 #got before since\n- 2026-10-02 #got counted\n- 2026-11-30 #got a plan\n",
                    day("2026-10-01"));
    EXPECT_EQ(i.got, 1);
    EXPECT_EQ(i.unthanked, 1);
}

TEST(Reciprocity, SinceDropsContactsWithNothingCounted) {
    auto r = recip_at({{"contacts/a.md", contact("name: A", "- 2026-09-30 #gave\n- 2026-09-01 #got\n- 2026-09-02 #thanks\n")},
                       {"contacts/b.md", contact("name: B", "- 2026-10-01 #thanks\n")}},
                      day("2026-10-01"));
    EXPECT_EQ(ids(r), (Strings{"b"}));
    EXPECT_EQ(r.totals.contacts, 1);
}

TEST(Reciprocity, SinceLastFavourOnlyCountsCountedEntries) {
    auto i = only_a("- 2026-09-30 #gave\n- 2026-10-05 #thanks\n", day("2026-10-01"));
    EXPECT_EQ(i.gave, 0);
    EXPECT_EQ(i.last_favour, std::nullopt);
}

TEST(Reciprocity, SinceIsInJsonOrNull) {
    const std::map<std::string, std::string> files{{"contacts/a.md", contact("name: A", "- 2026-11-01 #gave\n")}};
    EXPECT_EQ(to_json(recip_at(files, day("2026-10-01")))["since"], "2026-10-01");
    EXPECT_TRUE(to_json(recip_at(files))["since"].is_null());
}

namespace {

struct CliVault {
    TempDir dir;
    CliVault() {
        // T - 90d = 2026-08-24; T - 1y = 2025-11-22.
        write_file(dir.path() / "contacts/a.md",
                   contact("name: A", "- 2025-11-21 #got old\n- 2025-11-22 #got year ago\n- 2026-08-23 #gave too early\n"
                                      "- 2026-08-24 #gave on the day\n- 2026-09-01 #gave later\n"));
    }
    auto run(std::vector<std::string> extra) {
        std::vector<std::string> args{"--vault", dir.path().string(), "--today", k_today, "--format", "json", "reciprocity"};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_kith(args);
    }
};

} // namespace

TEST(Reciprocity, CliSinceDurationMeansTodayMinusDuration) {
    CliVault v;
    auto r = v.run({"--since", "90d"});
    ASSERT_EQ(r.status, 0) << r.err;
    const Json j = Json::parse(r.out);
    EXPECT_EQ(j["since"], "2026-08-24");
    ASSERT_EQ(j["items"].size(), 1u);
    EXPECT_EQ(j["items"][0]["gave"], 2);
    EXPECT_EQ(j["items"][0]["got"], 0);

    auto y = v.run({"--since", "1y"});
    ASSERT_EQ(y.status, 0) << y.err;
    const Json jy = Json::parse(y.out);
    EXPECT_EQ(jy["since"], "2025-11-22");
    EXPECT_EQ(jy["items"][0]["got"], 1);
    EXPECT_EQ(jy["items"][0]["gave"], 3);
}

TEST(Reciprocity, CliSinceDate) {
    CliVault v;
    auto r = v.run({"--since", "2026-08-24"});
    ASSERT_EQ(r.status, 0) << r.err;
    const Json j = Json::parse(r.out);
    EXPECT_EQ(j["since"], "2026-08-24");
    EXPECT_EQ(j["items"][0]["gave"], 2);
}

TEST(Reciprocity, CliWithoutSinceCountsEverythingAndSinceIsNull) {
    CliVault v;
    auto r = v.run({});
    ASSERT_EQ(r.status, 0) << r.err;
    const Json j = Json::parse(r.out);
    EXPECT_TRUE(j["since"].is_null());
    EXPECT_EQ(j["items"][0]["gave"], 3);
    EXPECT_EQ(j["items"][0]["got"], 2);
}

TEST(Reciprocity, CliSinceNeitherDateNorDurationIsBadUsage) {
    CliVault v;
    EXPECT_EQ(v.run({"--since", "last week"}).status, 2);
    EXPECT_EQ(v.run({"--since", "2026-02-30"}).status, 2);
}

// ================================================================== notes, future entries

TEST(Reciprocity, NoteEntryCountsForEachLinkedContact) {
    auto r = recip_at({{"contacts/a.md", contact("name: A")},
                       {"contacts/b.md", contact("name: B")},
                       {"contacts/c.md", contact("name: C")},
                       {"journal/2026-11-01.md", "- 2026-11-01 [[a]] introduced me to [[b]] #got #intro\n"}});
    EXPECT_EQ(ids(r), (Strings{"a", "b"}));
    for (const ReciprocityItem& i : r.items) {
        EXPECT_EQ(i.got, 1) << i.id;
        EXPECT_EQ(i.intros_got, 1) << i.id;
        EXPECT_EQ(i.unthanked, 1) << i.id;
        EXPECT_EQ(i.last_favour, day("2026-11-01")) << i.id;
    }
    EXPECT_EQ(r.totals.got, 2);
}

TEST(Reciprocity, NoteThanksThanksOwnGot) {
    auto r = recip_at({{"contacts/a.md", contact("name: A", "- 2026-11-01 #got advice\n")},
                       {"notes/cards.md", "- 2026-11-03 sent [[a]] a card #thanks\n"}});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].got, 1);
    EXPECT_EQ(r.items[0].thanks, 1);
    EXPECT_EQ(r.items[0].unthanked, 0);
}

TEST(Reciprocity, OwnAndNoteEntriesAddUp) {
    auto i = recip_at({{"contacts/a.md", contact("name: A", "- 2026-11-01 #gave\n")},
                       {"notes/x.md", "- 2026-11-02 helped [[a]] move #gave\n"}});
    ASSERT_EQ(i.items.size(), 1u);
    EXPECT_EQ(i.items[0].gave, 2);
    EXPECT_EQ(i.items[0].last_favour, day("2026-11-02"));
}

TEST(Reciprocity, FutureEntriesAreIgnored) {
    EXPECT_TRUE(recip_at({{"contacts/a.md", contact("name: A", "- 2026-11-23 #gave #got #thanks\n")}}).items.empty());
    auto i = only_a("- 2026-11-01 #gave\n- 2026-12-01 #gave #got plan\n");
    EXPECT_EQ(i.gave, 1);
    EXPECT_EQ(i.got, 0);
    EXPECT_EQ(i.last_favour, day("2026-11-01"));
}

// ================================================================== JSON

TEST(Reciprocity, JsonShape) {
    auto r = recip_at({{"contacts/a.md", contact("name: Ann", "- 2026-10-01 #gave #intro\n- 2026-10-02 #got\n- 2026-10-03 #got\n"
                                                              "- 2026-10-04 #got #intro\n")}},
                      day("2026-09-01"));
    const Json j = to_json(r);
    EXPECT_EQ(keys(j), (Strings{"today", "since", "items", "totals"}));
    EXPECT_EQ(j["today"], "2026-11-22");
    EXPECT_EQ(j["since"], "2026-09-01");
    ASSERT_EQ(j["items"].size(), 1u);
    const Json& a = j["items"][0];
    EXPECT_EQ(keys(a), (Strings{"id", "name", "gave", "got", "intros_gave", "intros_got", "thanks", "unthanked",
                                "balance", "last_favour", "flags", "file", "line"}));
    EXPECT_EQ(a["id"], "a");
    EXPECT_EQ(a["name"], "Ann");
    EXPECT_EQ(a["gave"], 1);
    EXPECT_EQ(a["got"], 3);
    EXPECT_EQ(a["intros_gave"], 1);
    EXPECT_EQ(a["intros_got"], 1);
    EXPECT_EQ(a["thanks"], 0);
    EXPECT_EQ(a["unthanked"], 3);
    EXPECT_TRUE(a["balance"].is_number_integer());
    EXPECT_EQ(a["balance"], -2);
    EXPECT_EQ(a["last_favour"], "2026-10-04");
    EXPECT_EQ(a["flags"], Json::array({"taking", "unthanked"}));
    EXPECT_EQ(a["file"], "contacts/a.md");
    EXPECT_TRUE(a["line"].is_null());
    EXPECT_EQ(j["totals"], (Json{{"gave", 1}, {"got", 3}, {"thanks", 0}, {"unthanked", 3}, {"contacts", 1}}));
}
