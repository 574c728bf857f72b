// The parse cache: it must never change a result. Decoding refuses anything
// doubtful; the racily-clean rule re-parses files as new as the cache; and
// every report is byte-identical with and without it over a vault mutated in
// many ways.

#include "support.hpp"

#include "adapters/fs_source.hpp"
#include "kith/vault/cache.hpp"

#include <nlohmann/json.hpp>

#include <sys/stat.h>
#include <thread>

namespace fs = std::filesystem;
using namespace kith;
using namespace kith::test;

namespace {

/// A vault in memory whose files carry stat data the test controls.
class StampedSource : public MemorySource {
public:
    std::map<std::string, FileStamp> stamps;
    int reads = 0;
    using MemorySource::MemorySource;
    std::vector<SourceEntry> list(Diagnostics& out) override {
        auto entries = MemorySource::list(out);
        for (auto& e : entries) e.stamp = stamps[e.path];
        return entries;
    }
    ReadResult read(const std::string& path, std::size_t max) override {
        ++reads;
        return MemorySource::read(path, max);
    }
};

class MemoryCache : public CacheStore {
public:
    std::optional<Blob> blob;
    std::int64_t now_ns = 1000;
    CacheKey k{1, 2};
    std::optional<Blob> load() override { return blob; }
    void save(std::string_view bytes) override { blob = Blob::copy_of(bytes, now_ns); }
    CacheKey key() const override { return k; }
};

std::map<std::string, std::string> small_vault() {
    return {{"contacts/a.md", contact("name: A\ntier: core\nbirthday: 1990-11-30\nmet: 2026-01-01\naliases: [Al]\n"
                                      "extra: kept\nintroduced_by: \"[[b]]\"\ncadence: 6w",
                                      "## Log\n- 2026-11-01 #got #intro with [[b]] `code`\n- [ ] 2026-11-25 call\n")},
            {"contacts/b.md", contact("name: B\narchived: false\nreviewed: 2025-01-01", "- 2026-10-01 #gave x\n")},
            {"contacts/bad.md", "---\nname: [unclosed\n---\n"},
            {"journal/2026-11-10.md", "- 2026-11-10 #thanks to [[a]] and [[nobody]]\n"}};
}

} // namespace

// One thread reads the cache, then walks; more threads walk while the cache
// is decoded. Both must give the same results.
class CacheThreads : public ::testing::TestWithParam<unsigned> {};
INSTANTIATE_TEST_SUITE_P(Threads, CacheThreads, ::testing::Values(1u, 2u),
                         [](const auto& info) { return "threads" + std::to_string(info.param); });

TEST_P(CacheThreads, RoundTripGivesTheSameReportsAndReadsNothing) {
    StampedSource src(small_vault());
    for (const auto& [path, _] : small_vault()) src.stamps[path] = {10, 100, 100, 7};
    MemoryCache cache;
    LoadStats stats;
    auto first = load_vault(src, day("2026-11-22"), {GetParam(), &cache, &stats});
    EXPECT_EQ(stats.parsed, 4u);
    EXPECT_TRUE(stats.cache_written);
    const int reads = src.reads;
    auto second = load_vault(src, day("2026-11-22"), {GetParam(), &cache, &stats});
    EXPECT_EQ(stats.reused, 4u);
    EXPECT_EQ(stats.parsed, 0u);
    EXPECT_FALSE(stats.cache_written);
    EXPECT_EQ(src.reads, reads) << "a valid cache reads no file";
    EXPECT_EQ(all_reports(first, day("2026-11-22")), all_reports(second, day("2026-11-22")));
    MemorySource plain(small_vault());
    EXPECT_EQ(all_reports(load_vault(plain, day("2026-11-22"), {1}), day("2026-11-22")),
              all_reports(second, day("2026-11-22")));
}

TEST_P(CacheThreads, AChangedStampIsParsedAgain) {
    StampedSource src(small_vault());
    MemoryCache cache;
    LoadStats stats;
    load_vault(src, day("2026-11-22"), {GetParam(), &cache, &stats});
    src.put("contacts/b.md", contact("name: B2"));
    src.stamps["contacts/b.md"].ctime_ns = 5; // only the ctime moved
    auto ix = load_vault(src, day("2026-11-22"), {GetParam(), &cache, &stats});
    EXPECT_EQ(stats.parsed, 1u);
    EXPECT_EQ(ix.contacts()[1].contact->name.value, "B2");
}

TEST_P(CacheThreads, ARacilyCleanFileIsParsedAgain) {
    StampedSource src(small_vault());
    for (const auto& [path, _] : small_vault()) src.stamps[path] = {10, 500, 500, 7};
    MemoryCache cache;
    cache.now_ns = 500; // the cache was written in the same tick as the files
    LoadStats stats;
    load_vault(src, day("2026-11-22"), {GetParam(), &cache, &stats});
    // Same size, same stamps: but modified in the tick the cache was written.
    src.put("contacts/b.md", contact("name: BB"));
    auto ix = load_vault(src, day("2026-11-22"), {GetParam(), &cache, &stats});
    EXPECT_EQ(stats.parsed, 4u);
    EXPECT_EQ(ix.contacts()[1].contact->name.value, "BB");
    cache.now_ns = 501;
    load_vault(src, day("2026-11-22"), {GetParam(), &cache, &stats}); // rewritten later than the files
    load_vault(src, day("2026-11-22"), {GetParam(), &cache, &stats});
    EXPECT_EQ(stats.parsed, 0u);
}

TEST_P(CacheThreads, DeletedFilesLeaveTheCache) {
    StampedSource src(small_vault());
    MemoryCache cache;
    LoadStats stats;
    load_vault(src, day("2026-11-22"), {GetParam(), &cache, &stats});
    auto files = small_vault();
    files.erase("contacts/b.md");
    StampedSource smaller(files);
    auto ix = load_vault(smaller, day("2026-11-22"), {GetParam(), &cache, &stats});
    EXPECT_TRUE(stats.cache_written);
    EXPECT_EQ(ix.contacts().size(), 1u);
}

TEST_P(CacheThreads, DoubtfulCachesAreRefused) {
    StampedSource src(small_vault());
    MemoryCache cache;
    load_vault(src, day("2026-11-22"), {GetParam(), &cache, nullptr});
    const std::string good(cache.blob->bytes);
    ASSERT_TRUE(decode_cache(good, cache.k));
    EXPECT_FALSE(decode_cache(good, CacheKey{1, 3})) << "another binary";
    EXPECT_FALSE(decode_cache("", cache.k));
    EXPECT_FALSE(decode_cache("not a cache at all, just text", cache.k));
    for (std::size_t cut : {std::size_t{1}, std::size_t{20}, good.size() / 2, good.size() - 1})
        EXPECT_FALSE(decode_cache(good.substr(0, cut), cache.k)) << "truncated at " << cut;
    for (std::size_t at = 0; at < good.size(); at += 7) {
        std::string flipped = good;
        flipped[at] = static_cast<char>(flipped[at] ^ 0x5A);
        EXPECT_FALSE(decode_cache(flipped, cache.k)) << "byte " << at;
    }
    // A corrupt cache is rebuilt, and the results do not change.
    cache.blob = CacheStore::Blob::copy_of(std::string_view(good).substr(0, good.size() / 2), cache.blob->mtime_ns);
    LoadStats stats;
    auto ix = load_vault(src, day("2026-11-22"), {GetParam(), &cache, &stats});
    EXPECT_EQ(stats.parsed, 4u);
    EXPECT_TRUE(stats.cache_written);
    EXPECT_EQ(all_reports(ix, day("2026-11-22")),
              all_reports(load_vault(src, day("2026-11-22"), {1}), day("2026-11-22")));
}

TEST_P(CacheThreads, EveryChunkIsCheckedOnItsOwn) {
    // 600 files make three chunks, checked each by the thread decoding it:
    // a byte changed in any of them, or in the table of chunks, is refused.
    std::map<std::string, std::string> files;
    for (int i = 0; i < 600; ++i)
        files["contacts/c" + std::to_string(i) + ".md"] = contact("name: C" + std::to_string(i), "- 2026-11-01 x\n");
    StampedSource src(files);
    MemoryCache cache;
    load_vault(src, day("2026-11-22"), {GetParam(), &cache, nullptr});
    const std::string good(cache.blob->bytes);
    ASSERT_TRUE(decode_cache(good, cache.k, GetParam()));
    const std::size_t table = 64, last_chunk = good.size() - 100; // after the header; inside the third chunk
    for (std::size_t at : {table, good.size() / 2, last_chunk, good.size() - 1}) {
        std::string flipped = good;
        flipped[at] = static_cast<char>(flipped[at] ^ 0x01);
        EXPECT_FALSE(decode_cache(flipped, cache.k, GetParam())) << "byte " << at << " of " << good.size();
    }
}

TEST(Cache, EveryReportIsIdenticalWithAndWithoutTheCacheOverAMutatedVault) {
    TempDir tmp;
    const fs::path v = copy_sample_vault(tmp);
    auto outputs = [&](bool cache, const char* threads = "2") {
        std::string out;
        for (std::string report : {"remind", "dormant", "reciprocity", "check", "list"}) {
            std::vector<std::string> args{"--vault",  v.string(), "--today", "2026-11-22", "--threads",
                                          threads,    "--format", "json",      report};
            if (!cache) args.push_back("--no-cache");
            KithRun r = run_kith(args);
            out += report + ":" + std::to_string(r.status) + "\n" + r.out + r.err;
        }
        return out;
    };
    auto same = [&](const std::string& step) {
        const std::string without = outputs(false);
        EXPECT_EQ(outputs(true), without) << step << " (first run with the cache)";
        EXPECT_EQ(outputs(true), without) << step << " (cache reused)";
        EXPECT_EQ(outputs(true, "1"), without) << step << " (cache reused, one thread)";
    };
    same("fresh");
    EXPECT_TRUE(fs::exists(v / ".kith/cache/index.bin"));
    // Edit: a new entry.
    write_file(v / "contacts/alice-chen.md", read_text(v / "contacts/alice-chen.md") + "- 2026-11-21 #got a favour\n");
    same("edit");
    // Add a contact and a note.
    write_file(v / "contacts/new-person.md", "---\nname: New Person\ntier: core\n---\n- 2025-01-01 hello\n");
    write_file(v / "journal/2026-11-21.md", "- 2026-11-21 #gave with [[new-person]]\n");
    same("add");
    // Delete.
    fs::remove(v / "contacts/raj-patel.md");
    same("delete");
    // Rename (a contact moves to another folder: same inode, new path).
    fs::create_directories(v / "contacts/archive");
    fs::rename(v / "contacts/hannah-schulz.md", v / "contacts/archive/hannah-schulz.md");
    same("rename");
    // Touch without change.
    const fs::path bob = v / "contacts/bob-okafor.md";
    fs::last_write_time(bob, fs::last_write_time(bob) + std::chrono::seconds(1));
    same("touch");
    // Same-size edit within the same second, mtime put back as it was.
    const fs::path lena = v / "contacts/lena-fischer.md";
    std::string text = read_text(lena);
    const auto mtime = fs::last_write_time(lena);
    const auto pos = text.find("name: ");
    ASSERT_NE(pos, std::string::npos);
    text[pos + 6] = text[pos + 6] == 'X' ? 'Y' : 'X';
    write_file(lena, text);
    fs::last_write_time(lena, mtime);
    same("same-size edit with the old mtime");
    // A broken file, then fixed.
    write_file(v / "contacts/broken.md", "---\nname: [x\n---\n");
    same("broken");
    write_file(v / "contacts/broken.md", "---\nname: Fixed\n---\n");
    same("fixed");
    // The config changes what the same parsed files mean.
    std::string cfg = read_text(v / ".kith/config.yaml");
    cfg.replace(cfg.find("core: 30d"), 9, "core: 10d");
    write_file(v / ".kith/config.yaml", cfg);
    same("config");
    // A problem with the folder's layout, found by the walk, not in any file.
    fs::create_symlink("nowhere.md", v / "contacts/dangling.md");
    same("broken symlink");
    // A corrupt cache file.
    write_file(v / ".kith/cache/index.bin", "garbage");
    same("corrupt cache");
}

TEST(Cache, TheCacheFolderIsIgnoredByGit) {
    TempDir tmp;
    const fs::path v = copy_sample_vault(tmp);
    ASSERT_EQ(run_kith({"--vault", v.string(), "dormant"}).status, 0);
    EXPECT_EQ(read_text(v / ".kith/cache/.gitignore"), "*\n");
}

// An index built on a guess that lost gives its files back as they came:
// the notes it took, the tier and birthday validation took out, the
// problems it copied.
TEST(Cache, AnIndexGivesBackTheFilesItWasBuiltFromUnchanged) {
    auto files = small_vault();
    files["contacts/c.md"] = contact("name: C\ntier: nonsense\nbirthday: 2030-01-01");
    files["contacts/dup/a.md"] = contact("name: Another A\ntier: nonsense"); // skipped, and left as it was
    files["journal/2026-11-11.md"] = "---\ndate: 2026-11-11\n---\n- 2026-11-11 #gave [[c]]\n- [ ] 2026-12-01 ask [[a]]\n";
    std::vector<ParsedFile> parsed;
    for (const auto& [path, text] : files)
        parsed.push_back(parse_file(path, text, *classify_path(path)));
    std::sort(parsed.begin(), parsed.end(), [](const auto& a, const auto& b) { return a.file < b.file; });
    auto encoded = [](const std::vector<ParsedFile>& ps) {
        std::vector<CacheRecord> records;
        for (const ParsedFile& p : ps)
            records.push_back({p.contact ? FileKind::Contact : FileKind::Note, {1, 2, 3, 4}, &p});
        return encode_cache({1, 2}, records);
    };
    const std::string before = encoded(parsed);
    VaultIndex ix = VaultIndex::build(parsed, Config{}, day("2026-11-22"));
    ASSERT_TRUE(ix.has_errors()) << "the unknown tier, the future birthday and the duplicate id";
    ASSERT_FALSE(ix.notes().empty());
    const std::vector<ParsedFile> back = std::move(ix).release_files();
    ASSERT_EQ(back.size(), parsed.size());
    EXPECT_EQ(encoded(back), before);
    const auto c = std::find_if(back.begin(), back.end(), [](const auto& p) { return p.file == "contacts/c.md"; });
    ASSERT_NE(c, back.end());
    EXPECT_TRUE(c->contact->tier && c->contact->birthday) << "validation's changes are undone";
}
