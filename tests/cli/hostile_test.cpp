// A vault arrives from other machines through git, so its layout is
// untrusted: symlink loops, links to files outside it, names that try to
// leave it or that other systems reserve, a huge folder, bytes that are not
// UTF-8, names that differ only in case or Unicode normalisation, a vault
// owned by someone else, a read-only one. Each gives a clear message, and
// nothing outside the vault is read or written.

#include "support.hpp"

#include "adapters/git.hpp"
#include "adapters/vault_writer.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <iostream>

namespace fs = std::filesystem;
using namespace kith;
using namespace kith::test;

namespace {

class Hostile : public ::testing::Test {
protected:
    void SetUp() override {
        m_vault = git_sample_vault(m_tmp);
        m_outside = m_tmp.path() / "outside";
        fs::create_directories(m_outside);
        write_file(m_outside / "secret.md", "---\nname: Eve Outside\n---\nroot:x:0:0:secret-outside\n");
    }

    std::vector<std::string> args(const std::vector<std::string>& rest) const { return vault_args(m_vault, rest); }
    KithRun kith(std::vector<std::string> rest) { return run_kith(args(std::move(rest))); }
    std::string file(const std::string& rel) const { return read_text(m_vault / rel); }
    std::string head_summary() { return Repo::discover(m_vault)->head()->summary; }

    /// Runs every reading command in every format; none may fail to run
    /// (exit 2 or a crash) or print `secret`.
    void reads_stay_inside(const std::string& secret) {
        for (const char* format : {"table", "json", "csv"})
            for (auto cmd : std::vector<std::vector<std::string>>{
                     {"check"}, {"list", "--all"}, {"remind"}, {"dormant"}, {"reciprocity"}}) {
                cmd.insert(cmd.begin(), {"--format", format});
                KithRun r = kith(cmd);
                EXPECT_TRUE(r.status == 0 || (r.status == 1 && cmd.back() == "check")) << cmd[2] << " " << r.err;
                EXPECT_EQ(r.out.find(secret), std::string::npos) << cmd[2] << " " << format;
                EXPECT_EQ(r.err.find(secret), std::string::npos) << cmd[2] << " " << format;
                if (std::string(format) == "json") EXPECT_TRUE(nlohmann::json::accept(r.out)) << cmd[2];
            }
    }

    TempDir m_tmp;
    fs::path m_vault, m_outside;
    EnvVar m_name{"GIT_AUTHOR_NAME", "Ada Tester"};
    EnvVar m_email{"GIT_AUTHOR_EMAIL", "ada@example.com"};
};

std::size_t contact_count(const std::string& list_json) {
    return nlohmann::json::parse(list_json)["items"].size();
}

} // namespace

TEST_F(Hostile, SymlinkLoopsEndAndEveryFileIsReadOnce) {
    const std::size_t before = contact_count(kith({"--format", "json", "list", "--all"}).out);
    fs::create_directory_symlink("..", m_vault / "contacts/up");       // a loop through the parent
    fs::create_directory_symlink(".", m_vault / "contacts/here");      // a loop on itself
    fs::create_symlink("self.md", m_vault / "contacts/self.md");       // a file link to itself
    fs::create_symlink("b.md", m_vault / "contacts/a.md");             // two links to each other
    fs::create_symlink("a.md", m_vault / "contacts/b.md");
    const auto start = std::chrono::steady_clock::now();
    KithRun check = kith({"check"});
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
    for (const char* f : {"contacts/self.md", "contacts/a.md", "contacts/b.md"})
        EXPECT_NE(check.out.find(std::string(f) + ":1: warning: broken symlink; skipped"), std::string::npos)
            << check.out;
    EXPECT_EQ(contact_count(kith({"--format", "json", "list", "--all"}).out), before) << "each contact once";
    reads_stay_inside("secret-outside");
    KithRun log = kith({"log", "alice-chen", "still", "works"});
    EXPECT_EQ(log.status, 0) << log.err;
}

TEST_F(Hostile, ASymlinkToEtcPasswdNamedLikeAContactIsNeverRead) {
    fs::create_symlink("/etc/passwd", m_vault / "contacts/eve.md");
    KithRun check = kith({"check"});
    EXPECT_NE(check.out.find("contacts/eve.md:1: warning: symlink leads outside the vault; skipped"), std::string::npos)
        << check.out;
    reads_stay_inside("root:x:0:0");
    KithRun show = kith({"show", "eve"});
    EXPECT_EQ(show.status, 1);
    EXPECT_NE(show.err.find("no contact 'eve'"), std::string::npos) << show.err;
    EXPECT_EQ(show.out.find("root:"), std::string::npos);
    // Writing through it is refused (tried on a copy outside the vault, so
    // that a bug could never touch the real /etc/passwd).
    fs::remove(m_vault / "contacts/eve.md");
    fs::create_symlink(m_outside / "secret.md", m_vault / "contacts/eve.md");
    const std::string secret = read_text(m_outside / "secret.md");
    KithRun add = kith({"add", "Eve"});
    EXPECT_EQ(add.status, 1);
    EXPECT_NE(add.err.find("refusing to write through a symlink: contacts/eve.md"), std::string::npos) << add.err;
    EXPECT_NE(kith({"log", "Eve Outside", "hi"}).status, 0);
    EXPECT_NE(kith({"set", "eve", "tier", "core"}).status, 0);
    EXPECT_EQ(read_text(m_outside / "secret.md"), secret);
    EXPECT_TRUE(fs::is_symlink(m_vault / "contacts/eve.md"));
}

TEST_F(Hostile, AFolderLinkedOutsideIsNeitherReadNorWritten) {
    fs::create_directory_symlink(m_outside, m_vault / "contacts/elsewhere");
    KithRun check = kith({"check"});
    EXPECT_NE(check.out.find("contacts/elsewhere:1: warning: symlink leads outside the vault; skipped"),
              std::string::npos)
        << check.out;
    reads_stay_inside("secret-outside");
    VaultWriter w(m_vault);
    EXPECT_THROW(w.write("contacts/elsewhere/new.md", "x"), WriteError);
    EXPECT_THROW(w.write("contacts/elsewhere/secret.md", "x"), WriteError);
    EXPECT_THROW((void)w.read("contacts/elsewhere/secret.md"), WriteError);
    EXPECT_FALSE(fs::exists(m_outside / "new.md"));
    EXPECT_EQ(fs::directory_iterator(m_outside) != fs::directory_iterator(), true);
}

TEST_F(Hostile, NamesThatTryToLeaveTheVaultStayInside) {
    // As an argument: the id is a slug of the name, never a path.
    KithRun add = kith({"add", "../../x"});
    ASSERT_EQ(add.status, 0) << add.err;
    EXPECT_TRUE(fs::exists(m_vault / "contacts/x.md"));
    EXPECT_FALSE(fs::exists(m_tmp.path() / "x.md"));
    EXPECT_FALSE(fs::exists(m_vault / "x.md"));
    EXPECT_NE(file("contacts/x.md").find("name: \"../../x\""), std::string::npos) << file("contacts/x.md");
    EXPECT_EQ(kith({"log", "../../alice-chen", "hi"}).status, 1);
    // A path given to the writer itself.
    VaultWriter w(m_vault);
    for (const char* bad : {"../x.md", "contacts/../../x.md", "/etc/passwd", "", "contacts/./x.md"})
        EXPECT_THROW(w.write(bad, "x"), WriteError) << bad;
    // As a link in a note: an unknown contact, nothing read.
    write_file(m_vault / "journal/2026-11-20.md",
               "# 2026-11-20\n\n- 2026-11-20 met [[../../outside/secret]] and [[/etc/passwd]]\n");
    KithRun check = kith({"check"});
    EXPECT_NE(check.out.find("journal/2026-11-20.md:3: warning:"), std::string::npos) << check.out;
    reads_stay_inside("secret-outside");
    reads_stay_inside("root:x:0:0");
}

TEST_F(Hostile, WindowsReservedNamesAreRefusedAsIds) {
    for (const char* name : {"CON", "con", "Nul", "aux", "COM1", "lpt9", "prn"}) {
        KithRun r = kith({"add", name});
        EXPECT_EQ(r.status, 1) << name;
        EXPECT_NE(r.err.find("Windows"), std::string::npos) << r.err;
    }
    EXPECT_EQ(head_summary(), "initial");
    // A fuller name is fine, and so is an existing file with such a name:
    // check warns, because a clone on Windows would fail.
    EXPECT_EQ(kith({"add", "Con", "O'Neill"}).status, 0);
    write_file(m_vault / "contacts/aux.md", "---\nname: Aux Person\n---\n");
    KithRun check = kith({"check"});
    EXPECT_NE(check.out.find("contacts/aux.md:1: warning: 'aux' is a reserved file name on Windows"),
              std::string::npos)
        << check.out;
}

TEST_F(Hostile, FileNamesAndContentThatAreNotUtf8AreSkippedWithAMessage) {
    write_file(m_vault / "contacts/bad\xff\xfename.md", "---\nname: Bad Name\n---\n");
    write_file(m_vault / "contacts/latin1.md", "---\nname: Jos\xe9 Latin\n---\n");
    KithRun check = kith({"check"});
    EXPECT_EQ(check.status, 1);
    EXPECT_NE(check.out.find("contacts/bad\\xFF\\xFEname.md:1: error: the file name is not valid UTF-8; skipped"),
              std::string::npos)
        << check.out;
    EXPECT_NE(check.out.find("contacts/latin1.md:2: error: file is not valid UTF-8; skipped"), std::string::npos)
        << check.out;
    // Every report still runs, in every format (JSON needs valid UTF-8).
    reads_stay_inside("Bad Name");
    EXPECT_EQ(kith({"log", "alice-chen", "fine"}).status, 0);
}

TEST_F(Hostile, AFolderWithAHundredThousandFilesIsWalkedQuickly) {
    // 100,000 files in one folder: attachments kith lists and skips, plus a
    // thousand small contacts. The walk must stay linear. On a tmpfs where
    // root may mount one (making the files is then much faster).
    const fs::path big = m_vault / "contacts/imported";
    std::optional<TmpfsMount> disk;
    if (::geteuid() == 0) disk.emplace(big, "256m");
    fs::create_directories(big);
    fs::create_directories(big);
    const auto made = std::chrono::steady_clock::now();
    for (int i = 0; i < 100'000; ++i) {
        const bool contact = i % 100 == 0;
        const std::string name = (contact ? "p" : "scan-") + std::to_string(i) + (contact ? ".md" : ".pdf");
        int fd = ::open((big / name).c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ASSERT_GE(fd, 0);
        if (contact) {
            const std::string text = "---\nname: Person " + std::to_string(i) + "\n---\n";
            ASSERT_EQ(::write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
        }
        ::close(fd);
    }
    const double make_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - made).count();
    const auto start = std::chrono::steady_clock::now();
    KithRun list = kith({"--no-cache", "--format", "json", "list", "--tag", "none-such"});
    const double list_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_EQ(list.status, 0) << list.err;
    KithRun show = kith({"--format", "json", "show", "p99900"});
    ASSERT_EQ(show.status, 0) << show.err;
    EXPECT_EQ(nlohmann::json::parse(show.out)["name"], "Person 99900");
    EXPECT_LT(list_s, 10.0) << "walking 100,000 files took " << list_s << " s";
    KithRun log = kith({"log", "p500", "hello"});
    EXPECT_EQ(log.status, 0) << log.err;
    std::cout << "[huge-folder] files=100000 contacts=1000 tmpfs=" << (disk && disk->mounted()) << " create_s=" << make_s
              << " list_s=" << list_s << "\n";
}

TEST_F(Hostile, NamesDifferingOnlyInCaseAreDuplicatesAndOnlyTheFirstIsWritten) {
    const std::string lower = file("contacts/alice-chen.md");
    write_file(m_vault / "contacts/Alice-Chen.md", "---\nname: Alice Upper\n---\n\n## Log\n");
    KithRun check = kith({"check"});
    EXPECT_EQ(check.status, 1);
    EXPECT_NE(check.out.find("duplicate contact id"), std::string::npos) << check.out;
    // The first by path (byte order: 'A' before 'a') is the contact; the other is skipped and never written.
    KithRun log = kith({"log", "alice-chen", "which", "one"});
    ASSERT_EQ(log.status, 0) << log.err;
    EXPECT_NE(log.out.find("contacts/Alice-Chen.md"), std::string::npos) << log.out;
    EXPECT_EQ(file("contacts/alice-chen.md"), lower);
}

TEST_F(Hostile, NamesDifferingOnlyInUnicodeNormalisationAreFlagged) {
    // "josé" precomposed (NFC, as Linux keeps it) and decomposed (NFD, as
    // macOS writes it): different bytes, one name. On macOS they are one file.
    write_file(m_vault / "contacts/jos\xc3\xa9.md", "---\nname: Jos\xc3\xa9 NFC\n---\n");
    write_file(m_vault / "contacts/jose\xcc\x81.md", "---\nname: Jose\xcc\x81 NFD\n---\n");
    KithRun check = kith({"check"});
    // The NFD name sorts first (e < \xc3), so the NFC one is flagged.
    EXPECT_NE(check.out.find("contacts/jos\xc3\xa9.md:1: warning: the id 'jos\xc3\xa9' differs from 'jose\xcc\x81' "
                             "(contacts/jose\xcc\x81.md) only in accents or Unicode normalisation"),
              std::string::npos)
        << check.out;
    // Both are read, and each can be written by its exact id.
    ASSERT_EQ(kith({"log", "jos\xc3\xa9", "nfc"}).status, 0);
    ASSERT_EQ(kith({"log", "jose\xcc\x81", "nfd"}).status, 0);
    EXPECT_NE(file("contacts/jos\xc3\xa9.md").find("nfc"), std::string::npos);
    EXPECT_NE(file("contacts/jose\xcc\x81.md").find("nfd"), std::string::npos);
}

TEST_F(Hostile, AnAsciiIdAndItsAccentedTwinAreFlaggedWhateverTheirOrder) {
    // check folds only the ids that are not ASCII, yet an ASCII id still
    // meets its accented twin: the accent in the middle or first.
    write_file(m_vault / "contacts/jose.md", "---\nname: Jose Plain\n---\n");
    write_file(m_vault / "contacts/jos\xc3\xa9.md", "---\nname: Jos\xc3\xa9 Accent\n---\n");
    write_file(m_vault / "contacts/\xc3\xa9mile.md", "---\nname: \xc3\x89mile Accent\n---\n");
    write_file(m_vault / "contacts/emile.md", "---\nname: Emile Plain\n---\n");
    // Reserved names are whole stems only.
    write_file(m_vault / "contacts/console.md", "---\nname: Console Person\n---\n");
    write_file(m_vault / "contacts/com1.md", "---\nname: Com One\n---\n");
    KithRun check = kith({"check"});
    EXPECT_NE(check.out.find("contacts/jos\xc3\xa9.md:1: warning: the id 'jos\xc3\xa9' differs from 'jose' "
                             "(contacts/jose.md) only in accents"),
              std::string::npos)
        << check.out;
    EXPECT_NE(check.out.find("contacts/\xc3\xa9mile.md:1: warning: the id '\xc3\xa9mile' differs from 'emile' "
                             "(contacts/emile.md) only in accents"),
              std::string::npos)
        << check.out;
    EXPECT_NE(check.out.find("contacts/com1.md:1: warning: 'com1' is a reserved file name"), std::string::npos)
        << check.out;
    EXPECT_EQ(check.out.find("console"), std::string::npos) << check.out;
    // Nothing else in the sample vault folds alike.
    std::size_t folds = 0;
    for (std::size_t at = check.out.find("only in accents"); at != std::string::npos;
         at = check.out.find("only in accents", at + 1))
        ++folds;
    EXPECT_EQ(folds, 2u) << check.out;
}

TEST_F(Hostile, ANulOrAnEscapeInAValueNeverReachesTheTerminal) {
    // A command-line argument cannot hold a NUL (execve ends it there); a
    // YAML escape can, and so can a raw byte in a file synced from elsewhere.
    write_file(m_vault / "contacts/zero.md",
               "---\nname: \"Ze\\0ro\"\ncompany: \"\\e]0;pwned\\a\"\n---\n\n## Log\n- 2026-11-01 \x1b[2Jcleared\n");
    write_file(m_vault / "contacts/rawnul.md", std::string("---\nname: Raw\0Nul\n---\n", 22));
    KithRun check = kith({"check"});
    EXPECT_NE(check.out.find("contacts/rawnul.md:2: error:"), std::string::npos) << check.out;
    // Tables and show print control characters as \uXXXX; JSON escapes them.
    for (auto cmd : std::vector<std::vector<std::string>>{{"show", "zero"}, {"list"}, {"dormant"}}) {
        KithRun r = kith(cmd);
        ASSERT_EQ(r.status, 0) << cmd[0] << r.err;
        EXPECT_EQ(r.out.find('\0'), std::string::npos) << cmd[0];
        EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << cmd[0];
        EXPECT_EQ(r.out.find('\a'), std::string::npos) << cmd[0];
    }
    KithRun show = kith({"show", "zero"});
    EXPECT_NE(show.out.find("Ze\\u0000ro"), std::string::npos) << show.out;
    EXPECT_NE(show.out.find("\\u001b[2Jcleared"), std::string::npos) << show.out;
    auto j = nlohmann::json::parse(kith({"--format", "json", "show", "zero"}).out);
    EXPECT_EQ(j["name"], std::string("Ze\0ro", 5));
}

TEST_F(Hostile, AVaultOwnedByAnotherUserIsReadButNotWritten) {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root to give the vault to another user";
    const std::string before = file("contacts/alice-chen.md");
    ASSERT_EQ(shell("chown -R 65534:65534 " + quoted(m_vault)), 0);
    // Reading needs no git.
    KithRun dormant = kith({"--no-cache", "dormant"});
    EXPECT_EQ(dormant.status, 0) << dormant.err;
    // Writing and sync need the repository, which git refuses.
    const fs::path log = m_tmp.path() / "err";
    auto run_bin = [&](std::vector<std::string> rest, const std::map<std::string, std::string>& env = {}) {
        std::string cmd;
        for (const auto& [k, v] : env) cmd += k + "=" + kith::test::quoted(fs::path(v)) + " ";
        cmd += std::string(KITH_BINARY) + " --vault " + quoted(m_vault) + " --today 2026-11-22";
        for (const auto& a : rest) cmd += " " + a;
        return shell(cmd + " >/dev/null 2> " + quoted(log));
    };
    for (const char* cmd : {"log alice-chen hello", "sync"}) {
        EXPECT_EQ(run_bin({cmd}), 1) << cmd;
        const std::string err = read_text(log);
        EXPECT_NE(err.find("belongs to another user (uid 65534)"), std::string::npos) << err;
        EXPECT_NE(err.find("git config --global --add safe.directory '" + fs::canonical(m_vault).string() + "'"),
                  std::string::npos)
            << err;
    }
    EXPECT_EQ(file("contacts/alice-chen.md"), before);
    // Following the advice works (in a private HOME).
    const fs::path home = m_tmp.path() / "home";
    fs::create_directories(home);
    write_file(home / ".gitconfig", "[safe]\n\tdirectory = " + fs::canonical(m_vault).string() + "\n");
    EXPECT_EQ(run_bin({"log alice-chen hello"}, {{"HOME", home.string()}}), 0) << read_text(log);
    EXPECT_NE(file("contacts/alice-chen.md").find("hello"), std::string::npos);
}

TEST_F(Hostile, AReadOnlyVaultIsReadAndWritesFailCleanly) {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root for a read-only bind mount";
    if (shell("unshare -m true 2>/dev/null") != 0) GTEST_SKIP() << "cannot make a mount namespace here";
    const std::string before = file("contacts/alice-chen.md");
    const std::string head = Repo::discover(m_vault)->head()->id;
    const fs::path err = m_tmp.path() / "err", out = m_tmp.path() / "out";
    const std::string kith_cmd = std::string(KITH_BINARY) + " --vault " + quoted(m_vault) + " --today 2026-11-22 ";
    // Inside a private mount namespace the vault is bound read-only; even
    // root cannot write there.
    const std::string script = "mount --bind " + quoted(m_vault) + " " + quoted(m_vault) + " && mount -o remount,bind,ro " +
                               quoted(m_vault) + " && ! touch " + quoted(m_vault / "probe") + " 2>/dev/null && " +
                               kith_cmd + "dormant > " + quoted(out) + " && { " + kith_cmd +
                               "log alice-chen hello 2> " + quoted(err) + "; test $? -eq 1; }";
    write_file(m_tmp.path() / "ro.sh", script + "\n");
    ASSERT_EQ(shell("unshare -m sh " + quoted(m_tmp.path() / "ro.sh")), 0) << read_text(err);
    EXPECT_NE(read_text(out).find("Ingrid Nilsen"), std::string::npos);
    const std::string message = read_text(err);
    EXPECT_NE(message.find("kith: error: cannot "), std::string::npos) << message;
    EXPECT_NE(message.find("Read-only file system"), std::string::npos) << message;
    EXPECT_EQ(file("contacts/alice-chen.md"), before);
    EXPECT_EQ(Repo::discover(m_vault)->head()->id, head);
    EXPECT_EQ(leftovers(m_vault), std::vector<std::string>{});
}
