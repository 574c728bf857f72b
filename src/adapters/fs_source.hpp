#pragma once
/// The vault as a folder on disk.

#include "kith/parse/config.hpp"
#include "kith/vault/source.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace kith {

class FsSource : public VaultSource {
public:
    /// `root` must be an existing folder.
    explicit FsSource(std::filesystem::path root);

    /// Walks the folder: dot-names are skipped, symlinks are followed only
    /// while they stay inside the vault, every real file is listed once (under
    /// its first path in byte order) and symlink loops end.
    std::vector<SourceEntry> list(Diagnostics& out) override;
    ReadResult read(const std::string& path, std::size_t max_bytes) override;
    std::optional<std::string> read_config(std::string& error) override;

    const std::filesystem::path& root() const { return m_root; }

private:
    std::filesystem::path m_root;
    std::filesystem::path m_real_root;
};

/// The parse cache in `.kith/cache/index.bin`, keyed by this very binary
/// (its size and modification time, from /proc/self/exe).
class FsCacheStore : public CacheStore {
public:
    explicit FsCacheStore(std::filesystem::path vault);
    std::optional<Blob> load() override;
    void save(std::string_view bytes) override;
    CacheKey key() const override { return m_key; }

private:
    std::filesystem::path m_dir;
    CacheKey m_key;
};

/// Reads a whole file (POSIX, no iostreams); files over `max_bytes` are not read.
ReadResult read_file(const std::filesystem::path& path, std::size_t max_bytes);

/// The vault folder: `explicit_dir` if given, else `$KITH_VAULT`, else the
/// nearest folder at or above `start` holding `.kith/` or `contacts/`.
std::optional<std::filesystem::path> find_vault(const std::optional<std::string>& explicit_dir,
                                                const char* env_value, const std::filesystem::path& start);

} // namespace kith
