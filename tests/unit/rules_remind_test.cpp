// `kith remind` of REPORTS.md: one test per row and boundary of the table, the
// `--within` option, `overdue`, the order and the JSON shape. Unless a test
// says otherwise T = 2026-11-22, so H = T + 14d = 2026-12-06 and
// T - within = 2026-11-08.

#include "support.hpp"

#include "kith/render/render.hpp"
#include "kith/report/reports.hpp"

#include <string>
#include <vector>

using namespace kith;
using namespace kith::test;

namespace {

const char* const k_today = "2026-11-22";

RemindReport remind_at(const std::map<std::string, std::string>& files, const char* today = k_today,
                       std::optional<std::int32_t> within = std::nullopt) {
    auto ix = index_of(files, today);
    RemindOptions o;
    o.within = within;
    return remind(ix, day(today), o);
}

std::vector<RemindItem> of_kind(const RemindReport& r, const std::string& kind) {
    std::vector<RemindItem> out;
    for (const RemindItem& i : r.items)
        if (i.kind == kind) out.push_back(i);
    return out;
}

/// The ids of the items, in report order.
std::vector<std::string> ids_of(const RemindReport& r) {
    std::vector<std::string> out;
    for (const RemindItem& i : r.items) out.push_back(i.id);
    return out;
}

std::vector<std::string> keys(const Json& j) {
    std::vector<std::string> out;
    for (auto it = j.begin(); it != j.end(); ++it) out.push_back(it.key());
    return out;
}

const std::vector<std::string> k_item_keys{"kind", "id", "name", "date", "overdue", "text", "file", "line"};
const std::vector<std::string> k_birthday_keys{"kind", "id",   "name", "date", "overdue",
                                               "text", "age",  "file", "line"};

} // namespace

// ================================================================== followup

TEST(Remind, FollowupOpenWithDueDateWithinHorizon) {
    // Lines: 1 ---, 2 name, 3 cadence, 4 ---, 5 ## Log, 6 the task.
    auto r = remind_at({{"contacts/a.md", contact("name: Alice A\ncadence: none", "## Log\n- [ ] 2026-11-30 send her the paper\n")}});
    ASSERT_EQ(r.items.size(), 1u);
    const RemindItem& i = r.items[0];
    EXPECT_EQ(i.kind, "followup");
    EXPECT_EQ(i.id, "a");
    EXPECT_EQ(i.name, "Alice A");
    EXPECT_EQ(i.date, day("2026-11-30"));
    EXPECT_FALSE(i.overdue);
    EXPECT_EQ(i.origin.file, "contacts/a.md");
    EXPECT_EQ(i.origin.line, 6);
}

TEST(Remind, FollowupDueOnHorizonIsListedDayAfterIsNot) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none",
                                                  "- [ ] 2026-12-06 on the horizon\n- [ ] 2026-12-07 one day later\n")}});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].date, day("2026-12-06"));
}

TEST(Remind, FollowupLongOverdueIsStillListed) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none", "- [ ] 2025-01-05 ancient promise\n")}});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].kind, "followup");
    EXPECT_EQ(r.items[0].date, day("2025-01-05"));
    EXPECT_TRUE(r.items[0].overdue);
}

TEST(Remind, FollowupWithoutDueDateIsNeverListed) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none", "- [ ] call her some day\n")}},
                       k_today, 100000);
    EXPECT_TRUE(r.items.empty());
}

TEST(Remind, FollowupDoneIsNeverListed) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none",
                                                  "- [x] 2026-11-20 sent it\n- [X] 2026-11-25 booked it\n")}});
    EXPECT_TRUE(r.items.empty());
}

TEST(Remind, FollowupDueDateAfterCalendarEmojiWins) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none",
                                                  "- [ ] 2026-01-01 plan from new year \xF0\x9F\x93\x85 2026-11-30\n")}});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].date, day("2026-11-30"));
    EXPECT_FALSE(r.items[0].overdue);
}

TEST(Remind, FollowupFromNoteThatLinksContact) {
    // The note's task is a follow-up of each linked contact, at the note's line.
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none")},
                        {"contacts/b.md", contact("name: B\ncadence: none")},
                        {"contacts/c.md", contact("name: C\ncadence: none")},
                        {"notes/plan.md", "# Plan\n\n- [ ] 2026-11-25 send [[a]] and [[B]] the deck\n"}});
    ASSERT_EQ(r.items.size(), 2u);
    EXPECT_EQ(r.items[0].id, "a");
    EXPECT_EQ(r.items[1].id, "b");
    for (const RemindItem& i : r.items) {
        EXPECT_EQ(i.kind, "followup");
        EXPECT_EQ(i.date, day("2026-11-25"));
        EXPECT_EQ(i.origin.file, "notes/plan.md");
        EXPECT_EQ(i.origin.line, 3);
    }
}

TEST(Remind, FollowupDoneInNoteIsNeverListed) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none")},
                        {"notes/plan.md", "- [x] 2026-11-25 sent [[a]] the deck\n- [ ] write to [[a]]\n"}});
    EXPECT_TRUE(r.items.empty());
}

// ================================================================== birthday

TEST(Remind, BirthdayNextOnOrAfterTodayWithinHorizon) {
    // Lines: 2 name, 3 cadence, 4 birthday.
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none\nbirthday: 1990-11-30")}});
    ASSERT_EQ(r.items.size(), 1u);
    const RemindItem& i = r.items[0];
    EXPECT_EQ(i.kind, "birthday");
    EXPECT_EQ(i.date, day("2026-11-30"));
    EXPECT_FALSE(i.overdue);
    EXPECT_TRUE(i.has_age);
    EXPECT_EQ(i.age, 36);
    EXPECT_EQ(i.origin.file, "contacts/a.md");
    EXPECT_EQ(i.origin.line, 4);
}

TEST(Remind, BirthdayOnTodayIsListedAndNotOverdue) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none\nbirthday: 1990-11-22")}});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].date, day("2026-11-22"));
    EXPECT_FALSE(r.items[0].overdue);
    EXPECT_EQ(r.items[0].age, 36);
}

TEST(Remind, BirthdayYesterdayIsNextYearsNotOverdue) {
    const std::map<std::string, std::string> files{
        {"contacts/a.md", contact("name: A\ncadence: none\nbirthday: 1990-11-21")}};
    EXPECT_TRUE(remind_at(files).items.empty());
    auto r = remind_at(files, k_today, 365); // H = 2027-11-22
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].date, day("2027-11-21"));
    EXPECT_FALSE(r.items[0].overdue);
    EXPECT_EQ(r.items[0].age, 37);
}

TEST(Remind, BirthdayOnHorizonIsListedDayAfterIsNot) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none\nbirthday: 1990-12-06")},
                        {"contacts/b.md", contact("name: B\ncadence: none\nbirthday: 1990-12-07")}});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].id, "a");
    EXPECT_EQ(r.items[0].date, day("2026-12-06"));
}

TEST(Remind, BirthdayAcrossNewYearTakesNextYearAndAge) {
    // T = 2026-12-25, H = 2027-01-08.
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none\nbirthday: 1980-01-02")}}, "2026-12-25");
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].date, day("2027-01-02"));
    EXPECT_EQ(r.items[0].age, 47);
}

TEST(Remind, BirthdayFeb29FallsOnFeb28InNonLeapYear) {
    // T = 2027-02-20, H = 2027-03-06; 2027 is not a leap year.
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none\nbirthday: 2000-02-29")}}, "2027-02-20");
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].date, day("2027-02-28"));
    EXPECT_EQ(r.items[0].age, 27);
}

TEST(Remind, BirthdayFeb29OnFeb28OfNonLeapYearIsToday) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none\nbirthday: 2000-02-29")}}, "2027-02-28");
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].date, day("2027-02-28"));
    EXPECT_FALSE(r.items[0].overdue);
}

TEST(Remind, BirthdayFeb29StaysOnFeb29InLeapYear) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none\nbirthday: 2000-02-29")}}, "2028-02-20");
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].date, day("2028-02-29"));
    EXPECT_EQ(r.items[0].age, 28);
}

TEST(Remind, BirthdayFeb29WithoutYearFallsOnFeb28) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none\nbirthday: --02-29")}}, "2027-02-20");
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].date, day("2027-02-28"));
    EXPECT_TRUE(r.items[0].has_age);
    EXPECT_EQ(r.items[0].age, std::nullopt);
}

TEST(Remind, BirthdayWithoutYearHasNullAge) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none\nbirthday: --11-30")}});
    ASSERT_EQ(r.items.size(), 1u);
    EXPECT_EQ(r.items[0].date, day("2026-11-30"));
    EXPECT_TRUE(r.items[0].has_age);
    EXPECT_EQ(r.items[0].age, std::nullopt);
    const Json j = to_json(r)["items"][0];
    ASSERT_TRUE(j.contains("age"));
    EXPECT_TRUE(j["age"].is_null());
}

// ================================================================== keep-in-touch

TEST(Remind, KeepInTouchDueWithinWindow) {
    // last 2026-11-01 + 30d = 2026-12-01.
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: 30d", "- 2026-11-01 #coffee\n")}});
    auto items = of_kind(r, "keep-in-touch");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].date, day("2026-12-01"));
    EXPECT_FALSE(items[0].overdue);
    EXPECT_EQ(items[0].origin.file, "contacts/a.md");
    EXPECT_EQ(items[0].origin.line, std::nullopt);
}

TEST(Remind, KeepInTouchDueExactlyOnHorizonIsListed) {
    // 2026-11-06 + 30d = 2026-12-06 = H; 2026-11-07 + 30d = 2026-12-07 > H.
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: 30d", "- 2026-11-06 #coffee\n")},
                        {"contacts/b.md", contact("name: B\ncadence: 30d", "- 2026-11-07 #coffee\n")}});
    auto items = of_kind(r, "keep-in-touch");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].id, "a");
    EXPECT_EQ(items[0].date, day("2026-12-06"));
}

TEST(Remind, KeepInTouchDueExactlyTMinusWithinIsListedAndOverdue) {
    // 2026-10-09 + 30d = 2026-11-08 = T - 14d.
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: 30d", "- 2026-10-09 #coffee\n")}});
    auto items = of_kind(r, "keep-in-touch");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].date, day("2026-11-08"));
    EXPECT_TRUE(items[0].overdue);
}

TEST(Remind, KeepInTouchDueBeforeWindowGoesToDormantNotRemind) {
    // 2026-10-08 + 30d = 2026-11-07 < T - 14d: longer-lapsed, dormant instead.
    auto ix = index_of({{"contacts/a.md", contact("name: A\ncadence: 30d", "- 2026-10-08 #coffee\n")}});
    EXPECT_TRUE(of_kind(remind(ix, day(k_today), {}), "keep-in-touch").empty());
    auto d = dormant(ix, day(k_today), {});
    ASSERT_EQ(d.items.size(), 1u);
    EXPECT_EQ(d.items[0].id, "a");
    EXPECT_EQ(d.items[0].days_silent, 45);
}

TEST(Remind, KeepInTouchDueTodayIsNotOverdue) {
    // 2026-10-23 + 30d = T.
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: 30d", "- 2026-10-23 #coffee\n")}});
    auto items = of_kind(r, "keep-in-touch");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].date, day("2026-11-22"));
    EXPECT_FALSE(items[0].overdue);
}

TEST(Remind, KeepInTouchUsesTierCadence) {
    // tier close: 90d; 2026-09-01 + 90d = 2026-11-30.
    auto r = remind_at({{"contacts/a.md", contact("name: A\ntier: close", "- 2026-09-01 #call\n")}});
    auto items = of_kind(r, "keep-in-touch");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].date, day("2026-11-30"));
}

TEST(Remind, KeepInTouchNeedsACadence) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none", "- 2026-11-01 #coffee\n")}}, k_today, 3650);
    EXPECT_TRUE(of_kind(r, "keep-in-touch").empty());
}

TEST(Remind, KeepInTouchNeedsALastInteraction) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: 1d")}}, k_today, 3650);
    EXPECT_TRUE(of_kind(r, "keep-in-touch").empty());
}

TEST(Remind, KeepInTouchWindowFollowsWithin) {
    // within 30d: T - 30d = 2026-10-23, H = 2026-12-22.
    // a: 2026-09-23 + 30d = 2026-10-23 (listed); b: 2026-09-22 + 30d = 2026-10-22 (not);
    // c: 2026-11-22 + 30d = 2026-12-22 (listed); d: 2026-11-23 would be a plan.
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: 30d", "- 2026-09-23 x\n")},
                        {"contacts/b.md", contact("name: B\ncadence: 30d", "- 2026-09-22 x\n")},
                        {"contacts/c.md", contact("name: C\ncadence: 30d", "- 2026-11-22 x\n")}},
                       k_today, 30);
    auto items = of_kind(r, "keep-in-touch");
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].id, "a");
    EXPECT_EQ(items[0].date, day("2026-10-23"));
    EXPECT_EQ(items[1].id, "c");
    EXPECT_EQ(items[1].date, day("2026-12-22"));
}

// ================================================================== thank

TEST(Remind, ThankForGotEntry) {
    // Lines: 2 name, 3 cadence, 4 ---, 5 ## Log, 6 the entry. 2026-11-20 + 3d.
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none", "## Log\n- 2026-11-20 #got intro to Sam\n")}});
    ASSERT_EQ(r.items.size(), 1u);
    const RemindItem& i = r.items[0];
    EXPECT_EQ(i.kind, "thank");
    EXPECT_EQ(i.date, day("2026-11-23"));
    EXPECT_FALSE(i.overdue);
    EXPECT_EQ(i.origin.file, "contacts/a.md");
    EXPECT_EQ(i.origin.line, 6);
}

TEST(Remind, ThankLookbackIs180DaysInclusive) {
    // T - 180d = 2026-05-26: a #got that day is listed (due 2026-05-29, overdue);
    // one on 2026-05-25 is too old.
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none", "- 2026-05-26 #got a favour\n")},
                        {"contacts/b.md", contact("name: B\ncadence: none", "- 2026-05-25 #got a favour\n")}});
    auto items = of_kind(r, "thank");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].id, "a");
    EXPECT_EQ(items[0].date, day("2026-05-29"));
    EXPECT_TRUE(items[0].overdue);
}

TEST(Remind, ThanksAfterGotSuppressesThank) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none", "- 2026-11-10 #got\n- 2026-11-12 #thanks\n")}});
    EXPECT_TRUE(of_kind(r, "thank").empty());
}

TEST(Remind, ThanksOnTheGotDaySuppressesThank) {
    // [d, T] includes d: a separate #thanks entry the same day thanks it, even
    // when written before the #got.
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none", "- 2026-11-10 #thanks\n- 2026-11-10 #got\n")}});
    EXPECT_TRUE(of_kind(r, "thank").empty());
}

TEST(Remind, ThanksOnTodaySuppressesThank) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none", "- 2026-11-10 #got\n- 2026-11-22 #thanks\n")}});
    EXPECT_TRUE(of_kind(r, "thank").empty());
}

TEST(Remind, ThanksBeforeGotDoesNotSuppressThank) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none", "- 2026-11-01 #thanks\n- 2026-11-10 #got\n")}});
    auto items = of_kind(r, "thank");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].date, day("2026-11-13"));
    EXPECT_TRUE(items[0].overdue);
}

TEST(Remind, ThanksAfterTodayDoesNotSuppressThank) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none", "- 2026-11-10 #got\n- 2026-11-25 #thanks\n")}});
    auto items = of_kind(r, "thank");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].date, day("2026-11-13"));
}

TEST(Remind, GotAndThanksInOneEntryThanksItself) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none", "- 2026-11-20 #got #thanks a gift, thanked on the spot\n")}});
    EXPECT_TRUE(of_kind(r, "thank").empty());
}

TEST(Remind, ThanksOfAnotherContactDoesNotCount) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none", "- 2026-11-20 #got\n")},
                        {"contacts/b.md", contact("name: B\ncadence: none", "- 2026-11-21 #thanks\n")}});
    auto items = of_kind(r, "thank");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].id, "a");
}

TEST(Remind, ThankOneItemPerUnthankedGot) {
    // The #thanks of 2026-11-05 thanks the #got of 2026-11-01 only.
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none",
                                                  "- 2026-11-01 #got one\n- 2026-11-05 #thanks\n"
                                                  "- 2026-11-15 #got two\n- 2026-11-18 #got three\n")}});
    auto items = of_kind(r, "thank");
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].date, day("2026-11-18"));
    EXPECT_EQ(items[0].origin.line, 7);
    EXPECT_EQ(items[1].date, day("2026-11-21"));
    EXPECT_EQ(items[1].origin.line, 8);
}

TEST(Remind, ThankGotTagIsCaseInsensitive) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none", "- 2026-11-20 #GOT help\n")}});
    EXPECT_EQ(of_kind(r, "thank").size(), 1u);
}

TEST(Remind, ThankDueAfterHorizonIsNotListed) {
    // thank_within 20d: 2026-11-16 + 20d = 2026-12-06 = H (listed);
    // 2026-11-17 + 20d = 2026-12-07 (not).
    auto r = remind_at({{".kith/config.yaml", "thank_within: 20d\n"},
                        {"contacts/a.md", contact("name: A\ncadence: none", "- 2026-11-16 #got\n")},
                        {"contacts/b.md", contact("name: B\ncadence: none", "- 2026-11-17 #got\n")}});
    auto items = of_kind(r, "thank");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].id, "a");
    EXPECT_EQ(items[0].date, day("2026-12-06"));
}

TEST(Remind, ThankWithinFromConfig) {
    auto r = remind_at({{".kith/config.yaml", "thank_within: 1w\n"},
                        {"contacts/a.md", contact("name: A\ncadence: none", "- 2026-11-20 #got\n")}});
    auto items = of_kind(r, "thank");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].date, day("2026-11-27"));
}

TEST(Remind, ThankForGotInNoteUsesTheNoteEntry) {
    // Lines of the note: 1 # Day, 2 blank, 3 the entry.
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none")},
                        {"journal/2026-11-19.md", "# Day\n\n- 2026-11-19 [[a]] lent me a tent #got\n"}});
    auto items = of_kind(r, "thank");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].id, "a");
    EXPECT_EQ(items[0].date, day("2026-11-22"));
    EXPECT_EQ(items[0].origin.file, "journal/2026-11-19.md");
    EXPECT_EQ(items[0].origin.line, 3);
}

TEST(Remind, ThanksInNoteThatLinksContactSuppressesThank) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none", "- 2026-11-10 #got\n")},
                        {"notes/cards.md", "- 2026-11-12 card to [[a]] #thanks\n"}});
    EXPECT_TRUE(of_kind(r, "thank").empty());
}

// ================================================================== welcome

TEST(Remind, WelcomeTwoDaysAfterMet) {
    // Lines: 2 name, 3 cadence, 4 met.
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none\nmet: 2026-11-20")}});
    ASSERT_EQ(r.items.size(), 1u);
    const RemindItem& i = r.items[0];
    EXPECT_EQ(i.kind, "welcome");
    EXPECT_EQ(i.date, day("2026-11-22"));
    EXPECT_FALSE(i.overdue);
    EXPECT_EQ(i.origin.file, "contacts/a.md");
    EXPECT_EQ(i.origin.line, 4);
}

TEST(Remind, WelcomeMetExactly30DaysAgoIsListed) {
    // T - 30d = 2026-10-23: listed (due 2026-10-25, overdue); 2026-10-22 is too old.
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none\nmet: 2026-10-23")},
                        {"contacts/b.md", contact("name: B\ncadence: none\nmet: 2026-10-22")}});
    auto items = of_kind(r, "welcome");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].id, "a");
    EXPECT_EQ(items[0].date, day("2026-10-25"));
    EXPECT_TRUE(items[0].overdue);
}

TEST(Remind, WelcomeMetTodayIsDueInTwoDays) {
    auto items = of_kind(remind_at({{"contacts/a.md", contact("name: A\ncadence: none\nmet: 2026-11-22")}}), "welcome");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].date, day("2026-11-24"));
}

TEST(Remind, WelcomeMetAfterTodayIsNotListed) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none\nmet: 2026-11-25")}});
    EXPECT_TRUE(of_kind(r, "welcome").empty());
}

TEST(Remind, WelcomeSuppressedByEntryAfterMet) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none\nmet: 2026-11-15", "- 2026-11-16 #email follow-up\n")}});
    EXPECT_TRUE(of_kind(r, "welcome").empty());
}

TEST(Remind, WelcomeSuppressedByNoteEntryAfterMet) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none\nmet: 2026-11-15")},
                        {"notes/x.md", "- 2026-11-17 wrote to [[a]]\n"}});
    EXPECT_TRUE(of_kind(r, "welcome").empty());
}

TEST(Remind, WelcomeSuppressedByDatedNoteAfterMet) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none\nmet: 2026-11-15")},
                        {"journal/2026-11-18.md", "Lunch with [[a]].\n"}});
    EXPECT_TRUE(of_kind(r, "welcome").empty());
}

TEST(Remind, WelcomeNotSuppressedByInteractionOnMetDay) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none\nmet: 2026-11-15", "- 2026-11-15 #coffee first chat\n")}});
    auto items = of_kind(r, "welcome");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].date, day("2026-11-17"));
}

TEST(Remind, WelcomeNotSuppressedByInteractionBeforeMet) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none\nmet: 2026-11-15", "- 2026-11-10 #email intro mail\n")}});
    auto items = of_kind(r, "welcome");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].date, day("2026-11-17"));
}

TEST(Remind, WelcomeDueAfterHorizonIsNotListed) {
    // within 1d: H = 2026-11-23. met 2026-11-21 -> 2026-11-23 (listed);
    // met 2026-11-22 -> 2026-11-24 > H (not).
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none\nmet: 2026-11-21")},
                        {"contacts/b.md", contact("name: B\ncadence: none\nmet: 2026-11-22")}},
                       k_today, 1);
    auto items = of_kind(r, "welcome");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].id, "a");
    EXPECT_EQ(items[0].date, day("2026-11-23"));
}

// ================================================================== review

TEST(Remind, ReviewCoreTierAYearAfterReviewed) {
    // Lines: 2 name, 3 tier, 4 cadence, 5 reviewed. 2025-12-01 + 365d = 2026-12-01.
    auto r = remind_at({{"contacts/a.md", contact("name: A\ntier: core\ncadence: none\nreviewed: 2025-12-01")}});
    ASSERT_EQ(r.items.size(), 1u);
    const RemindItem& i = r.items[0];
    EXPECT_EQ(i.kind, "review");
    EXPECT_EQ(i.date, day("2026-12-01"));
    EXPECT_FALSE(i.overdue);
    EXPECT_EQ(i.origin.file, "contacts/a.md");
    EXPECT_EQ(i.origin.line, 5);
}

TEST(Remind, ReviewDueOnHorizonIsListedDayAfterIsNot) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ntier: core\ncadence: none\nreviewed: 2025-12-06")},
                        {"contacts/b.md", contact("name: B\ntier: core\ncadence: none\nreviewed: 2025-12-07")}});
    auto items = of_kind(r, "review");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].id, "a");
    EXPECT_EQ(items[0].date, day("2026-12-06"));
}

TEST(Remind, ReviewLongOverdueIsListed) {
    // 2020-01-01 + 365d = 2020-12-31 (2020 is a leap year).
    auto items = of_kind(remind_at({{"contacts/a.md", contact("name: A\ntier: core\ncadence: none\nreviewed: 2020-01-01")}}),
                         "review");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].date, day("2020-12-31"));
    EXPECT_TRUE(items[0].overdue);
}

TEST(Remind, ReviewOnlyForTierCore) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ntier: close\ncadence: none\nreviewed: 2020-01-01")},
                        {"contacts/b.md", contact("name: B\ntier: network\ncadence: none\nreviewed: 2020-01-01")},
                        {"contacts/c.md", contact("name: C\ncadence: none\nreviewed: 2020-01-01")}});
    EXPECT_TRUE(of_kind(r, "review").empty());
}

TEST(Remind, ReviewNeedsAReviewedDate) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ntier: core\ncadence: none")}}, k_today, 3650);
    EXPECT_TRUE(of_kind(r, "review").empty());
}

TEST(Remind, ReviewForCoreEvenWhenCoreCadenceIsNone) {
    auto r = remind_at({{".kith/config.yaml", "tiers:\n  core: none\n"},
                        {"contacts/a.md", contact("name: A\ntier: core\nreviewed: 2025-12-01")}});
    auto items = of_kind(r, "review");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].date, day("2026-12-01"));
}

// ================================================================== --within

TEST(Remind, DefaultWithinIs14Days) {
    auto r = remind_at({{"contacts/a.md", contact("name: A")}});
    EXPECT_EQ(r.horizon, day("2026-12-06"));
}

TEST(Remind, RemindWithinFromConfigIsTheDefault) {
    auto r = remind_at({{".kith/config.yaml", "remind_within: 3d\n"},
                        {"contacts/a.md", contact("name: A\ncadence: none",
                                                  "- [ ] 2026-11-22 a\n- [ ] 2026-11-24 b\n- [ ] 2026-11-25 c\n"
                                                  "- [ ] 2026-11-26 d\n")}});
    EXPECT_EQ(r.horizon, day("2026-11-25"));
    ASSERT_EQ(r.items.size(), 3u);
    EXPECT_EQ(r.items[2].date, day("2026-11-25"));
}

TEST(Remind, WithinOptionOverridesRemindWithin) {
    const std::map<std::string, std::string> files{
        {".kith/config.yaml", "remind_within: 3d\n"},
        {"contacts/a.md", contact("name: A\ncadence: none",
                                  "- [ ] 2026-11-22 a\n- [ ] 2026-11-24 b\n- [ ] 2026-11-26 c\n- [ ] 2026-11-30 d\n")}};
    auto wide = remind_at(files, k_today, 7); // H = 2026-11-29
    EXPECT_EQ(wide.horizon, day("2026-11-29"));
    ASSERT_EQ(wide.items.size(), 3u);
    EXPECT_EQ(wide.items[2].date, day("2026-11-26"));

    auto zero = remind_at(files, k_today, 0); // H = T
    EXPECT_EQ(zero.horizon, day("2026-11-22"));
    ASSERT_EQ(zero.items.size(), 1u);
    EXPECT_EQ(zero.items[0].date, day("2026-11-22"));
}

TEST(Remind, WithinOptionOnTheCommandLine) {
    TempDir dir;
    write_file(dir.path() / ".kith/config.yaml", "remind_within: 3d\n");
    write_file(dir.path() / "contacts/a.md",
               contact("name: A\ncadence: none", "- [ ] 2026-11-24 b\n- [ ] 2026-11-30 d\n- [ ] 2026-12-07 e\n"));
    auto run = run_kith({"--vault", dir.path().string(), "--today", "2026-11-22", "--format", "json", "remind",
                         "--within", "2w"});
    ASSERT_EQ(run.status, 0) << run.err;
    const Json j = Json::parse(run.out);
    EXPECT_EQ(j["horizon"], "2026-12-06");
    ASSERT_EQ(j["items"].size(), 2u);
    EXPECT_EQ(j["items"][1]["date"], "2026-11-30");

    auto months = run_kith({"--vault", dir.path().string(), "--today", "2026-11-22", "--format", "json", "remind",
                            "--within", "1m"});
    ASSERT_EQ(months.status, 0) << months.err;
    EXPECT_EQ(Json::parse(months.out)["horizon"], "2026-12-22");

    auto bad = run_kith({"--vault", dir.path().string(), "--today", "2026-11-22", "remind", "--within", "2 weeks"});
    EXPECT_EQ(bad.status, 2);
}

// ================================================================== overdue

TEST(Remind, OverdueIsDateBeforeToday) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none",
                                                  "- [ ] 2026-11-21 yesterday\n- [ ] 2026-11-22 today\n- [ ] 2026-11-23 tomorrow\n")}});
    ASSERT_EQ(r.items.size(), 3u);
    EXPECT_TRUE(r.items[0].overdue);
    EXPECT_FALSE(r.items[1].overdue);
    EXPECT_FALSE(r.items[2].overdue);
    const Json j = to_json(r);
    EXPECT_EQ(j["items"][0]["overdue"], true);
    EXPECT_EQ(j["items"][1]["overdue"], false);
    EXPECT_TRUE(j["items"][0]["overdue"].is_boolean());
}

// ================================================================== order

TEST(Remind, OrderByDateFirst) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none", "- [ ] 2026-11-30 later\n")},
                        {"contacts/b.md", contact("name: B\ncadence: none", "- [ ] 2026-11-23 sooner\n")},
                        {"contacts/c.md", contact("name: C\ncadence: none", "- [ ] 2026-11-01 overdue\n")}});
    EXPECT_EQ(ids_of(r), (std::vector<std::string>{"c", "b", "a"}));
}

TEST(Remind, OrderByIdBytesOnTheSameDate) {
    // "Bob" < "alice" < "bea" by UTF-8 bytes (uppercase letters sort first).
    auto r = remind_at({{"contacts/alice.md", contact("name: Alice\ncadence: none", "- [ ] 2026-11-25 x\n")},
                        {"contacts/bea.md", contact("name: Bea\ncadence: none", "- [ ] 2026-11-25 x\n")},
                        {"contacts/Bob.md", contact("name: Bob\ncadence: none", "- [ ] 2026-11-25 x\n")},
                        {"contacts/zed.md", contact("name: Zed\ncadence: none", "- [ ] 2026-11-24 x\n")}});
    EXPECT_EQ(ids_of(r), (std::vector<std::string>{"zed", "Bob", "alice", "bea"}));
}

TEST(Remind, OrderByDateAcrossTheEpoch) {
    // Days before 1970-01-01 are negative inside kith: still earlier.
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none", "- [ ] 1970-01-01 epoch\n")},
                        {"contacts/b.md", contact("name: B\ncadence: none", "- [ ] 1969-12-31 eve\n")},
                        {"contacts/c.md", contact("name: C\ncadence: none", "- [ ] 1900-03-01 long ago\n")},
                        {"contacts/d.md", contact("name: D\ncadence: none", "- [ ] 2026-11-22 today\n")}});
    EXPECT_EQ(ids_of(r), (std::vector<std::string>{"c", "b", "a", "d"}));
}

TEST(Remind, OrderByIdBeforeKind) {
    // Same date 2026-11-22: a's welcome comes before b's birthday although
    // "birthday" < "welcome".
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none\nmet: 2026-11-20")},
                        {"contacts/b.md", contact("name: B\ncadence: none\nbirthday: 1990-11-22")}});
    ASSERT_EQ(r.items.size(), 2u);
    EXPECT_EQ(r.items[0].id, "a");
    EXPECT_EQ(r.items[0].kind, "welcome");
    EXPECT_EQ(r.items[1].id, "b");
    EXPECT_EQ(r.items[1].kind, "birthday");
}

namespace {

/// T = 2026-11-24: contact `a` has one item of every kind, all dated 2026-11-25.
/// Lines: 1 ---, 2 name, 3 tier, 4 cadence, 5 birthday, 6 met, 7 reviewed,
/// 8 ---, 9 ## Log, 10 the task, 11 the #got entry.
RemindReport every_kind_on_one_day() {
    return remind_at({{"contacts/a.md",
                       contact("name: Alice\ntier: core\ncadence: 2d\nbirthday: 1990-11-25\nmet: 2026-11-23\n"
                               "reviewed: 2025-11-25",
                               "## Log\n- [ ] 2026-11-25 send the deck\n- 2026-11-22 #got intro to Sam\n")}},
                     "2026-11-24");
}

} // namespace

TEST(Remind, OrderByKindAlphabeticallyOnTheSameDateAndId) {
    auto r = every_kind_on_one_day();
    ASSERT_EQ(r.items.size(), 6u);
    const std::vector<std::string> kinds{"birthday", "followup", "keep-in-touch", "review", "thank", "welcome"};
    for (std::size_t k = 0; k < kinds.size(); ++k) {
        EXPECT_EQ(r.items[k].kind, kinds[k]);
        EXPECT_EQ(r.items[k].date, day("2026-11-25")) << kinds[k];
        EXPECT_EQ(r.items[k].id, "a");
    }
}

TEST(Remind, OrderByFileThenLineOnTheSameDateIdAndKind) {
    // Own tasks at contacts/a.md:5 and :6; note tasks at aa/first.md:1 and zz/last.md:3.
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none", "- [ ] 2026-11-25 own one\n- [ ] 2026-11-25 own two\n")},
                        {"aa/first.md", "- [ ] 2026-11-25 ask [[a]]\n"},
                        {"zz/last.md", "Text\n\n- [ ] 2026-11-25 tell [[a]]\n"}});
    ASSERT_EQ(r.items.size(), 4u);
    EXPECT_EQ(r.items[0].origin.file, "aa/first.md");
    EXPECT_EQ(r.items[0].origin.line, 1);
    EXPECT_EQ(r.items[1].origin.file, "contacts/a.md");
    EXPECT_EQ(r.items[1].origin.line, 5);
    EXPECT_EQ(r.items[2].origin.file, "contacts/a.md");
    EXPECT_EQ(r.items[2].origin.line, 6);
    EXPECT_EQ(r.items[3].origin.file, "zz/last.md");
    EXPECT_EQ(r.items[3].origin.line, 3);
}

// ================================================================== JSON

TEST(Remind, JsonTopLevelShape) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none")}});
    const Json j = to_json(r);
    EXPECT_EQ(keys(j), (std::vector<std::string>{"today", "horizon", "items"}));
    EXPECT_EQ(j["today"], "2026-11-22");
    EXPECT_EQ(j["horizon"], "2026-12-06");
    EXPECT_TRUE(j["items"].is_array());
    EXPECT_TRUE(j["items"].empty());
}

TEST(Remind, JsonOnlyBirthdayItemsCarryAge) {
    const Json j = to_json(every_kind_on_one_day());
    ASSERT_EQ(j["items"].size(), 6u);
    for (const Json& item : j["items"]) {
        if (item["kind"] == "birthday") {
            EXPECT_EQ(keys(item), k_birthday_keys);
            EXPECT_TRUE(item["age"].is_number_integer());
            EXPECT_EQ(item["age"], 36);
        } else {
            EXPECT_EQ(keys(item), k_item_keys) << item["kind"];
        }
    }
}

TEST(Remind, JsonFileAndLinePerKind) {
    const Json j = to_json(every_kind_on_one_day());
    ASSERT_EQ(j["items"].size(), 6u);
    const Json& items = j["items"];
    for (const Json& item : items) {
        EXPECT_EQ(item["file"], "contacts/a.md") << item["kind"];
        EXPECT_EQ(item["id"], "a");
        EXPECT_EQ(item["name"], "Alice");
        EXPECT_EQ(item["date"], "2026-11-25");
        EXPECT_EQ(item["overdue"], false);
        EXPECT_TRUE(item["text"].is_string());
    }
    EXPECT_EQ(items[0]["kind"], "birthday");
    EXPECT_EQ(items[0]["line"], 5);       // the birthday: key
    EXPECT_EQ(items[1]["kind"], "followup");
    EXPECT_EQ(items[1]["line"], 10);      // the task's line
    EXPECT_EQ(items[2]["kind"], "keep-in-touch");
    EXPECT_TRUE(items[2]["line"].is_null()); // the contact's file, line null
    EXPECT_EQ(items[3]["kind"], "review");
    EXPECT_EQ(items[3]["line"], 7);       // the reviewed: key
    EXPECT_EQ(items[4]["kind"], "thank");
    EXPECT_EQ(items[4]["line"], 11);      // the #got entry
    EXPECT_EQ(items[5]["kind"], "welcome");
    EXPECT_EQ(items[5]["line"], 6);       // the met: key
}

TEST(Remind, JsonThankFromNoteNamesTheNoteAndItsLine) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none")},
                        {"journal/2026-11-19.md", "---\ntitle: day\n---\n# Day\n- 2026-11-19 [[a]] lent me a tent #got\n"}});
    const Json j = to_json(r);
    ASSERT_EQ(j["items"].size(), 1u);
    EXPECT_EQ(j["items"][0]["kind"], "thank");
    EXPECT_EQ(j["items"][0]["file"], "journal/2026-11-19.md");
    EXPECT_EQ(j["items"][0]["line"], 5);
    EXPECT_FALSE(j["items"][0].contains("age"));
}

TEST(Remind, JsonFollowupFromNoteNamesTheNoteAndItsLine) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none")},
                        {"notes/todo.md", "# Todo\n\n- [ ] 2026-11-25 call [[a]]\n"}});
    const Json j = to_json(r);
    ASSERT_EQ(j["items"].size(), 1u);
    EXPECT_EQ(j["items"][0]["kind"], "followup");
    EXPECT_EQ(j["items"][0]["file"], "notes/todo.md");
    EXPECT_EQ(j["items"][0]["line"], 3);
    EXPECT_EQ(j["items"][0]["date"], "2026-11-25");
}

TEST(Remind, JsonBirthdayAgeNumberOrNull) {
    auto r = remind_at({{"contacts/a.md", contact("name: A\ncadence: none\nbirthday: 1990-11-30")},
                        {"contacts/b.md", contact("name: B\ncadence: none\nbirthday: --11-30")}});
    const Json j = to_json(r);
    ASSERT_EQ(j["items"].size(), 2u);
    EXPECT_EQ(keys(j["items"][0]), k_birthday_keys);
    EXPECT_EQ(j["items"][0]["age"], 36);
    EXPECT_EQ(keys(j["items"][1]), k_birthday_keys);
    EXPECT_TRUE(j["items"][1]["age"].is_null());
    EXPECT_EQ(j["items"][1]["line"], 4);
}

TEST(Remind, JsonOverCommandLineIsOneObject) {
    TempDir dir;
    write_file(dir.path() / "contacts/a.md", contact("name: A\ncadence: none\nbirthday: 1990-11-30"));
    auto run = run_kith({"--vault", dir.path().string(), "--today", "2026-11-22", "--format", "json", "remind"});
    ASSERT_EQ(run.status, 0) << run.err;
    const Json j = Json::parse(run.out);
    EXPECT_EQ(keys(j), (std::vector<std::string>{"today", "horizon", "items"}));
    ASSERT_EQ(j["items"].size(), 1u);
    EXPECT_EQ(keys(j["items"][0]), k_birthday_keys);
    EXPECT_EQ(j["items"][0]["file"], "contacts/a.md");
    EXPECT_EQ(j["items"][0]["line"], 4);
}
