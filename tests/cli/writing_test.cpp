// The writing commands as a user of an Obsidian vault meets them: list keys
// edited in place, a second undo, edit with errors, where log and todo
// write, names matched as typed, import by alias, and the README's examples.

#include "support.hpp"

#include "adapters/git.hpp"
#include "kith/parse/text.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>
#include <set>

namespace fs = std::filesystem;
using namespace kith;
using namespace kith::test;

namespace {

class Writing : public ::testing::Test {
protected:
    void SetUp() override {
        m_vault = copy_sample_vault(m_tmp);
        ASSERT_EQ(shell("cd " + test::quoted(m_vault) + " && git init -q -b main && git add -A && "
                        "git -c user.name=Setup -c user.email=setup@example.com commit -qm initial"),
                  0);
    }

    KithRun kith(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
        return run_kith(vault_args(m_vault, args), std::move(env));
    }
    std::string file(const std::string& rel) { return read_text(m_vault / rel); }
    void put(const std::string& rel, const std::string& text) {
        write_file(m_vault / rel, text);
        ASSERT_EQ(shell("cd " + test::quoted(m_vault) + " && git add -A && "
                        "git -c user.name=Setup -c user.email=setup@example.com commit -qm fixture"),
                  0);
    }
    std::optional<CommitInfo> head() { return Repo::discover(m_vault)->head(); }

    TempDir m_tmp;
    fs::path m_vault;
    EnvVar m_name{"GIT_AUTHOR_NAME", "Ada Tester"};
    EnvVar m_email{"GIT_AUTHOR_EMAIL", "ada@example.com"};
};

const std::string k_ada = "---\n"
                          "name: Ada Lovelace\n"
                          "email: ada@home.example\n"
                          "tags:\n"
                          "  - writer   # books\n"
                          "# - old-tag\n"
                          "  - climber\n"
                          "---\n"
                          "# Ada\n";

} // namespace

TEST_F(Writing, SetTagsAsAFlowListWritesEachTagAndKeepsTheComments) {
    put("contacts/ada.md", k_ada);
    KithRun r = kith({"set", "ada", "tags", "[writer, chess]"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(file("contacts/ada.md"),
              "---\nname: Ada Lovelace\nemail: ada@home.example\ntags:\n  - writer   # books\n  - chess\n# - old-tag\n---\n# Ada\n");
    EXPECT_NE(r.err.find("tags no longer has climber"), std::string::npos) << r.err;
    auto show = nlohmann::json::parse(kith({"--format", "json", "show", "ada"}).out);
    EXPECT_EQ(show["tags"], nlohmann::json::array({"writer", "chess"}));
}

TEST_F(Writing, SetAddAndRemoveChangeOneItemOfAList) {
    put("contacts/ada.md", k_ada);
    ASSERT_EQ(kith({"set", "ada", "email", "--add", "ada@work.example"}).status, 0);
    EXPECT_NE(file("contacts/ada.md").find("email: [ada@home.example, ada@work.example]\n"), std::string::npos);
    ASSERT_EQ(kith({"set", "ada", "email", "--remove", "ada@home.example"}).status, 0);
    EXPECT_NE(file("contacts/ada.md").find("email: ada@work.example\n"), std::string::npos) << file("contacts/ada.md");
    ASSERT_EQ(kith({"set", "ada", "tags", "--remove", "climber"}).status, 0);
    EXPECT_NE(file("contacts/ada.md").find("tags:\n  - writer   # books\n# - old-tag\n---"), std::string::npos);
    KithRun missing = kith({"set", "ada", "tags", "--remove", "nope"});
    EXPECT_EQ(missing.status, 1);
    EXPECT_EQ(kith({"set", "ada", "company", "--add", "X"}).status, 2);
}

TEST_F(Writing, PlainSetOnAListSaysWhatItReplaced) {
    put("contacts/ada.md", k_ada);
    KithRun r = kith({"set", "ada", "email", "ada@new.example"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.err.find("email no longer has ada@home.example"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--add"), std::string::npos) << r.err;
}

TEST_F(Writing, UnsetKeepsTheCommentsInsideTheKey) {
    put("contacts/ada.md", k_ada);
    ASSERT_EQ(kith({"unset", "ada", "tags"}).status, 0);
    EXPECT_EQ(file("contacts/ada.md"), "---\nname: Ada Lovelace\nemail: ada@home.example\n# - old-tag\n---\n# Ada\n");
}

TEST_F(Writing, ASecondUndoStepsFurtherBack) {
    const std::string alice = file("contacts/alice-chen.md"), bob = file("contacts/bob-okafor.md");
    ASSERT_EQ(kith({"log", "alice-chen", "first"}).status, 0);
    ASSERT_EQ(kith({"log", "bob-okafor", "second"}).status, 0);
    const std::string alice_logged = file("contacts/alice-chen.md");
    ASSERT_EQ(kith({"undo"}).status, 0);
    EXPECT_EQ(file("contacts/bob-okafor.md"), bob);
    EXPECT_EQ(file("contacts/alice-chen.md"), alice_logged);
    KithRun second = kith({"undo"});
    ASSERT_EQ(second.status, 0) << second.err;
    EXPECT_EQ(file("contacts/alice-chen.md"), alice);
    EXPECT_EQ(file("contacts/bob-okafor.md"), bob) << "the second undo must not redo the first";
    EXPECT_EQ(head()->summary, "undo: log: alice-chen - first");
    KithRun third = kith({"undo"});
    EXPECT_EQ(third.status, 1);
    EXPECT_NE(third.err.find("undone already"), std::string::npos) << third.err;
}

TEST_F(Writing, EditLeavesAFileWithNewErrorsUncommitted) {
    const fs::path script = m_tmp.path() / "editor.sh";
    write_file(script, "#!/bin/sh\nprintf -- 'birthday: 2026-02-30\\n' > \"$1.tmp\"\n"
                       "sed '2r '\"$1.tmp\" \"$1\" > \"$1.new\" && mv \"$1.new\" \"$1\" && rm \"$1.tmp\"\n");
    fs::permissions(script, fs::perms::owner_all);
    const std::string before_head = head()->id;
    KithRun r = kith({"edit", "raj-patel"}, {{"EDITOR", script.string()}});
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("not committed"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("birthday"), std::string::npos) << r.err;
    EXPECT_EQ(head()->id, before_head);
    EXPECT_NE(file("contacts/raj-patel.md").find("2026-02-30"), std::string::npos) << "the user's edit is kept";
}

TEST_F(Writing, LogAndTodoWriteWhereThePersonsEntriesAre) {
    put("contacts/ada.md", "---\nname: Ada\n---\n# Ada\n\n## Tasks\n\n- [ ] call\n\n## Interactions\n\n- 2026-10-01 met\n");
    ASSERT_EQ(kith({"log", "ada", "coffee"}).status, 0);
    ASSERT_EQ(kith({"todo", "ada", "write"}).status, 0);
    EXPECT_EQ(file("contacts/ada.md"), "---\nname: Ada\n---\n# Ada\n\n## Tasks\n\n- [ ] call\n- [ ] write\n\n"
                                       "## Interactions\n\n- 2026-11-22 coffee\n- 2026-10-01 met\n");
}

TEST_F(Writing, ConfiguredHeadingsNameTheSectionsOfANewFile) {
    fs::create_directories(m_vault / ".kith");
    put(".kith/config.yaml", file(".kith/config.yaml") + "\nlog_heading: Interactions\ntodo_heading: Tasks\n");
    put("contacts/ada.md", "---\nname: Ada\n---\n# Ada\n");
    ASSERT_EQ(kith({"log", "ada", "coffee"}).status, 0);
    ASSERT_EQ(kith({"todo", "ada", "write"}).status, 0);
    EXPECT_EQ(file("contacts/ada.md"), "---\nname: Ada\n---\n# Ada\n\n## Interactions\n\n- 2026-11-22 coffee\n\n## Tasks\n\n- [ ] write\n");
}

TEST_F(Writing, DoneOnARecurringTaskMakesItsNextInstance) {
    put("contacts/ada.md", "---\nname: Ada\n---\n## Tasks\n\n- [ ] call 🔁 every month 📅 2026-11-20\n");
    ASSERT_EQ(kith({"done", "ada", "call"}).status, 0);
    EXPECT_EQ(file("contacts/ada.md"), "---\nname: Ada\n---\n## Tasks\n\n- [ ] call 🔁 every month 📅 2026-12-20\n"
                                       "- [x] call 🔁 every month 📅 2026-11-20 ✅ 2026-11-22\n");
}

TEST_F(Writing, NamesMatchWithoutCaseOrAccents) {
    put("contacts/zoe-nunez.md", "---\nname: Zoë Ñúñez\n---\n");
    put("contacts/sean-obrien.md", "---\nname: Seán O'Brien\n---\n");
    for (const char* who : {"zoe nunez", "ZOË ÑÚÑEZ", "Zoe Nunez", "zoe-nunez"}) {
        KithRun r = kith({"--format", "json", "show", who});
        ASSERT_EQ(r.status, 0) << who << ": " << r.err;
        EXPECT_EQ(nlohmann::json::parse(r.out)["id"], "zoe-nunez") << who;
    }
    KithRun sean = kith({"--format", "json", "show", "Sean"});
    ASSERT_EQ(sean.status, 0) << sean.err;
    EXPECT_EQ(nlohmann::json::parse(sean.out)["id"], "sean-obrien");
}

TEST_F(Writing, AUniqueFirstNameOrPrefixIsEnoughAndSeveralAreListed) {
    ASSERT_EQ(kith({"add", "Grace Hopper"}).status, 0);
    KithRun r = kith({"log", "grace", "talked about compilers"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(file("contacts/grace-hopper.md").find("talked about compilers"), std::string::npos);
    EXPECT_EQ(kith({"show", "hop"}).status, 0);
    KithRun several = kith({"show", "sam"}); // Samantha Reyes and Samuel Osei
    EXPECT_EQ(several.status, 1);
    EXPECT_NE(several.err.find("samantha-reyes (Samantha Reyes)"), std::string::npos) << several.err;
    EXPECT_NE(several.err.find("samuel-osei"), std::string::npos) << several.err;
    // "zoe" is an alias of Zoë Martín: exact matches come before folded ones.
    EXPECT_EQ(nlohmann::json::parse(kith({"--format", "json", "show", "zoe"}).out)["id"], "zoe-martin");
}

TEST_F(Writing, ImportMatchesACardToTheContactWhoseAliasIsItsName) {
    put("contacts/wang-wei.md", "---\nname: 王伟\naliases: [Wang Wei]\n---\n");
    const fs::path card = m_tmp.path() / "wang.vcf";
    write_file(card, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Wang Wei\r\nN:Wang;Wei;;;\r\nEMAIL:wei@example.cn\r\nEND:VCARD\r\n");
    KithRun r = kith({"import", "vcard", card.string()});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_FALSE(fs::exists(m_vault / "contacts/wang-wei-2.md"));
    EXPECT_NE(file("contacts/wang-wei.md").find("wei@example.cn"), std::string::npos) << file("contacts/wang-wei.md");
}

TEST_F(Writing, CheckWarnsWhenAnAliasIsAnotherContactsName) {
    put("contacts/wang-wei.md", "---\nname: 王伟\naliases: [Wang Wei]\n---\n");
    put("contacts/wang-wei-2.md", "---\nname: Wang Wei\n---\n");
    KithRun r = kith({"check"});
    EXPECT_NE((r.out + r.err).find("contacts/wang-wei.md:1: warning: the alias 'Wang Wei' is the name of wang-wei-2"),
              std::string::npos)
        << r.out << r.err;
}

// Every `kith ...` line of README.md (the command table's examples and the
// code blocks) runs as written, in order, over a copy of sample-vault with
// history, from a shell with kith on PATH.
TEST(Readme, ExamplesRunAsWritten) {
    std::ifstream in(source_dir() / "README.md");
    std::vector<std::string> commands;
    std::string line;
    bool code = false;
    const std::regex in_table("`(kith [^`]*)`\\s*\\|\\s*$");
    while (std::getline(in, line)) {
        if (line.rfind("```", 0) == 0) {
            code = !code;
            continue;
        }
        std::smatch m;
        if (code) {
            std::string l = line.rfind("$ ", 0) == 0 ? line.substr(2) : line;
            if (l.rfind("kith ", 0) != 0 && l != "kith") continue;
            if (auto hash = l.find("  #"); hash != std::string::npos) l.resize(hash);
            commands.push_back(l);
        } else if (std::regex_search(line, m, in_table)) {
            std::string c = m[1];
            for (std::size_t at; (at = c.find("\\|")) != std::string::npos;) c.replace(at, 2, "|");
            commands.push_back(c);
        }
    }
    ASSERT_GE(commands.size(), 25u);

    TempDir tmp;
    const fs::path vault = copy_sample_vault(tmp);
    const fs::path root = vault.parent_path();
    fs::rename(vault, root / "sample-vault");
    fs::create_directories(root / "bin");
    fs::create_directories(root / "home");
    fs::create_symlink(KITH_BINARY, root / "bin/kith");
    // History from before the README's `diff --since 2026-06-01`.
    ASSERT_EQ(shell("cd " + quoted(root / "sample-vault") +
                    " && git init -q -b main && git add -A && GIT_COMMITTER_DATE=2026-05-01T12:00:00 "
                    "git -c user.name=Setup -c user.email=setup@example.com commit -q --date 2026-05-01T12:00:00 -m initial"),
              0);
    write_file(root / "contacts.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nEMAIL:grace@navy.example\r\nEND:VCARD\r\n");
    // Sync and clone need a remote (tests/cli/sync_test.cpp and
    // sync_servers_test.cpp run them against real ones).
    const std::set<std::string> needs_a_remote{"kith sync --add-remote ssh://server/srv/network.git", "kith sync",
                                               "kith sync --dry-run --format json",
                                               "kith clone ssh://server/srv/network.git"};
    int ran = 0;
    for (const std::string& c : commands) {
        std::string command = std::string(trim(c));
        while (!command.empty() && command.back() == ' ') command.pop_back();
        if (needs_a_remote.count(command)) continue;
        // Exported first, so that `~` in the command is the temporary home.
        const std::string env = "cd " + quoted(root) + " && export HOME=" + quoted(root / "home") + " PATH=" +
                                quoted(root / "bin") + ":\"$PATH\" KITH_VAULT=" + quoted(root / "sample-vault") +
                                " KITH_TODAY=2026-11-22 EDITOR=true GIT_AUTHOR_NAME=Ada GIT_AUTHOR_EMAIL=ada@example.com "
                                "GIT_COMMITTER_NAME=Ada GIT_COMMITTER_EMAIL=ada@example.com && ";
        const fs::path log = root / "out.log";
        const int status = shell(env + command + " > " + test::quoted(log) + " 2>&1");
        EXPECT_EQ(status, 0) << command << "\n" << read_text(log);
        ++ran;
    }
    EXPECT_GE(ran, 25);
    EXPECT_TRUE(fs::exists(root / "home/network/contacts")) << "kith init ~/network made the vault in the test's home";
}
