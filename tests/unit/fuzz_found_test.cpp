// Regressions for what fuzzing found (fuzz/README.md). The raw reproducers
// are replayed by the fuzz_replay_<target> ctest tests; these tests state the
// rule each one broke.
#include "support.hpp"

#include "kith/parse/config.hpp"
#include "kith/parse/front_matter.hpp"

using namespace kith;

// The front-matter fast path accepted a NUL byte and invalid UTF-8 that
// yaml-cpp refuses. Vault files never reach it with either (parse_file
// refuses them first), but the config did, so the config now checks too.

TEST(FuzzFound, ConfigWithNulByteIsAnError) {
    Diagnostics ds;
    parse_config(std::string("tiers:\n  core: 30d\nautocommit: tr\0ue\n", 34), ds);
    ASSERT_EQ(ds.size(), 1u);
    EXPECT_EQ(format_diagnostic(ds[0]), ".kith/config.yaml:3: error: the config contains a NUL byte (is it a binary file?)");
}

TEST(FuzzFound, ConfigThatIsNotUtf8IsAnError) {
    Diagnostics ds;
    parse_config("tiers:\n  core: 30d\nremind_within: 2\xd3\xd3w\n", ds);
    ASSERT_EQ(ds.size(), 1u);
    EXPECT_EQ(format_diagnostic(ds[0]), ".kith/config.yaml:3: error: the config is not valid UTF-8");
}

TEST(FuzzFound, FrontMatterFastPathDeclinesQuestionMarksInFlowLists) {
    // `tags: [confer?nce]`: yaml-cpp ends a flow scalar at `?` and refuses the
    // line, the fast path read "confer?nce". The two must agree, so the fast
    // path declines and yaml-cpp's answer stands.
    const std::string yaml = "date: 2026-10-31\ntags: [confer?nce]\n";
    EXPECT_FALSE(parse_simple_yaml(yaml, 2).has_value());
    Diagnostics ds;
    EXPECT_FALSE(parse_yaml(yaml, 2, "journal/a.md", ds).has_value());
    ASSERT_EQ(ds.size(), 1u);
    EXPECT_EQ(format_diagnostic(ds[0]), "journal/a.md:3: error: invalid YAML: unknown token");
}

TEST(FuzzFound, FrontMatterFastPathDeclinesBareCarriageReturns) {
    // A front matter of a lone CR was an empty scalar to yaml-cpp and a blank
    // line to the fast path; a CR outside CRLF is left to yaml-cpp now. CRLF
    // files still take the fast path.
    EXPECT_FALSE(parse_simple_yaml("a: b\rc\n", 2).has_value());
    EXPECT_FALSE(parse_simple_yaml("\r", 2).has_value());
    EXPECT_TRUE(parse_simple_yaml("a: b\r\nc: d\r\n", 2).has_value());
    Diagnostics ds;
    auto full = parse_yaml("a: b\rc\n", 2, "contacts/a.md", ds);
    ASSERT_TRUE(full.has_value());
    EXPECT_EQ(full->items.at(1).scalar, "b\rc");
}
