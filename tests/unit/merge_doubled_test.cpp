// The semantic merge never writes an entry more often than either side had
// it, even when the two sides hold it in different places (regression: a sync
// killed after writing the merged file, then a commit on top of it, made the
// next merge write an entry twice).

#include "kith/sync/merge.hpp"

#include <gtest/gtest.h>

using kith::sync::merge_file;

namespace {

int count(const std::string& text, const std::string& line) {
    int n = 0;
    for (std::size_t p = text.find(line); p != std::string::npos; p = text.find(line, p + 1)) ++n;
    return n;
}

const std::string k_base = "---\nname: A\n---\n## Log\n- 2026-11-01 a\n- 2026-10-01 b\n";

} // namespace

TEST(MergeDoubled, AnEntryBothSidesAddedInDifferentPlacesIsKeptOnce) {
    const std::string ours = "---\nname: A\n---\n## Log\n- 2026-11-22 d1\n- 2026-11-01 a\n- 2026-10-01 b\n";
    const std::string theirs = "---\nname: A\n---\n## Log\n- 2026-11-01 a\n- 2026-10-01 b\n- 2026-11-22 d1\n";
    auto r = merge_file(k_base, ours, theirs);
    ASSERT_TRUE(r.conflicts.empty());
    EXPECT_EQ(count(r.text, "- 2026-11-22 d1\n"), 1) << r.text;
    EXPECT_EQ(r.text, ours);
}

TEST(MergeDoubled, AnEntryOneSideHasTwiceStaysTwice) {
    const std::string ours = "---\nname: A\n---\n## Log\n- 2026-11-22 x\n- 2026-11-22 x\n- 2026-11-01 a\n- 2026-10-01 b\n";
    const std::string theirs = "---\nname: A\n---\n## Log\n- 2026-11-01 a\n- 2026-10-01 b\n- 2026-09-01 c\n";
    auto r = merge_file(k_base, ours, theirs);
    ASSERT_TRUE(r.conflicts.empty());
    EXPECT_EQ(count(r.text, "- 2026-11-22 x\n"), 2) << r.text;
    EXPECT_EQ(count(r.text, "- 2026-09-01 c\n"), 1) << r.text;
}
