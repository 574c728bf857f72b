// The VAULT.md v1.2 rules for vaults written in Obsidian: comma-string tags
// and aliases, wiki-link properties, the Tasks plugin's signifiers, boxes and
// repeat rules, daily-note dates on entries, contact_folders, and the check
// warnings for what would otherwise count for nothing. One test per rule,
// named after it; both body parsers (the line classifier and cmark-gfm) are
// held to each item rule.

#include "support.hpp"

#include "kith/model/recurrence.hpp"
#include "kith/parse/body.hpp"
#include "kith/parse/config.hpp"
#include "kith/parse/text.hpp"
#include "kith/report/reports.hpp"

#include <string>
#include <vector>

using namespace kith;
using namespace kith::test;

namespace {

/// The contact a parse gave (a copy: callers pass a temporary).
Contact contact_of(const ParsedFile& pf) {
    EXPECT_TRUE(pf.contact.has_value());
    return pf.contact ? *pf.contact : Contact{};
}

ParsedFile parse_contact(const std::string& front, const std::string& body = "") {
    return parse_file("contacts/a.md", contact(front, body), FileKind::Contact);
}

bool has_message(const Diagnostics& ds, const std::string& part) {
    for (const Diagnostic& d : ds)
        if (d.message.find(part) != std::string::npos) return true;
    return false;
}

std::string all_messages(const Diagnostics& ds) {
    std::string out;
    for (const Diagnostic& d : ds) out += format_diagnostic(d) + "\n";
    return out;
}

/// The body read by both parsers, which must agree; the fast one may decline.
Body both_paths(const std::string& text, Diagnostics* warnings = nullptr) {
    Diagnostics slow_ds, fast_ds;
    Body slow = parse_body_with_cmark(text, 1, "n.md", slow_ds);
    if (auto fast = parse_body_fast(text, 1, "n.md", fast_ds)) {
        EXPECT_EQ(fast->entries.size(), slow.entries.size()) << text;
        for (std::size_t i = 0; i < std::min(fast->entries.size(), slow.entries.size()); ++i) {
            EXPECT_EQ(fast->entries[i].date, slow.entries[i].date);
            EXPECT_EQ(fast->entries[i].text(), slow.entries[i].text());
            EXPECT_EQ(fast->entries[i].links(), slow.entries[i].links());
        }
        EXPECT_EQ(fast->tasks.size(), slow.tasks.size()) << text;
        for (std::size_t i = 0; i < std::min(fast->tasks.size(), slow.tasks.size()); ++i) {
            EXPECT_EQ(fast->tasks[i].done, slow.tasks[i].done);
            EXPECT_EQ(fast->tasks[i].box, slow.tasks[i].box);
            EXPECT_EQ(fast->tasks[i].due, slow.tasks[i].due);
            EXPECT_EQ(fast->tasks[i].text, slow.tasks[i].text);
            EXPECT_EQ(fast->tasks[i].recurrence, slow.tasks[i].recurrence);
        }
        EXPECT_EQ(fast->links.size(), slow.links.size()) << text;
        EXPECT_EQ(fast_ds, slow_ds) << text;
    }
    if (warnings) *warnings = slow_ds;
    return slow;
}

const ContactRecord* find_id(const VaultIndex& ix, const std::string& id) {
    for (const ContactRecord& r : ix.contacts())
        if (r.contact->id == id) return &r;
    ADD_FAILURE() << "no contact " << id;
    return nullptr;
}

} // namespace

// ------------------------------------------------------------ front matter

TEST(ObsidianFrontMatter, CommaStringTagsAreSplitOnTheCommas) {
    const Contact c = contact_of(parse_contact("name: A\ntags: engineering, hiring"));
    EXPECT_EQ(c.tags, (std::vector<std::string>{"engineering", "hiring"}));
}

TEST(ObsidianFrontMatter, CommaStringAliasesAreSplitOnTheCommas) {
    const Contact c = contact_of(parse_contact("name: A\naliases: \"Al, Ally\""));
    EXPECT_EQ(c.aliases, (std::vector<std::string>{"Al", "Ally"}));
}

TEST(ObsidianFrontMatter, SingleStringAliasWithoutCommasIsOneAlias) {
    const Contact c = contact_of(parse_contact("name: A\naliases: Wang Wei"));
    EXPECT_EQ(c.aliases, (std::vector<std::string>{"Wang Wei"}));
}

TEST(ObsidianFrontMatter, ListItemsAreNotSplitOnCommas) {
    // Only a single string is Obsidian's comma form; a list says its items.
    const Contact c = contact_of(parse_contact("name: A\naliases: [\"Chen, Alice\"]"));
    EXPECT_EQ(c.aliases, (std::vector<std::string>{"Chen, Alice"}));
}

TEST(ObsidianFrontMatter, LeadingHashOnATagIsDropped) {
    const Contact c = contact_of(parse_contact("name: A\ntags: [\"#investor\", mentor, \"#a/b\"]"));
    EXPECT_EQ(c.tags, (std::vector<std::string>{"investor", "mentor", "a/b"}));
    const Contact d = contact_of(parse_contact("name: A\ntags: \"#investor, #angel\""));
    EXPECT_EQ(d.tags, (std::vector<std::string>{"investor", "angel"}));
}

TEST(ObsidianFrontMatter, TagsCompareCaseInsensitivelySoRepeatsGo) {
    const Contact c = contact_of(parse_contact("name: A\ntags: [Mentor, mentor, MENTOR, hiring]"));
    EXPECT_EQ(c.tags, (std::vector<std::string>{"Mentor", "hiring"}));
}

TEST(ObsidianFrontMatter, HashTagListItemIsAYamlCommentAndCheckSaysSo) {
    ParsedFile pf = parse_contact("name: A\ntags:\n  - #investor\n  - mentor");
    EXPECT_EQ(contact_of(pf).tags, (std::vector<std::string>{"mentor"}));
    EXPECT_TRUE(has_message(pf.diagnostics, "\"#investor\" is a YAML comment here")) << all_messages(pf.diagnostics);
    EXPECT_EQ(pf.diagnostics[0].line, 4);
}

TEST(ObsidianFrontMatter, WikiLinkStringValueMeansItsTarget) {
    const Contact c = contact_of(
        parse_contact("name: A\ncompany: \"[[Northwind Labs]]\"\nlocation: \"[[Places/Oslo|Oslo, Norway]]\""));
    EXPECT_EQ(c.company, "Northwind Labs");
    EXPECT_EQ(c.location, "Oslo"); // the target, not the label (docs/format.md)
}

TEST(ObsidianFrontMatter, UnquotedWikiLinkValueMeansItsTargetToo) {
    // YAML reads `[[x]]` as a list holding a list: Obsidian users still mean the link.
    ParsedFile pf = parse_contact("name: A\ncompany: [[Northwind Labs]]");
    EXPECT_EQ(contact_of(pf).company, "Northwind Labs");
    EXPECT_TRUE(pf.diagnostics.empty()) << all_messages(pf.diagnostics);
}

TEST(ObsidianFrontMatter, WikiLinkDateValueIsTheDate) {
    const Contact c = contact_of(parse_contact("name: A\nmet: \"[[2026-03-01]]\""));
    ASSERT_TRUE(c.met.has_value());
    EXPECT_EQ(c.met->value, day("2026-03-01"));
}

TEST(ObsidianFrontMatter, IntroducedByWikiLinkResolvesAsALink) {
    auto ix = index_of({{"contacts/a.md", contact("name: Ann\nintroduced_by: \"[[Bob Stone]]\"")},
                        {"contacts/bob.md", contact("name: Bob Stone")}});
    const ContactRecord* a = find_id(ix, "a");
    ASSERT_NE(a, nullptr);
    ASSERT_EQ(a->links.size(), 1u);
    EXPECT_EQ(ix.contacts()[a->links[0]].contact->id, "bob");
}

TEST(ObsidianFrontMatter, MisspelledKeyWarnsWithTheKnownKey) {
    ParsedFile pf = parse_contact("name: A\nemails: a@example.com\nbirthdate: 1990-01-01\nTags: [x]\ncadance: 30d");
    EXPECT_TRUE(has_message(pf.diagnostics, "unknown key 'emails': did you mean 'email'?"));
    EXPECT_TRUE(has_message(pf.diagnostics, "unknown key 'birthdate': did you mean 'birthday'?"));
    EXPECT_TRUE(has_message(pf.diagnostics, "unknown key 'Tags': did you mean 'tags'?"));
    EXPECT_TRUE(has_message(pf.diagnostics, "unknown key 'cadance': did you mean 'cadence'?"));
    for (const Diagnostic& d : pf.diagnostics) EXPECT_EQ(d.level, Level::Warning);
}

TEST(ObsidianFrontMatter, LastContactKeySaysWhereKithFindsIt) {
    ParsedFile pf = parse_contact("name: A\nlast_contact: 2026-10-01");
    EXPECT_TRUE(has_message(pf.diagnostics, "unknown key 'last_contact': kith finds the last contact in dated entries"))
        << all_messages(pf.diagnostics);
}

TEST(ObsidianFrontMatter, UnknownKeysFarFromKnownOnesAreLegitimate) {
    ParsedFile pf = parse_contact("name: A\ncreated: 2026-01-01\ncssclasses: [wide]\nlinkedin: x\nnotes: y\ndate: z");
    EXPECT_TRUE(pf.diagnostics.empty()) << all_messages(pf.diagnostics);
}

TEST(ObsidianFrontMatter, TierInAnotherCaseIsAnErrorThatNamesTheTier) {
    auto ix = index_of({{"contacts/a.md", contact("name: A\ntier: Core")}});
    EXPECT_TRUE(has_message(ix.diagnostics(), "tiers are case-sensitive: did you mean \"core\"?"))
        << all_messages(ix.diagnostics());
}

// ------------------------------------------------------------ tasks

TEST(ObsidianTasks, SignifierDatesAreNeverDueDates) {
    EXPECT_FALSE(scan_due_date("call her \xE2\x9E\x95 2026-10-01").due);                     // ➕ created
    EXPECT_FALSE(scan_due_date("call her \xF0\x9F\x9B\xAB 2026-10-01").due);                 // 🛫 start
    EXPECT_FALSE(scan_due_date("call her \xE2\x8F\xB3 2026-10-01").due);                     // ⏳ scheduled
    EXPECT_FALSE(scan_due_date("call her \xE2\x9C\x85 2026-10-01").due);                     // ✅ done
    EXPECT_FALSE(scan_due_date("call her \xE2\x9D\x8C 2026-10-01").due);                     // ❌ cancelled
    EXPECT_FALSE(scan_due_date("call her \xE2\x9E\x95\xEF\xB8\x8F 2026-10-01").due);         // with VS16
}

TEST(ObsidianTasks, FirstDateFallbackSkipsSignifierDates) {
    auto r = scan_due_date("\xE2\x9E\x95 2026-10-01 call her by 2026-11-20 \xE2\x8F\xB3 2026-11-15");
    ASSERT_TRUE(r.due);
    EXPECT_EQ(*r.due, day("2026-11-20"));
}

TEST(ObsidianTasks, CalendarDateWinsOverEverySignifier) {
    auto r = scan_due_date("x \xE2\x8F\xB3 2026-11-20 \xF0\x9F\x93\x85 2026-11-25 \xE2\x9E\x95 2026-11-01");
    ASSERT_TRUE(r.due);
    EXPECT_EQ(*r.due, day("2026-11-25"));
}

TEST(ObsidianTasks, InProgressBoxIsAnOpenFollowUp) {
    Body b = both_paths("- [/] send the paper \xF0\x9F\x93\x85 2026-11-20\n");
    ASSERT_EQ(b.tasks.size(), 1u);
    EXPECT_FALSE(b.tasks[0].done);
    EXPECT_EQ(b.tasks[0].box, '/');
    EXPECT_EQ(b.tasks[0].text, "send the paper \xF0\x9F\x93\x85 2026-11-20");
    EXPECT_EQ(b.tasks[0].due, day("2026-11-20"));
    EXPECT_TRUE(b.entries.empty());
}

TEST(ObsidianTasks, CancelledBoxIsClosed) {
    Body b = both_paths("- [-] 2026-11-20 send the paper \xE2\x9D\x8C 2026-11-02\n");
    ASSERT_EQ(b.tasks.size(), 1u);
    EXPECT_TRUE(b.tasks[0].done);
    EXPECT_EQ(b.tasks[0].box, '-');
    EXPECT_TRUE(b.entries.empty()); // a dated task is never an entry
}

TEST(ObsidianTasks, BoxesReadTheSameInNestedAndMultiLineItems) {
    Body b = both_paths("- [/] first\n  continued\n  - [-] nested\n- [x] done\n");
    ASSERT_EQ(b.tasks.size(), 3u);
    EXPECT_EQ(b.tasks[0].text, "first continued");
    EXPECT_FALSE(b.tasks[0].done);
    EXPECT_TRUE(b.tasks[1].done);
    EXPECT_TRUE(b.tasks[2].done);
}

TEST(ObsidianTasks, RepeatRuleIsReadIntoTheFollowUp) {
    Body b = both_paths("- [ ] water plants \xF0\x9F\x94\x81 every 2 weeks when done \xF0\x9F\x93\x85 2026-11-20\n");
    ASSERT_EQ(b.tasks.size(), 1u);
    ASSERT_TRUE(b.tasks[0].recurrence);
    EXPECT_EQ(b.tasks[0].recurrence->unit, Recurrence::Unit::Week);
    EXPECT_EQ(b.tasks[0].recurrence->every, 2);
    EXPECT_TRUE(b.tasks[0].recurrence->when_done);
    EXPECT_EQ(b.tasks[0].due, day("2026-11-20"));
}

TEST(ObsidianTasks, BadRepeatRuleIsACheckWarning) {
    Diagnostics ds;
    Body b = both_paths("- [ ] x \xF0\x9F\x94\x81 every blue moon \xF0\x9F\x93\x85 2026-11-20\n", &ds);
    ASSERT_EQ(b.tasks.size(), 1u);
    EXPECT_FALSE(b.tasks[0].recurrence);
    EXPECT_EQ(b.tasks[0].due, day("2026-11-20")); // still a follow-up with its due date
    ASSERT_EQ(ds.size(), 1u);
    EXPECT_EQ(ds[0].level, Level::Warning);
    EXPECT_NE(ds[0].message.find("repeat rule \"every blue moon\" is not one kith reads"), std::string::npos);
}

TEST(Recurrence, ParsesEveryRuleTheContractNames) {
    using U = Recurrence::Unit;
    struct Case {
        const char* text;
        U unit;
        int every;
        bool when_done;
    } cases[] = {
        {"every day", U::Day, 1, false},         {"every week", U::Week, 1, false},
        {"every month", U::Month, 1, false},     {"every year", U::Year, 1, false},
        {"every 3 days", U::Day, 3, false},      {"every 2 weeks", U::Week, 2, false},
        {"every 6 months", U::Month, 6, false},  {"every 10 years", U::Year, 10, false},
        {"every weekday", U::Weekday, 1, false}, {"every day when done", U::Day, 1, true},
        {"Every  2  Weeks  When Done", U::Week, 2, true}, {"every 1 day", U::Day, 1, false},
    };
    for (const Case& c : cases) {
        auto r = parse_recurrence(c.text);
        ASSERT_TRUE(r) << c.text;
        EXPECT_EQ(r->unit, c.unit) << c.text;
        EXPECT_EQ(r->every, c.every) << c.text;
        EXPECT_EQ(r->when_done, c.when_done) << c.text;
        EXPECT_EQ(parse_recurrence(recurrence_text(*r)), r) << c.text;
    }
}

TEST(Recurrence, RefusesWhatItCannotFollow) {
    for (const char* bad : {"", "every", "daily", "every days", "every 0 days", "every 10000 days", "every 2 weekdays",
                            "every week on Monday", "every -1 days", "when done", "every 2", "every 2 fortnights"})
        EXPECT_FALSE(parse_recurrence(bad)) << bad;
}

TEST(Recurrence, NextDueAddsTheRuleToTheDay) {
    auto next = [](const char* rule, const char* from) { return next_due(*parse_recurrence(rule), day(from)); };
    EXPECT_EQ(next("every day", "2026-12-31"), day("2027-01-01"));
    EXPECT_EQ(next("every 3 days", "2026-11-20"), day("2026-11-23"));
    EXPECT_EQ(next("every 2 weeks", "2026-11-20"), day("2026-12-04"));
    EXPECT_EQ(next("every month", "2026-11-20"), day("2026-12-20"));
    EXPECT_EQ(next("every month", "2026-12-15"), day("2027-01-15"));
    EXPECT_EQ(next("every 18 months", "2026-11-20"), day("2028-05-20"));
    EXPECT_EQ(next("every year", "2026-11-20"), day("2027-11-20"));
}

TEST(Recurrence, NextDueFallsBackToTheLastDayOfAShorterMonth) {
    auto next = [](const char* rule, const char* from) { return next_due(*parse_recurrence(rule), day(from)); };
    EXPECT_EQ(next("every month", "2027-01-31"), day("2027-02-28"));
    EXPECT_EQ(next("every month", "2028-01-31"), day("2028-02-29"));
    EXPECT_EQ(next("every year", "2028-02-29"), day("2029-02-28"));
}

TEST(Recurrence, EveryWeekdaySkipsTheWeekend) {
    auto r = *parse_recurrence("every weekday");
    EXPECT_EQ(next_due(r, day("2026-12-04")), day("2026-12-07")); // Friday -> Monday
    EXPECT_EQ(next_due(r, day("2026-12-05")), day("2026-12-07")); // Saturday -> Monday
    EXPECT_EQ(next_due(r, day("2026-12-07")), day("2026-12-08")); // Monday -> Tuesday
}

TEST(Recurrence, RuleRunsToTheNextSignifier) {
    EXPECT_EQ(recurrence_rule_in("x \xF0\x9F\x94\x81 every week \xF0\x9F\x93\x85 2026-11-20"), "every week");
    EXPECT_EQ(recurrence_rule_in("x \xF0\x9F\x94\x81\xEF\xB8\x8F every day"), "every day");
    EXPECT_FALSE(recurrence_rule_in("no rule here"));
}

// ------------------------------------------------------------ entries

TEST(ObsidianEntries, DailyNoteLinkDateStartsAnEntry) {
    Body b = both_paths("- [[2026-10-25]] coffee with [[ann]]\n");
    ASSERT_EQ(b.entries.size(), 1u);
    EXPECT_EQ(b.entries[0].date, day("2026-10-25"));
    EXPECT_EQ(b.entries[0].text(), "coffee with [[ann]]");
    EXPECT_EQ(b.entries[0].links(), (std::vector<std::string>{"ann"}));
}

TEST(ObsidianEntries, DailyNoteLinkWithALabelStartsAnEntry) {
    Body b = both_paths("- [[Daily Notes/2026-10-25|Sun 25]] coffee\n");
    ASSERT_EQ(b.entries.size(), 1u);
    EXPECT_EQ(b.entries[0].date, day("2026-10-25"));
    EXPECT_EQ(b.entries[0].text(), "coffee");
}

TEST(ObsidianEntries, BoldDateStartsAnEntry) {
    Body b = both_paths("- **2026-10-20** lunch #got\n");
    ASSERT_EQ(b.entries.size(), 1u);
    EXPECT_EQ(b.entries[0].date, day("2026-10-20"));
    EXPECT_EQ(b.entries[0].text(), "lunch #got");
    EXPECT_TRUE(b.entries[0].has_tag("got"));
}

TEST(ObsidianEntries, BareDateLinkIsADailyNoteNeverAPerson) {
    Body b = both_paths("Met on [[2026-10-25]] and [[Journal/2026-10-26.md]].\n- [ ] ask about [[2026-10-27]]\n");
    EXPECT_TRUE(b.links.empty());
    ASSERT_EQ(b.tasks.size(), 1u);
    EXPECT_TRUE(b.tasks[0].links.empty());
    auto ix = index_of({{"contacts/a.md", contact("name: A", "See [[2026-10-25]].\n")}});
    EXPECT_TRUE(ix.diagnostics().empty()) << all_messages(ix.diagnostics());
}

TEST(ObsidianEntries, SeparatorAfterTheDateIsNotText) {
    for (const char* item : {"- 2026-10-26: coffee\n", "- 2026-10-26 - coffee\n", "- 2026-10-26 \xE2\x80\x93 coffee\n",
                             "- 2026-10-26 \xE2\x80\x94 coffee\n", "- [[2026-10-26]]: coffee\n", "- **2026-10-26**: coffee\n"}) {
        Body b = both_paths(item);
        ASSERT_EQ(b.entries.size(), 1u) << item;
        EXPECT_EQ(b.entries[0].text(), "coffee") << item;
    }
    Body b = both_paths("- 2026-10-26 -> moved the call\n");
    ASSERT_EQ(b.entries.size(), 1u);
    EXPECT_EQ(b.entries[0].text(), "-> moved the call"); // not a separator: kept
}

TEST(ObsidianEntries, DatesInOtherFormsAreACheckWarningThatSaysHowToWriteThem) {
    for (const char* item : {"- 2026/10/01 coffee\n", "- 01.10.2026 coffee\n", "- 10/1/2026 coffee\n",
                             "- 2026.10.01 coffee\n"}) {
        Diagnostics ds;
        Body b = both_paths(item, &ds);
        EXPECT_TRUE(b.entries.empty()) << item;
        ASSERT_EQ(ds.size(), 1u) << item;
        EXPECT_EQ(ds[0].level, Level::Warning);
        EXPECT_NE(ds[0].message.find("is not a date kith reads; the item is not an entry (write the date as YYYY-MM-DD)"),
                  std::string::npos)
            << ds[0].message;
    }
    Diagnostics ds;
    both_paths("- 3.5 hours of hiking\n- 1/2 of the team\n- 2026/10 plan\n", &ds);
    EXPECT_TRUE(ds.empty()) << all_messages(ds);
}

// ------------------------------------------------------------ notes

TEST(ObsidianNotes, TaskThatLinksNobodyIsAFollowUpOfEveryContactTheNoteLinks) {
    auto ix = index_of({{"contacts/ann.md", contact("name: Ann")},
                        {"contacts/bob.md", contact("name: Bob")},
                        {"contacts/cy.md", contact("name: Cy")},
                        {"Daily Notes/2026-11-20.md", "Lunch with [[ann]] and [[bob]].\n\n- [ ] send the deck\n"
                                                      "- [ ] ask [[cy]] for the intro\n"}});
    auto tasks_of = [&](const char* id) {
        std::vector<std::string> out;
        for (const TaskRef& t : find_id(ix, id)->tasks) out.emplace_back(t.task->text);
        return out;
    };
    EXPECT_EQ(tasks_of("ann"), (std::vector<std::string>{"send the deck"}));
    EXPECT_EQ(tasks_of("bob"), (std::vector<std::string>{"send the deck"}));
    // cy is linked in the note too (in a task of its own), so the deck is
    // cy's as well: "every contact the note links" (docs/format.md).
    EXPECT_EQ(tasks_of("cy"), (std::vector<std::string>{"send the deck", "ask [[cy]] for the intro"}));
}

TEST(ObsidianNotes, JournalNoteThatLinksContactsWithoutADateWarns) {
    auto ix = index_of({{"contacts/ann.md", contact("name: Ann")},
                        {"journal/November 12, 2026.md", "Coffee with [[ann]].\n"},
                        {"Projects/Hiring.md", "Ask [[ann]].\n"}});
    Diagnostics mine;
    for (const Diagnostic& d : ix.diagnostics())
        if (d.message.find("has no date") != std::string::npos) mine.push_back(d);
    ASSERT_EQ(mine.size(), 1u) << all_messages(ix.diagnostics());
    EXPECT_EQ(mine[0].file, "journal/November 12, 2026.md");
    EXPECT_NE(mine[0].message.find("start its file name with YYYY-MM-DD or add 'date: YYYY-MM-DD'"), std::string::npos);
}

TEST(ObsidianNotes, MiscasedDateKeyWarns) {
    ParsedFile pf = parse_file("journal/x.md", "---\nDate: 2026-11-12\n---\nhi\n", FileKind::Note);
    EXPECT_TRUE(has_message(pf.diagnostics, "unknown key 'Date': did you mean 'date'?"));
}

// ------------------------------------------------------------ contact_folders

TEST(ContactFolders, FilesUnderAnyContactFolderAreContacts) {
    const std::vector<std::string> folders{"People", "Areas/Friends"};
    EXPECT_EQ(classify_path("People/ann.md", folders), FileKind::Contact);
    EXPECT_EQ(classify_path("People/sub/ann.md", folders), FileKind::Contact);
    EXPECT_EQ(classify_path("Areas/Friends/bob.md", folders), FileKind::Contact);
    EXPECT_EQ(classify_path("contacts/ann.md", folders), FileKind::Note);
    EXPECT_EQ(classify_path("People.md", folders), FileKind::Note);
    EXPECT_EQ(classify_path("Peoples/ann.md", folders), FileKind::Note);
    EXPECT_EQ(classify_path("templates/x.md", folders), std::nullopt);
    EXPECT_EQ(classify_path("contacts/ann.md"), FileKind::Contact); // the default
}

TEST(ContactFolders, ConfigKeyIsReadAndDefaultsToContacts) {
    Diagnostics ds;
    EXPECT_EQ(parse_config("", ds).contact_folders, (std::vector<std::string>{"contacts"}));
    EXPECT_EQ(parse_config("contact_folders: [./People/, Areas/Friends]\n", ds).contact_folders,
              (std::vector<std::string>{"People", "Areas/Friends"}));
    EXPECT_EQ(parse_config("contact_folders: People\n", ds).contact_folders, (std::vector<std::string>{"People"}));
    EXPECT_TRUE(ds.empty()) << all_messages(ds);
}

TEST(ContactFolders, FoldersOutsideTheVaultHiddenOrTemplatesAreAConfigError) {
    for (const char* bad : {"contact_folders: [/etc]", "contact_folders: [../x]", "contact_folders: [.hidden]",
                            "contact_folders: [templates]", "contact_folders: [\"\"]", "contact_folders: {a: b}",
                            "contact_folders: [a//b]"}) {
        Diagnostics ds;
        parse_config(bad, ds);
        ASSERT_FALSE(ds.empty()) << bad;
        EXPECT_EQ(ds[0].level, Level::Error) << bad;
    }
}

TEST(ContactFolders, LoadReadsContactsFromTheConfiguredFolders) {
    auto ix = index_of({{".kith/config.yaml", "contact_folders: [People]\n"},
                        {"People/ann.md", contact("name: Ann")},
                        {"contacts/old.md", contact("name: Old")},
                        {"Daily Notes/2026-11-20.md", "Coffee with [[ann]].\n"}});
    ASSERT_EQ(ix.contacts().size(), 1u);
    EXPECT_EQ(ix.contacts()[0].contact->id, "ann");
    EXPECT_EQ(ix.notes().size(), 2u); // contacts/old.md is a note now
}
