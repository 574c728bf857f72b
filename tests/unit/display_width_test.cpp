// Table cells padded by display width (ICU's East_Asian_Width): CJK rows
// line up with Latin ones.
#include "support.hpp"

#include "kith/render/render.hpp"

#include <sstream>

using namespace kith;

TEST(DisplayWidth, WideCharactersCountTwoColumnsAndMarksNone) {
    EXPECT_EQ(display_width("abc"), 3u);
    EXPECT_EQ(display_width("王伟"), 4u);
    EXPECT_EQ(display_width("Zoe\xCC\x88"), 3u); // e + combining diaeresis
    EXPECT_EQ(display_width("Zoë"), 3u);
    EXPECT_EQ(display_width("ｗｏｒｌｄ"), 10u); // fullwidth Latin
}

TEST(DisplayWidth, TablesPadCjkRowsToTheSameColumns) {
    TextTable t({"id", "name", "tier"});
    t.add_row({"wang-wei", "王伟", "core"});
    t.add_row({"zoe", "Zoë Ñúñez", "close"});
    std::ostringstream out;
    t.print(out, false);
    std::istringstream lines(out.str());
    std::string l;
    std::vector<std::size_t> tier_at;
    while (std::getline(lines, l)) {
        const std::size_t at = l.find_first_of("ct", 10);
        ASSERT_NE(at, std::string::npos) << l;
        tier_at.push_back(display_width(l.substr(0, at)));
    }
    ASSERT_EQ(tier_at.size(), 3u);
    EXPECT_EQ(tier_at[0], tier_at[1]);
    EXPECT_EQ(tier_at[1], tier_at[2]);
}
