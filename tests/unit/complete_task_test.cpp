// `kith done` the Obsidian Tasks way (complete_task): a done date on items
// that use Tasks' signifiers, and the next instance of a recurring one.
#include "support.hpp"

#include "kith/edit/edit.hpp"

using namespace kith;
using namespace kith::edit;
using namespace kith::test;

TEST(CompleteTask, APlainItemIsOnlyTicked) {
    EXPECT_EQ(complete_task("# A\n\n- [ ] send the slides\n", 3, day("2026-11-22")), "# A\n\n- [x] send the slides\n");
}

TEST(CompleteTask, AnItemWithTasksDatesGetsItsDoneDate) {
    EXPECT_EQ(complete_task("- [ ] call 📅 2026-11-20 ^abc\n", 1, day("2026-11-22")),
              "- [x] call 📅 2026-11-20 ✅ 2026-11-22 ^abc\n");
}

TEST(CompleteTask, ARecurringItemGetsItsNextInstanceAboveIt) {
    EXPECT_EQ(complete_task("## Tasks\r\n- [ ] call mum 🔁 every week ⏳ 2026-11-18 📅 2026-11-20\r\n", 2, day("2026-11-22")),
              "## Tasks\r\n"
              "- [ ] call mum 🔁 every week ⏳ 2026-11-25 📅 2026-11-27\r\n"
              "- [x] call mum 🔁 every week ⏳ 2026-11-18 📅 2026-11-20 ✅ 2026-11-22\r\n");
}

TEST(CompleteTask, WhenDoneCountsFromToday) {
    EXPECT_EQ(complete_task("- [ ] water 🔁 every 3 days when done 📅 2026-11-01\n", 1, day("2026-11-22")),
              "- [ ] water 🔁 every 3 days when done 📅 2026-11-25\n"
              "- [x] water 🔁 every 3 days when done 📅 2026-11-01 ✅ 2026-11-22\n");
}

TEST(CompleteTask, AnUnreadableRuleChangesNothing) {
    EXPECT_THROW(complete_task("- [ ] x 🔁 every full moon 📅 2026-11-01\n", 1, day("2026-11-22")), EditError);
}

TEST(NextRecurrence, EachRuleTheTasksPluginWrites) {
    const Date due = day("2026-01-31"), today = day("2026-11-22");
    EXPECT_EQ(next_recurrence("every day", due, today), day("2026-02-01"));
    EXPECT_EQ(next_recurrence("every 2 weeks", due, today), day("2026-02-14"));
    EXPECT_EQ(next_recurrence("every month", due, today), day("2026-02-28"));
    EXPECT_EQ(next_recurrence("every 3 months", due, today), day("2026-04-30"));
    EXPECT_EQ(next_recurrence("every year", day("2024-02-29"), today), day("2025-02-28"));
    EXPECT_EQ(next_recurrence("every weekday", day("2026-11-20"), today), day("2026-11-23")); // Friday -> Monday
    EXPECT_EQ(next_recurrence("Every Week when done", due, today), day("2026-11-29"));
    EXPECT_EQ(next_recurrence("every week on Monday", due, today), std::nullopt);
}
