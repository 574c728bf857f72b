#include "kith/vault/load.hpp"

#include "kith/parse/body.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

namespace kith {

ConfigError::ConfigError(Diagnostics ds)
    : std::runtime_error(ds.empty() ? "bad config" : format_diagnostic(ds.front())), diagnostics(std::move(ds)) {}

std::vector<SourceEntry> MemorySource::list(Diagnostics&) {
    std::vector<SourceEntry> out;
    for (const auto& [path, content] : m_files)
        if (auto kind = classify_path(path)) out.push_back({path, *kind});
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

ParsedFile read_and_parse(VaultSource& source, const SourceEntry& entry) {
    // One byte over the limit is enough for parse_file to refuse the file.
    ReadResult r = source.read(entry.path, k_max_file_bytes);
    if (!r.bytes) {
        ParsedFile pf;
        pf.file = entry.path;
        if (!r.error.empty()) {
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
    Diagnostics layout;
    std::vector<SourceEntry> entries = source.list(layout);

    init_markdown(); // before any thread touches cmark-gfm's registry
    std::vector<ParsedFile> parsed(entries.size());
    unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    // Thread start-up costs more than parsing a few hundred files.
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, 1 + entries.size() / 256));
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next.fetch_add(1); i < entries.size(); i = next.fetch_add(1))
            parsed[i] = read_and_parse(source, entries[i]);
    };
    if (threads <= 1) {
        work();
    } else {
        std::vector<std::thread> pool;
        for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
        for (auto& t : pool) t.join();
    }
    if (!layout.empty()) {
        ParsedFile pf;
        pf.file = layout.front().file;
        pf.diagnostics = std::move(layout);
        parsed.push_back(std::move(pf));
    }
    return VaultIndex::build(std::move(parsed), std::move(config), today);
}

} // namespace kith
