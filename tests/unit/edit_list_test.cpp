// Edits of list-valued keys (edit_list) and comments inside a key that set
// and unset rewrite: only the lines that change are touched.
#include "support.hpp"

#include "kith/edit/edit.hpp"
#include "kith/parse/config.hpp"
#include "kith/parse/headings.hpp"

using namespace kith;
using namespace kith::edit;

namespace {

const std::string k_tags = "---\n"
                           "name: Ada\n"
                           "tags:\n"
                           "  - writer   # books\n"
                           "# - old-tag\n"
                           "  - \"climber\"\n"
                           "tier: 2\n"
                           "---\n";

} // namespace

TEST(EditList, ReplaceKeepsTheCommentsAndTheItemsThatStay) {
    EXPECT_EQ(edit_list(k_tags, "tags", ListOp::Replace, {"writer", "chess"}, false),
              "---\nname: Ada\ntags:\n  - writer   # books\n  - chess\n# - old-tag\ntier: 2\n---\n");
}

TEST(EditList, AddAppendsOneItemLikeTheLastOne) {
    std::vector<std::string> old;
    EXPECT_EQ(edit_list(k_tags, "tags", ListOp::Add, {"chess"}, false, &old),
              "---\nname: Ada\ntags:\n  - writer   # books\n# - old-tag\n  - \"climber\"\n  - chess\ntier: 2\n---\n");
    EXPECT_EQ(old, (std::vector<std::string>{"writer", "climber"}));
}

TEST(EditList, AddOfAValueAlreadyThereChangesNothing) {
    EXPECT_EQ(edit_list(k_tags, "tags", ListOp::Add, {"#Writer"}, false), k_tags);
}

TEST(EditList, RemoveDropsOnlyThatItemsLine) {
    EXPECT_EQ(edit_list(k_tags, "tags", ListOp::Remove, {"climber"}, false),
              "---\nname: Ada\ntags:\n  - writer   # books\n# - old-tag\ntier: 2\n---\n");
    EXPECT_THROW(edit_list(k_tags, "tags", ListOp::Remove, {"nope"}, false), EditError);
}

TEST(EditList, RemovingTheLastValueRemovesTheKeyButKeepsItsComments) {
    const std::string in = "---\nname: Ada\nemail:\n  - a@x.org\n  # old: b@x.org\nphone: 1\n---\n";
    EXPECT_EQ(edit_list(in, "email", ListOp::Remove, {"a@x.org"}, true), "---\nname: Ada\n  # old: b@x.org\nphone: 1\n---\n");
}

TEST(EditList, AScalarBecomesAListWhenAValueIsAdded) {
    const std::string in = "---\nname: Ada\nemail: a@x.org  # home\n---\n";
    EXPECT_EQ(edit_list(in, "email", ListOp::Add, {"b@y.org"}, true), "---\nname: Ada\nemail: [a@x.org, b@y.org]  # home\n---\n");
    EXPECT_EQ(edit_list(in, "email", ListOp::Replace, {"c@z.org"}, true), "---\nname: Ada\nemail: c@z.org  # home\n---\n");
}

TEST(EditList, FlowListsAndCommaTagsAreReadAsTheirItems) {
    EXPECT_EQ(edit_list("---\ntags: [a, \"b, c\"]\n---\n", "tags", ListOp::Remove, {"b, c"}, false), "---\ntags: [a]\n---\n");
    EXPECT_EQ(edit_list("---\ntags: engineering, hiring\n---\n", "tags", ListOp::Add, {"x"}, false),
              "---\ntags: [engineering, hiring, x]\n---\n");
}

TEST(EditList, AMissingKeyIsAdded) {
    EXPECT_EQ(edit_list("---\nname: Ada\n---\n", "aliases", ListOp::Add, {"Countess"}, false),
              "---\nname: Ada\naliases: [Countess]\n---\n");
}

TEST(EditList, CrlfBlockListsGetCrlfItems) {
    EXPECT_EQ(edit_list("---\r\ntags:\r\n  - a\r\n---\r\n", "tags", ListOp::Add, {"b"}, false),
              "---\r\ntags:\r\n  - a\r\n  - b\r\n---\r\n");
}

TEST(EditSetKeyComments, SetKeepsWholeLineCommentsInsideTheKey) {
    EXPECT_EQ(set_key(k_tags, "tags", "[x]"), "---\nname: Ada\ntags: [x]\n# - old-tag\ntier: 2\n---\n");
}

TEST(EditSetKeyComments, UnsetKeepsWholeLineCommentsInsideTheKey) {
    EXPECT_EQ(unset_key(k_tags, "tags"), "---\nname: Ada\n# - old-tag\ntier: 2\n---\n");
}

TEST(EditWhereEntriesAre, LogWritesUnderTheHeadingThatHoldsDatedEntries) {
    const std::string in = "---\nname: Ada\n---\n# Ada\n\n## Tasks\n\n- [ ] call\n\n## Interactions\n\n- 2026-10-01 met\n\n## Notes\n\ntext\n";
    EXPECT_EQ(insert_log_entry(in, Date::parse("2026-11-01").value(), "2026-11-01 coffee"),
              "---\nname: Ada\n---\n# Ada\n\n## Tasks\n\n- [ ] call\n\n## Interactions\n\n- 2026-11-01 coffee\n- 2026-10-01 met\n\n## Notes\n\ntext\n");
}

TEST(EditWhereEntriesAre, TodoWritesUnderTheHeadingThatHoldsOpenTasks) {
    const std::string in = "# Ada\n\n## Tasks\n\n- [ ] call\n\n## Interactions\n\n- 2026-10-01 met\n";
    EXPECT_EQ(append_follow_up(in, "write"), "# Ada\n\n## Tasks\n\n- [ ] call\n- [ ] write\n\n## Interactions\n\n- 2026-10-01 met\n");
}

TEST(EditWhereEntriesAre, ANewFileGetsTheConfiguredHeadings) {
    EXPECT_EQ(insert_log_entry("# Ada\n", Date::parse("2026-11-01").value(), "2026-11-01 x", "Journal"),
              "# Ada\n\n## Journal\n\n- 2026-11-01 x\n");
    EXPECT_EQ(append_follow_up("# Ada\n", "y", "To do"), "# Ada\n\n## To do\n\n- [ ] y\n");
}

TEST(ConfigHeadings, LogAndTodoHeadingsAreReadAndBadOnesReported) {
    const Headings h = parse_headings("tiers:\n  core: 30d\nlog_heading: Interactions\ntodo_heading: \" Tasks \"\n");
    EXPECT_EQ(h.log, "Interactions");
    EXPECT_EQ(h.todo, "Tasks");
    EXPECT_EQ(parse_headings("log_heading: \"## Log\"\n").log, "Log");
    Diagnostics ds;
    parse_config("log_heading: \"## Log\"\ntodo_heading: Tasks\n", ds);
    ASSERT_EQ(ds.size(), 1u);
    EXPECT_EQ(ds[0].line, 1);
    EXPECT_NE(ds[0].message.find("'log_heading' must be a heading's title"), std::string::npos) << ds[0].message;
}
