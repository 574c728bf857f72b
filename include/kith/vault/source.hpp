#pragma once
/// Where vault files come from. The loader only sees this interface: the real
/// folder (adapters/), an in-memory map (tests), or later a git tree.

#include "kith/model/diagnostic.hpp"
#include "kith/parse/file.hpp"
#include "kith/vault/cache.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kith {

struct SourceEntry {
    std::string path; ///< vault-relative, `/`-separated
    FileKind kind = FileKind::Note;
    std::optional<FileStamp> stamp; ///< when known, the parse cache may be used
};

struct ReadResult {
    std::optional<std::string> bytes; ///< nullopt when not read (see error or size)
    std::size_t size = 0;             ///< the file's size, also when it was too large to read
    std::string error;                ///< why it could not be read (strerror-like)
};

class VaultSource {
public:
    virtual ~VaultSource() = default;
    /// Every contact and note file, sorted by path (bytes), each real file
    /// once. Problems with the layout (a symlink leaving the vault) go to `out`.
    virtual std::vector<SourceEntry> list(Diagnostics& out) = 0;
    /// Reads one listed file; files over `max_bytes` are not read.
    virtual ReadResult read(const std::string& path, std::size_t max_bytes) = 0;
    /// `.kith/config.yaml`, or nullopt when there is none.
    virtual std::optional<std::string> read_config(std::string& error) = 0;

    /// The config's `contact_folders`, which `list` classifies paths by
    /// (load_vault sets them from the config before it lists).
    void set_contact_folders(std::vector<std::string> folders) { m_contact_folders = std::move(folders); }
    const std::vector<std::string>& contact_folders() const { return m_contact_folders; }

private:
    std::vector<std::string> m_contact_folders{"contacts"};
};

/// A vault held in memory: path -> content. For tests and tools.
class MemorySource : public VaultSource {
public:
    MemorySource() = default;
    explicit MemorySource(std::map<std::string, std::string> files) : m_files(std::move(files)) {}
    void put(std::string path, std::string content) { m_files[std::move(path)] = std::move(content); }

    std::vector<SourceEntry> list(Diagnostics& out) override;
    ReadResult read(const std::string& path, std::size_t max_bytes) override;
    std::optional<std::string> read_config(std::string& error) override;

private:
    std::map<std::string, std::string> m_files;
};

} // namespace kith
