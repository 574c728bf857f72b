// End-to-end runs over tests/fixtures/obsidian-vault, a vault written the way
// Obsidian users write (VAULT.md v1.2): people under People/ (contact_folders),
// Daily Notes/, the Tasks plugin with every signifier, [/] and [-] boxes and
// 🔁 rules, comma-string and #-prefixed tags, wiki-link properties, CRLF
// files, a BOM, CJK and accented names. Every report has a golden file in
// tests/cli/golden/obsidian/ (reviewed by hand; KITH_UPDATE_GOLDEN=1 rewrites).

#include "support.hpp"

namespace fs = std::filesystem;
using namespace kith::test;

namespace {

class ObsidianVault : public ::testing::Test {
protected:
    void SetUp() override {
        m_vault = m_tmp.path() / "vault";
        fs::copy(source_dir() / "tests/fixtures/obsidian-vault", m_vault, fs::copy_options::recursive);
    }

    KithRun kith(std::vector<std::string> args) { return run_kith(vault_args(m_vault, args)); }

    TempDir m_tmp;
    fs::path m_vault;
};

} // namespace

TEST_F(ObsidianVault, EveryReportInEveryFormatMatchesItsGoldenFile) {
    for (std::string report : {"remind", "dormant", "reciprocity", "list", "stats"}) {
        for (std::string format : {"table", "json", "csv"}) {
            KithRun r = kith({"--format", format, report});
            EXPECT_EQ(r.status, 0) << report << " " << format << "\n" << r.err;
            expect_golden("obsidian/" + report + "." + format, r.out);
        }
    }
}

TEST_F(ObsidianVault, CheckMatchesItsGoldenFile) {
    // tier: Core is an error (tiers are case-sensitive), so check fails.
    for (std::string format : {"table", "json"}) {
        KithRun r = kith({"--format", format, "check"});
        EXPECT_EQ(r.status, 1) << r.err;
        expect_golden("obsidian/check." + format, r.out);
    }
}

TEST_F(ObsidianVault, ShowMatchesItsGoldenFile) {
    expect_golden("obsidian/show-ana-souza.table", kith({"show", "Ana Souza"}).out);
    expect_golden("obsidian/show-zoe.json", kith({"--format", "json", "show", "Zoë Ñúñez"}).out);
    expect_golden("obsidian/show-wang-wei.table", kith({"show", "Wang Wei"}).out);
}

TEST_F(ObsidianVault, NewContactsGoInTheFirstContactFolder) {
    ASSERT_EQ(shell("cd " + quoted(m_vault) + " && git init -q -b main && git add -A && "
                    "git -c user.name=Setup -c user.email=setup@example.com commit -qm initial"),
              0);
    KithRun r = kith({"add", "Nora Lind"});
    EXPECT_EQ(r.status, 0) << r.out << r.err;
    EXPECT_TRUE(fs::exists(m_vault / "People" / "nora-lind.md")) << r.out << r.err;
    EXPECT_FALSE(fs::exists(m_vault / "contacts"));
    EXPECT_NE(kith({"show", "Nora Lind"}).out.find("People/nora-lind.md"), std::string::npos);
}

TEST_F(ObsidianVault, CheckHintsAtContactFoldersWhenItFindsNoContacts) {
    fs::remove(m_vault / ".kith" / "config.yaml");
    KithRun r = kith({"check"});
    EXPECT_NE(r.out.find("no contacts found, but 12 notes in People/ have a 'name:' in their front matter: to read "
                         "them as contacts, add 'contact_folders: [People]' to .kith/config.yaml"),
              std::string::npos)
        << r.out;
}

TEST_F(ObsidianVault, ChangingContactFoldersReadsTheVaultAgainDespiteTheCache) {
    KithRun before = kith({"list"}); // writes the parse cache
    ASSERT_EQ(before.status, 0) << before.err;
    EXPECT_NE(before.out.find("Ana Souza"), std::string::npos);
    write_file(m_vault / ".kith" / "config.yaml", "contact_folders: [contacts]\n");
    KithRun after = kith({"list"});
    EXPECT_EQ(after.out.find("Ana Souza"), std::string::npos) << after.out;
    write_file(m_vault / ".kith" / "config.yaml", "contact_folders: [People]\n");
    KithRun again = kith({"list"});
    EXPECT_EQ(again.out, before.out);
}
