// The iCalendar feed as a calendar shows it: one event per UID, summaries
// as a person would write them (names, no Tasks signifiers, no link syntax).
#include "support.hpp"

#include "kith/interchange/ics.hpp"

#include <set>

using namespace kith;
using namespace kith::test;

namespace {

std::map<std::string, std::string> vault() {
    return {
        {"contacts/ana.md", contact("name: Ana Lima")},
        {"contacts/bo-berg.md", contact("name: Bo Berg")},
        {"journal/2026-11-21.md", "- 2026-11-21 #got lunch from [[ana]] and [[bo-berg]]\n"
                                  "- [ ] call [[ana|Ana]] about [[bo-berg]] 🔼 🔁 every week ⏳ 2026-11-20 📅 2026-11-25 ^x1\n"},
    };
}

} // namespace

TEST(IcsUid, OneEntryThatLinksTwoPeopleGivesTwoEventsWithTheirOwnUids) {
    auto ix = index_of(vault());
    const auto events = ics::events(ix, day("2026-11-22"), {});
    std::set<std::string> uids;
    int thanks = 0;
    for (const auto& e : events) {
        EXPECT_TRUE(uids.insert(e.uid).second) << "duplicate UID " << e.uid;
        thanks += e.kind == "thank";
    }
    EXPECT_EQ(thanks, 2);
    // Stable across runs.
    const auto again = ics::events(index_of(vault()), day("2026-11-22"), {});
    ASSERT_EQ(again.size(), events.size());
    for (std::size_t i = 0; i < events.size(); ++i) EXPECT_EQ(again[i].uid, events[i].uid);
}

TEST(IcsSummary, NamesInsteadOfLinksAndNoTasksSignifiers) {
    auto ix = index_of(vault());
    const auto events = ics::events(ix, day("2026-11-22"), {});
    const ics::Event* f = nullptr;
    for (const auto& e : events)
        if (e.kind == "followup") f = &e;
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->summary, "Follow up with Ana Lima, Bo Berg: call Ana about Bo Berg");
}
