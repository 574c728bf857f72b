// Work split into parts over the index: every item in exactly one part, in
// order, failures passed on; and an index built and reported on with any
// number of threads gives exactly what one thread gives, on a vault large
// enough to be split.

#include "support.hpp"

#include "kith/index/parallel.hpp"

#include <atomic>
#include <sstream>
#include <stdexcept>

using namespace kith;
using namespace kith::test;

TEST(Parallel, PartCountStaysBetweenOneAndTheThreads) {
    EXPECT_EQ(part_count(0, 4, 100), 1u);
    EXPECT_EQ(part_count(99, 4, 100), 1u);
    EXPECT_EQ(part_count(250, 4, 100), 2u);
    EXPECT_EQ(part_count(1000000, 4, 100), 4u);
    EXPECT_EQ(part_count(1000000, 0, 100), 1u);
    EXPECT_EQ(part_count(10, 3, 0), 3u);
}

TEST(Parallel, PartsCoverEveryItemOnceInOrder) {
    for (std::size_t n : {0u, 1u, 2u, 7u, 1000u, 1001u}) {
        for (std::size_t parts : {1u, 2u, 3u, 8u}) {
            std::vector<std::pair<std::size_t, std::size_t>> ranges(parts, {SIZE_MAX, SIZE_MAX});
            std::vector<std::atomic<int>> seen(n);
            in_parts(n, parts, [&](std::size_t k, std::size_t first, std::size_t end) {
                ranges[k] = {first, end};
                for (std::size_t i = first; i < end; ++i) ++seen[i];
            });
            std::size_t at = 0;
            for (const auto& [first, end] : ranges) {
                EXPECT_EQ(first, at) << n << " in " << parts;
                EXPECT_LE(first, end);
                at = end;
            }
            EXPECT_EQ(at, n);
            for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(seen[i].load(), 1) << i;
        }
    }
}

TEST(Parallel, AFailureInAnyPartIsThrownToTheCaller) {
    for (std::size_t bad : {0u, 2u}) {
        std::atomic<int> done{0};
        EXPECT_THROW(in_parts(300, 3,
                              [&](std::size_t k, std::size_t, std::size_t) {
                                  if (k == bad) throw std::runtime_error("part failed");
                                  ++done;
                              }),
                     std::runtime_error);
        EXPECT_EQ(done.load(), 2); // the other parts still ran to the end
    }
}

namespace {

/// A vault large enough to be split into parts: contacts linking each other
/// by id, name and alias (some names shared, so some links are ambiguous),
/// links to nobody, favours, thanks, plans after today, follow-ups, and
/// dated notes linking several contacts.
std::map<std::string, std::string> large_vault(int contacts, int notes) {
    std::map<std::string, std::string> files;
    auto id = [](int i) { return "p" + std::to_string(i); };
    for (int i = 0; i < contacts; ++i) {
        std::string front = "name: Person " + std::to_string(i % (contacts - 50)) + "\n";
        front += "aliases: [Alias" + std::to_string(i) + "]\n";
        if (i % 3 == 0) front += "tier: core\nreviewed: 2025-1" + std::to_string(i % 3) + "-2" + std::to_string(i % 7) + "\n";
        if (i % 5 == 0) front += "cadence: " + std::to_string(1 + i % 9) + "w\n";
        if (i % 11 == 0) front += "birthday: 19" + std::to_string(50 + i % 40) + "-12-0" + std::to_string(1 + i % 9) + "\n";
        // What validation takes out, in every part.
        if (i % 97 == 1 && i % 3 != 0) front += "tier: nonsense\n";
        if (i % 89 == 2 && i % 11 != 0) front += "birthday: 2030-01-01\n";
        if (i % 13 == 0) front += "introduced_by: \"[[" + id((i * 7) % contacts) + "]]\"\n";
        front += "met: 20" + std::to_string(10 + i % 17) + "-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 9);
        std::string body = "## Log\n";
        for (int k = 0; k < 4; ++k) {
            const int other = (i * 31 + k * 17) % contacts;
            const char* tag = k == 0 ? "#got" : k == 1 ? "#gave" : k == 2 ? "#thanks" : "#intro";
            body += "- 2026-" + std::to_string(10 + (i + k) % 3) + "-1" + std::to_string((i + k) % 9) + " " + tag +
                    " with [[" + (k == 3 ? "Alias" + std::to_string(other) : id(other)) + "]]\n";
        }
        if (i % 17 == 0) body += "- 2027-01-0" + std::to_string(1 + i % 9) + " a plan with [[Person 3]]\n";
        if (i % 19 == 0) body += "- 2026-11-01 met [[nobody-" + std::to_string(i) + "]]\n";
        body += "\n## Follow-ups\n- [ ] 2026-1" + std::to_string(1 + i % 2) + "-2" + std::to_string(i % 9) + " call\n";
        files["contacts/" + id(i) + ".md"] = contact(front, body);
        // A shared id: the first by path wins, the other is skipped unvalidated.
        if (i % 501 == 0) files["contacts/dup/" + id(i) + ".md"] = contact("name: Twin\ntier: other\n", "");
    }
    for (int j = 0; j < notes; ++j) {
        const std::string date = "2026-" + std::to_string(10 + j % 3) + "-0" + std::to_string(1 + j % 9);
        std::string text = "Met [[" + id(j % contacts) + "]] and [[Person " + std::to_string(j % 40) + "]].\n\n";
        text += "- " + date + " #got from [[" + id((j * 13) % contacts) + "]] and [[" + id((j * 29) % contacts) + "]]\n";
        text += "- 2027-02-0" + std::to_string(1 + j % 9) + " later with [[" + id((j * 3) % contacts) + "]]\n";
        text += "- [ ] 2026-11-2" + std::to_string(j % 9) + " write to [[" + id((j * 5) % contacts) + "]]\n";
        if (j % 23 == 0) text += "See [[missing-" + std::to_string(j) + "]].\n";
        files["journal/" + date + "-" + std::to_string(j) + ".md"] = text;
    }
    return files;
}

/// Everything an index holds that a command can see.
std::string everything(const VaultIndex& ix, Date today) {
    std::string out = all_reports(ix, today);
    for (const ContactRecord& r : ix.contacts()) {
        out += r.contact->id + ":";
        for (std::size_t k : r.links) out += " " + std::to_string(k);
        for (const EntryRef& e : r.entries) out += " e" + *e.file + "@" + std::to_string(e.entry->line);
        for (const TaskRef& t : r.tasks) out += " t" + *t.file + "@" + std::to_string(t.task->line);
        for (Date d : r.note_dates) out += " n" + d.iso();
        out += "\n";
    }
    return out;
}

/// The first line where `a` and `b` differ, with its number (empty when the
/// texts are equal): a failure shows that, not megabytes of text.
std::string first_difference(const std::string& a, const std::string& b) {
    std::istringstream x(a), y(b);
    std::string l1, l2;
    for (int line = 1;; ++line) {
        const bool more1 = static_cast<bool>(std::getline(x, l1)), more2 = static_cast<bool>(std::getline(y, l2));
        if (!more1 && !more2) return {};
        if (!more1 || !more2 || l1 != l2) return "line " + std::to_string(line) + ":\n  " + l1 + "\n  " + l2;
    }
}

} // namespace

TEST(Parallel, AnIndexAndItsReportsAreTheSameOnAnyNumberOfThreads) {
    const auto files = large_vault(5000, 4500);
    const Date today = day("2026-11-22");
    auto on = [&](unsigned threads) {
        MemorySource src(files);
        return load_vault(src, today, LoadOptions{threads});
    };
    const VaultIndex one = on(1);
    ASSERT_EQ(one.contacts().size(), 5000u);
    ASSERT_EQ(one.threads(), 1u);
    const std::string expected = everything(one, today);
    // The vault exercises what the parts must join in order.
    EXPECT_NE(expected.find("ambiguous link [[Person 3]]"), std::string::npos);
    EXPECT_NE(expected.find("unresolved link [[nobody-"), std::string::npos);
    EXPECT_NE(expected.find("unresolved link [[missing-"), std::string::npos);
    EXPECT_NE(expected.find("entry dated after today"), std::string::npos);
    EXPECT_NE(expected.find("\"kind\":\"thank\""), std::string::npos);
    EXPECT_NE(expected.find(" n2026-"), std::string::npos);
    EXPECT_NE(expected.find("'tier' names an unknown tier: \"nonsense\""), std::string::npos);
    EXPECT_NE(expected.find("'birthday' is after today"), std::string::npos);
    EXPECT_NE(expected.find("duplicate contact id"), std::string::npos);
    for (unsigned threads : {2u, 3u, 8u}) {
        const VaultIndex many = on(threads);
        EXPECT_EQ(many.threads(), threads);
        EXPECT_EQ(first_difference(everything(many, today), expected), "") << threads << " threads";
    }
}
