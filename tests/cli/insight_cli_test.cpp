// End-to-end runs of who, path, stats and review over a temporary copy of
// sample-vault (goldens in tests/cli/golden/, rewritten with
// KITH_UPDATE_GOLDEN=1), and their bad inputs.

#include "support.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>

namespace fs = std::filesystem;
using namespace kith::test;

namespace {

class Insight : public ::testing::Test {
protected:
    void SetUp() override { m_vault = copy_sample_vault(m_tmp); }

    KithRun kith(std::vector<std::string> args, std::map<std::string, std::string> env = {}, bool tty = false) {
        return run_kith(vault_args(m_vault, args), std::move(env), m_tmp.path(), tty);
    }

    TempDir m_tmp;
    fs::path m_vault;
};

const std::map<std::string, std::string> k_utf8{{"LANG", "en_US.UTF-8"}};

} // namespace

TEST_F(Insight, EveryCommandInEveryFormatMatchesItsGoldenFile) {
    const std::vector<std::pair<std::string, std::vector<std::string>>> runs{
        {"who-northwind", {"who", "Northwind"}},
        {"who-oslo", {"who", "oslo"}},
        {"who-skyline", {"who", "Skyline"}},
        {"path-daniel-cohen", {"path", "daniel-cohen"}},
        {"path-marcus-webb", {"path", "marcus-webb"}},
        {"stats", {"stats"}},
        {"stats-since-1y", {"stats", "--since", "1y"}},
    };
    for (const auto& [name, args] : runs)
        for (std::string format : {"table", "json", "csv"}) {
            std::vector<std::string> a{"--format", format};
            a.insert(a.end(), args.begin(), args.end());
            KithRun r = kith(a, k_utf8);
            EXPECT_EQ(r.status, 0) << name << " " << format << "\n" << r.err;
            EXPECT_EQ(r.err, "") << name;
            expect_golden(name + "." + format, r.out);
        }
    expect_golden("stats-ascii.table", kith({"stats", "--ascii"}, k_utf8).out);
    EXPECT_EQ(kith({"stats", "--since", "90d"}, k_utf8).out, kith({"stats"}, k_utf8).out);
    expect_golden("review.md", kith({"review"}, k_utf8).out);
    expect_golden("review.json", kith({"--format", "json", "review"}, k_utf8).out);
    expect_golden("review.csv", kith({"--format", "csv", "review"}, k_utf8).out);
}

TEST_F(Insight, ChartsFallBackToAsciiWithoutAUtf8Locale) {
    const std::string plain = kith({"stats"}, {{"LANG", "C"}}).out;
    EXPECT_EQ(plain, kith({"stats", "--ascii"}, k_utf8).out);
    EXPECT_EQ(plain.find("\u2588"), std::string::npos);
    EXPECT_NE(kith({"stats"}, {{"LC_ALL", "C.UTF-8"}}).out.find("\u2581"), std::string::npos);
    // LC_ALL wins over LANG.
    EXPECT_EQ(kith({"stats"}, {{"LC_ALL", "C"}, {"LANG", "en_US.UTF-8"}}).out, plain);
}

TEST_F(Insight, ColourOnlyOnATerminalWithoutNoColor) {
    EXPECT_EQ(kith({"stats"}, {}, false).out.find("\x1b["), std::string::npos);
    EXPECT_NE(kith({"stats"}, {}, true).out.find("\x1b["), std::string::npos);
    EXPECT_EQ(kith({"stats"}, {{"NO_COLOR", "1"}}, true).out.find("\x1b["), std::string::npos);
    EXPECT_EQ(kith({"path", "daniel-cohen"}, {{"NO_COLOR", "1"}}, true).out.find("\x1b["), std::string::npos);
}

TEST_F(Insight, EveryNewCommandHasHelp) {
    for (std::string cmd : {"who", "path", "stats", "review"}) {
        KithRun r = kith({cmd, "--help"});
        EXPECT_EQ(r.status, 0) << cmd;
        EXPECT_NE(r.out.find("usage: kith " + cmd), std::string::npos) << r.out;
        EXPECT_NE(run_kith({"help", cmd}).out.find("usage: kith " + cmd), std::string::npos);
    }
}

TEST_F(Insight, BadUsageExitsTwo) {
    const std::vector<std::vector<std::string>> bad{
        {"who"},
        {"who", "  "},
        {"who", "x", "--connectors", "-1"},
        {"path"},
        {"path", "a", "b"},
        {"stats", "--since", "soon"},
        {"stats", "--since", "2027-01-01"},
        {"stats", "--top", "-2"},
        {"stats", "--format", "xml"},
        {"review", "--out", "review.txt"},
        {"review", "--dormant", "-1"},
        {"review", "--within", "2 weeks"},
    };
    for (const auto& args : bad) {
        KithRun r = kith(args);
        EXPECT_EQ(r.status, 2) << args[0] << " " << (args.size() > 1 ? args[1] : "") << "\n" << r.err;
        EXPECT_NE(r.err.find("usage: kith"), std::string::npos) << r.err;
    }
}

TEST_F(Insight, PathToAnUnknownOrArchivedContactFails) {
    KithRun r = kith({"path", "danial-cohen"});
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("did you mean 'daniel-cohen'"), std::string::npos) << r.err;
    r = kith({"path", "greg-thompson"});
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.err, "kith: error: 'greg-thompson' is archived\n");
}

TEST_F(Insight, WhoWithNoMatchSaysSo) {
    KithRun r = kith({"who", "Nowhere Inc"});
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.out, "nobody matches 'Nowhere Inc' (company, title, location or tag)\n");
    auto j = nlohmann::json::parse(kith({"--format", "json", "who", "Nowhere Inc"}).out);
    EXPECT_TRUE(j["groups"].empty());
}

TEST_F(Insight, APersonOnlyTwoHopsAwayEndToEnd) {
    // A new contact linked only from hannah-schulz, whom nobody has contacted:
    // the chain must go through someone known well, then Hannah.
    write_file(m_vault / "contacts/new-person.md", "---\nname: New Person\ntier: core\n---\n");
    write_file(m_vault / "contacts/hannah-schulz.md",
               read_text(m_vault / "contacts/hannah-schulz.md") + "\nWorks with [[new-person]].\n");
    write_file(m_vault / "contacts/alice-chen.md",
               read_text(m_vault / "contacts/alice-chen.md") + "\nKnows [[hannah-schulz]].\n");
    auto j = nlohmann::json::parse(kith({"--format", "json", "path", "new-person"}).out);
    EXPECT_EQ(j["hops"], 2);
    ASSERT_EQ(j["chains"].size(), 1u);
    EXPECT_EQ(j["chains"][0][0]["id"], "alice-chen");
    EXPECT_EQ(j["chains"][0][1]["id"], "hannah-schulz");
    EXPECT_EQ(j["chains"][0][2]["id"], "new-person");
    EXPECT_EQ(j["chains"][0][2]["via"][0]["file"], "contacts/hannah-schulz.md");
}

// ================================================================== review files

TEST_F(Insight, ReviewWritesMarkdownAndReplacesOnlyItsOwnFile) {
    const fs::path md = m_tmp.path() / "review.md";
    KithRun r = kith({"review", "--out", "review.md"}); // relative to the working folder
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(read_text(md), kith({"review"}).out);
    for (const char* section : {"## Reminders", "## Dormant contacts", "## Unthanked favours", "## Stats"})
        EXPECT_NE(read_text(md).find(section), std::string::npos) << section;
    // A second run replaces it (it carries the marker).
    EXPECT_EQ(run_kith({"--vault", m_vault.string(), "--today", "2026-11-29", "review", "--out", md.string()}).status, 0);
    EXPECT_NE(read_text(md).find("Weekly review, 2026-11-29"), std::string::npos);

    // A file kith did not write is kept, byte for byte, unless --force.
    const fs::path note = m_tmp.path() / "notes.md";
    write_file(note, "my own notes\n");
    r = kith({"review", "--out", note.string()});
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("was not written by kith review"), std::string::npos) << r.err;
    EXPECT_EQ(read_text(note), "my own notes\n");
    EXPECT_EQ(kith({"review", "--out", note.string(), "--force"}).status, 0);
    EXPECT_NE(read_text(note).find("generated by kith review"), std::string::npos);
}

TEST_F(Insight, ReviewSavedInTheVaultChangesNoReport) {
    const std::string before = kith({"--format", "json", "dormant"}).out + kith({"--format", "json", "remind"}).out;
    ASSERT_EQ(kith({"review", "--out", (m_vault / "journal/weekly-review.md").string()}).status, 0);
    const std::string after = kith({"--format", "json", "dormant"}).out + kith({"--format", "json", "remind"}).out;
    EXPECT_EQ(before, after);
    // A dated name would be a journal note, a file under contacts/ a contact.
    KithRun r = kith({"review", "--out", (m_vault / "journal/2026-11-22-review.md").string()});
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("journal note"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(m_vault / "journal/2026-11-22-review.md"));
    EXPECT_EQ(kith({"review", "--out", (m_vault / "contacts/review.md").string()}).status, 1);
    EXPECT_FALSE(fs::exists(m_vault / "contacts/review.md"));
}

TEST_F(Insight, ReviewHtmlIsSelfContainedAndEscapesVaultText) {
    // A contact whose name and last entry carry markup.
    write_file(m_vault / "contacts/evil.md",
               "---\nname: \"<script>alert(1)</script>\"\ntier: core\n---\n- 2026-01-01 #coffee <img src=x onerror=alert(2)>\n");
    const fs::path html = m_tmp.path() / "review.html";
    KithRun r = kith({"review", "--out", html.string()});
    ASSERT_EQ(r.status, 0) << r.err;
    const std::string page = read_text(html);
    EXPECT_EQ(page.find("<script"), std::string::npos);
    EXPECT_EQ(page.find("<img"), std::string::npos);
    EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    for (const char* id : {"id=\"reminders\"", "id=\"dormant\"", "id=\"unthanked\"", "id=\"stats\""})
        EXPECT_NE(page.find(id), std::string::npos) << id;
    std::size_t svgs = 0;
    for (std::size_t at = page.find("<svg"); at != std::string::npos; at = page.find("<svg", at + 1)) ++svgs;
    EXPECT_EQ(svgs, 3u);
    // No external resource: no URL other than the SVG namespace.
    std::string rest = page;
    for (std::size_t at; (at = rest.find("http://www.w3.org/2000/svg")) != std::string::npos;) rest.erase(at, 26);
    EXPECT_EQ(rest.find("http:"), std::string::npos);
    EXPECT_EQ(rest.find("https:"), std::string::npos);
    EXPECT_EQ(rest.find("src=\""), std::string::npos);
    EXPECT_EQ(rest.find("<link"), std::string::npos);
}

TEST_F(Insight, ReviewUsesTheVaultsTemplate) {
    write_file(m_vault / "templates/review.md",
               "generated by kith review\n{{#dormant}}{{name}}: {{#starters}}[{{text}}]{{/starters}}\n{{/dormant}}");
    KithRun r = kith({"review", "--dormant", "1"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, "generated by kith review\nIngrid Nilsen: [last time (2026-03-18): #lunch at Fisketorget, "
                     "she's thinking about leaving Nordsjø Energi][how are things at Nordsjø Energi?]\n");
}
