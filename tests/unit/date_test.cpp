// Dates, durations, cadences and birthdays as VAULT.md writes them.
#include "support.hpp"

#include "kith/model/date.hpp"

using namespace kith;
using namespace kith::test;

namespace {

bool parses(const char* s) { return Date::parse(s).has_value(); }

Birthday bday(const char* s) {
    auto b = Birthday::parse(s);
    EXPECT_TRUE(b.has_value()) << s;
    return b.value_or(Birthday{});
}

/// Days of a duration, or -1 when it does not parse.
int dur(const char* s) {
    auto d = Duration::parse(s);
    return d ? d->days : -1;
}

/// Days of a cadence, 0 for `none`, or -1 when it does not parse.
int cad(const char* s) {
    auto c = Cadence::parse(s);
    if (!c) return -1;
    return c->days ? *c->days : 0;
}

} // namespace

// ---------------------------------------------------------------------------
// Date: "Dates are `YYYY-MM-DD` scalars"; an impossible date such as
// `2026-02-30` is a bad value.

TEST(DateParse, AcceptsRealCalendarDays) {
    auto d = Date::parse("2026-11-02");
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->year(), 2026);
    EXPECT_EQ(d->month(), 11);
    EXPECT_EQ(d->day(), 2);
    EXPECT_TRUE(parses("2026-01-01"));
    EXPECT_TRUE(parses("2026-12-31"));
    EXPECT_TRUE(parses("2026-04-30"));
    EXPECT_TRUE(parses("2026-02-28"));
}

TEST(DateParse, RejectsImpossibleDays) {
    EXPECT_FALSE(parses("2026-02-30"));
    EXPECT_FALSE(parses("2026-02-29")); // 2026 is not a leap year
    EXPECT_FALSE(parses("2026-04-31"));
    EXPECT_FALSE(parses("2026-13-01"));
    EXPECT_FALSE(parses("2026-00-10"));
    EXPECT_FALSE(parses("2026-01-00"));
    EXPECT_FALSE(parses("2026-01-32"));
}

TEST(DateParse, LeapYearsFollowTheGregorianRules) {
    EXPECT_TRUE(parses("2024-02-29"));  // divisible by 4
    EXPECT_TRUE(parses("2000-02-29"));  // divisible by 400
    EXPECT_FALSE(parses("2100-02-29")); // divisible by 100, not by 400
    EXPECT_FALSE(parses("1900-02-29"));
    EXPECT_FALSE(parses("2023-02-29"));
    EXPECT_TRUE(is_leap_year(2024));
    EXPECT_TRUE(is_leap_year(2000));
    EXPECT_FALSE(is_leap_year(2100));
    EXPECT_FALSE(is_leap_year(2026));
}

TEST(DateParse, RejectsWrongShapes) {
    EXPECT_FALSE(parses(""));
    EXPECT_FALSE(parses("2026-1-02"));
    EXPECT_FALSE(parses("2026-01-2"));
    EXPECT_FALSE(parses("26-01-02"));
    EXPECT_FALSE(parses("20260102"));
    EXPECT_FALSE(parses("2026/01/02"));
    EXPECT_FALSE(parses("2026.01.02"));
    EXPECT_FALSE(parses("2026-01-02x"));
    EXPECT_FALSE(parses("2026-01-02 "));
    EXPECT_FALSE(parses(" 2026-01-02"));
    EXPECT_FALSE(parses("2026-01-02T10:00"));
    EXPECT_FALSE(parses("02-01-2026"));
    EXPECT_FALSE(parses("２０２６-01-02")); // full-width digits
}

TEST(DateIso, PrintsYyyyMmDdWithZeroPadding) {
    EXPECT_EQ(day("2026-11-02").iso(), "2026-11-02");
    EXPECT_EQ(day("0099-01-05").iso(), "0099-01-05");
    EXPECT_EQ(Date::from_days(0).iso(), "1970-01-01");
    EXPECT_EQ(Date::from_days(-1).iso(), "1969-12-31");
    EXPECT_EQ(Date::from_days(20779).iso(), "2026-11-22");
    EXPECT_EQ(Date::from_days(11016).iso(), "2000-02-29");
}

TEST(DateArithmetic, AddsAndSubtractsDays) {
    EXPECT_EQ(day("2026-11-22").days(), 20779);
    EXPECT_EQ(day("2026-12-31") + 1, day("2027-01-01"));
    EXPECT_EQ(day("2026-03-01") - 1, day("2026-02-28"));
    EXPECT_EQ(day("2024-03-01") - 1, day("2024-02-29"));
    EXPECT_EQ(day("2026-03-01") - day("2026-02-28"), 1);
    EXPECT_EQ(day("2024-03-01") - day("2024-02-28"), 2);
    EXPECT_EQ(day("2027-01-01") - day("2026-01-01"), 365);
    EXPECT_EQ(day("2025-01-01") - day("2024-01-01"), 366);
    EXPECT_EQ(day("2026-11-02") + 30, day("2026-12-02"));
    EXPECT_EQ(day("2026-01-01") - day("2026-11-22"), -325);
}

TEST(DateArithmetic, ComparesChronologically) {
    EXPECT_LT(day("2026-11-02"), day("2026-11-03"));
    EXPECT_LT(day("2025-12-31"), day("2026-01-01"));
    EXPECT_GT(day("2026-10-01"), day("2026-09-30"));
    EXPECT_EQ(day("2026-11-02"), *Date::from_ymd(2026, 11, 2));
    EXPECT_FALSE(Date::from_ymd(2026, 2, 30).has_value());
}

// ---------------------------------------------------------------------------
// "Durations: digits then one of `d`, `w`, `m` (30 days), `y` (365 days),
// lowercase, no space: `45d`, `6w`, `3m`, `1y`."

TEST(DurationParse, UnitsAreDaysWeeksThirtyDayMonthsAndYearsOf365) {
    EXPECT_EQ(dur("45d"), 45);
    EXPECT_EQ(dur("6w"), 42);
    EXPECT_EQ(dur("3m"), 90);
    EXPECT_EQ(dur("1y"), 365);
    EXPECT_EQ(dur("2y"), 730);
    EXPECT_EQ(dur("1d"), 1);
    EXPECT_EQ(dur("14d"), 14);
    EXPECT_EQ(dur("12m"), 360);
}

TEST(DurationParse, UnitsAreLowercaseOnly) {
    EXPECT_FALSE(Duration::parse("45D"));
    EXPECT_FALSE(Duration::parse("6W"));
    EXPECT_FALSE(Duration::parse("3M"));
    EXPECT_FALSE(Duration::parse("1Y"));
}

TEST(DurationParse, NoSpaceAllowed) {
    EXPECT_FALSE(Duration::parse("45 d"));
    EXPECT_FALSE(Duration::parse(" 45d"));
    EXPECT_FALSE(Duration::parse("45d "));
    EXPECT_FALSE(Duration::parse("4 5d"));
}

TEST(DurationParse, NoSign) {
    EXPECT_FALSE(Duration::parse("+45d"));
    EXPECT_FALSE(Duration::parse("-45d"));
    EXPECT_FALSE(Duration::parse("-1y"));
}

TEST(DurationParse, RejectsOtherShapes) {
    EXPECT_FALSE(Duration::parse(""));
    EXPECT_FALSE(Duration::parse("d"));
    EXPECT_FALSE(Duration::parse("45"));
    EXPECT_FALSE(Duration::parse("4.5d"));
    EXPECT_FALSE(Duration::parse("45dd"));
    EXPECT_FALSE(Duration::parse("1h"));
    EXPECT_FALSE(Duration::parse("d45"));
    EXPECT_FALSE(Duration::parse("none"));
    EXPECT_FALSE(Duration::parse("1y2m"));
}

// ---------------------------------------------------------------------------
// "cadence | duration or `none` | keep-in-touch interval (at least `1d`)";
// "`none` is lowercase."

TEST(CadenceParse, NoneMeansNoCadence) {
    auto c = Cadence::parse("none");
    ASSERT_TRUE(c.has_value());
    EXPECT_FALSE(c->days.has_value());
}

TEST(CadenceParse, NoneIsLowercase) {
    EXPECT_FALSE(Cadence::parse("None"));
    EXPECT_FALSE(Cadence::parse("NONE"));
}

TEST(CadenceParse, DurationOfAtLeastOneDay) {
    EXPECT_EQ(cad("1d"), 1);
    EXPECT_EQ(cad("6w"), 42);
    EXPECT_EQ(cad("3m"), 90);
    EXPECT_EQ(cad("1y"), 365);
    EXPECT_FALSE(Cadence::parse("0d"));
    EXPECT_FALSE(Cadence::parse("0w"));
    EXPECT_FALSE(Cadence::parse("0y"));
}

TEST(CadenceParse, MalformedDurationRejected) {
    EXPECT_FALSE(Cadence::parse("45D"));
    EXPECT_FALSE(Cadence::parse("45 d"));
    EXPECT_FALSE(Cadence::parse("-3d"));
    EXPECT_FALSE(Cadence::parse(""));
    EXPECT_FALSE(Cadence::parse("monthly"));
}

// ---------------------------------------------------------------------------
// "birthday | `YYYY-MM-DD`, or `--MM-DD` when the year is unknown";
// REPORTS.md: "29 Feb falls on 28 Feb in other years".

TEST(BirthdayParse, FullDate) {
    auto b = Birthday::parse("1990-05-17");
    ASSERT_TRUE(b.has_value());
    EXPECT_EQ(b->year, std::optional<int>(1990));
    EXPECT_EQ(b->month, 5);
    EXPECT_EQ(b->day, 17);
    EXPECT_TRUE(Birthday::parse("1992-02-29")); // a leap year
}

TEST(BirthdayParse, FullDateMustBeARealDay) {
    EXPECT_FALSE(Birthday::parse("1990-02-29"));
    EXPECT_FALSE(Birthday::parse("1990-02-30"));
    EXPECT_FALSE(Birthday::parse("1990-13-01"));
}

TEST(BirthdayParse, YearUnknownForm) {
    auto b = Birthday::parse("--05-17");
    ASSERT_TRUE(b.has_value());
    EXPECT_FALSE(b->year.has_value());
    EXPECT_EQ(b->month, 5);
    EXPECT_EQ(b->day, 17);
}

TEST(BirthdayParse, YearUnknownTwentyNinthOfFebruaryAllowed) {
    auto b = Birthday::parse("--02-29");
    ASSERT_TRUE(b.has_value());
    EXPECT_FALSE(b->year.has_value());
    EXPECT_EQ(b->month, 2);
    EXPECT_EQ(b->day, 29);
}

TEST(BirthdayParse, YearUnknownMustBeADayOfSomeYear) {
    EXPECT_FALSE(Birthday::parse("--02-30"));
    EXPECT_FALSE(Birthday::parse("--04-31"));
    EXPECT_FALSE(Birthday::parse("--13-01"));
    EXPECT_FALSE(Birthday::parse("--00-10"));
    EXPECT_FALSE(Birthday::parse("--05-00"));
}

TEST(BirthdayParse, RejectsWrongShapes) {
    EXPECT_FALSE(Birthday::parse(""));
    EXPECT_FALSE(Birthday::parse("05-17"));
    EXPECT_FALSE(Birthday::parse("-05-17"));
    EXPECT_FALSE(Birthday::parse("--5-17"));
    EXPECT_FALSE(Birthday::parse("--05-7"));
    EXPECT_FALSE(Birthday::parse("--05-17x"));
    EXPECT_FALSE(Birthday::parse("1990-5-17"));
    EXPECT_FALSE(Birthday::parse("17.05.1990"));
}

TEST(BirthdayNext, SameYearWhenStillAhead) {
    auto b = bday("--05-17");
    EXPECT_EQ(b.next_on_or_after(day("2026-01-01")), day("2026-05-17"));
    auto full = bday("1990-12-31");
    EXPECT_EQ(full.next_on_or_after(day("2026-11-22")), day("2026-12-31"));
}

TEST(BirthdayNext, BirthdayOnTheDayItselfIsToday) {
    auto b = bday("--05-17");
    EXPECT_EQ(b.next_on_or_after(day("2026-05-17")), day("2026-05-17"));
    auto full = bday("1990-12-31");
    EXPECT_EQ(full.next_on_or_after(day("2026-12-31")), day("2026-12-31"));
}

TEST(BirthdayNext, NextYearOncePassed) {
    auto b = bday("--05-17");
    EXPECT_EQ(b.next_on_or_after(day("2026-05-18")), day("2027-05-17"));
    auto full = bday("1990-01-01");
    EXPECT_EQ(full.next_on_or_after(day("2026-11-22")), day("2027-01-01"));
}

TEST(BirthdayNext, TwentyNinthOfFebruaryFallsOnTwentyEighthInNonLeapYears) {
    auto b = bday("--02-29");
    EXPECT_EQ(b.next_on_or_after(day("2026-01-10")), day("2026-02-28"));
    EXPECT_EQ(b.next_on_or_after(day("2026-02-28")), day("2026-02-28")); // the day itself
    EXPECT_EQ(b.next_on_or_after(day("2026-03-01")), day("2027-02-28"));
    EXPECT_EQ(b.next_on_or_after(day("2027-03-01")), day("2028-02-29"));
    EXPECT_EQ(b.next_on_or_after(day("2028-02-29")), day("2028-02-29"));
    EXPECT_EQ(b.next_on_or_after(day("2028-02-28")), day("2028-02-29"));
    EXPECT_EQ(b.next_on_or_after(day("2100-01-01")), day("2100-02-28")); // 2100 is not leap
    auto full = bday("1992-02-29");
    EXPECT_EQ(full.next_on_or_after(day("2026-11-22")), day("2027-02-28"));
}
