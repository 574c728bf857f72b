#pragma once
/// The parse cache: what each file parsed to, keyed by the file's stat data,
/// so that a later run re-parses only the files that changed. Encoding and
/// decoding are pure; a cache that is missing, from another kith binary,
/// truncated or corrupt decodes to nothing and is rebuilt, never trusted.

#include "kith/model/vault.hpp"
#include "kith/parse/file.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kith {

/// What `stat` says of a file; any difference means "parse it again".
struct FileStamp {
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::int64_t ctime_ns = 0;
    std::uint64_t inode = 0;
    friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

/// What a cache holds, in the order it was written (the listing's order):
/// the parse result of each file, with the kind and stamp it was parsed at.
/// Kept as parallel vectors so that a run where nothing changed can take the
/// parse results as they are, without moving each one.
struct CachedFiles {
    std::vector<ParsedFile> parsed; ///< parsed[i].file is the vault-relative path
    std::vector<FileKind> kinds;
    std::vector<FileStamp> stamps;
    std::size_t size() const { return parsed.size(); }
};

/// Identifies the program that wrote a cache: a cache is only read back by the
/// very same build (its parse results could differ otherwise).
struct CacheKey {
    std::uint64_t exe_size = 0;
    std::int64_t exe_mtime_ns = 0;
    friend bool operator==(const CacheKey&, const CacheKey&) = default;
};

/// One file to write into a cache (the parse result is borrowed).
struct CacheRecord {
    FileKind kind = FileKind::Note;
    FileStamp stamp;
    const ParsedFile* parsed = nullptr;
};

std::string encode_cache(const CacheKey& key, const std::vector<CacheRecord>& files);

/// Where a cache lives. The file-system version keeps it in `.kith/cache/`.
class CacheStore {
public:
    virtual ~CacheStore() = default;
    struct Blob {
        std::shared_ptr<const void> owner; ///< keeps `bytes` alive (a mapping, a string)
        std::string_view bytes;
        std::int64_t mtime_ns = 0; ///< when it was written (racily-clean check)
        /// A blob holding its own copy of `bytes`.
        static Blob copy_of(std::string_view bytes, std::int64_t mtime_ns);
    };
    virtual std::optional<Blob> load() = 0;
    /// Best effort: a cache that cannot be written is simply not written.
    virtual void save(std::string_view bytes) = 0;
    virtual CacheKey key() const = 0;
};

/// The files of a cache written by `key`, or nullopt for anything else (other
/// key or format, truncated, bad checksum, malformed). The cache is written
/// in chunks that decode on up to `threads` threads, into the same order.
/// The items of the bodies keep viewing the blob's bytes (and hold its owner).
std::optional<CachedFiles> decode_cache(const CacheStore::Blob& blob, const CacheKey& key, unsigned threads = 1);
/// The same over a copy of `bytes`.
std::optional<CachedFiles> decode_cache(std::string_view bytes, const CacheKey& key, unsigned threads = 1);

} // namespace kith
