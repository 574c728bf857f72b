// The "Definitions used by the reports" of REPORTS.md: T, archived, entries(c),
// interactions(c), last(c) and cadence(c). Each test observes a definition
// through the public reports (remind, dormant, reciprocity), with expectations
// computed by hand. Unless a test says otherwise T is 2026-11-22, so the
// default remind horizon is 2026-12-06.

#include "support.hpp"

#include "kith/render/render.hpp"
#include "kith/report/reports.hpp"

#include <string>
#include <vector>

using namespace kith;
using namespace kith::test;

namespace {

/// The items of one kind, copied: callers pass a temporary report.
std::vector<RemindItem> of_kind(const RemindReport& r, const std::string& kind) {
    std::vector<RemindItem> out;
    for (const RemindItem& i : r.items)
        if (i.kind == kind) out.push_back(i);
    return out;
}

const DormantItem* dormant_item(const DormantReport& r, const std::string& id) {
    for (const DormantItem& i : r.items)
        if (i.id == id) return &i;
    return nullptr;
}

/// cadence(c) in days as the dormant report shows it for a contact that was
/// never contacted (such a contact is dormant whenever its cadence is not null).
std::optional<std::int32_t> cadence_seen(const VaultIndex& ix, const std::string& id) {
    auto r = dormant(ix, day("2026-11-22"), DormantOptions{});
    if (const DormantItem* i = dormant_item(r, id)) return i->cadence_days;
    return std::nullopt;
}

} // namespace

// ------------------------------------------------------------------ T

TEST(Definitions, TodayIsTheDayTheReportsAreComputedFor) {
    // One follow-up due 2026-11-30.
    const std::map<std::string, std::string> files{
        {"contacts/a.md", contact("name: A\ncadence: none", "- [ ] 2026-11-30 send the paper\n")}};

    {   // T = 2026-11-22: horizon 2026-12-06, due not yet passed.
        auto ix = index_of(files, "2026-11-22");
        auto r = remind(ix, day("2026-11-22"), RemindOptions{});
        EXPECT_EQ(r.today, day("2026-11-22"));
        EXPECT_EQ(r.horizon, day("2026-12-06"));
        ASSERT_EQ(r.items.size(), 1u);
        EXPECT_FALSE(r.items[0].overdue);
    }
    {   // T = 2026-12-05: the same follow-up is overdue.
        auto ix = index_of(files, "2026-12-05");
        auto r = remind(ix, day("2026-12-05"), RemindOptions{});
        EXPECT_EQ(r.horizon, day("2026-12-19"));
        ASSERT_EQ(r.items.size(), 1u);
        EXPECT_TRUE(r.items[0].overdue);
    }
    {   // T = 2026-11-10: horizon 2026-11-24, the follow-up is beyond it.
        auto ix = index_of(files, "2026-11-10");
        auto r = remind(ix, day("2026-11-10"), RemindOptions{});
        EXPECT_EQ(r.horizon, day("2026-11-24"));
        EXPECT_TRUE(r.items.empty());
    }
}

TEST(Definitions, TodayIsEchoedByEveryReport) {
    auto ix = index_of({{"contacts/a.md", contact("name: A")}}, "2026-11-22");
    EXPECT_EQ(to_json(remind(ix, day("2026-11-22"), {}))["today"], "2026-11-22");
    EXPECT_EQ(to_json(dormant(ix, day("2026-11-22"), {}))["today"], "2026-11-22");
    EXPECT_EQ(to_json(reciprocity(ix, day("2026-11-22"), {}))["today"], "2026-11-22");
}

// ------------------------------------------------------------------ archived

TEST(Definitions, ArchivedContactsAreLeftOutOfRemind) {
    // Both contacts would get a follow-up, a birthday, a thank and a welcome.
    const std::string front = "tier: core\nbirthday: 1990-11-30\nmet: 2026-11-20\nreviewed: 2025-11-01";
    const std::string body = "- [ ] 2026-11-25 call\n- 2026-11-19 #got a favour\n";
    auto ix = index_of({{"contacts/arch.md", contact("name: Arch\narchived: true\n" + front, body)},
                        {"contacts/live.md", contact("name: Live\narchived: false\n" + front, body)}});
    auto r = remind(ix, day("2026-11-22"), RemindOptions{});
    ASSERT_FALSE(r.items.empty());
    for (const RemindItem& i : r.items) EXPECT_EQ(i.id, "live") << i.kind;
}

TEST(Definitions, ArchivedContactsAreLeftOutOfDormant) {
    auto ix = index_of({{"contacts/arch.md", contact("name: Arch\ncadence: 7d\narchived: true")},
                        {"contacts/live.md", contact("name: Live\ncadence: 7d")}});
    auto r = dormant(ix, day("2026-11-22"), DormantOptions{});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].id, "live");
}

TEST(Definitions, ArchivedContactsAreLeftOutOfReciprocity) {
    const std::string body = "- 2026-11-01 #got a favour\n- 2026-11-02 #gave one back\n";
    auto ix = index_of({{"contacts/arch.md", contact("name: Arch\narchived: true", body)},
                        {"contacts/live.md", contact("name: Live", body)}});
    auto r = reciprocity(ix, day("2026-11-22"), ReciprocityOptions{});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].id, "live");
    EXPECT_EQ(r.totals.contacts, 1);
    EXPECT_EQ(r.totals.got, 1);
    EXPECT_EQ(r.totals.gave, 1);
}

TEST(Definitions, ArchivedContactsLinkedFromNotesAreStillLeftOut) {
    auto ix = index_of({{"contacts/arch.md", contact("name: Arch\narchived: true")},
                        {"journal/2026-11-20.md", "- 2026-11-20 dinner with [[arch]] #got\n- [ ] 2026-11-25 write [[arch]]\n"}});
    EXPECT_TRUE(remind(ix, day("2026-11-22"), {}).items.empty());
    EXPECT_TRUE(dormant(ix, day("2026-11-22"), {}).items.empty());
    EXPECT_TRUE(reciprocity(ix, day("2026-11-22"), {}).items.empty());
}

// ------------------------------------------------------------------ entries(c)

TEST(Definitions, EntriesIncludeOwnInteractionEntries) {
    auto ix = index_of({{"contacts/a.md", contact("name: A", "## Log\n- 2026-11-01 #gave sent a book\n- 2026-11-02 #gave again\n")}});
    auto r = reciprocity(ix, day("2026-11-22"), {});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].gave, 2);
}

TEST(Definitions, EntriesIncludeNoteEntriesThatLinkTheContact) {
    auto ix = index_of({{"contacts/a.md", contact("name: A\ncadence: 7d", "- 2026-10-01 own words\n")},
                        {"notes/meeting.md", "# Meeting\n\n- 2026-10-05 lunch with [[a]] #gave\n"}});
    auto rec = reciprocity(ix, day("2026-11-22"), {});
    ASSERT_EQ(rec.items.size(), 1u);
    EXPECT_EQ(rec.items[0].gave, 1);

    // The note entry is the latest of entries(a): it sets last(a) and last_text.
    auto d = dormant(ix, day("2026-11-22"), {});
    const DormantItem* a = dormant_item(d, "a");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->last, day("2026-10-05"));
    EXPECT_EQ(a->last_text, "lunch with [[a]] #gave");
}

TEST(Definitions, NoteEntryThatDoesNotLinkTheContactIsNotItsEntry) {
    auto ix = index_of({{"contacts/a.md", contact("name: A")},
                        {"contacts/b.md", contact("name: B")},
                        {"notes/meeting.md", "- 2026-10-05 lunch with [[b]] #gave\n"}});
    auto rec = reciprocity(ix, day("2026-11-22"), {});
    ASSERT_EQ(rec.items.size(), 1u);
    EXPECT_EQ(rec.items[0].id, "b");
}

TEST(Definitions, NoteEntryLinkingSeveralContactsIsAnEntryOfEach) {
    auto ix = index_of({{"contacts/a.md", contact("name: A\ncadence: 7d")},
                        {"contacts/b.md", contact("name: B\ncadence: 7d")},
                        {"notes/dinner.md", "- 2026-11-01 dinner with [[a]] and [[B]] #got\n"}});
    auto d = dormant(ix, day("2026-11-22"), {});
    ASSERT_EQ(d.items.size(), 2u);
    for (const DormantItem& i : d.items) {
        EXPECT_EQ(i.last, day("2026-11-01")) << i.id;
        EXPECT_EQ(i.last_text, "dinner with [[a]] and [[B]] #got") << i.id;
    }
    auto rec = reciprocity(ix, day("2026-11-22"), {});
    ASSERT_EQ(rec.items.size(), 2u);
    EXPECT_EQ(rec.items[0].got, 1);
    EXPECT_EQ(rec.items[1].got, 1);
}

// ------------------------------------------------------------------ entries after T

TEST(Definitions, EntriesAfterTodayCountForNothingInRemind) {
    const auto T = day("2026-11-22");
    auto ix = index_of({
        // A future #got must not make a thank item.
        {"contacts/a.md", contact("name: A\ncadence: none", "- 2026-11-23 #got will help me move\n")},
        // A future #thanks must not thank a past #got (thank due 2026-11-23).
        {"contacts/b.md", contact("name: B\ncadence: none", "- 2026-11-20 #got lent a tent\n- 2026-11-24 #thanks plan to thank\n")},
        // A future entry must not suppress a welcome (met 2026-11-20, welcome 2026-11-22).
        {"contacts/c.md", contact("name: C\ncadence: none\nmet: 2026-11-20", "- 2026-11-25 #coffee planned\n")},
        // A future entry must not move last(d): last 2026-10-25, cadence 30d -> 2026-11-24.
        {"contacts/d.md", contact("name: D\ncadence: 30d", "- 2026-10-25 #call\n- 2026-11-30 #coffee planned\n")},
    });
    auto r = remind(ix, T, RemindOptions{});
    ASSERT_EQ(r.items.size(), 3u);
    EXPECT_EQ(r.items[0].kind, "welcome");
    EXPECT_EQ(r.items[0].id, "c");
    EXPECT_EQ(r.items[0].date, day("2026-11-22"));
    EXPECT_EQ(r.items[1].kind, "thank");
    EXPECT_EQ(r.items[1].id, "b");
    EXPECT_EQ(r.items[1].date, day("2026-11-23"));
    EXPECT_EQ(r.items[2].kind, "keep-in-touch");
    EXPECT_EQ(r.items[2].id, "d");
    EXPECT_EQ(r.items[2].date, day("2026-11-24"));
}

TEST(Definitions, EntriesAfterTodayCountForNothingInDormant) {
    auto ix = index_of({
        {"contacts/a.md", contact("name: A\ncadence: 30d", "- 2026-09-01 #coffee old chat\n- 2026-12-01 #dinner planned\n")},
        {"contacts/b.md", contact("name: B\ncadence: 30d", "- 2026-12-01 #dinner planned\n")},
    });
    auto r = dormant(ix, day("2026-11-22"), {});
    ASSERT_EQ(r.items.size(), 2u);
    EXPECT_EQ(r.items[0].id, "a");
    EXPECT_EQ(r.items[0].last, day("2026-09-01"));
    EXPECT_EQ(r.items[0].days_silent, 82);
    EXPECT_EQ(r.items[0].last_text, "#coffee old chat");
    // b has only a planned entry: never contacted, no last_text.
    EXPECT_EQ(r.items[1].id, "b");
    EXPECT_EQ(r.items[1].last, std::nullopt);
    EXPECT_EQ(r.items[1].days_silent, std::nullopt);
    EXPECT_EQ(r.items[1].last_text, std::nullopt);
}

TEST(Definitions, EntriesAfterTodayCountForNothingInReciprocity) {
    auto ix = index_of({
        {"contacts/a.md", contact("name: A", "- 2026-11-23 #gave #got #thanks planned\n")},
        {"contacts/b.md", contact("name: B", "- 2026-11-01 #got help\n- 2026-11-30 #thanks planned\n")},
    });
    auto r = reciprocity(ix, day("2026-11-22"), {});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].id, "b");
    EXPECT_EQ(r.items[0].got, 1);
    EXPECT_EQ(r.items[0].thanks, 0);
    EXPECT_EQ(r.items[0].unthanked, 1);
}

TEST(Definitions, NoteEntriesAfterTodayCountForNothing) {
    auto ix = index_of({
        {"contacts/a.md", contact("name: A\ncadence: 30d", "- 2026-09-01 old chat\n")},
        {"notes/plans.md", "- 2026-12-01 dinner with [[a]] #gave\n"},
    });
    EXPECT_TRUE(reciprocity(ix, day("2026-11-22"), {}).items.empty());
    auto d = dormant(ix, day("2026-11-22"), {});
    ASSERT_EQ(d.items.size(), 1u);
    EXPECT_EQ(d.items[0].last, day("2026-09-01"));
    EXPECT_EQ(d.items[0].last_text, "old chat");
}

// ------------------------------------------------------------------ interactions(c), last(c)

TEST(Definitions, InteractionsIncludeDatedNotesThatLinkTheContact) {
    // The note is dated by its file name; the link is in plain text, not an entry.
    auto ix = index_of({{"contacts/a.md", contact("name: A\ncadence: 7d")},
                        {"journal/2026-11-10.md", "Ran into [[a]] at the station.\n"}});
    auto r = dormant(ix, day("2026-11-22"), {});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].last, day("2026-11-10"));
    EXPECT_EQ(r.items[0].days_silent, 12);
}

TEST(Definitions, DatedNoteInteractionIsNotAnEntry) {
    // The dated note moves last(a) but has no text and no tags.
    auto ix = index_of({{"contacts/a.md", contact("name: A\ncadence: 7d", "- 2026-11-01 coffee chat\n")},
                        {"journal/2026-11-10.md", "Saw [[a]] again #got\n"}});
    auto d = dormant(ix, day("2026-11-22"), {});
    ASSERT_EQ(d.items.size(), 1u);
    EXPECT_EQ(d.items[0].last, day("2026-11-10"));
    EXPECT_EQ(d.items[0].last_text, "coffee chat");
    EXPECT_TRUE(reciprocity(ix, day("2026-11-22"), {}).items.empty());
}

TEST(Definitions, NoteDateFromFrontMatterWinsOverFileName) {
    auto ix = index_of({{"contacts/a.md", contact("name: A\ncadence: 7d")},
                        {"journal/2026-01-01.md", "---\ndate: 2026-11-15\n---\nTalked to [[a]].\n"}});
    auto r = dormant(ix, day("2026-11-22"), {});
    ASSERT_EQ(r.items.size(), 0u) << "last(a) is 2026-11-15, 7 days ago: not more than the 7d cadence";
    auto ix2 = index_of({{"contacts/a.md", contact("name: A\ncadence: 6d")},
                         {"journal/2026-01-01.md", "---\ndate: 2026-11-15\n---\nTalked to [[a]].\n"}});
    auto r2 = dormant(ix2, day("2026-11-22"), {});
    ASSERT_EQ(r2.items.size(), 1u);
    EXPECT_EQ(r2.items[0].last, day("2026-11-15"));
}

TEST(Definitions, UndatedNoteLinkIsNotAnInteraction) {
    auto ix = index_of({{"contacts/a.md", contact("name: A\ncadence: 7d")},
                        {"notes/ideas.md", "Ask [[a]] about the trip.\n"}});
    auto r = dormant(ix, day("2026-11-22"), {});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].last, std::nullopt);
}

TEST(Definitions, DatedNoteAfterTodayIsNotAnInteraction) {
    auto ix = index_of({{"contacts/a.md", contact("name: A\ncadence: 7d", "- 2026-10-01 chat\n")},
                        {"journal/2026-12-01.md", "Dinner with [[a]].\n"}});
    auto r = dormant(ix, day("2026-11-22"), {});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].last, day("2026-10-01"));
}

TEST(Definitions, MetDateIsAnInteraction) {
    auto ix = index_of({{"contacts/a.md", contact("name: A\ncadence: 30d\nmet: 2026-10-01")}});
    auto r = dormant(ix, day("2026-11-22"), {});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].last, day("2026-10-01"));
    EXPECT_EQ(r.items[0].days_silent, 52);
}

TEST(Definitions, MetAfterTodayIsNotAnInteraction) {
    auto ix = index_of({{"contacts/a.md", contact("name: A\ncadence: 30d\nmet: 2026-12-01")}});
    auto r = dormant(ix, day("2026-11-22"), {});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].last, std::nullopt);
}

TEST(Definitions, LastIsTheLatestInteractionWhateverItsSource) {
    // Entries out of date order, a dated note and met: the latest is the note.
    auto ix = index_of({{"contacts/a.md", contact("name: A\ncadence: 10d\nmet: 2026-09-15",
                                                  "- 2026-10-05 later\n- 2026-09-20 earlier\n")},
                        {"journal/2026-10-07.md", "Call with [[a]]\n"},
                        {"contacts/b.md", contact("name: B\ncadence: 10d\nmet: 2026-10-20",
                                                  "- 2026-10-05 chat\n")},
                        {"contacts/c.md", contact("name: C\ncadence: 10d\nmet: 2026-09-01",
                                                  "- 2026-09-10 first\n- 2026-10-11 second\n- 2026-10-01 third\n")}});
    auto r = dormant(ix, day("2026-11-22"), {});
    const DormantItem* a = dormant_item(r, "a");
    const DormantItem* b = dormant_item(r, "b");
    const DormantItem* c = dormant_item(r, "c");
    ASSERT_TRUE(a && b && c);
    EXPECT_EQ(a->last, day("2026-10-07"));
    EXPECT_EQ(b->last, day("2026-10-20"));
    EXPECT_EQ(c->last, day("2026-10-11"));
}

TEST(Definitions, LastIsNullWithoutInteractions) {
    auto ix = index_of({{"contacts/a.md", contact("name: A\ncadence: 10d", "Just notes, no entries.\n- not dated\n")}});
    auto r = dormant(ix, day("2026-11-22"), {});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].last, std::nullopt);
}

TEST(Definitions, MetCountsAsInteractionForKeepInTouch) {
    // last = met 2026-10-25, cadence 30d -> due 2026-11-24.
    auto ix = index_of({{"contacts/a.md", contact("name: A\ncadence: 30d\nmet: 2026-10-25")}});
    auto items = of_kind(remind(ix, day("2026-11-22"), {}), "keep-in-touch");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].date, day("2026-11-24"));
}

TEST(Definitions, DatedNoteCountsForKeepInTouch) {
    // last = note date 2026-11-01, cadence 30d -> due 2026-12-01.
    auto ix = index_of({{"contacts/a.md", contact("name: A\ncadence: 30d", "- 2026-09-01 old\n")},
                        {"journal/2026-11-01.md", "Coffee with [[a]]\n"}});
    auto items = of_kind(remind(ix, day("2026-11-22"), {}), "keep-in-touch");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].date, day("2026-12-01"));
}

// ------------------------------------------------------------------ cadence(c)

TEST(Definitions, CadenceOfContactOverridesTier) {
    auto ix = index_of({{"contacts/a.md", contact("name: A\ntier: core\ncadence: 10d")}});
    EXPECT_EQ(cadence_seen(ix, "a"), 10);
}

TEST(Definitions, CadenceDaysAsWritten) {
    auto ix = index_of({{"contacts/a.md", contact("name: A\ncadence: 45d")}});
    EXPECT_EQ(cadence_seen(ix, "a"), 45);
}

TEST(Definitions, CadenceWeekIs7Days) {
    auto ix = index_of({{"contacts/a.md", contact("name: A\ncadence: 3w")}});
    EXPECT_EQ(cadence_seen(ix, "a"), 21);
}

TEST(Definitions, CadenceMonthIs30Days) {
    auto ix = index_of({{"contacts/a.md", contact("name: A\ncadence: 2m")}});
    EXPECT_EQ(cadence_seen(ix, "a"), 60);
}

TEST(Definitions, CadenceYearIs365Days) {
    auto ix = index_of({{"contacts/a.md", contact("name: A\ncadence: 1y")}, {"contacts/b.md", contact("name: B\ncadence: 2y")}});
    EXPECT_EQ(cadence_seen(ix, "a"), 365);
    EXPECT_EQ(cadence_seen(ix, "b"), 730);
}

TEST(Definitions, CadenceMonthDecidesDormancyAt30Days) {
    // 1m = 30 days: silent 30 days is not dormant, 31 days is.
    auto ix = index_of({{"contacts/a.md", contact("name: A\ncadence: 1m", "- 2026-10-23 x\n")},
                        {"contacts/b.md", contact("name: B\ncadence: 1m", "- 2026-10-22 x\n")}});
    auto r = dormant(ix, day("2026-11-22"), {});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].id, "b");
    EXPECT_EQ(r.items[0].cadence_days, 30);
}

TEST(Definitions, CadenceNoneMeansNullEvenWithATier) {
    auto ix = index_of({{"contacts/a.md", contact("name: A\ntier: core\ncadence: none", "- 2025-01-01 long ago\n")},
                        {"contacts/b.md", contact("name: B\ncadence: none")}});
    EXPECT_TRUE(dormant(ix, day("2026-11-22"), {}).items.empty());
    // No keep-in-touch either: last 2025-01-01 + anything is never computed.
    EXPECT_TRUE(of_kind(remind(ix, day("2026-11-22"), RemindOptions{1000}), "keep-in-touch").empty());
}

TEST(Definitions, CadenceFallsBackToBuiltInTierCadence) {
    auto ix = index_of({{"contacts/a.md", contact("name: A\ntier: core")},
                        {"contacts/b.md", contact("name: B\ntier: close")},
                        {"contacts/c.md", contact("name: C\ntier: network")}});
    EXPECT_EQ(cadence_seen(ix, "a"), 30);
    EXPECT_EQ(cadence_seen(ix, "b"), 90);
    EXPECT_EQ(cadence_seen(ix, "c"), 180);
}

TEST(Definitions, TierCadenceFromConfig) {
    auto ix = index_of({{".kith/config.yaml", "tiers:\n  core: 7d\n  mentor: 2w\n"},
                        {"contacts/a.md", contact("name: A\ntier: core")},
                        {"contacts/b.md", contact("name: B\ntier: mentor")},
                        {"contacts/c.md", contact("name: C\ntier: close")}});
    EXPECT_EQ(cadence_seen(ix, "a"), 7);
    EXPECT_EQ(cadence_seen(ix, "b"), 14);
    EXPECT_EQ(cadence_seen(ix, "c"), 90) << "built-in tiers not named in the config keep their cadence";
}

TEST(Definitions, TierCadenceNoneFromConfig) {
    auto ix = index_of({{".kith/config.yaml", "tiers:\n  network: none\n"},
                        {"contacts/a.md", contact("name: A\ntier: network")},
                        {"contacts/b.md", contact("name: B\ntier: network\ncadence: 20d")}});
    EXPECT_EQ(cadence_seen(ix, "a"), std::nullopt);
    EXPECT_EQ(cadence_seen(ix, "b"), 20);
}

TEST(Definitions, DefaultCadenceIs365Days) {
    auto ix = index_of({{"contacts/a.md", contact("name: A")}});
    EXPECT_EQ(cadence_seen(ix, "a"), 365);
}

TEST(Definitions, DefaultCadenceFromConfig) {
    auto ix = index_of({{".kith/config.yaml", "default_cadence: 45d\n"},
                        {"contacts/a.md", contact("name: A")},
                        {"contacts/b.md", contact("name: B\ntier: core")}});
    EXPECT_EQ(cadence_seen(ix, "a"), 45);
    EXPECT_EQ(cadence_seen(ix, "b"), 30) << "a tier's cadence wins over default_cadence";
}

TEST(Definitions, DefaultCadenceNoneFromConfig) {
    auto ix = index_of({{".kith/config.yaml", "default_cadence: none\n"},
                        {"contacts/a.md", contact("name: A", "- 2020-01-01 long ago\n")},
                        {"contacts/b.md", contact("name: B\ntier: close")},
                        {"contacts/c.md", contact("name: C\ncadence: 10d")}});
    auto r = dormant(ix, day("2026-11-22"), {});
    ASSERT_EQ(r.items.size(), 2u);
    EXPECT_EQ(r.items[0].id, "b");
    EXPECT_EQ(r.items[0].cadence_days, 90);
    EXPECT_EQ(r.items[1].id, "c");
    EXPECT_EQ(r.items[1].cadence_days, 10);
    EXPECT_TRUE(of_kind(remind(ix, day("2026-11-22"), RemindOptions{5000}), "keep-in-touch").empty());
}

TEST(Definitions, CadenceIsExposedOnTheContactRecord) {
    auto ix = index_of({{".kith/config.yaml", "default_cadence: 2m\ntiers:\n  close: none\n"},
                        {"contacts/a.md", contact("name: A")},
                        {"contacts/b.md", contact("name: B\ntier: close")},
                        {"contacts/c.md", contact("name: C\ntier: close\ncadence: 1y")}});
    ASSERT_EQ(ix.contacts().size(), 3u);
    EXPECT_EQ(ix.contacts()[0].cadence_days, 60);
    EXPECT_EQ(ix.contacts()[1].cadence_days, std::nullopt);
    EXPECT_EQ(ix.contacts()[2].cadence_days, 365);
}
