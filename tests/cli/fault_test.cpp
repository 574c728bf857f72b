// Faults while kith writes: a full disk (a small tmpfs, and a file-size
// limit), SIGKILL at random moments of `log`, `set` and `sync`, a stale git
// lock, an interrupted merge, and someone else editing a file between kith's
// read and its write. After each: every file is its old or its new version,
// `git fsck` is clean, the next run cleans up and works, no entry is lost or
// doubled. The loops print one summary line each (docs/reliability.md quotes
// them).

#include "support.hpp"

#include "adapters/git.hpp"
#include "adapters/vault_writer.hpp"
#include "kith/parse/file.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstring>
#include <iostream>
#include <random>
#include <set>

namespace fs = std::filesystem;
using namespace kith;
using namespace kith::test;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

/// `text` without its lines starting with `prefix`, and the first such line.
std::pair<std::string, std::string> without_lines(const std::string& text, const std::string& prefix) {
    std::string rest, found;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t nl = text.find('\n', pos);
        std::size_t end = nl == std::string::npos ? text.size() : nl + 1;
        std::string line = text.substr(pos, end - pos);
        if (line.rfind(prefix, 0) == 0) {
            if (found.empty()) found = line;
        } else {
            rest += line;
        }
        pos = end;
    }
    return {rest, found};
}

/// The median wall time of `runs` unkilled runs of `args`, in microseconds:
/// the range the random kill delays are drawn from.
int typical_run_us(const std::vector<std::string>& args, int runs = 3) {
    std::vector<int> times;
    for (int i = 0; i < runs; ++i) {
        auto t = Clock::now();
        EXPECT_EQ(wait_for(spawn_kith(args)), 0);
        times.push_back(static_cast<int>(seconds_since(t) * 1e6));
    }
    std::sort(times.begin(), times.end());
    return std::max(times[times.size() / 2], 2000);
}

/// Kills a run after `delay_us`; 0 when it finished first, else the signal's status.
int run_and_kill(const std::vector<std::string>& args, int delay_us) {
    pid_t pid = spawn_kith(args);
    ::usleep(static_cast<useconds_t>(delay_us));
    ::kill(pid, SIGKILL);
    return wait_for(pid);
}

/// The random rounds of a kill loop: how many, and the seed (logged).
constexpr int k_rounds = 200;
constexpr unsigned k_seed = 20261122;

class Faults : public ::testing::Test {
protected:
    void SetUp() override { m_vault = git_sample_vault(m_tmp); }

    std::vector<std::string> args(const std::vector<std::string>& rest) const { return vault_args(m_vault, rest); }
    KithRun kith(std::vector<std::string> rest) { return run_kith(args(std::move(rest))); }
    std::string file(const std::string& rel) const { return read_text(m_vault / rel); }
    std::optional<std::string> at_head(const std::string& rel) { return Repo::discover(m_vault)->read_in_head(rel); }

    TempDir m_tmp;
    fs::path m_vault;
    EnvVar m_name{"GIT_AUTHOR_NAME", "Ada Tester"};
    EnvVar m_email{"GIT_AUTHOR_EMAIL", "ada@example.com"};
};

} // namespace

// ---------------------------------------------------------------- SIGKILL loops

TEST_F(Faults, LogKilledAtRandomMomentsLosesNoEntryAndLeavesNoTornFile) {
    const std::string rel = "contacts/work/daniel-cohen.md";
    const auto start = Clock::now();
    const int span = typical_run_us(args({"log", "daniel-cohen", "warm-up"}));
    std::mt19937 rng(k_seed);
    std::uniform_int_distribution<int> delay(0, span * 12 / 10);
    std::string previous = file(rel);
    int killed = 0, landed = 0;
    for (int round = 0; round < k_rounds; ++round) {
        const std::string text = "round-" + std::to_string(round);
        const int status = run_and_kill(args({"log", "daniel-cohen", text}), delay(rng));
        ASSERT_TRUE(status == 0 || status == 128 + SIGKILL) << "round " << round << " exited " << status;
        killed += status != 0;
        const std::string now = file(rel);
        if (now != previous) {
            auto extra = lines_added(previous, now);
            ASSERT_TRUE(extra) << "round " << round << ": a line of the note was changed or lost";
            ASSERT_EQ(extra->size(), 1u) << "round " << round;
            EXPECT_EQ((*extra)[0], "- 2026-11-22 " + text + "\n");
            ++landed;
        } else {
            EXPECT_EQ(status, 128 + SIGKILL) << "a finished run must have written its entry";
        }
        ASSERT_TRUE(parse_file(rel, now, FileKind::Contact).contact) << "round " << round;
        previous = now;
        if (round % 50 == 49) ASSERT_TRUE(git_fsck_clean(m_vault)) << "after round " << round;
    }
    KithRun last = kith({"log", "daniel-cohen", "after", "the", "storm"});
    ASSERT_EQ(last.status, 0) << last.err;
    EXPECT_EQ(leftovers(m_vault), std::vector<std::string>{}) << "stale locks or temporary files";
    EXPECT_TRUE(git_fsck_clean(m_vault));
    // Every entry that landed is there once, on disk and committed.
    const std::string text = file(rel);
    EXPECT_EQ(at_head(rel), text);
    auto entries = entries_of(rel, text);
    int rounds_seen = 0;
    for (int round = 0; round < k_rounds; ++round) {
        const auto n = std::count(entries.begin(), entries.end(), "round-" + std::to_string(round));
        EXPECT_LE(n, 1) << "round " << round << " doubled";
        rounds_seen += static_cast<int>(n);
    }
    EXPECT_EQ(rounds_seen, landed);
    EXPECT_GT(killed, 20) << "the delays should kill many runs";
    std::cout << "[kill-loop log] rounds=" << k_rounds << " seed=" << k_seed << " span_us=" << span
              << " killed=" << killed << " finished=" << k_rounds - killed << " entries_landed=" << landed
              << " lost=0 doubled=0 seconds=" << seconds_since(start) << "\n";
}

TEST_F(Faults, SetKilledAtRandomMomentsLeavesTheOldOrTheNewValue) {
    const std::string rel = "contacts/work/daniel-cohen.md";
    const auto start = Clock::now();
    const int span = typical_run_us(args({"set", "daniel-cohen", "title", "warm-up"}));
    std::mt19937 rng(k_seed + 1);
    std::uniform_int_distribution<int> delay(0, span * 12 / 10);
    auto [rest, title] = without_lines(file(rel), "title:");
    int killed = 0, changed = 0;
    for (int round = 0; round < k_rounds; ++round) {
        const std::string value = "T" + std::to_string(round);
        const int status = run_and_kill(args({"set", "daniel-cohen", "title", value}), delay(rng));
        ASSERT_TRUE(status == 0 || status == 128 + SIGKILL) << "round " << round << " exited " << status;
        killed += status != 0;
        auto [now_rest, now_title] = without_lines(file(rel), "title:");
        ASSERT_EQ(now_rest, rest) << "round " << round << ": a line other than the title changed";
        if (now_title != title) {
            ASSERT_EQ(now_title, "title: " + value + "\n") << "round " << round;
            ++changed;
        } else {
            EXPECT_EQ(status, 128 + SIGKILL) << "a finished run must have set the value";
        }
        title = now_title;
        if (round % 50 == 49) ASSERT_TRUE(git_fsck_clean(m_vault)) << "after round " << round;
    }
    KithRun last = kith({"set", "daniel-cohen", "title", "Final"});
    ASSERT_EQ(last.status, 0) << last.err;
    EXPECT_EQ(leftovers(m_vault), std::vector<std::string>{});
    EXPECT_TRUE(git_fsck_clean(m_vault));
    EXPECT_EQ(at_head(rel), file(rel));
    EXPECT_GT(killed, 20);
    std::cout << "[kill-loop set] rounds=" << k_rounds << " seed=" << k_seed + 1 << " span_us=" << span
              << " killed=" << killed << " finished=" << k_rounds - killed << " values_landed=" << changed
              << " torn=0 seconds=" << seconds_since(start) << "\n";
}

TEST_F(Faults, SyncKilledAtRandomMomentsLosesNoEntry) {
    // A laptop (m_vault), a bare server and a desktop clone. Each round the
    // desktop logs and pushes an entry, the laptop logs one, then the
    // laptop's `kith sync` (which has to merge) is killed at a random moment.
    const fs::path server = m_tmp.path() / "server.git";
    const fs::path desktop = m_tmp.path() / "desktop";
    ASSERT_EQ(shell("git init -q --bare -b main " + quoted(server)), 0);
    ASSERT_EQ(kith({"sync", "--add-remote", server.string()}).status, 0);
    ASSERT_EQ(shell("git clone -q " + quoted(server) + " " + quoted(desktop)), 0);
    auto on_desktop = [&](std::vector<std::string> rest) {
        std::vector<std::string> full{"--vault", desktop.string(), "--today", "2026-11-22"};
        full.insert(full.end(), rest.begin(), rest.end());
        return run_kith(full);
    };
    const std::string rel = "contacts/alice-chen.md";
    const auto start = Clock::now();
    ASSERT_EQ(on_desktop({"log", "alice-chen", "desk-warm-up"}).status, 0);
    ASSERT_EQ(on_desktop({"sync"}).status, 0);
    ASSERT_EQ(kith({"log", "alice-chen", "lap-warm-up"}).status, 0);
    const int span = typical_run_us(args({"sync"}), 1); // one that merges
    // Syncs slow down as the history grows: a wider range reaches the late
    // steps (writing files, moving the branch, pushing) too.
    std::mt19937 rng(k_seed + 2);
    std::uniform_int_distribution<int> delay(0, span * 3);
    int killed = 0, merged = 0;
    for (int round = 0; round < k_rounds; ++round) {
        const std::string desk = "desk-" + std::to_string(round), lap = "lap-" + std::to_string(round);
        ASSERT_EQ(on_desktop({"log", "alice-chen", desk}).status, 0) << round;
        KithRun pushed = on_desktop({"sync"});
        ASSERT_EQ(pushed.status, 0) << "round " << round << ": " << pushed.err;
        // The laptop's next writer works whatever the last kill left.
        KithRun logged = kith({"log", "alice-chen", lap});
        ASSERT_EQ(logged.status, 0) << "round " << round << ": " << logged.err;
        const auto before = entries_of(rel, file(rel));
        const int status = run_and_kill(args({"sync"}), delay(rng));
        ASSERT_TRUE(status == 0 || status == 128 + SIGKILL) << "round " << round << " exited " << status;
        killed += status != 0;
        // Every file is the old or the merged version: the laptop's entries
        // all there, the remote's all there or none of this round's.
        const std::string now = file(rel);
        ASSERT_TRUE(parse_file(rel, now, FileKind::Contact).contact) << "round " << round;
        auto after = entries_of(rel, now);
        for (const auto& e : before)
            ASSERT_EQ(std::count(after.begin(), after.end(), e), 1) << e << " round " << round << ":\n" << now;
        if (after.size() != before.size()) {
            ++merged;
            EXPECT_EQ(std::count(after.begin(), after.end(), desk), 1) << "round " << round;
        } else {
            EXPECT_EQ(status, 128 + SIGKILL) << "a finished sync must have merged";
        }
        if (round % 50 == 49) {
            ASSERT_TRUE(git_fsck_clean(m_vault)) << "after round " << round;
            ASSERT_TRUE(git_fsck_clean(server)) << "after round " << round;
        }
    }
    KithRun last = kith({"sync"});
    ASSERT_EQ(last.status, 0) << last.err;
    ASSERT_EQ(on_desktop({"sync"}).status, 0);
    EXPECT_EQ(leftovers(m_vault), std::vector<std::string>{});
    EXPECT_TRUE(git_fsck_clean(m_vault));
    EXPECT_TRUE(git_fsck_clean(server));
    // Both machines and the server hold every entry exactly once.
    for (const fs::path& v : {m_vault, desktop}) {
        const std::string text = read_text(v / rel);
        auto entries = entries_of(rel, text);
        for (int round = 0; round < k_rounds; ++round)
            for (const std::string& e : {"desk-" + std::to_string(round), "lap-" + std::to_string(round)})
                EXPECT_EQ(std::count(entries.begin(), entries.end(), e), 1) << e << " in " << v;
        EXPECT_EQ(Repo::discover(v)->read_in_head(rel), text) << v;
    }
    EXPECT_EQ(read_text(m_vault / rel), read_text(desktop / rel));
    std::cout << "[kill-loop sync] rounds=" << k_rounds << " seed=" << k_seed + 2 << " span_us=" << span
              << " killed=" << killed << " finished=" << k_rounds - killed << " merged_before_kill_or_end=" << merged
              << " entries=" << 2 * k_rounds << " lost=0 doubled=0 seconds=" << seconds_since(start) << "\n";
}

// ---------------------------------------------------------------- disk full

TEST(DiskFull, AFullDiskAtAnyPointOfAWriteLosesNothingAndTheNextRunWorks) {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root to mount a small tmpfs";
    TempDir tmp;
    TmpfsMount disk(tmp.path() / "disk", "8m");
    if (!disk.mounted()) GTEST_SKIP() << "cannot mount a tmpfs here: " << disk.error();
    EnvVar name("GIT_AUTHOR_NAME", "Ada Tester"), email("GIT_AUTHOR_EMAIL", "ada@example.com");
    const fs::path vault = tmp.path() / "disk" / "vault";
    fs::copy(source_dir() / "sample-vault", vault, fs::copy_options::recursive);
    ASSERT_EQ(shell("cd " + quoted(vault) + " && git init -q -b main && git add -A && "
                    "git -c user.name=S -c user.email=s@e commit -qm initial"),
              0);
    const fs::path filler = tmp.path() / "disk" / "filler";
    const fs::path log = tmp.path() / "stderr";
    const std::string rel = "contacts/raj-patel.md";
    const std::vector<std::string> base{"--vault", vault.string(), "--today", "2026-11-22"};
    auto with = [&](std::vector<std::string> rest) {
        auto a = base;
        a.insert(a.end(), rest.begin(), rest.end());
        return a;
    };
    int runs = 0, failed = 0, written_uncommitted = 0;
    // From no room at all to enough: the write fails at every step on the
    // way (temporary file, git objects, the index, the ref) before it succeeds.
    for (std::uint64_t free_kb = 0; free_kb <= 48; free_kb += 4) {
        const std::string before = read_text(vault / rel);
        const std::string text = "disk-" + std::to_string(free_kb);
        disk.fill(filler, free_kb * 1024);
        fs::remove(log);
        const int status = wait_for(spawn_kith(with({"--no-cache", "log", "raj-patel", text}), log.string()));
        ++runs;
        const std::string now = read_text(vault / rel);
        EXPECT_TRUE(status == 0 || status == 1) << free_kb << "k: " << status;
        if (now != before) {
            auto extra = lines_added(before, now);
            ASSERT_TRUE(extra) << free_kb << "k: the note was damaged";
            ASSERT_EQ(extra->size(), 1u) << free_kb << "k";
            EXPECT_EQ((*extra)[0], "- 2026-11-22 " + text + "\n");
        }
        if (status != 0) {
            ++failed;
            const std::string err = read_text(log);
            EXPECT_NE(err.find("kith: error: "), std::string::npos) << err;
            EXPECT_NE(err.find("space"), std::string::npos) << err;
            if (now != before) {
                ++written_uncommitted;
                EXPECT_NE(err.find("written to " + rel + " but not committed"), std::string::npos) << err;
            } else {
                EXPECT_NE(err.find("cannot"), std::string::npos) << err;
            }
        }
        EXPECT_EQ(leftovers(vault), std::vector<std::string>{}) << free_kb << "k";
        fs::remove(filler);
        EXPECT_TRUE(git_fsck_clean(vault)) << free_kb << "k";
        // Room again: the next run works and commits what is on disk.
        const int next = wait_for(spawn_kith(with({"log", "raj-patel", "after-" + text}), log.string()));
        ASSERT_EQ(next, 0) << free_kb << "k: " << read_text(log);
        const std::string committed = *Repo::discover(vault)->read_in_head(rel);
        EXPECT_EQ(committed, read_text(vault / rel));
        const auto entries = entries_of(rel, committed);
        EXPECT_EQ(std::count(entries.begin(), entries.end(), text), now != before ? 1 : 0) << free_kb << "k";
    }
    EXPECT_GT(failed, 0) << "some runs must have met a full disk";
    EXPECT_LT(failed, runs) << "the last runs had room";
    std::cout << "[disk-full tmpfs] runs=" << runs << " failed_with_enospc=" << failed
              << " written_but_not_committed=" << written_uncommitted << " damaged=0 lost=0\n";
}

TEST_F(Faults, AWriteErrorLeavesTheNoteAsItWasAndNoTemporaryFile) {
    // RLIMIT_FSIZE makes write() fail with EFBIG once the new file would pass
    // the limit: a real write error without privileges or mounts.
    const std::string rel = "contacts/raj-patel.md";
    const std::string before = file(rel);
    const fs::path log = m_tmp.path() / "stderr";
    std::string cmd = "trap '' XFSZ; exec prlimit --fsize=" + std::to_string(before.size() + 8) + " -- " +
                      std::string(KITH_BINARY) + " --vault " + quoted(m_vault) +
                      " --today 2026-11-22 --no-cache log raj-patel a longer entry than eight bytes 2> " + quoted(log);
    if (shell("command -v prlimit >/dev/null") != 0) GTEST_SKIP() << "prlimit is not installed";
    EXPECT_EQ(shell(cmd), 1);
    const std::string err = read_text(log);
    EXPECT_NE(err.find("kith: error: cannot write " ), std::string::npos) << err;
    EXPECT_NE(err.find("File too large"), std::string::npos) << err;
    EXPECT_EQ(file(rel), before);
    EXPECT_EQ(leftovers(m_vault), std::vector<std::string>{});
    EXPECT_EQ(at_head(rel), before);
    KithRun next = kith({"log", "raj-patel", "fine", "again"});
    ASSERT_EQ(next.status, 0) << next.err;
}

// ---------------------------------------------------------------- locks and merges

TEST_F(Faults, AStaleIndexLockStopsTheWriteBeforeAnythingChanges) {
    const std::string rel = "contacts/alice-chen.md";
    const std::string before = file(rel);
    const std::string head = Repo::discover(m_vault)->head()->id;
    write_file(m_vault / ".git/index.lock", "");
    KithRun r = kith({"log", "alice-chen", "hello"});
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find(".git/index.lock exists"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("delete that file"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Nothing was written"), std::string::npos) << r.err;
    EXPECT_EQ(file(rel), before);
    EXPECT_EQ(Repo::discover(m_vault)->head()->id, head);
    EXPECT_TRUE(fs::exists(m_vault / ".git/index.lock")) << "someone else's lock is not kith's to delete";
    // Reading needs no lock.
    EXPECT_EQ(kith({"dormant"}).status, 0);
    // Sync refuses the same way.
    EXPECT_EQ(kith({"sync"}).status, 1);
    fs::remove(m_vault / ".git/index.lock");
    KithRun ok = kith({"log", "alice-chen", "hello"});
    ASSERT_EQ(ok.status, 0) << ok.err;
}

TEST_F(Faults, AnInterruptedMergeStopsWritesAndSyncButNotReports) {
    // A real `git merge` that stopped on a conflict.
    const std::string rel = "contacts/bob-okafor.md";
    ASSERT_EQ(shell("cd " + quoted(m_vault) + " && git checkout -q -b other && "
                    "sed -i 's/^company:.*/company: Other Co/' " + rel +
                    " && git -c user.name=S -c user.email=s@e commit -qam other && git checkout -q main && "
                    "sed -i 's/^company:.*/company: Main Co/' " + rel +
                    " && git -c user.name=S -c user.email=s@e commit -qam main && "
                    "(git -c user.name=S -c user.email=s@e merge other >/dev/null 2>&1; test -f .git/MERGE_HEAD)"),
              0);
    const std::string conflicted = file(rel);
    const std::string alice = file("contacts/alice-chen.md");
    for (auto cmd : std::vector<std::vector<std::string>>{{"log", "alice-chen", "hello"},
                                                          {"set", "alice-chen", "title", "x"},
                                                          {"sync"}}) {
        KithRun r = kith(cmd);
        EXPECT_EQ(r.status, 1) << cmd[0];
        EXPECT_NE(r.err.find("a merge is in progress"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("git merge --abort"), std::string::npos) << r.err;
    }
    EXPECT_EQ(file(rel), conflicted);
    EXPECT_EQ(file("contacts/alice-chen.md"), alice);
    EXPECT_TRUE(fs::exists(m_vault / ".git/MERGE_HEAD"));
    // Reports still run and name the conflict.
    KithRun check = kith({"check"});
    EXPECT_NE(check.out.find(rel), std::string::npos) << check.out;
    EXPECT_EQ(kith({"remind"}).status, 0);
    ASSERT_EQ(shell("cd " + quoted(m_vault) + " && git merge --abort"), 0);
    EXPECT_EQ(kith({"log", "alice-chen", "hello"}).status, 0);
}

// ---------------------------------------------------------------- edits by someone else

TEST_F(Faults, AFileChangedBetweenReadAndWriteIsNotOverwritten) {
    const std::string rel = "contacts/alice-chen.md";
    const std::string original = file(rel);
    const std::string theirs = original + "- 2026-11-21 written by an editor meanwhile\n";
    {
        VaultWriter w(m_vault);
        auto before = w.read(rel);
        ASSERT_EQ(before, original);
        write_file(m_vault / rel, theirs); // an editor saves, kith holds the old bytes
        try {
            w.write(rel, original + "- 2026-11-22 kith's entry\n");
            FAIL() << "the write must be refused";
        } catch (const WriteError& e) {
            EXPECT_NE(std::string(e.what()).find("changed on disk while kith was editing it"), std::string::npos);
        }
        EXPECT_TRUE(w.written().empty());
    }
    EXPECT_EQ(file(rel), theirs);
    EXPECT_EQ(leftovers(m_vault), std::vector<std::string>{});
    // Same bytes written back (a touch, an editor saving unchanged) is no change.
    {
        VaultWriter w(m_vault);
        ASSERT_TRUE(w.read(rel));
        write_file(m_vault / rel, theirs);
        EXPECT_NO_THROW(w.write(rel, theirs + "- 2026-11-22 kith's entry\n"));
    }
    // A file deleted, or created, meanwhile.
    {
        VaultWriter w(m_vault);
        ASSERT_TRUE(w.read(rel));
        fs::remove(m_vault / rel);
        EXPECT_THROW(w.write(rel, original), WriteError);
        EXPECT_FALSE(fs::exists(m_vault / rel)) << "a deletion by someone else stays";
        EXPECT_FALSE(w.read("contacts/new-one.md"));
        write_file(m_vault / "contacts/new-one.md", "theirs\n");
        EXPECT_THROW(w.write("contacts/new-one.md", "ours\n"), WriteError);
        EXPECT_EQ(file("contacts/new-one.md"), "theirs\n");
    }
    EXPECT_EQ(leftovers(m_vault), std::vector<std::string>{});
}

TEST_F(Faults, TemporaryFilesOfAKilledWriterAreRemovedByTheNextOne) {
    // What a writer killed inside write_atomic leaves: its marker (naming a
    // dead process) and a temporary file beside the note.
    pid_t dead = ::fork();
    if (dead == 0) ::_exit(0);
    ::waitpid(dead, nullptr, 0);
    write_file(m_vault / ".git/kith-in-progress", std::to_string(dead) + "\n");
    write_file(m_vault / "contacts/.alice-chen.md.kith-Ab12Cd", "half a no");
    write_file(m_vault / ".git/objects/tmp_object_git2_Xy12Zw", "junk");
    // Not kith's: a dot-file of the user's that looks close.
    write_file(m_vault / "contacts/.notes.kith-keep", "mine\n");
    KithRun r = kith({"log", "bob-okafor", "after", "a", "crash"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_FALSE(fs::exists(m_vault / "contacts/.alice-chen.md.kith-Ab12Cd"));
    EXPECT_FALSE(fs::exists(m_vault / ".git/objects/tmp_object_git2_Xy12Zw"));
    EXPECT_FALSE(fs::exists(m_vault / ".git/kith-in-progress"));
    EXPECT_EQ(file("contacts/.notes.kith-keep"), "mine\n");
    EXPECT_EQ(leftovers(m_vault), std::vector<std::string>{});
}
