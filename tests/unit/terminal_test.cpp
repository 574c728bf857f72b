// The one sanitiser for text that reaches a terminal (and git's commit
// messages): each class of character it must show rather than send, and the
// stream filter the CLI writes through.

#include "kith/render/csv.hpp"
#include "kith/render/render.hpp"
#include "kith/render/terminal.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace kith;

namespace {

/// Writes `pieces` one by one through a VisibleBuf into a string.
std::string through_buf(const std::vector<std::string>& pieces) {
    std::ostringstream target;
    {
        VisibleBuf buf(target.rdbuf());
        std::ostream out(&buf);
        for (const std::string& p : pieces) {
            out << p;
            out.flush();
        }
    }
    return target.str();
}

} // namespace

TEST(Visible, PrintableTextAndUtf8PassUnchanged) {
    const std::string s = "Zoë Ødegaard 日本 🎉 \\ ok ~";
    EXPECT_EQ(visible(s), s);
    EXPECT_EQ(visible(s, Layout::Escape), s);
}

TEST(Visible, C0ControlsAreShownAsEscapes) {
    EXPECT_EQ(visible("a\x1b]52;c;aGk=\x07z"), "a\\u001b]52;c;aGk=\\u0007z");
    EXPECT_EQ(visible(std::string("nul\0!", 5)), "nul\\u0000!");
    EXPECT_EQ(visible("cr\rover"), "cr\\u000dover");
    EXPECT_EQ(visible("\x1f"), "\\u001f");
}

TEST(Visible, NewLineAndTabAreLayoutOnlyWhereTextHasLines) {
    EXPECT_EQ(visible("a\nb\tc"), "a\nb\tc");
    EXPECT_EQ(visible("a\nb\tc", Layout::Escape), "a\\u000ab\\u0009c");
}

TEST(Visible, CrLfIsALineEndButALoneCrIsShown) {
    EXPECT_EQ(visible("a,b\r\nc\r"), "a,b\r\nc\\u000d");
    EXPECT_EQ(visible("over\rwrite"), "over\\u000dwrite");
    EXPECT_EQ(visible("a\r\n", Layout::Escape), "a\\u000d\\u000a");
    EXPECT_EQ(through_buf({"row\r", "\nnext"}), "row\r\nnext");
}

TEST(Visible, DelIsShownAsAnEscape) { EXPECT_EQ(visible("x\x7fy"), "x\\u007fy"); }

TEST(Visible, C1ControlsAreShownAsEscapes) {
    EXPECT_EQ(visible("\xc2\x9b" "31mred"), "\\u009b31mred"); // CSI
    EXPECT_EQ(visible("\xc2\x80\xc2\x9d\xc2\x9f"), "\\u0080\\u009d\\u009f");
    EXPECT_EQ(visible("\xc2\xa0"), "\xc2\xa0"); // U+00A0, the first after C1, is text
}

TEST(Visible, BidiControlsAreShownAsEscapes) {
    const std::pair<const char*, const char*> cases[] = {
        {"\xd8\x9c", "\\u061c"},     {"\xe2\x80\x8e", "\\u200e"}, {"\xe2\x80\x8f", "\\u200f"},
        {"\xe2\x80\xaa", "\\u202a"}, {"\xe2\x80\xab", "\\u202b"}, {"\xe2\x80\xac", "\\u202c"},
        {"\xe2\x80\xad", "\\u202d"}, {"\xe2\x80\xae", "\\u202e"}, {"\xe2\x81\xa6", "\\u2066"},
        {"\xe2\x81\xa7", "\\u2067"}, {"\xe2\x81\xa8", "\\u2068"}, {"\xe2\x81\xa9", "\\u2069"}};
    for (const auto& [raw, shown] : cases) EXPECT_EQ(visible(std::string("a") + raw + "b"), std::string("a") + shown + "b");
    // Neighbours are text: U+200D (joiner, in emoji) and U+2065 (unassigned) stay.
    EXPECT_EQ(visible("\xe2\x80\x8d\xe2\x81\xa5"), "\xe2\x80\x8d\xe2\x81\xa5");
}

TEST(Visible, BytesThatAreNotUtf8AreShownAsHex) {
    EXPECT_EQ(visible("a\xff" "b"), "a\\xFFb");
    EXPECT_EQ(visible("\xc0\xaf"), "\\xC0\\xAF");               // overlong '/'
    EXPECT_EQ(visible("\xed\xa0\x80"), "\\xED\\xA0\\x80");      // a surrogate
    EXPECT_EQ(visible("\xf4\x90\x80\x80"), "\\xF4\\x90\\x80\\x80"); // above U+10FFFF
    EXPECT_EQ(visible("cut \xe2\x80"), "cut \\xE2\\x80");       // cut short at the end
    EXPECT_EQ(visible("\x80"), "\\x80");                        // a lone continuation byte
}

TEST(Visible, TheSetIsExactlyC0DelC1AndBidi) {
    for (char32_t cp = 0; cp < 0x20; ++cp) EXPECT_TRUE(is_hidden_control(cp));
    EXPECT_FALSE(is_hidden_control(' '));
    EXPECT_TRUE(is_hidden_control(0x7F));
    EXPECT_TRUE(is_hidden_control(0x85));
    EXPECT_FALSE(is_hidden_control(0xA0));
    EXPECT_TRUE(is_hidden_control(0x202E));
    EXPECT_FALSE(is_hidden_control(0x202F));
    EXPECT_FALSE(is_hidden_control(0x1F389));
}

TEST(VisibleBuf, FiltersWhatIsWrittenAndJoinsACharacterSplitBetweenWrites) {
    EXPECT_EQ(through_buf({"a\x1b[2J", "b\n"}), "a\\u001b[2Jb\n");
    // U+202E split after its first and second byte, é after its first.
    EXPECT_EQ(through_buf({"x\xe2", "\x80", "\xae" "y \xc3", "\xa9"}), "x\\u202ey \xc3\xa9");
    // Left incomplete at the end: shown, never dropped.
    EXPECT_EQ(through_buf({"end\xe2\x80"}), "end\\xE2\\x80");
}

TEST(VisibleBuf, LargeOutputPassesWholeWhateverTheWriteSizes) {
    std::string big, want;
    for (int i = 0; i < 20000; ++i) {
        big += "line é \xe2\x80\xae " + std::to_string(i) + "\n";
        want += "line é \\u202e " + std::to_string(i) + "\n";
    }
    EXPECT_EQ(through_buf({big}), want);
    // A byte at a time: every boundary falls inside a character once.
    std::vector<std::string> bytes;
    for (char c : big) bytes.emplace_back(1, c);
    EXPECT_EQ(through_buf(bytes), want);
}

TEST(VisibleBuf, KithsOwnColoursPassAndNothingElseDoes) {
    std::ostringstream target;
    {
        VisibleBuf buf(target.rdbuf());
        std::ostream out(&buf);
        out << styled("31", "over\x1b[8m", true) << '\n' << styled("1", "plain", false);
    }
    EXPECT_EQ(target.str(), "\x1b[31mover\\u001b[8m\x1b[0m\nplain");
}

TEST(VisibleBuf, JsonStaysValidJsonWithTheSameValues) {
    const nlohmann::json j = {{"name", "a\x7f\xc2\x9b\xe2\x80\xae" "b"}};
    const std::string filtered = through_buf({j.dump(2)});
    EXPECT_EQ(filtered.find("\x7f"), std::string::npos);
    EXPECT_EQ(filtered.find("\xc2\x9b"), std::string::npos);
    ASSERT_TRUE(nlohmann::json::accept(filtered)) << filtered;
    EXPECT_EQ(nlohmann::json::parse(filtered), j);
}

TEST(WithoutControls, DropsC0DelAndC1ButKeepsLinesTabsAndBidi) {
    EXPECT_EQ(without_controls("a\x1b]52;x\x07\x7f\xc2\x9b" "b\nc\td\xe2\x80\xae"), "a]52;xb\nc\td\xe2\x80\xae");
    EXPECT_EQ(without_controls("Zoë"), "Zoë");
}

TEST(CsvCell, FormulaLeadingCellsGetAQuote) {
    for (const char* s : {"=HYPERLINK(\"http://x\")", "+1+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx", "-", "=", "+"})
        EXPECT_EQ(csv_cell(s), std::string("'") + s) << s;
}

TEST(CsvCell, NumbersAndOtherTextStayAsTheyAre) {
    for (const char* s : {"-2", "+15", "-0.5", "12", "", "Ada", "a=b", " =x", "'already"}) EXPECT_EQ(csv_cell(s), s) << s;
    EXPECT_EQ(csv_cell("-2x"), "'-2x");
    EXPECT_EQ(csv_cell("-.5"), "'-.5");
    EXPECT_EQ(csv_cell("+1 555 0100"), "'+1 555 0100");
}

TEST(CsvCell, WriteCsvNeutralisesTextUnlessRaw) {
    const Json items = Json::array({Json{{"name", "=cmd|' /C calc'!A0"}, {"balance", -2}, {"tags", {"@x", "y"}}}});
    std::ostringstream safe, raw;
    write_csv(items, {"name", "balance", "tags"}, safe);
    set_csv_raw(raw, true);
    write_csv(items, {"name", "balance", "tags"}, raw);
    EXPECT_EQ(safe.str(), "name,balance,tags\r\n'=cmd|' /C calc'!A0,-2,'@x;y\r\n");
    EXPECT_EQ(raw.str(), "name,balance,tags\r\n=cmd|' /C calc'!A0,-2,@x;y\r\n");
}
