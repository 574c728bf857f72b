// Several kith processes at once on one vault: four writers appending 100
// entries each, half to one shared contact and half to a contact of their
// own, while `kith sync` runs in a loop against a bare remote. Afterwards
// every entry is present exactly once: in the files, at HEAD, and on the
// remote after a last sync.

#include "support.hpp"

#include "adapters/git.hpp"
#include "kith/parse/file.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <thread>

namespace fs = std::filesystem;
using namespace kith;
using namespace kith::test;

namespace {

} // namespace

TEST(Concurrency, FourWritersAndASyncLoopKeepEveryEntryExactlyOnce) {
    TempDir tmp;
    EnvVar name("GIT_AUTHOR_NAME", "Ada Tester"), email("GIT_AUTHOR_EMAIL", "ada@example.com");
    const fs::path vault = git_sample_vault(tmp);
    const fs::path server = tmp.path() / "server.git";
    ASSERT_EQ(shell("git init -q --bare -b main " + quoted(server)), 0);
    const std::vector<std::string> base{"--vault", vault.string(), "--today", "2026-11-22"};
    auto with = [&](std::vector<std::string> rest) {
        auto a = base;
        a.insert(a.end(), rest.begin(), rest.end());
        return a;
    };
    ASSERT_EQ(run_kith(with({"sync", "--add-remote", server.string()})).status, 0);

    constexpr int k_writers = 4, k_entries = 100;
    const std::string shared = "marcus-webb";
    const std::vector<std::string> own{"alice-chen", "bob-okafor", "raj-patel", "ingrid-nilsen"};
    const auto start = std::chrono::steady_clock::now();
    std::atomic<int> failures{0}, writers_left{k_writers}, syncs{0};
    auto writer = [&](int w) {
        for (int i = 0; i < k_entries; ++i) {
            const std::string who = i % 2 == 0 ? shared : own[static_cast<std::size_t>(w)];
            const std::string text = "w" + std::to_string(w) + "-e" + std::to_string(i);
            if (wait_for(spawn_kith(with({"log", who, text}))) != 0) ++failures;
        }
        --writers_left;
    };
    auto syncer = [&] {
        while (writers_left > 0) {
            if (wait_for(spawn_kith(with({"sync"}))) != 0) ++failures;
            ++syncs;
        }
    };
    std::vector<std::thread> threads;
    for (int w = 0; w < k_writers; ++w) threads.emplace_back(writer, w);
    threads.emplace_back(syncer);
    for (auto& t : threads) t.join();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(failures, 0);
    KithRun last = run_kith(with({"sync"}));
    ASSERT_EQ(last.status, 0) << last.err;

    auto repo = Repo::discover(vault);
    const fs::path clone = tmp.path() / "clone";
    ASSERT_EQ(shell("git clone -q " + quoted(server) + " " + quoted(clone)), 0);
    int present = 0;
    for (int w = 0; w < k_writers; ++w)
        for (int i = 0; i < k_entries; ++i) {
            const std::string who = i % 2 == 0 ? shared : own[static_cast<std::size_t>(w)];
            const std::string text = "w" + std::to_string(w) + "-e" + std::to_string(i);
            const std::string rel = [&] {
                for (const auto& e : fs::recursive_directory_iterator(vault / "contacts"))
                    if (e.path().stem() == who) return e.path().lexically_relative(vault).generic_string();
                return std::string();
            }();
            ASSERT_FALSE(rel.empty()) << who;
            const std::string on_disk = read_text(vault / rel);
            for (const auto& [where, text_of] :
                 std::vector<std::pair<std::string, std::optional<std::string>>>{
                     {"work tree", on_disk}, {"HEAD", repo->read_in_head(rel)}, {"remote", read_text(clone / rel)}}) {
                ASSERT_TRUE(text_of) << where;
                auto entries = entries_of(rel, *text_of);
                EXPECT_EQ(std::count(entries.begin(), entries.end(), text), 1) << text << " in " << rel << " (" << where << ")";
            }
            ++present;
        }
    EXPECT_TRUE(git_fsck_clean(vault));
    EXPECT_TRUE(git_fsck_clean(server));
    EXPECT_EQ(leftovers(vault), std::vector<std::string>{});
    std::cout << "[concurrency] writers=" << k_writers << " entries=" << k_writers * k_entries
              << " syncs_during=" << syncs << " present_once=" << present << " lost=0 doubled=0 seconds=" << seconds
              << "\n";
}
