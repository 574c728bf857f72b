// The vCard reader and writer (src/core/vcard.cpp): phone-style fixtures in
// tests/fixtures/vcard/, folding and escaping, birthdays in every form, and
// every kind of broken card.

#include "support.hpp"

#include "kith/interchange/vcard.hpp"
#include "kith/parse/file.hpp"
#include "kith/parse/text.hpp"

#include <chrono>

using namespace kith;
using namespace kith::test;

namespace {

vcard::ParseResult read_fixture(const std::string& name) {
    const std::string bytes = read_text(source_dir() / "tests/fixtures/vcard" / name);
    EXPECT_FALSE(bytes.empty()) << name;
    return vcard::parse_vcards(bytes, name);
}

std::string messages(const Diagnostics& ds) {
    std::string out;
    for (const Diagnostic& d : ds) out += format_diagnostic(d) + "\n";
    return out;
}

Contact contact_from(const std::string& front) {
    ParsedFile f = parse_file("contacts/x.md", test::contact(front), FileKind::Contact);
    EXPECT_TRUE(f.contact.has_value()) << front;
    return f.contact ? *f.contact : Contact{};
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find("\r\n", pos);
        EXPECT_NE(end, std::string::npos) << "every line ends in CRLF";
        if (end == std::string::npos) break;
        out.push_back(text.substr(pos, end - pos));
        pos = end + 2;
    }
    return out;
}

vcard::Card only_card(const std::string& text) {
    auto r = vcard::parse_vcards(text, "t.vcf");
    EXPECT_EQ(r.diagnostics, Diagnostics{}) << messages(r.diagnostics);
    EXPECT_EQ(r.cards.size(), 1u);
    return r.cards.empty() ? vcard::Card{} : r.cards[0];
}

} // namespace

TEST(VcardRead, Version21WithQuotedPrintableSoftBreaksAndLatin1) {
    auto r = read_fixture("phone-2.1-qp.vcf");
    EXPECT_FALSE(r.has_errors()) << messages(r.diagnostics);
    ASSERT_EQ(r.cards.size(), 3u);
    const vcard::Card& j = r.cards[0];
    EXPECT_EQ(j.version, "2.1");
    EXPECT_EQ(j.name, "Jürgen Müller");
    EXPECT_EQ(j.phones, (std::vector<std::string>{"+49 170 1234567", "030 1234567", "030 7654321"}));
    EXPECT_EQ(j.emails, (std::vector<std::string>{"juergen@example.de", "j.mueller@firma.example"}));
    EXPECT_EQ(j.org, "Bräu AG");
    EXPECT_EQ(j.title, "Brewer");
    EXPECT_EQ(j.location, "Hauptstraße 5, München, 80331, Deutschland"); // a soft line break inside "München"
    ASSERT_TRUE(j.birthday.has_value());
    EXPECT_EQ(j.birthday->year, 1975);
    EXPECT_EQ(r.cards[1].name, "Lucía García"); // CHARSET=ISO-8859-1, built from N
    EXPECT_EQ(r.cards[1].line, 58);
    EXPECT_EQ(r.cards[2].name, ""); // neither FN nor a non-empty N: the importer skips it
}

TEST(VcardRead, Version30AsAnIphoneExportsIt) {
    auto r = read_fixture("phone-3.0.vcf");
    EXPECT_EQ(r.diagnostics, Diagnostics{}) << messages(r.diagnostics);
    ASSERT_EQ(r.cards.size(), 2u);
    const vcard::Card& a = r.cards[0];
    EXPECT_EQ(a.name, "Adaeze Okonkwo");
    EXPECT_EQ(a.nicknames, std::vector<std::string>{"Ada"});
    EXPECT_EQ(a.org, "Lagos Fintech Ltd"); // the department is left out
    EXPECT_EQ(a.emails, (std::vector<std::string>{"ada@lagosfintech.example", "adaeze.o@mail.example"}));
    EXPECT_EQ(a.phones, (std::vector<std::string>{"+234 803 123 4567", "+44 7700 900456"}));
    EXPECT_EQ(a.location, "12 Admiralty Way, Lekki, Lagos, Nigeria");
    ASSERT_TRUE(a.birthday.has_value());
    EXPECT_FALSE(a.birthday->year.has_value()); // X-APPLE-OMIT-YEAR
    EXPECT_EQ(a.birthday->month, 2);
    EXPECT_EQ(a.birthday->day, 29);
    EXPECT_EQ(a.categories, (std::vector<std::string>{"fintech", "speaker"}));
    EXPECT_EQ(a.uid, "7F3A4C2E-1B2D-4E5F-8A9B-0C1D2E3F4A5B");
    EXPECT_EQ(r.cards[1].name, "Hiroshi Tanaka (田中 宏)");
}

TEST(VcardRead, Version40WithUrisLabelsAndAFoldInsideACharacter) {
    auto r = read_fixture("contacts-4.0.vcf");
    EXPECT_EQ(r.diagnostics, Diagnostics{}) << messages(r.diagnostics);
    ASSERT_EQ(r.cards.size(), 1u);
    const vcard::Card& s = r.cards[0];
    EXPECT_EQ(s.name, "Søren Kierkegaard-Ødegård");
    EXPECT_EQ(s.nicknames, (std::vector<std::string>{"Sø", "Sorry"}));
    EXPECT_EQ(s.emails, std::vector<std::string>{"soren@philosophy.example"}); // the same address in capitals once
    EXPECT_EQ(s.phones, std::vector<std::string>{"+45-20-12-34-56"});        // tel: URI
    EXPECT_EQ(s.location, "Nyhavn 1, Copenhagen, 1051, Denmark");            // the colon in LABEL is no value start
    EXPECT_EQ(s.title, "Philosopher, writer");
    ASSERT_TRUE(s.birthday.has_value());
    EXPECT_FALSE(s.birthday->year.has_value());
    EXPECT_EQ(s.birthday->month, 5);
}

TEST(VcardRead, BirthdayInEveryForm) {
    auto bday = [](const std::string& line) {
        return only_card("BEGIN:VCARD\r\nFN:X\r\n" + line + "\r\nEND:VCARD\r\n").birthday;
    };
    for (const char* with_year : {"BDAY:1988-03-14", "BDAY:19880314", "BDAY:1988-03-14T00:00:00Z", "BDAY;VALUE=date:1988-03-14"}) {
        auto b = bday(with_year);
        ASSERT_TRUE(b.has_value()) << with_year;
        EXPECT_EQ(b->year, 1988) << with_year;
        EXPECT_EQ(b->month, 3);
        EXPECT_EQ(b->day, 14);
    }
    for (const char* no_year : {"BDAY:--0314", "BDAY:--03-14", "BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-14"}) {
        auto b = bday(no_year);
        ASSERT_TRUE(b.has_value()) << no_year;
        EXPECT_FALSE(b->year.has_value()) << no_year;
        EXPECT_EQ(b->day, 14);
    }
    // A date kith cannot read is a warning: the card is still good.
    auto r = vcard::parse_vcards("BEGIN:VCARD\nFN:X\nBDAY:1988-02-30\nEND:VCARD\n", "t.vcf");
    ASSERT_EQ(r.cards.size(), 1u);
    EXPECT_FALSE(r.cards[0].birthday.has_value());
    EXPECT_FALSE(r.has_errors());
    EXPECT_EQ(messages(r.diagnostics), "t.vcf:3: warning: 'BDAY' is not a date kith can read: \"1988-02-30\"; left out\n");
}

TEST(VcardWrite, BirthdaysFollowRfc6350AndThe30Convention) {
    Contact with_year = contact_from("name: A B\nbirthday: 1988-03-14");
    Contact no_year = contact_from("name: A B\nbirthday: \"--02-29\"");
    auto has = [](const std::string& text, const std::string& line) { return text.find(line + "\r\n") != std::string::npos; };
    EXPECT_TRUE(has(vcard::write_vcard(with_year, "u", vcard::Version::V4), "BDAY:19880314"));
    EXPECT_TRUE(has(vcard::write_vcard(no_year, "u", vcard::Version::V4), "BDAY:--0229"));
    EXPECT_TRUE(has(vcard::write_vcard(with_year, "u", vcard::Version::V3), "BDAY:1988-03-14"));
    EXPECT_TRUE(has(vcard::write_vcard(no_year, "u", vcard::Version::V3), "BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29"));
    for (auto v : {vcard::Version::V3, vcard::Version::V4}) {
        auto back = only_card(vcard::write_vcard(no_year, "u", v)).birthday;
        ASSERT_TRUE(back.has_value());
        EXPECT_FALSE(back->year.has_value());
        EXPECT_EQ(back->month, 2);
        EXPECT_EQ(back->day, 29);
    }
}

TEST(VcardWrite, FoldsAt75OctetsWithoutSplittingACharacterAndReadsBack) {
    std::string long_title;
    for (int i = 0; i < 40; ++i) long_title += "Überprüfung ";
    Contact c = contact_from("name: Zoë Martín\ntitle: \"" + long_title + "\"\nlocation: Barcelona, Spain");
    const std::string text = vcard::write_vcard(c, "urn:uuid:1", vcard::Version::V4);
    bool folded = false;
    for (const std::string& l : lines_of(text)) {
        EXPECT_LE(l.size(), 75u) << l;
        // No line starts or ends in the middle of a UTF-8 character.
        if (!l.empty()) EXPECT_NE(static_cast<unsigned char>(l[l[0] == ' ' ? 1 : 0]) & 0xC0, 0x80) << l;
        folded = folded || (!l.empty() && l[0] == ' ');
    }
    EXPECT_TRUE(folded);
    vcard::Card back = only_card(text);
    EXPECT_EQ(back.title, std::string(trim(long_title)));
    EXPECT_EQ(back.name, "Zoë Martín");
    EXPECT_EQ(back.location, "Barcelona, Spain");
    EXPECT_EQ(back.uid, "urn:uuid:1");
}

TEST(VcardWrite, EscapesCommasSemicolonsBackslashesAndReadsThemBack) {
    Contact c = contact_from(
        "name: 'Jane \\ Doe'\ncompany: 'Smith, Jones; Partners'\naliases: ['J, D', 'semi;colon']\ntags: ['a,b', c]");
    const std::string text = vcard::write_vcard(c, "u", vcard::Version::V3);
    EXPECT_NE(text.find("FN:Jane \\\\ Doe\r\n"), std::string::npos) << text;
    EXPECT_NE(text.find("ORG:Smith\\, Jones\\; Partners\r\n"), std::string::npos) << text;
    EXPECT_NE(text.find("NICKNAME:J\\, D,semi\\;colon\r\n"), std::string::npos) << text;
    vcard::Card back = only_card(text);
    EXPECT_EQ(back.name, "Jane \\ Doe");
    EXPECT_EQ(back.org, "Smith, Jones; Partners");
    EXPECT_EQ(back.nicknames, (std::vector<std::string>{"J, D", "semi;colon"}));
    EXPECT_EQ(back.categories, (std::vector<std::string>{"a,b", "c"}));
}

TEST(VcardWrite, LocationSplitsIntoAddressPartsAndJoinsBack) {
    for (const char* loc : {"Oslo", "Oslo, Norway", "Austin, TX, USA", "Flat 2, 10 Downing St, London, England, UK",
                            "Oslo,Norway"}) {
        EXPECT_EQ(vcard::join_location(vcard::split_location(loc)), loc);
    }
    auto a = vcard::split_location("Austin, TX, USA");
    EXPECT_EQ(a.locality, "Austin");
    EXPECT_EQ(a.region, "TX");
    EXPECT_EQ(a.country, "USA");
}

TEST(VcardBad, ATruncatedFileIsAnErrorAndGivesNoCard) {
    auto r = vcard::parse_vcards("BEGIN:VCARD\nVERSION:3.0\nFN:Good\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Cut", "t.vcf");
    EXPECT_TRUE(r.has_errors());
    EXPECT_EQ(messages(r.diagnostics),
              "t.vcf:5: error: the card that starts here has no END:VCARD (the file is truncated?)\n");
    ASSERT_EQ(r.cards.size(), 1u); // the reader keeps the good one; the importer refuses the file
}

TEST(VcardBad, AMissingEndBeforeTheNextCard) {
    auto r = vcard::parse_vcards("BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\n", "t.vcf");
    EXPECT_EQ(messages(r.diagnostics),
              "t.vcf:3: error: a card starts inside the card of line 1 (END:VCARD missing before it?)\n");
}

TEST(VcardBad, TextOutsideACardAndLinesThatAreNoProperty) {
    auto r = vcard::parse_vcards("hello\nBEGIN:VCARD\nFN:A\njust words\nEND:VCARD\n", "t.vcf");
    EXPECT_EQ(messages(r.diagnostics), "t.vcf:1: error: text outside a card (expected BEGIN:VCARD): \"hello\"\n"
                                       "t.vcf:4: error: not a vCard property (NAME:VALUE): \"just words\"\n");
    EXPECT_TRUE(r.cards.empty());
}

TEST(VcardBad, BinaryJunkIsRefusedWithoutACrash) {
    std::string junk;
    std::uint32_t x = 12345;
    for (int i = 0; i < 200000; ++i) {
        x = x * 1103515245u + 12345u;
        junk += static_cast<char>(x >> 24);
    }
    auto r = vcard::parse_vcards(junk, "junk.vcf");
    EXPECT_TRUE(r.has_errors());
    EXPECT_TRUE(r.cards.empty());
    EXPECT_LE(r.diagnostics.size(), vcard::k_max_errors);
    auto nul = vcard::parse_vcards(std::string("BEGIN:VCARD\nFN:A\0B\nEND:VCARD\n", 29), "nul.vcf");
    EXPECT_EQ(messages(nul.diagnostics), "nul.vcf:2: error: binary data where a vCard line should be\n");
    EXPECT_TRUE(nul.cards.empty());
}

TEST(VcardBad, InvalidUtf8IsAnErrorNamingTheProperty) {
    auto r = vcard::parse_vcards("BEGIN:VCARD\nFN:Ren\xE9\nEND:VCARD\n", "t.vcf");
    EXPECT_EQ(messages(r.diagnostics), "t.vcf:2: error: 'FN' is not valid UTF-8\n");
    EXPECT_TRUE(r.cards.empty());
}

TEST(VcardBad, ATenMegabytePhotoIsAnErrorFoundQuicklyInBoundedMemory) {
    std::string card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big\r\nPHOTO;ENCODING=b;TYPE=JPEG:";
    const std::string chunk(74, 'A');
    card.reserve(11 * 1024 * 1024);
    while (card.size() < 10 * 1024 * 1024) card += chunk + "\r\n ";
    card += "AA\r\nEND:VCARD\r\n";
    const auto start = std::chrono::steady_clock::now();
    auto r = vcard::parse_vcards(card, "big.vcf");
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(messages(r.diagnostics), "big.vcf:4: error: property 'PHOTO' is over the 1 MiB property size limit; the card is not read\n");
    EXPECT_TRUE(r.cards.empty());
    EXPECT_LT(ms, 20000); // a bound on runaway (quadratic) cost, loose for sanitizer builds
}

TEST(VcardRead, AnOrdinaryPhotoIsIgnored) {
    vcard::Card c = only_card("BEGIN:VCARD\nVERSION:3.0\nFN:Pic\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ\n "
                              "AAAQABAAD\nEMAIL:pic@example.com\nEND:VCARD\n");
    EXPECT_EQ(c.name, "Pic");
    EXPECT_EQ(c.emails, std::vector<std::string>{"pic@example.com"});
}

TEST(VcardRead, FiveThousandCardsInLinearTime) {
    std::string file;
    for (int i = 0; i < 5000; ++i)
        file += "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person " + std::to_string(i) + "\r\nN:" + std::to_string(i) +
                ";Person;;;\r\nEMAIL;TYPE=INTERNET:p" + std::to_string(i) + "@example.com\r\nTEL;TYPE=CELL:+47 " +
                std::to_string(10000000 + i) + "\r\nEND:VCARD\r\n";
    const auto start = std::chrono::steady_clock::now();
    auto r = vcard::parse_vcards(file, "many.vcf");
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    EXPECT_FALSE(r.has_errors());
    ASSERT_EQ(r.cards.size(), 5000u);
    EXPECT_EQ(r.cards[4999].name, "Person 4999");
    EXPECT_EQ(r.cards[4999].line, 4999 * 7 + 1);
    EXPECT_LT(ms, 10000); // a bound on runaway (quadratic) cost, loose for sanitizer builds
}

TEST(VcardBad, ACardWithAMillionEmailsIsAnErrorNamingTheCapNotCutShort) {
    std::string card = "BEGIN:VCARD\nFN:Many\n";
    for (int i = 0; i < 1000000; ++i) card += "EMAIL:a" + std::to_string(i) + "@x\n";
    card += "END:VCARD\nBEGIN:VCARD\nFN:Next\nEMAIL:next@x\nEND:VCARD\n";
    const auto start = std::chrono::steady_clock::now();
    auto r = vcard::parse_vcards(card, "cards/x.vcf");
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    // The 1001st value (line 1003) is the error; the card is not read, the next one is.
    EXPECT_EQ(messages(r.diagnostics), "cards/x.vcf:1003: error: the card has more than 1000 EMAIL values (the limit "
                                       "is 1000); the card is not read\n");
    ASSERT_EQ(r.cards.size(), 1u);
    EXPECT_EQ(r.cards[0].name, "Next");
    EXPECT_LT(ms, 30000); // a bound on runaway (quadratic) cost, loose for sanitizer builds
}

TEST(VcardRead, AThousandValuesOfAKindAndRepeatsOfThemAreFine) {
    std::string card = "BEGIN:VCARD\nFN:Many\n";
    for (int i = 0; i < 1000; ++i) card += "TEL:+1 555 " + std::to_string(i) + "\n";
    for (int i = 0; i < 10; ++i) card += "TEL:+1 555 " + std::to_string(i) + "\n";
    card += "END:VCARD\n";
    EXPECT_EQ(only_card(card).phones.size(), 1000u);
}

TEST(VcardBad, EveryCapNamesItself) {
    for (const std::string kind : {"TEL", "NICKNAME", "CATEGORIES"}) {
        std::string card = "BEGIN:VCARD\nFN:Many\n";
        for (int i = 0; i <= 1000; ++i) card += kind + ":v" + std::to_string(i) + "\n";
        card += "END:VCARD\n";
        auto r = vcard::parse_vcards(card, "t.vcf");
        EXPECT_TRUE(r.cards.empty()) << kind;
        EXPECT_NE(messages(r.diagnostics).find("more than 1000 " + kind + " values (the limit is 1000)"),
                  std::string::npos)
            << messages(r.diagnostics);
    }
}

TEST(VcardBad, QuotedPrintableRefusesControlsAsRawInputDoes) {
    // =1B is ESC: decoded, it would put an escape sequence in a name.
    for (const char* qp : {"Ev=1B]52;c;eA=3D=3D=07il", "a=00b", "a=7Fb", "a=08b"}) {
        auto r = vcard::parse_vcards(std::string("BEGIN:VCARD\nVERSION:2.1\nFN;ENCODING=QUOTED-PRINTABLE:") + qp +
                                         "\nEND:VCARD\n",
                                     "t.vcf");
        EXPECT_TRUE(r.cards.empty()) << qp;
        EXPECT_TRUE(r.has_errors()) << qp;
        EXPECT_NE(messages(r.diagnostics).find("t.vcf:3: error: 'FN' holds"), std::string::npos)
            << messages(r.diagnostics);
    }
    auto r = vcard::parse_vcards("BEGIN:VCARD\nVERSION:2.1\nFN;ENCODING=QUOTED-PRINTABLE:Ev=1Bil\nEND:VCARD\n", "t.vcf");
    EXPECT_EQ(messages(r.diagnostics), "t.vcf:3: error: 'FN' holds a control character (=1B in quoted-printable); the "
                                       "card is not read\n");
    // A line break (=0A or =0D=0A) and a tab are text, as raw lines allow.
    EXPECT_EQ(only_card("BEGIN:VCARD\nVERSION:2.1\nFN;ENCODING=QUOTED-PRINTABLE:Ada=0ALovelace=09X\nEND:VCARD\n").name,
              "Ada Lovelace X");
}

TEST(VcardWrite, ControlCharactersAreDropped) {
    Contact c = contact_from("name: \"Ev\\e]52;c;eA==\\ail\\x9b\"\ncompany: \"A\\x7fB\"");
    const std::string card = vcard::write_vcard(c, "", vcard::Version::V4);
    for (char ch : card) {
        const auto u = static_cast<unsigned char>(ch);
        EXPECT_TRUE(u >= 0x20 || ch == '\r' || ch == '\n') << static_cast<int>(u);
        EXPECT_NE(u, 0x7F);
    }
    EXPECT_EQ(card.find("\xc2\x9b"), std::string::npos);
    EXPECT_NE(card.find("FN:Ev]52\\;c\\;eA==il\r\n"), std::string::npos) << card;
    EXPECT_NE(card.find("ORG:AB\r\n"), std::string::npos) << card;
}
