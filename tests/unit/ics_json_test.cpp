// The iCalendar feed (src/core/ics.cpp) and the JSON export
// (src/core/export_json.cpp), over vaults held in memory.

#include "support.hpp"

#include "kith/interchange/export_json.hpp"
#include "kith/interchange/ics.hpp"

using namespace kith;
using namespace kith::test;

namespace {

const ics::Event* find_event(const std::vector<ics::Event>& events, const std::string& kind, const std::string& summary_part) {
    for (const auto& e : events)
        if (e.kind == kind && e.summary.find(summary_part) != std::string::npos) return &e;
    return nullptr;
}

std::map<std::string, std::string> small_vault() {
    return {
        {"contacts/ana.md", contact("name: Ana Lima\ntier: core\nbirthday: 1990-05-17\nuid: urn:uuid:aaaa",
                                    "## Log\n- 2026-11-01 #got lent me her car\n\n## Follow-ups\n"
                                    "- [ ] 2026-11-25 send Ana the slides\n- [ ] send the book 📅 2026-12-24\n"
                                    "- [x] 2026-11-20 done already\n- [ ] 2028-01-01 far away\n")},
        {"contacts/leap.md", contact("name: Leap Day\nbirthday: 1996-02-29")},
        {"contacts/noyear.md", contact("name: No Year\nbirthday: \"--12-06\"")},
        {"contacts/old.md", contact("name: Old Friend\nbirthday: 1950-01-01\narchived: true",
                                    "- [ ] 2026-11-30 archived follow-up\n")},
        {"journal/2026-11-10.md", "- [ ] 2026-11-28 intro [[ana]] to [[Leap Day]]\n"},
    };
}

} // namespace

TEST(Ics, BirthdaysAreYearlyAllDayEventsAndLeapDaysFallOnTheLastDayOfFebruary) {
    auto ix = index_of(small_vault());
    auto events = ics::events(ix, day("2026-11-22"), {});
    const ics::Event* ana = find_event(events, "birthday", "Ana Lima");
    ASSERT_NE(ana, nullptr);
    EXPECT_TRUE(ana->yearly);
    EXPECT_EQ(ana->date.iso(), "1990-05-17");
    EXPECT_EQ(ana->uid, "birthday-aaaa@kith"); // the contact's uid:, not its file name
    const ics::Event* noyear = find_event(events, "birthday", "No Year");
    ASSERT_NE(noyear, nullptr);
    EXPECT_EQ(noyear->date.iso(), "2000-12-06");
    EXPECT_EQ(noyear->uid, "birthday-noyear@kith");
    EXPECT_EQ(find_event(events, "birthday", "Old Friend"), nullptr); // archived
    const std::string text = ics::to_ical(events, day("2026-11-22"));
    EXPECT_NE(text.find("RRULE:FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2\r\n"), std::string::npos) << text;
    EXPECT_NE(text.find("DTSTART;VALUE=DATE:19960229\r\n"), std::string::npos);
    EXPECT_NE(text.find("DTSTART;VALUE=DATE:19900517\r\n"), std::string::npos);
    EXPECT_NE(text.find("DTSTAMP:20261122T000000Z\r\n"), std::string::npos);
}

TEST(Ics, FollowUpsThankYousAndKeepInTouchFollowTheRemindRules) {
    auto ix = index_of(small_vault());
    auto events = ics::events(ix, day("2026-11-22"), {});
    EXPECT_NE(find_event(events, "followup", "send Ana the slides"), nullptr);
    EXPECT_NE(find_event(events, "followup", "send the book"), nullptr);
    EXPECT_EQ(find_event(events, "followup", "done already"), nullptr);
    EXPECT_EQ(find_event(events, "followup", "far away"), nullptr);           // after today + 365d
    EXPECT_EQ(find_event(events, "followup", "archived follow-up"), nullptr); // archived contact
    const ics::Event* intro = find_event(events, "followup", "intro");
    ASSERT_NE(intro, nullptr); // a note's task linking two people is one event naming both
    EXPECT_NE(intro->summary.find("Ana Lima, Leap Day"), std::string::npos) << intro->summary;
    const ics::Event* thank = find_event(events, "thank", "Ana Lima");
    ASSERT_NE(thank, nullptr);
    EXPECT_EQ(thank->date.iso(), "2026-11-04"); // got on 11-01, thank within 3d
    const ics::Event* kit = find_event(events, "keep-in-touch", "Ana Lima");
    ASSERT_NE(kit, nullptr);
    EXPECT_EQ(kit->date.iso(), "2026-12-10"); // last (the dated note of 11-10) + 30d (core)
    EXPECT_EQ(kit->uid, "keep-in-touch-aaaa@kith");

    auto near = ics::events(ix, day("2026-11-22"), {7});
    EXPECT_NE(find_event(near, "followup", "send Ana the slides"), nullptr);
    EXPECT_EQ(find_event(near, "followup", "send the book"), nullptr); // 12-24 is after today + 7d
    EXPECT_NE(find_event(near, "birthday", "Ana Lima"), nullptr);      // birthdays recur: always in
}

TEST(Ics, UidsStayTheSameWhenADueDateMovesAndDifferForDifferentItems) {
    auto a = index_of(small_vault());
    auto vault = small_vault();
    auto& ana = vault["contacts/ana.md"];
    ana.replace(ana.find("2026-11-25 send Ana"), 10, "2026-11-27");
    ana = "\n" + ana; // and the item moves down a line
    ana.erase(0, 1);
    auto b = index_of(vault);
    const auto ea = ics::events(a, day("2026-11-22"), {});
    const auto eb = ics::events(b, day("2026-11-22"), {});
    const ics::Event* before = find_event(ea, "followup", "send Ana the slides");
    const ics::Event* after = find_event(eb, "followup", "send Ana the slides");
    ASSERT_NE(before, nullptr);
    ASSERT_NE(after, nullptr);
    EXPECT_EQ(before->uid, after->uid);
    EXPECT_EQ(after->date.iso(), "2026-11-27");
    std::set<std::string> uids;
    for (const auto& e : ea) EXPECT_TRUE(uids.insert(e.uid).second) << "duplicate UID " << e.uid;
    // The same day and vault give the same bytes.
    EXPECT_EQ(ics::to_ical(ea, day("2026-11-22")), ics::to_ical(ics::events(a, day("2026-11-22"), {}), day("2026-11-22")));
}

TEST(Ics, TheFeedValidatesWithLibicalAndEveryEventHasAnAlarm) {
    auto ix = index_of(small_vault());
    const std::string text = ics::to_ical(ics::events(ix, day("2026-11-22"), {}), day("2026-11-22"));
    EXPECT_EQ(ics::validate(text), std::vector<std::string>{});
    std::size_t events = 0, alarms = 0;
    for (std::size_t at = 0; (at = text.find("BEGIN:VEVENT", at)) != std::string::npos; ++at) ++events;
    for (std::size_t at = 0; (at = text.find("BEGIN:VALARM", at)) != std::string::npos; ++at) ++alarms;
    EXPECT_EQ(events, 9u);
    EXPECT_EQ(alarms, events);
}

TEST(Ics, ValidateReportsWhatLibicalCannotRead) {
    EXPECT_FALSE(ics::validate("not a calendar").empty());
    EXPECT_FALSE(ics::validate("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART:2026-99-99\r\n"
                               "END:VEVENT\r\nEND:VCALENDAR\r\n")
                     .empty());
}

TEST(ExportJson, HoldsContactsEntriesFollowUpsLinksAndDiagnostics) {
    auto vault = small_vault();
    vault["contacts/bad.md"] = contact("name: Bad\nbirthday: 2026-02-30");
    auto ix = index_of(vault);
    Json j = export_json(ix, day("2026-11-22"));
    EXPECT_EQ(j["kith_export"], 1);
    EXPECT_EQ(j["today"], "2026-11-22");
    ASSERT_EQ(j["contacts"].size(), 5u);
    const Json& ana = j["contacts"][0];
    EXPECT_EQ(ana["id"], "ana");
    EXPECT_EQ(ana["birthday"], "1990-05-17");
    EXPECT_EQ(ana["cadence_days"], 30);
    EXPECT_EQ(ana["extra"]["uid"], "urn:uuid:aaaa");
    EXPECT_EQ(ana["last"], "2026-11-10"); // the dated note that links her
    EXPECT_EQ(j["contacts"][3]["birthday"], "--12-06");
    EXPECT_EQ(j["contacts"][4]["archived"], true);
    ASSERT_EQ(j["entries"].size(), 1u);
    EXPECT_EQ(j["entries"][0]["tags"], Json::array({"got"}));
    EXPECT_EQ(j["entries"][0]["contacts"], Json::array({"ana"}));
    // Follow-ups by file and line; the note's task counts for both people it links.
    ASSERT_EQ(j["followups"].size(), 6u);
    const Json& intro = j["followups"][5];
    EXPECT_EQ(intro["file"], "journal/2026-11-10.md");
    EXPECT_EQ(intro["contacts"], Json::array({"ana", "leap"}));
    EXPECT_EQ(intro["due"], "2026-11-28");
    EXPECT_EQ(j["notes"][0]["date"], "2026-11-10");
    bool found = false;
    for (const Json& d : j["diagnostics"])
        found = found || (d["file"] == "contacts/bad.md" && d["level"] == "error");
    EXPECT_TRUE(found) << j["diagnostics"].dump();
}

TEST(ExportJson, LinksBetweenContactsAreListed) {
    auto ix = index_of({{"contacts/a.md", contact("name: A", "- 2026-01-01 met [[b]] through A\n")},
                        {"contacts/b.md", contact("name: B\nintroduced_by: \"[[a]]\"")}});
    Json j = export_json(ix, day("2026-11-22"));
    bool a_to_b = false;
    for (const Json& l : j["links"]) a_to_b = a_to_b || (l["from"] == "a" && l["to"] == "b" && l["file"] == "contacts/a.md");
    EXPECT_TRUE(a_to_b) << j["links"].dump();
    EXPECT_EQ(j["contacts"][0]["links"], Json::array({"b"}));
    EXPECT_EQ(j["contacts"][1]["introduced_by_id"], "a");
}
