// End-to-end runs of `kith export` and `kith import` over a temporary copy of
// sample-vault turned into a git repository: vCard round trips, phone-style
// fixtures, merging, all-or-nothing imports, and third-party readers (khard,
// Python's icalendar) of what kith writes.

#include "support.hpp"

#include "adapters/fs_source.hpp"
#include "adapters/git.hpp"
#include "kith/interchange/vcard.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <sys/wait.h>

namespace fs = std::filesystem;
using namespace kith;
using namespace kith::test;

namespace {

/// Runs a shell command and returns what it printed on stdout.
std::string capture(const std::string& cmd, int& status) {
    std::string out;
    FILE* p = ::popen(cmd.c_str(), "r");
    if (!p) {
        status = -1;
        return out;
    }
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    int rc = ::pclose(p);
    status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    return out;
}

bool have(const char* program) { return shell(std::string("command -v ") + program + " >/dev/null 2>&1") == 0; }

VaultIndex load(const fs::path& vault) {
    FsSource src(vault);
    return load_vault(src, day("2026-11-22"), LoadOptions{1});
}

std::string birthday_of(const Contact& c) {
    if (!c.birthday) return "";
    const Birthday& b = c.birthday->value;
    char buf[16];
    if (b.year) std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", *b.year, b.month, b.day);
    else std::snprintf(buf, sizeof buf, "--%02d-%02d", b.month, b.day);
    return buf;
}

const Contact* by_id(const VaultIndex& ix, const std::string& id) {
    for (const auto& r : ix.contacts())
        if (r.contact->id == id) return r.contact;
    return nullptr;
}

class Interchange : public ::testing::Test {
protected:
    void SetUp() override {
        m_vault = copy_sample_vault(m_tmp);
        ASSERT_EQ(shell("cd " + test::quoted(m_vault) + " && git init -q -b main && git add -A && "
                     "git -c user.name=Setup -c user.email=setup@example.com commit -qm initial"),
                  0);
        ::setenv("GIT_AUTHOR_NAME", "Ada Tester", 1);
        ::setenv("GIT_AUTHOR_EMAIL", "ada@example.com", 1);
    }

    KithRun kith_in(const fs::path& vault, std::vector<std::string> args) {
        std::vector<std::string> full{"--vault", vault.string(), "--today", "2026-11-22"};
        full.insert(full.end(), args.begin(), args.end());
        return run_kith(full, {}, m_tmp.path());
    }
    KithRun kith(std::vector<std::string> args) { return kith_in(m_vault, std::move(args)); }

    /// A new empty vault (kith init) under the temporary folder.
    fs::path empty_vault(const std::string& name) {
        fs::path v = m_tmp.path() / name;
        auto r = run_kith({"init", v.string()}, {}, m_tmp.path());
        EXPECT_EQ(r.status, 0) << r.err;
        return v;
    }

    std::string head(const fs::path& vault) {
        auto c = Repo::discover(vault)->head();
        return c ? c->id : "";
    }
    std::vector<std::string> head_paths(const fs::path& vault) { return Repo::discover(vault)->head_changed_paths(); }

    std::string status(const fs::path& vault) {
        int st = 0;
        return capture("cd " + test::quoted(vault) + " && git status --porcelain", st);
    }

    fs::path fixture(const std::string& name) { return source_dir() / "tests/fixtures/vcard" / name; }

    void round_trip(const char* version);

    TempDir m_tmp;
    fs::path m_vault;
};

/// export vcard -> import into an empty vault -> the same fields for every
/// sample contact; importing again changes nothing.
void Interchange::round_trip(const char* version) {
    {
        const fs::path out = m_tmp.path() / (std::string("cards-") + version + ".vcf");
        auto e = kith({"export", "vcard", "--version", version, "--out", out.string()});
        ASSERT_EQ(e.status, 0) << e.err;
        const fs::path target = empty_vault(std::string("empty-") + version);
        auto i = kith_in(target, {"import", "vcard", out.string()});
        ASSERT_EQ(i.status, 0) << i.err;
        EXPECT_NE(i.out.find("imported: 23 created, 0 updated, 0 unchanged, 0 skipped"), std::string::npos) << i.out;

        VaultIndex from = load(m_vault), to = load(target);
        std::map<std::string, const Contact*> by_uid;
        for (const auto& r : to.contacts()) by_uid[vcard::contact_uid(*r.contact).value_or("?")] = r.contact;
        std::size_t compared = 0;
        for (const auto& r : from.contacts()) {
            const Contact& a = *r.contact;
            if (a.archived) continue; // export leaves archived contacts out unless --all
            SCOPED_TRACE(a.id);
            auto uid = vcard::contact_uid(a);
            ASSERT_TRUE(uid.has_value()) << "the export stored a uid";
            ASSERT_EQ(by_uid.count(*uid), 1u);
            const Contact& b = *by_uid[*uid];
            EXPECT_EQ(b.name.value, a.name.value);
            EXPECT_EQ(b.aliases, a.aliases);
            EXPECT_EQ(b.company, a.company);
            EXPECT_EQ(b.title, a.title);
            EXPECT_EQ(b.location, a.location);
            EXPECT_EQ(b.emails, a.emails);
            EXPECT_EQ(b.phones, a.phones);
            EXPECT_EQ(birthday_of(b), birthday_of(a));
            EXPECT_EQ(b.tags, a.tags);
            EXPECT_EQ(b.id, a.id);
            ++compared;
        }
        EXPECT_EQ(compared, 23u);

        // Importing the same cards again changes nothing and commits nothing.
        const std::string before = head(target);
        auto again = kith_in(target, {"import", "vcard", out.string()});
        ASSERT_EQ(again.status, 0) << again.err;
        EXPECT_NE(again.out.find("imported: 0 created, 0 updated, 23 unchanged, 0 skipped"), std::string::npos) << again.out;
        EXPECT_EQ(head(target), before);
        EXPECT_EQ(status(target), "");
        // And into the vault they came from, too.
        auto home = kith({"import", "vcard", out.string()});
        EXPECT_NE(home.out.find("0 created, 0 updated, 23 unchanged"), std::string::npos) << home.out;
    }
}

TEST_F(Interchange, Version30ExportImportedIntoAnEmptyVaultGivesTheSameFields) { round_trip("3.0"); }

TEST_F(Interchange, Version40ExportImportedIntoAnEmptyVaultGivesTheSameFields) { round_trip("4.0"); }

TEST_F(Interchange, TheFirstExportStoresUidsInOneCommitAndLaterExportsAreIdentical) {
    const std::string initial = head(m_vault);
    const std::string alice_before = read_text(m_vault / "contacts/alice-chen.md");
    auto first = kith({"export", "vcard"});
    ASSERT_EQ(first.status, 0) << first.err;
    EXPECT_NE(first.err.find("stored a uid in 23 contacts"), std::string::npos) << first.err;
    EXPECT_NE(head(m_vault), initial);
    EXPECT_EQ(head_paths(m_vault).size(), 23u); // exactly the exported contacts' files
    EXPECT_EQ(status(m_vault), "");
    // The uid line is added; every other byte is kept.
    const std::string alice_after = read_text(m_vault / "contacts/alice-chen.md");
    const std::size_t at = alice_after.find("uid: urn:uuid:");
    ASSERT_NE(at, std::string::npos);
    const std::size_t end = alice_after.find('\n', at) + 1;
    EXPECT_EQ(alice_after.substr(0, at) + alice_after.substr(end), alice_before);

    const std::string second_head = head(m_vault);
    auto second = kith({"export", "vcard"});
    ASSERT_EQ(second.status, 0) << second.err;
    EXPECT_EQ(second.out, first.out);
    EXPECT_EQ(second.err, "");
    EXPECT_EQ(head(m_vault), second_head);
}

TEST_F(Interchange, NoWriteLeavesTheVaultAloneWithUidsDerivedFromIds) {
    auto a = kith({"export", "vcard", "--no-write", "--tag", "family"});
    auto b = kith({"export", "vcard", "--no-write", "--tag", "family"});
    ASSERT_EQ(a.status, 0) << a.err;
    EXPECT_EQ(a.out, b.out);
    EXPECT_EQ(status(m_vault), "");
    auto cards = vcard::parse_vcards(a.out, "-");
    ASSERT_EQ(cards.cards.size(), 3u); // the family tag
    for (const auto& c : cards.cards) EXPECT_EQ(c.uid.rfind("urn:uuid:", 0), 0u) << c.uid;
}

TEST_F(Interchange, ExportToAFolderWritesOneCardPerContactThatKhardLists) {
    const fs::path dir = m_tmp.path() / "addressbook";
    auto r = kith({"export", "vcard", "--out", dir.string() + "/", "--version", "4.0"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(fs::exists(dir / "alice-chen.vcf"));
    EXPECT_TRUE(fs::exists(dir / "erik-lindqvist.vcf"));
    EXPECT_FALSE(fs::exists(dir / "greg-thompson.vcf")); // archived
    if (!have("khard")) GTEST_SKIP() << "khard is not installed";
    const fs::path conf = m_tmp.path() / "khard.conf";
    write_file(conf, "[addressbooks]\n[[kith]]\npath = " + dir.string() +
                         "\n[general]\ndefault_action = list\neditor = true\nmerge_editor = true\n");
    int st = 0;
    const std::string listed = capture("HOME=" + test::quoted(m_tmp.path()) + " khard -c " + test::quoted(conf) + " list -p 2>&1", st);
    ASSERT_EQ(st, 0) << listed;
    std::set<std::string> names;
    std::size_t pos = 0;
    while (pos < listed.size()) {
        std::size_t nl = listed.find('\n', pos);
        std::string line = listed.substr(pos, nl - pos);
        pos = nl == std::string::npos ? listed.size() : nl + 1;
        std::size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
        if (t1 != std::string::npos && t2 != std::string::npos) names.insert(line.substr(t1 + 1, t2 - t1 - 1));
    }
    EXPECT_EQ(names.size(), 23u) << listed;
    for (const char* n : {"Alice Chen", "Zoë Martín", "Chloé Dubois", "Erik Lindqvist", "Bob Okafor"})
        EXPECT_EQ(names.count(n), 1u) << n << "\n" << listed;
    const std::string bob = capture("HOME=" + test::quoted(m_tmp.path()) + " khard -c " + test::quoted(conf) + " show Okafor 2>&1", st);
    EXPECT_NE(bob.find("--07-09"), std::string::npos) << bob; // a birthday without a year
    EXPECT_NE(bob.find("Bobby"), std::string::npos) << bob;
}

TEST_F(Interchange, PhoneExportsBecomeTheExpectedContacts) {
    const fs::path target = empty_vault("phone");
    const fs::path dir = m_tmp.path() / "phone-export";
    fs::create_directories(dir);
    for (const char* f : {"phone-2.1-qp.vcf", "phone-3.0.vcf", "contacts-4.0.vcf"}) fs::copy(fixture(f), dir / f);
    auto r = kith_in(target, {"import", "vcard", dir.string(), "--format", "json"});
    ASSERT_EQ(r.status, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["created"], 5);
    EXPECT_EQ(j["skipped"], 1); // the 2.1 card with no name
    VaultIndex ix = load(target);
    EXPECT_TRUE(ix.diagnostics().empty());
    const Contact* j1 = by_id(ix, "jurgen-muller");
    ASSERT_NE(j1, nullptr);
    EXPECT_EQ(j1->company, "Bräu AG");
    EXPECT_EQ(j1->location, "Hauptstraße 5, München, 80331, Deutschland");
    EXPECT_EQ(j1->phones.size(), 3u);
    EXPECT_EQ(birthday_of(*j1), "1975-03-01");
    const Contact* lucia = by_id(ix, "lucia-garcia");
    ASSERT_NE(lucia, nullptr);
    EXPECT_EQ(lucia->name.value, "Lucía García");
    const Contact* ada = by_id(ix, "adaeze-okonkwo");
    ASSERT_NE(ada, nullptr);
    EXPECT_EQ(ada->aliases, std::vector<std::string>{"Ada"});
    EXPECT_EQ(birthday_of(*ada), "--02-29");
    EXPECT_EQ(ada->tags, (std::vector<std::string>{"fintech", "speaker"}));
    EXPECT_EQ(vcard::contact_uid(*ada), "7F3A4C2E-1B2D-4E5F-8A9B-0C1D2E3F4A5B");
    EXPECT_NE(by_id(ix, "hiroshi-tanaka"), nullptr);
    const Contact* soren = by_id(ix, "soren-kierkegaard-odegard");
    ASSERT_NE(soren, nullptr);
    EXPECT_EQ(soren->title, "Philosopher, writer");
    EXPECT_EQ(birthday_of(*soren), "--05-05");
    EXPECT_EQ(head_paths(target).size(), 5u); // one commit with the five new files

    auto again = kith_in(target, {"import", "vcard", dir.string(), "--format", "json"});
    auto j2 = nlohmann::json::parse(again.out);
    EXPECT_EQ(j2["created"], 0);
    EXPECT_EQ(j2["updated"], 0);
    EXPECT_EQ(j2["unchanged"], 5);
}

TEST_F(Interchange, AMatchByEmailAddsWhatIsNewAndNeverOverwritesSilently) {
    const fs::path card = m_tmp.path() / "alice.vcf";
    write_file(card, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alice Chen\r\nORG:Acme Robotics\r\n"
                     "EMAIL:ALICE@northwind.io\r\nTEL;TYPE=CELL:+47 400 00 000\r\nTEL:+4791234567\r\nEND:VCARD\r\n");
    const std::string before = read_text(m_vault / "contacts/alice-chen.md");
    auto r = kith({"import", "vcard", card.string()});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("differs: company: the vault has \"Northwind Labs\", the card \"Acme Robotics\""), std::string::npos)
        << r.out;
    const std::string after = read_text(m_vault / "contacts/alice-chen.md");
    // Only the phone line changed: the new number added, the one already there
    // (written differently) not repeated.
    std::string expected = before;
    expected.replace(expected.find("phone: \"+47 912 34 567\""), std::string("phone: \"+47 912 34 567\"").size(),
                     "phone: [+47 912 34 567, +47 400 00 000]");
    EXPECT_EQ(after, expected);
    EXPECT_EQ(head_paths(m_vault), std::vector<std::string>{"contacts/alice-chen.md"});

    auto card_wins = kith({"import", "vcard", card.string(), "--prefer", "card"});
    ASSERT_EQ(card_wins.status, 0) << card_wins.err;
    EXPECT_NE(read_text(m_vault / "contacts/alice-chen.md").find("company: Acme Robotics\n"), std::string::npos);
}

TEST_F(Interchange, PreferVaultKeepsTheVaultsValueWithoutListingIt) {
    const fs::path card = m_tmp.path() / "alice.vcf";
    write_file(card, "BEGIN:VCARD\nVERSION:4.0\nFN:Alice Chen\nTITLE:Intern\nEMAIL:alice@northwind.io\nEND:VCARD\n");
    auto r = kith({"import", "vcard", card.string(), "--prefer", "vault"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out.find("differs"), std::string::npos) << r.out;
    EXPECT_EQ(status(m_vault), "");
    EXPECT_NE(read_text(m_vault / "contacts/alice-chen.md").find("title: VP Engineering"), std::string::npos);
}

TEST_F(Interchange, OneBadCardAnywhereAndNothingIsImported) {
    const fs::path dir = m_tmp.path() / "mixed";
    fs::create_directories(dir);
    fs::copy(fixture("phone-3.0.vcf"), dir / "a-good.vcf");
    write_file(dir / "b-truncated.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:New Person\nEMAIL:new@example.com\n");
    const std::string initial = head(m_vault);
    auto r = kith({"import", "vcard", dir.string()});
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find(dir.string() + "/b-truncated.vcf:1: error: the card that starts here has no END:VCARD"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("nothing was imported"), std::string::npos) << r.err;
    EXPECT_EQ(head(m_vault), initial);
    EXPECT_EQ(status(m_vault), "");
    EXPECT_FALSE(fs::exists(m_vault / "contacts/adaeze-okonkwo.md"));
}

TEST_F(Interchange, BadCardsGiveClearErrors) {
    struct Case {
        std::string name, bytes, message;
    };
    std::string junk;
    for (int i = 0; i < 4096; ++i) junk += static_cast<char>((i * 7919) % 251);
    std::string big = "BEGIN:VCARD\nFN:Big\nPHOTO;ENCODING=b:" + std::string(10 * 1024 * 1024, 'A') + "\nEND:VCARD\n";
    const std::vector<Case> cases{
        {"truncated.vcf", "BEGIN:VCARD\nFN:A\n", "truncated.vcf:1: error: the card that starts here has no END:VCARD"},
        {"no-end.vcf", "BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\n",
         "no-end.vcf:3: error: a card starts inside the card of line 1"},
        {"junk.vcf", junk, "junk.vcf:1: error:"},
        {"photo.vcf", big, "photo.vcf:3: error: property 'PHOTO' is over the 1 MiB property size limit"},
        {"latin1.vcf", "BEGIN:VCARD\nFN:Ren\xE9\nEND:VCARD\n", "latin1.vcf:2: error: 'FN' is not valid UTF-8"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        write_file(m_tmp.path() / c.name, c.bytes);
        const auto start = std::chrono::steady_clock::now();
        auto r = kith({"import", "vcard", c.name}); // relative to the working folder
        const auto ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
        EXPECT_EQ(r.status, 1);
        EXPECT_EQ(r.err.rfind(c.message, 0), 0u) << r.err;
        EXPECT_LT(ms, 30000); // a hang guard, not a benchmark (sanitizer builds are slow)
        EXPECT_EQ(status(m_vault), "");
    }
}

TEST_F(Interchange, FiveThousandCardsImportInOneCommit) {
    std::string file;
    for (int i = 0; i < 5000; ++i)
        file += "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person " + std::to_string(i) + "\r\nEMAIL:p" + std::to_string(i) +
                "@example.com\r\nTEL;TYPE=CELL:+47 " + std::to_string(10000000 + i) + "\r\nEND:VCARD\r\n";
    write_file(m_tmp.path() / "many.vcf", file);
    const auto start = std::chrono::steady_clock::now();
    auto dry = kith({"import", "vcard", "many.vcf", "--dry-run"});
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    ASSERT_EQ(dry.status, 0) << dry.err;
    EXPECT_NE(dry.out.find("would import: 5000 created, 0 updated, 0 unchanged, 0 skipped"), std::string::npos);
    EXPECT_NE(dry.out.find("dry run: nothing was written"), std::string::npos);
    EXPECT_EQ(status(m_vault), "");
    EXPECT_FALSE(fs::exists(m_vault / "contacts/person-0.md"));
    EXPECT_LT(ms, 60000); // a hang guard, not a benchmark (sanitizer builds are slow)
}

TEST_F(Interchange, TheCalendarFeedParsesWithPythonIcalendar) {
    const fs::path feed = m_tmp.path() / "kith.ics";
    auto r = kith({"export", "ics", "--out", feed.string()});
    ASSERT_EQ(r.status, 0) << r.err;
    const std::string text = read_text(feed);
    EXPECT_EQ(text.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
    // The same day gives the same feed.
    auto again = kith({"export", "ics"});
    EXPECT_EQ(again.out, text);
    if (!fs::exists("/usr/bin/python3")) GTEST_SKIP() << "no /usr/bin/python3";
    const std::string script =
        "import sys, icalendar\n"
        "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
        "for e in cal.walk('VEVENT'):\n"
        "    assert e.walk('VALARM'), e['UID']\n"
        "    rr = e.get('RRULE')\n"
        "    print(e['UID'], e['DTSTART'].dt.isoformat(), rr.to_ical().decode() if rr else '-', sep='|')\n";
    write_file(m_tmp.path() / "check.py", script);
    int st = 0;
    const std::string out = capture("/usr/bin/python3 " + test::quoted(m_tmp.path() / "check.py") + " " + test::quoted(feed) + " 2>&1", st);
    if (st != 0 && out.find("No module named 'icalendar'") != std::string::npos) GTEST_SKIP() << out;
    ASSERT_EQ(st, 0) << out;
    std::size_t events = 0;
    for (std::size_t at = 0; (at = text.find("BEGIN:VEVENT", at)) != std::string::npos; ++at) ++events;
    EXPECT_EQ(static_cast<std::size_t>(std::count(out.begin(), out.end(), '\n')), events) << out;
    EXPECT_GT(events, 20u);
    // Erik's 29 February birthday, and a follow-up on its due date.
    EXPECT_NE(out.find("|1996-02-29|FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2\n"), std::string::npos) << out;
    EXPECT_NE(out.find("|2026-11-25|-\n"), std::string::npos) << out; // Zoë: send deck 📅 2026-11-25
}

TEST_F(Interchange, ExportJsonIsOneObjectWithTheWholeIndex) {
    auto r = kith({"export", "json"});
    ASSERT_EQ(r.status, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["kith_export"], 1);
    EXPECT_EQ(j["contacts"].size(), 24u); // archived ones included
    EXPECT_FALSE(j["entries"].empty());
    EXPECT_FALSE(j["followups"].empty());
    EXPECT_FALSE(j["links"].empty());
    EXPECT_FALSE(j["diagnostics"].empty()); // sample-vault has its deliberate problems
    for (const char* key : {"config", "notes", "today"}) EXPECT_TRUE(j.contains(key)) << key;
}

TEST_F(Interchange, UsageErrorsAndHelp) {
    EXPECT_EQ(kith({"export"}).status, 2);
    EXPECT_EQ(kith({"export", "pdf"}).status, 2);
    EXPECT_EQ(kith({"export", "vcard", "--version", "2.1"}).status, 2);
    EXPECT_EQ(kith({"export", "vcard", "--within", "7d"}).status, 2);
    EXPECT_EQ(kith({"export", "ics", "--within", "soon"}).status, 2);
    EXPECT_EQ(kith({"export", "json", "--tag", "x"}).status, 2);
    EXPECT_EQ(kith({"import", "vcard"}).status, 2);
    EXPECT_EQ(kith({"import", "csv", "x"}).status, 2);
    EXPECT_EQ(kith({"import", "vcard", "x.vcf", "--prefer", "mine"}).status, 2);
    auto missing = kith({"import", "vcard", "nowhere.vcf"});
    EXPECT_EQ(missing.status, 1);
    EXPECT_NE(missing.err.find("no such file or folder: nowhere.vcf"), std::string::npos);
    for (const char* cmd : {"export", "import"}) {
        auto h = kith({cmd, "--help"});
        EXPECT_EQ(h.status, 0);
        EXPECT_EQ(h.out.rfind(std::string("usage: kith ") + cmd, 0), 0u) << h.out;
    }
    EXPECT_EQ(status(m_vault), "");
}

} // namespace
