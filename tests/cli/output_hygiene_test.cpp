// Output hygiene: a shared vault, a remote and an imported card are written
// by somebody else, and what they hold must not reach the user's terminal as
// escape sequences (OSC 52 writes the clipboard, a C1 CSI moves the cursor, a
// bidi override makes text read as something else), nor git's history, nor
// a vCard or iCalendar file, nor a spreadsheet as a formula. Every command
// runs through the kith binary over a copy of sample-vault holding such
// names, entries and file names, and every byte of stdout and stderr is
// checked. See docs/security.md, "Output and imported data".

#include "support.hpp"

#include "kith/render/terminal.hpp"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace kith;
using namespace kith::test;

namespace {

// OSC 52 (set the clipboard to "pwned"), ended by BEL.
const std::string k_osc = "\x1b]52;c;cHduZWQ=\x07";
// C1 CSI (U+009B), then "2J": clear the screen on terminals that honour C1.
const std::string k_csi = "\xc2\x9b" "2J";
// RIGHT-TO-LEFT OVERRIDE (U+202E).
const std::string k_rlo = "\xe2\x80\xae";
const std::string k_hostile = k_osc + k_csi + k_rlo;

/// The first byte of `text` kith must never write, described; empty when
/// there is none. New line and tab are layout; CR only before a new line.
std::string first_raw_control(const std::string& text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::string where = " at byte " + std::to_string(i) + " in: " + text.substr(i > 40 ? i - 40 : 0, 80);
        if (c < 0x80) {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
                i += 2;
                continue;
            }
            if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) return "control " + std::to_string(c) + where;
            ++i;
            continue;
        }
        // Decode one UTF-8 sequence (kith must only write valid UTF-8).
        int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
        if (n == 0 || i + static_cast<std::size_t>(n) > text.size()) return "bad UTF-8" + where;
        char32_t cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
        for (int k = 1; k < n; ++k) {
            const auto cc = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
            if ((cc & 0xC0) != 0x80) return "bad UTF-8" + where;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (is_hidden_control(cp)) return "code point " + std::to_string(cp) + where;
        i += static_cast<std::size_t>(n);
    }
    return {};
}

#define EXPECT_CLEAN(run, what)                                                                                      \
    do {                                                                                                             \
        EXPECT_EQ(first_raw_control((run).out), "") << "stdout of " << (what);                                       \
        EXPECT_EQ(first_raw_control((run).err), "") << "stderr of " << (what);                                       \
    } while (0)

/// Runs the kith binary (main, std::cout, std::cerr: the real streams) in
/// `cwd`, stdout and stderr kept apart.
KithRun binary(const std::vector<std::string>& args, const fs::path& scratch, const fs::path& cwd) {
    const fs::path out = scratch / "stdout", err = scratch / "stderr";
    std::vector<std::string> argv{KITH_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (o < 0 || e < 0 || ::chdir(cwd.c_str()) != 0) ::_exit(126);
        ::dup2(o, 1);
        ::dup2(e, 2);
        std::vector<char*> raw;
        for (auto& a : argv) raw.push_back(a.data());
        raw.push_back(nullptr);
        ::execv(raw[0], raw.data());
        ::_exit(127);
    }
    KithRun r;
    r.status = wait_for(pid);
    r.out = read_text(out);
    r.err = read_text(err);
    return r;
}

std::string joined(const std::vector<std::string>& args) {
    std::string s;
    for (const auto& a : args) s += (s.empty() ? "" : " ") + a;
    return s;
}

class OutputHygiene : public ::testing::Test {
protected:
    void SetUp() override {
        m_vault = git_sample_vault(m_tmp);
        // YAML escapes put the controls in values; the body holds them raw.
        write_file(m_vault / "contacts/mallory.md",
                   "---\nname: \"Mallory \\e]52;c;cHduZWQ=\\a\\x9b2J\\u202Egnp.exe\"\n"
                   "tier: core\ncompany: \"Evil\\e[8m Corp\\u202E\"\ntitle: \"CTO\\x9b\"\n"
                   "birthday: 1990-11-25\n---\n\n## Log\n\n"
                   "- 2026-11-01 #got raw " + k_hostile + " entry, met [[alice-chen]]\n"
                   "- 2026-10-01 #got \x1b[2Jcleared [[bob-okafor]]\n\n"
                   "## Follow-ups\n\n- [ ] call back " + k_hostile + " now \xF0\x9F\x93\x85 2026-11-20\n");
        // File names chosen by somebody else: one whose front matter is
        // broken (so diagnostics print its path), one that is not UTF-8.
        write_file(m_vault / ("contacts/eve" + k_hostile + ".md"), "---\nname: [broken\n---\n");
        write_file(m_vault / "contacts/bad\xff\x1b[2J.md", "---\nname: Bad Name\n---\n");
        ASSERT_EQ(shell("cd " + quoted(m_vault) + " && git add -A && git -c user.name=Setup "
                        "-c user.email=setup@example.com commit -qm hostile"),
                  0);
    }

    KithRun kith(const std::vector<std::string>& rest) {
        return binary(vault_args(m_vault, rest), m_tmp.path(), m_tmp.path());
    }

    /// Every commit message in the vault's history.
    std::string all_commit_messages() {
        const fs::path out = m_tmp.path() / "log";
        shell("cd " + quoted(m_vault) + " && git log --format=%B > " + quoted(out));
        return read_text(out);
    }

    TempDir m_tmp;
    fs::path m_vault;
    EnvVar m_name{"GIT_AUTHOR_NAME", "Ada Tester"};
    EnvVar m_email{"GIT_AUTHOR_EMAIL", "ada@example.com"};
    EnvVar m_no_cache{"KITH_NO_CACHE", "1"};
};

} // namespace

TEST_F(OutputHygiene, EveryReadingCommandInEveryFormatWritesNoRawControl) {
    const std::vector<std::vector<std::string>> commands{
        {"check"},       {"list", "--all"},       {"show", "mallory"}, {"remind"},       {"dormant"},
        {"reciprocity"}, {"who", "Evil"},         {"path", "mallory"}, {"stats"},        {"review"},
        {"history", "mallory"}, {"diff", "--since", "HEAD~1"}};
    for (const char* format : {"table", "json", "csv"})
        for (auto cmd : commands) {
            cmd.insert(cmd.begin(), {"--format", format});
            KithRun r = kith(cmd);
            EXPECT_NE(r.status, 2) << joined(cmd) << "\n" << r.err;
            EXPECT_CLEAN(r, joined(cmd));
            if (std::string(format) == "json" && r.status == 0) {
                EXPECT_TRUE(nlohmann::json::accept(r.out)) << joined(cmd) << "\n" << r.out;
            }
        }
}

TEST_F(OutputHygiene, ControlsAreShownAsEscapesNotDropped) {
    KithRun show = kith({"show", "mallory"});
    ASSERT_EQ(show.status, 0) << show.err;
    EXPECT_CLEAN(show, "show");
    EXPECT_NE(show.out.find("Mallory \\u001b]52;c;cHduZWQ=\\u0007\\u009b2J\\u202egnp.exe"), std::string::npos) << show.out;
    EXPECT_NE(show.out.find("\\u001b[2Jcleared"), std::string::npos) << show.out;
    // Diagnostics name the hostile files visibly.
    KithRun check = kith({"check"});
    EXPECT_CLEAN(check, "check");
    EXPECT_NE(check.out.find("contacts/eve\\u001b]52;c;cHduZWQ=\\u0007\\u009b2J\\u202e.md"), std::string::npos)
        << check.out;
    EXPECT_NE(check.out.find("\\xFF\\u001b[2J"), std::string::npos) << check.out;
    // JSON keeps the exact value: the escapes are JSON's own.
    KithRun json = kith({"--format", "json", "show", "mallory"});
    ASSERT_EQ(json.status, 0) << json.err;
    EXPECT_EQ(nlohmann::json::parse(json.out)["name"], "Mallory " + k_osc + k_csi + k_rlo + "gnp.exe");
}

TEST_F(OutputHygiene, ErrorMessagesQuotingUserDataWriteNoRawControl) {
    for (const std::vector<std::string>& cmd :
         std::vector<std::vector<std::string>>{{"show", "nobody" + k_hostile},
                                               {"log", "nobody" + k_hostile, "text"},
                                               {"--format", "x" + k_hostile, "list"},
                                               {"list", "--tier", "t" + k_hostile},
                                               {"no-such" + k_hostile},
                                               {"list", "--bogus" + k_hostile},
                                               {"remind", "--within", "2w" + k_hostile}}) {
        KithRun r = kith(cmd);
        EXPECT_NE(r.status, 0) << joined(cmd);
        EXPECT_CLEAN(r, joined(cmd));
        EXPECT_NE(r.err.find("\\u001b]52"), std::string::npos) << joined(cmd) << "\n" << r.err;
    }
}

TEST_F(OutputHygiene, WritingCommandsConfirmWithoutRawControlsAndCommitNone) {
    for (const std::vector<std::string>& cmd : std::vector<std::vector<std::string>>{
             {"log", "mallory", "said " + k_hostile + " again"},
             {"todo", "mallory", "ask about " + k_hostile},
             {"done", "mallory", "call back"},
             {"set", "mallory", "title", "Chief " + k_hostile},
             {"add", "Trudy " + k_hostile, "--company", "Evil" + k_hostile},
             {"undo"}}) {
        KithRun r = kith(cmd);
        EXPECT_EQ(r.status, 0) << joined(cmd) << "\n" << r.err;
        EXPECT_CLEAN(r, joined(cmd));
    }
    const std::string messages = all_commit_messages();
    EXPECT_NE(messages.find("mallory"), std::string::npos) << messages;
    EXPECT_EQ(first_raw_control(messages), "") << messages;
    EXPECT_NE(messages.find("\\u001b]52"), std::string::npos) << messages;
    KithRun history = kith({"history", "mallory"});
    EXPECT_CLEAN(history, "history");
}

TEST_F(OutputHygiene, ColoursOnATerminalAreKithsOwnOnly) {
    KithRun show = run_kith(vault_args(m_vault, {"show", "mallory"}), {{"TERM", "xterm"}}, m_tmp.path(), true);
    ASSERT_EQ(show.status, 0) << show.err;
    // kith's bold around the name, and nothing of Mallory's.
    EXPECT_EQ(show.out.rfind("\x1b[1mMallory \\u001b]52;", 0), 0u) << show.out;
    std::string without_ours = show.out;
    for (const std::string sgr : {"\x1b[1m", "\x1b[0m"})
        for (std::size_t p; (p = without_ours.find(sgr)) != std::string::npos;) without_ours.erase(p, sgr.size());
    EXPECT_EQ(first_raw_control(without_ours), "");
    KithRun remind = run_kith(vault_args(m_vault, {"remind"}), {{"TERM", "xterm"}}, m_tmp.path(), true);
    EXPECT_NE(remind.out.find("\x1b[31m"), std::string::npos) << remind.out; // overdue, in red
}

TEST_F(OutputHygiene, SyncListsIncomingFileNamesAndCommitsThemWithoutRawControls) {
    const fs::path server = m_tmp.path() / "server.git", other = m_tmp.path() / "other";
    ASSERT_EQ(shell("git init -q --bare -b main " + quoted(server)), 0);
    KithRun first = kith({"sync", "--add-remote", server.string()});
    ASSERT_EQ(first.status, 0) << first.err;
    ASSERT_EQ(shell("git clone -q " + quoted(server) + " " + quoted(other)), 0);
    // The remote adds a note whose file name holds the escapes.
    write_file(other / ("journal/note" + k_hostile + ".md"), "# a note\n\n- 2026-11-20 met [[alice-chen]]\n");
    ASSERT_EQ(shell("cd " + quoted(other) + " && git add -A && git -c user.name=Remote "
                    "-c user.email=r@example.com commit -qm note && git push -q origin main"),
              0);
    // A local change too, so that sync makes a merge commit listing the names.
    ASSERT_EQ(kith({"log", "alice-chen", "coffee"}).status, 0);
    KithRun sync = kith({"sync"});
    ASSERT_EQ(sync.status, 0) << sync.out << sync.err;
    EXPECT_CLEAN(sync, "sync");
    EXPECT_NE(sync.out.find("note\\u001b]52"), std::string::npos) << sync.out;
    const std::string messages = all_commit_messages();
    EXPECT_NE(messages.find("sync: merge"), std::string::npos) << messages;
    EXPECT_EQ(first_raw_control(messages), "") << messages;
}

TEST_F(OutputHygiene, VcardAndIcalendarExportsHoldNoControlCharacters) {
    for (const char* format : {"vcard", "ics"}) {
        KithRun r = kith({"export", format});
        ASSERT_EQ(r.status, 0) << format << r.err;
        EXPECT_CLEAN(r, format);
        for (char c : r.out) {
            const auto u = static_cast<unsigned char>(c);
            EXPECT_TRUE(u >= 0x20 || c == '\r' || c == '\n') << format << " byte " << static_cast<int>(u);
        }
        EXPECT_EQ(r.out.find("\xc2\x9b"), std::string::npos) << format;
        EXPECT_NE(r.out.find("Mallory ]52"), std::string::npos) << format << "\n" << r.out;
    }
    // Written to a file (no terminal in the way), the same.
    const fs::path out = m_tmp.path() / "all.vcf";
    ASSERT_EQ(kith({"export", "vcard", "--out", out.string()}).status, 0);
    const std::string cards = read_text(out);
    EXPECT_NE(cards.find("FN:Mallory ]52\\;c\\;cHduZWQ=2J"), std::string::npos) << cards;
    EXPECT_EQ(cards.find('\x1b'), std::string::npos);
    EXPECT_EQ(cards.find("\xc2\x9b"), std::string::npos);
}

TEST_F(OutputHygiene, CsvCellsThatLookLikeFormulasAreNeutralisedUnlessRaw) {
    // A card with formulas in ORG and TITLE (the classic DDE payload),
    // imported, then listed.
    const fs::path card = m_tmp.path() / "formula.vcf";
    write_file(card, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Formula Frank\r\n"
                     "ORG:=cmd|' /C calc'!A0\r\nTITLE:@SUM(1+1)\r\n"
                     "TEL:+1 555 0100\r\nEND:VCARD\r\n");
    ASSERT_EQ(kith({"import", "vcard", card.string()}).status, 0);
    KithRun csv = kith({"--format", "csv", "list", "--company", "calc"});
    ASSERT_EQ(csv.status, 0) << csv.err;
    EXPECT_NE(csv.out.find(",'=cmd|' /C calc'!A0,"), std::string::npos) << csv.out;
    EXPECT_NE(csv.out.find(",'@SUM(1+1),"), std::string::npos) << csv.out;
    KithRun raw = kith({"--format", "csv", "--csv-raw", "list", "--company", "calc"});
    ASSERT_EQ(raw.status, 0) << raw.err;
    EXPECT_NE(raw.out.find(",=cmd|' /C calc'!A0,@SUM(1+1),"), std::string::npos) << raw.out;
    // A negative number is a number: Mallory's balance of -2 stays as it is.
    KithRun rec = kith({"--format", "csv", "reciprocity"});
    ASSERT_EQ(rec.status, 0) << rec.err;
    EXPECT_EQ(rec.out.find(",'-"), std::string::npos) << rec.out;
    EXPECT_NE(rec.out.find(",-"), std::string::npos) << rec.out;
}

TEST_F(OutputHygiene, ImportNeverCreatesAFileNameWindowsReserves) {
    const fs::path cards = m_tmp.path() / "reserved.vcf";
    write_file(cards, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Con\r\nEND:VCARD\r\n"
                      "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:AUX\r\nEND:VCARD\r\n"
                      "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Com1\r\nEND:VCARD\r\n");
    KithRun r = kith({"import", "vcard", cards.string()});
    ASSERT_EQ(r.status, 0) << r.err;
    for (const char* bad : {"con", "aux", "com1"}) EXPECT_FALSE(fs::exists(m_vault / "contacts" / (std::string(bad) + ".md"))) << bad;
    for (const char* good : {"con-2", "aux-2", "com1-2"})
        EXPECT_TRUE(fs::exists(m_vault / "contacts" / (std::string(good) + ".md"))) << good << "\n" << r.out;
    // `add` refuses the same names.
    EXPECT_EQ(kith({"add", "Con"}).status, 1);
}

TEST_F(OutputHygiene, QuotedPrintableEscapesAreRefusedOnImport) {
    const fs::path card = m_tmp.path() / "qp.vcf";
    write_file(card, "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE:Ev=1B]52;c;cHduZWQ=3D=07il\r\n"
                     "END:VCARD\r\n");
    KithRun r = kith({"import", "vcard", card.string()});
    EXPECT_EQ(r.status, 1) << r.out << r.err;
    EXPECT_CLEAN(r, "import");
    EXPECT_NE(r.err.find("qp.vcf:3: error: 'FN' holds a control character (=1B in quoted-printable)"), std::string::npos)
        << r.err;
    EXPECT_FALSE(fs::exists(m_vault / "contacts/ev-52-c-chduzwq-il.md"));
}

TEST_F(OutputHygiene, AMillionEmailCardIsRefusedNamingTheCap) {
    const fs::path card = m_tmp.path() / "many.vcf";
    std::string text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Many Mails\r\n";
    for (int i = 0; i < 1000000; ++i) text += "EMAIL:m" + std::to_string(i) + "@example.com\r\n";
    text += "END:VCARD\r\n";
    write_file(card, text);
    KithRun r = kith({"import", "vcard", card.string()});
    EXPECT_EQ(r.status, 1) << r.out << r.err;
    EXPECT_NE(r.err.find("many.vcf:1004: error: the card has more than 1000 EMAIL values (the limit is 1000)"),
              std::string::npos)
        << r.err.substr(0, 2000);
    EXPECT_FALSE(fs::exists(m_vault / "contacts/many-mails.md"));
}
