// End-to-end runs of kith over a temporary copy of sample-vault. Report
// outputs are compared with the files in tests/cli/golden/ (reviewed by hand
// against docs/sample-vault.md); run with KITH_UPDATE_GOLDEN=1 to rewrite them
// after a deliberate change, then review the diff.

#include "support.hpp"

#include "kith/parse/text.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>

namespace fs = std::filesystem;
using namespace kith::test;

namespace {

class SampleVault : public ::testing::Test {
protected:
    void SetUp() override { m_vault = copy_sample_vault(m_tmp); }

    KithRun kith(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
        return run_kith(vault_args(m_vault, args), std::move(env));
    }

    TempDir m_tmp;
    fs::path m_vault;
};

} // namespace

TEST_F(SampleVault, EveryReportInEveryFormatMatchesItsGoldenFile) {
    for (std::string report : {"remind", "dormant", "reciprocity", "check", "list"}) {
        for (std::string format : {"table", "json", "csv"}) {
            KithRun r = kith({"--format", format, report});
            EXPECT_EQ(r.status, 0) << report << " " << format << "\n" << r.err;
            expect_golden(report + "." + format, r.out);
        }
    }
}

TEST_F(SampleVault, ReportOptionsMatchTheirGoldenFiles) {
    expect_golden("remind-within-120d.json", kith({"--format", "json", "remind", "--within", "120d"}).out);
    expect_golden("dormant-tier-core-limit-1.json",
                  kith({"--format", "json", "dormant", "--tier", "core", "--limit", "1"}).out);
    expect_golden("reciprocity-since-180d.json", kith({"--format", "json", "reciprocity", "--since", "180d"}).out);
    expect_golden("show-alice-chen.table", kith({"show", "Alice Chen"}).out);
    expect_golden("show-zoe.json", kith({"--format", "json", "show", "zoe-martin"}).out);
}

TEST_F(SampleVault, JsonOutputIsOneObjectWithTheSpecShape) {
    auto remind = nlohmann::json::parse(kith({"--format", "json", "remind"}).out);
    EXPECT_EQ(remind["today"], "2026-11-22");
    EXPECT_EQ(remind["horizon"], "2026-12-06");
    ASSERT_FALSE(remind["items"].empty());
    for (const auto& item : remind["items"]) {
        for (const char* key : {"kind", "id", "name", "date", "overdue", "text", "file", "line"})
            EXPECT_TRUE(item.contains(key)) << key << " in " << item;
        EXPECT_EQ(item.contains("age"), item["kind"] == "birthday") << item;
        EXPECT_EQ(item["line"].is_null(), item["kind"] == "keep-in-touch") << item;
    }
    auto rec = nlohmann::json::parse(kith({"--format", "json", "reciprocity"}).out);
    EXPECT_TRUE(rec["since"].is_null());
    EXPECT_EQ(rec["totals"]["contacts"], rec["items"].size());
}

TEST_F(SampleVault, ThreadCountDoesNotChangeAnyOutput) {
    for (std::string report : {"remind", "dormant", "reciprocity", "check"}) {
        KithRun one = kith({"--threads", "1", "--format", "json", report});
        KithRun four = kith({"--threads", "4", "--format", "json", report});
        EXPECT_EQ(one.out, four.out) << report;
    }
}

TEST_F(SampleVault, ColourOnlyOnATerminalAndNeverUnderNoColor) {
    std::vector<std::string> args{"--vault", m_vault.string(), "--today", "2026-11-22", "remind"};
    KithRun tty = run_kith(args, {}, fs::current_path(), true);
    EXPECT_NE(tty.out.find("\x1b["), std::string::npos);
    KithRun no_color = run_kith(args, {{"NO_COLOR", "1"}}, fs::current_path(), true);
    EXPECT_EQ(no_color.out.find("\x1b["), std::string::npos);
    KithRun pipe = run_kith(args, {}, fs::current_path(), false);
    EXPECT_EQ(pipe.out.find("\x1b["), std::string::npos);
    EXPECT_EQ(no_color.out, pipe.out);
    KithRun json = run_kith({"--vault", m_vault.string(), "--format", "json", "remind"}, {}, fs::current_path(), true);
    EXPECT_EQ(json.out.find("\x1b["), std::string::npos);
}

TEST_F(SampleVault, VaultIsFoundFromTheEnvironmentOrByWalkingUp) {
    KithRun from_sub = run_kith({"--today", "2026-11-22", "dormant"}, {}, m_vault / "contacts" / "work");
    EXPECT_EQ(from_sub.status, 0) << from_sub.err;
    KithRun from_env = run_kith({"--today", "2026-11-22", "dormant"}, {{"KITH_VAULT", m_vault.string()}}, m_tmp.path());
    EXPECT_EQ(from_env.status, 0) << from_env.err;
    EXPECT_EQ(from_sub.out, from_env.out);
    EXPECT_EQ(from_sub.out, kith({"dormant"}).out);
    KithRun nowhere = run_kith({"dormant"}, {}, m_tmp.path());
    EXPECT_EQ(nowhere.status, 1);
    EXPECT_NE(nowhere.err.find("no vault here"), std::string::npos) << nowhere.err;
}

TEST_F(SampleVault, TodayComesFromTheOptionThenTheEnvironment) {
    KithRun env = run_kith({"--vault", m_vault.string(), "--format", "json", "remind"}, {{"KITH_TODAY", "2026-11-22"}});
    EXPECT_EQ(env.out, kith({"--format", "json", "remind"}).out);
    KithRun opt = run_kith({"--vault", m_vault.string(), "--today", "2026-11-23", "--format", "json", "remind"},
                       {{"KITH_TODAY", "2026-11-22"}});
    EXPECT_EQ(nlohmann::json::parse(opt.out)["today"], "2026-11-23");
}

TEST_F(SampleVault, GlobalOptionsWorkBeforeAndAfterTheCommand) {
    KithRun after = run_kith({"dormant", "--vault", m_vault.string(), "--today", "2026-11-22", "--format", "csv"});
    EXPECT_EQ(after.out, kith({"--format", "csv", "dormant"}).out);
}

TEST_F(SampleVault, BadUsageExitsTwoWithAHint) {
    struct Case {
        std::vector<std::string> args;
        std::string needle;
    };
    std::vector<Case> cases{
        {{"remnd"}, "did you mean 'remind'?"},
        {{"dormant", "--limt", "3"}, "did you mean '--limit'?"},
        {{"dormant", "--limit", "-1"}, "--limit must be 0 or more"},
        {{"dormant", "--tier", "vip"}, "tiers: acquaintance, close, core, mentors, network"},
        {{"list", "--tier", "vip"}, "unknown tier 'vip'"},
        {{"--format", "xml", "remind"}, "unknown format 'xml'"},
        {{"remind", "--within", "2 weeks"}, "--within is not a duration"},
        {{"reciprocity", "--since", "last year"}, "--since is not a date or a duration"},
        {{"dormant", "extra"}, "too many arguments"},
        {{"show"}, "which contact?"},
    };
    for (const Case& c : cases) {
        KithRun r = kith(c.args);
        EXPECT_EQ(r.status, 2) << c.args[0];
        EXPECT_NE(r.err.find(c.needle), std::string::npos) << r.err;
        EXPECT_TRUE(r.out.empty()) << r.out;
    }
    KithRun bad_today = run_kith({"--vault", m_vault.string(), "--today", "2026-02-30", "remind"});
    EXPECT_EQ(bad_today.status, 2);
    EXPECT_NE(bad_today.err.find("--today is not a date"), std::string::npos);
    KithRun no_command = run_kith({});
    EXPECT_EQ(no_command.status, 2);
    EXPECT_NE(no_command.err.find("usage: kith"), std::string::npos);
}

TEST_F(SampleVault, AbbreviatedOptionsAreNotGuessed) {
    KithRun r = kith({"dormant", "--lim", "1"});
    EXPECT_EQ(r.status, 2);
}

TEST_F(SampleVault, ShowFindsByIdNameOrAliasAndSuggestsOtherwise) {
    KithRun by_name = kith({"--format", "json", "show", "zoë martín"});
    ASSERT_EQ(by_name.status, 0) << by_name.err;
    EXPECT_EQ(nlohmann::json::parse(by_name.out)["id"], "zoe-martin");
    KithRun missing = kith({"show", "alice-chan"});
    EXPECT_EQ(missing.status, 1);
    EXPECT_NE(missing.err.find("did you mean 'alice-chen'"), std::string::npos) << missing.err;
    KithRun ambiguous = kith({"show", "Sam"});
    EXPECT_EQ(ambiguous.status, 1);
    EXPECT_NE(ambiguous.err.find("samantha-reyes"), std::string::npos) << ambiguous.err;
    EXPECT_NE(ambiguous.err.find("samuel-osei"), std::string::npos) << ambiguous.err;
}

TEST_F(SampleVault, ListFiltersCombine) {
    auto ids = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"--format", "json", "list"});
        std::vector<std::string> out;
        const auto j = nlohmann::json::parse(kith(args).out);
        for (const auto& i : j["items"]) out.push_back(i["id"]);
        return out;
    };
    auto all = ids({});
    EXPECT_EQ(std::find(all.begin(), all.end(), "greg-thompson"), all.end()) << "archived left out";
    auto with_archived = ids({"--all"});
    EXPECT_EQ(with_archived.size(), all.size() + 1);
    auto core = ids({"--tier", "core"});
    auto core_text = ids({"--tier", "core", "--text", "hiring"});
    EXPECT_FALSE(core.empty());
    for (const auto& id : core_text) EXPECT_NE(std::find(core.begin(), core.end(), id), core.end()) << id;
    EXPECT_LT(core_text.size(), all.size());
    for (const auto& id : ids({"--tag", "MENTOR"})) {
        KithRun show = kith({"--format", "json", "show", id});
        const auto tags = nlohmann::json::parse(show.out)["tags"];
        bool has = false;
        for (const auto& t : tags) has = has || kith::ascii_lower(t.get<std::string>()) == "mentor";
        EXPECT_TRUE(has) << id;
    }
}

TEST_F(SampleVault, HelpComesFromTheCommandTable) {
    KithRun help = kith({"help"});
    EXPECT_EQ(help.status, 0);
    for (const auto& c : kith::cli::commands()) EXPECT_NE(help.out.find(c.name), std::string::npos) << c.name;
    for (const auto& c : kith::cli::commands()) {
        KithRun one = kith({"help", c.name});
        EXPECT_EQ(one.status, 0) << c.name;
        EXPECT_EQ(one.out.rfind(std::string("usage: kith ") + c.name, 0), 0u) << one.out;
        EXPECT_EQ(one.out, kith({c.name, "--help"}).out) << c.name;
    }
    EXPECT_EQ(kith({"help", "nope"}).status, 2);
}

TEST_F(SampleVault, StrictTurnsFileErrorsIntoFailure) {
    write_file(m_vault / "contacts/broken.md", "---\nname: [unclosed\n---\n");
    KithRun lenient = kith({"dormant"});
    EXPECT_EQ(lenient.status, 0);
    EXPECT_NE(lenient.err.find("contacts/broken.md:"), std::string::npos) << lenient.err;
    KithRun strict = kith({"--strict", "dormant"});
    EXPECT_EQ(strict.status, 1);
    KithRun check = kith({"check"});
    EXPECT_EQ(check.status, 1);
}

TEST_F(SampleVault, ABadConfigIsFatal) {
    write_file(m_vault / ".kith/config.yaml", "tiers:\n  core: often\n");
    KithRun r = kith({"remind"});
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find(".kith/config.yaml:2: error: 'tiers.core' is not a duration"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());
}

TEST_F(SampleVault, TheBinaryRunsAndExitsWithTheSameStatuses) {
    const std::string bin = KITH_BINARY;
    const std::string vault = m_vault.string();
    auto sh = [](const std::string& cmd) {
        int rc = std::system(cmd.c_str());
        return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    };
    EXPECT_EQ(sh(bin + " --vault '" + vault + "' --today 2026-11-22 dormant > /dev/null"), 0);
    EXPECT_EQ(sh(bin + " --vault '" + vault + "' nope 2> /dev/null"), 2);
    EXPECT_EQ(sh(bin + " --vault '" + vault + "/nowhere' dormant 2> /dev/null"), 1);
    write_file(m_vault / "contacts/broken.md", "---\nname: x\n");
    EXPECT_EQ(sh(bin + " --vault '" + vault + "' --today 2026-11-22 check > /dev/null"), 1);
}
