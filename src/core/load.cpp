#include "kith/vault/load.hpp"

#include "kith/parse/body.hpp"

#include <algorithm>
#include <numeric>
#include <atomic>
#include <cstdint>
#include <thread>

namespace kith {

ConfigError::ConfigError(Diagnostics ds)
    : std::runtime_error(ds.empty() ? "bad config" : format_diagnostic(ds.front())), diagnostics(std::move(ds)) {}

std::vector<SourceEntry> MemorySource::list(Diagnostics&) {
    std::vector<SourceEntry> out;
    for (const auto& [path, content] : m_files)
        if (auto kind = classify_path(path, contact_folders())) out.push_back({path, *kind, std::nullopt});
    return out; // std::map iterates in byte order already
}

ReadResult MemorySource::read(const std::string& path, std::size_t max_bytes) {
    ReadResult r;
    auto it = m_files.find(path);
    if (it == m_files.end()) {
        r.error = "no such file";
        return r;
    }
    r.size = it->second.size();
    if (r.size <= max_bytes) r.bytes = it->second;
    return r;
}

std::optional<std::string> MemorySource::read_config(std::string&) {
    auto it = m_files.find(k_config_path);
    if (it == m_files.end()) return std::nullopt;
    return it->second;
}

Config load_config(VaultSource& source) {
    std::string error;
    auto text = source.read_config(error);
    if (!error.empty()) throw ConfigError({{k_config_path, 1, Level::Error, "cannot read the config: " + error}});
    if (!text) return Config{};
    Diagnostics ds;
    Config cfg = parse_config(*text, ds);
    Diagnostics errors;
    for (Diagnostic& d : ds)
        if (d.level == Level::Error) errors.push_back(std::move(d));
    if (!errors.empty()) throw ConfigError(std::move(errors));
    return cfg;
}

namespace {

bool path_less(const ParsedFile& a, const ParsedFile& b) { return a.file < b.file; }

/// Whether the cache's file `at` can stand for the listed file `e`: same
/// path, kind and stat data, and modified before the cache was written (a
/// file as new as the cache is "racily clean": parsed again, as git does).
bool reusable(const SourceEntry& e, const std::string& path, const CachedFiles& cached, std::size_t at,
              std::int64_t written_ns) {
    return e.stamp && path == e.path && cached.kinds[at] == e.kind && cached.stamps[at] == *e.stamp &&
           e.stamp->mtime_ns < written_ns;
}

/// Reads and parses one file; `cacheable` is false when the file could not be
/// read (a passing problem that must not be remembered).
ParsedFile read_and_parse(VaultSource& source, const SourceEntry& entry, bool& cacheable) {
    cacheable = true;
    ReadResult r = source.read(entry.path, k_max_file_bytes);
    if (!r.bytes) {
        ParsedFile pf;
        pf.file = entry.path;
        if (!r.error.empty()) {
            cacheable = false;
            pf.diagnostics.push_back({entry.path, 1, Level::Error, "cannot read the file: " + r.error});
            return pf;
        }
        pf.diagnostics.push_back(too_large(entry.path, r.size));
        return pf;
    }
    return parse_file(entry.path, *r.bytes, entry.kind);
}

} // namespace

VaultIndex load_vault(VaultSource& source, Date today, const LoadOptions& options) {
    Config config = load_config(source);
    source.set_contact_folders(config.contact_folders);
    const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());

    // The cache is read and decoded while the folder is walked (the walk is
    // mostly system calls, decoding mostly memory), and the index is built
    // from it on a bet that nothing changed, as is usual between two runs.
    // When the walk shows the bet lost, the index gives the files back and
    // the run goes on as if it had not been built.
    std::optional<CachedFiles> cached;
    std::optional<VaultIndex> guess;
    std::int64_t written_ns = 0;
    auto read_cache = [&](bool bet) {
        try {
            if (auto blob = options.cache->load()) {
                cached = decode_cache(*blob, options.cache->key(), threads);
                written_ns = blob->mtime_ns;
            }
            // Only files in path order: the index would sort any others, and
            // could not give them back in the cache's order.
            if (bet && cached && std::is_sorted(cached->parsed.begin(), cached->parsed.end(), path_less))
                guess = VaultIndex::build(std::move(cached->parsed), config, today, threads);
        } catch (const std::exception&) {
            cached.reset(); // an unreadable cache is no cache (and a failed bet took its files)
            guess.reset();
        }
    };
    Diagnostics layout;
    std::vector<SourceEntry> entries;
    if (options.cache && threads > 1) {
        std::jthread reader(read_cache, true);
        entries = source.list(layout);
    } else {
        if (options.cache) read_cache(false);
        entries = source.list(layout);
    }
    if (guess) {
        const std::vector<ParsedFile>& files = guess->files();
        bool won = files.size() == entries.size();
        for (std::size_t i = 0; won && i < entries.size(); ++i)
            won = reusable(entries[i], files[i].file, *cached, i, written_ns);
        if (won) {
            if (options.stats) *options.stats = {entries.size(), 0, entries.size(), false};
            guess->add_diagnostics(std::move(layout));
            return std::move(*guess);
        }
        cached->parsed = std::move(*guess).release_files();
        guess.reset();
    }
    std::vector<ParsedFile> parsed;
    std::vector<char> cacheable(entries.size(), 1);

    // Reuse what the cache says about files whose stat data has not changed
    // since it was written. A file modified in the same timestamp tick as the
    // cache itself is "racily clean" and parsed again, as git does.
    std::vector<std::size_t> todo;
    bool cache_stale = options.cache != nullptr;
    if (options.cache) {
        // Both lists are in path order (the cache is written in the order of
        // the listing), so one merge pass pairs them up.
        std::vector<std::size_t> order; // cache positions in path order
        if (cached) {
            order.resize(cached->size());
            std::iota(order.begin(), order.end(), 0);
            const auto& cp = cached->parsed;
            auto at_less = [&](std::size_t a, std::size_t b) { return cp[a].file < cp[b].file; };
            if (!std::is_sorted(order.begin(), order.end(), at_less)) std::sort(order.begin(), order.end(), at_less);
        }
        const std::size_t n_cached = cached ? cached->size() : 0;
        std::vector<std::size_t> hit_at(entries.size(), SIZE_MAX); // cache position of each reusable file
        bool in_place = n_cached == entries.size() && cached; // hit i is cache position i for every i
        std::size_t c = 0;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const SourceEntry& e = entries[i];
            while (c < order.size() && cached->parsed[order[c]].file < e.path) ++c;
            if (c < order.size()) {
                const std::size_t at = order[c];
                if (reusable(e, cached->parsed[at].file, *cached, at, written_ns)) {
                    hit_at[i] = at;
                    in_place = in_place && at == i;
                    continue;
                }
            }
            in_place = false;
            todo.push_back(i);
        }
        if (in_place) {
            parsed = std::move(cached->parsed); // nothing changed: take them as they are
        } else {
            parsed.resize(entries.size());
            for (std::size_t i = 0; i < entries.size(); ++i)
                if (hit_at[i] != SIZE_MAX) parsed[i] = std::move(cached->parsed[hit_at[i]]);
        }
        // Rewrite when anything was parsed, or the cache holds files that are gone.
        cache_stale = !cached || !todo.empty() || n_cached != entries.size() - todo.size();
    } else {
        parsed.resize(entries.size());
        todo.resize(entries.size());
        std::iota(todo.begin(), todo.end(), 0);
    }

    init_markdown(); // before any thread touches cmark-gfm's registry
    // Thread start-up costs more than parsing a few hundred files.
    const auto parse_threads = static_cast<unsigned>(std::min<std::size_t>(threads, 1 + todo.size() / 256));
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t k = next.fetch_add(1); k < todo.size(); k = next.fetch_add(1)) {
            bool ok = true;
            parsed[todo[k]] = read_and_parse(source, entries[todo[k]], ok);
            cacheable[todo[k]] = ok;
        }
    };
    if (parse_threads <= 1) {
        work();
    } else {
        std::vector<std::thread> pool;
        for (unsigned t = 0; t < parse_threads; ++t) pool.emplace_back(work);
        for (auto& t : pool) t.join();
    }

    bool written = false;
    if (options.cache && cache_stale) {
        std::vector<CacheRecord> records;
        records.reserve(entries.size());
        for (std::size_t i = 0; i < entries.size(); ++i)
            if (entries[i].stamp && cacheable[i]) records.push_back({entries[i].kind, *entries[i].stamp, &parsed[i]});
        options.cache->save(encode_cache(options.cache->key(), records));
        written = true;
    }
    if (options.stats) *options.stats = {entries.size(), todo.size(), entries.size() - todo.size(), written};

    VaultIndex index = VaultIndex::build(std::move(parsed), std::move(config), today, threads);
    index.add_diagnostics(std::move(layout));
    return index;
}

} // namespace kith
