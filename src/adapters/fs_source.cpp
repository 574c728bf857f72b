#include "fs_source.hpp"

#include "adapters/safe_path.hpp"
#include "adapters/vault_writer.hpp"
#include "kith/model/sort.hpp"
#include "kith/parse/text.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <set>
#include <unordered_set>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace fs = std::filesystem;

namespace kith {

FsSource::FsSource(fs::path root) : m_root(std::move(root)) {
    std::error_code ec;
    m_real_root = fs::canonical(m_root, ec);
    if (ec) m_real_root = fs::absolute(m_root);
}

namespace {

bool inside(const fs::path& real, const fs::path& root) {
    auto r = root.begin();
    auto p = real.begin();
    for (; r != root.end(); ++r, ++p)
        if (p == real.end() || *p != *r) return false;
    return true;
}

/// Whether `real` (inside `root`) lies under a name starting with a dot.
bool under_dot_name(const fs::path& real, const fs::path& root) {
    const std::string& r = root.native();
    const std::string& p = real.native();
    if (p.size() <= r.size()) return false;
    return p.find("/.", r.size() == 1 ? 0 : r.size()) != std::string::npos;
}

struct Found {
    std::string path;
    FileKind kind;
    std::pair<dev_t, ino_t> id;
    FileStamp stamp;
    bool shared = false; ///< may be the same file as another one found (a hard link, or reached by a symlink)
    std::size_t name_size = 0; ///< the length of the file's name, at the end of `path`
};

/// The length of the valid UTF-8 character at `s[i]`, or 0 when it is not one
/// (overlong forms, surrogates and values past U+10FFFF are not).
std::size_t utf8_char_len(std::string_view s, std::size_t i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    if (c < 0x80) return 1;
    std::size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return 0;
    for (std::size_t k = 1; k < len; ++k)
        if ((b(i + k) & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && b(i + 1) < 0xA0) return 0; // overlong
    if (c == 0xED && b(i + 1) > 0x9F) return 0; // surrogates
    if (c == 0xF0 && b(i + 1) < 0x90) return 0; // overlong
    if (c == 0xF4 && b(i + 1) > 0x8F) return 0; // past U+10FFFF
    return len;
}

/// `name` when it is valid UTF-8; otherwise nullopt, and `shown` gets it with
/// each bad byte written as \xHH (printable, and valid in JSON).
std::optional<std::string> valid_utf8(const std::string& name, std::string& shown) {
    bool ok = true;
    shown.clear();
    for (std::size_t i = 0; i < name.size();) {
        if (std::size_t len = utf8_char_len(name, i)) {
            shown.append(name, i, len);
            i += len;
            continue;
        }
        ok = false;
        static const char* hex = "0123456789ABCDEF";
        const auto c = static_cast<unsigned char>(name[i++]);
        shown += "\\x";
        shown += hex[c >> 4];
        shown += hex[c & 15];
    }
    if (ok) return name;
    return std::nullopt;
}

std::int64_t ns(const struct timespec& t) { return std::int64_t{t.tv_sec} * 1'000'000'000 + t.tv_nsec; }

struct DevIno {
    dev_t dev;
    ino_t ino;
    bool operator==(const DevIno&) const = default;
};
struct DevInoHash {
    std::size_t operator()(const DevIno& d) const {
        return std::hash<std::uint64_t>()(static_cast<std::uint64_t>(d.ino) * 0x9E3779B97F4A7C15ull ^
                                          static_cast<std::uint64_t>(d.dev));
    }
};

/// Walks the vault through directory file descriptors (openat, fstatat), so
/// that each file costs one stat and no path is resolved from the root again.
class Walker {
public:
    Walker(const fs::path& real_root, const std::vector<std::string>& contact_folders, Diagnostics& out)
        : m_real_root(real_root), m_contact_folders(contact_folders), m_out(out) {}

    /// Walks the folder open as `fd` (taken over and closed) at `abs_dir`.
    void walk(int fd, const std::string& abs_dir, const std::string& rel_dir) {
        struct stat st {};
        if (::fstat(fd, &st) != 0 || !m_dirs.insert({st.st_dev, st.st_ino}).second) {
            ::close(fd); // a loop, or a folder seen through another link
            return;
        }
        DIR* dir = ::fdopendir(fd);
        if (dir == nullptr) {
            m_out.push_back({rel_dir.empty() ? "." : rel_dir, 1, Level::Error,
                             std::string("cannot read the folder: ") + std::strerror(errno)});
            ::close(fd);
            return;
        }
        // What the folder holds, each kept under its key: a file's name, or a
        // subfolder's name and "/". In key order, files and walks of
        // subfolders come out in the byte order of their paths, so the
        // listing needs no sort of its own.
        std::vector<Found> files;
        std::vector<std::pair<std::string, std::string>> subdirs; // key, path
        while (const struct dirent* e = ::readdir(dir)) {
            const std::string_view name(e->d_name);
            if (name.empty() || name.front() == '.') continue;
            std::string rel = rel_dir.empty() ? std::string(name) : rel_dir + "/" + std::string(name);
            if (rel == "templates") continue; // neither contacts nor notes
            unsigned char type = e->d_type;
            if (type == DT_UNKNOWN) { // some file systems do not say
                struct stat lst {};
                if (::fstatat(fd, e->d_name, &lst, AT_SYMLINK_NOFOLLOW) != 0) continue;
                type = S_ISLNK(lst.st_mode) ? DT_LNK : S_ISDIR(lst.st_mode) ? DT_DIR : S_ISREG(lst.st_mode) ? DT_REG : DT_UNKNOWN;
            }
            // A name from another system's encoding (Latin-1...): kith's ids,
            // links and JSON output are UTF-8, so the file cannot take part.
            if (std::string shown; !is_ascii(name) && !valid_utf8(std::string(name), shown)) {
                const std::string where = (rel_dir.empty() ? "" : rel_dir + "/") + shown;
                if (type == DT_DIR || shown.ends_with(".md"))
                    m_out.push_back({where, 1, Level::Error, "the file name is not valid UTF-8; skipped (rename it)"});
                continue;
            }
            const bool via_link = type == DT_LNK;
            if (type == DT_LNK) {
                std::error_code ec;
                const fs::path real = fs::canonical(fs::path(abs_dir) / e->d_name, ec);
                if (ec) {
                    if (rel.size() > 3 && rel.ends_with(".md"))
                        m_out.push_back({rel, 1, Level::Warning, "broken symlink; skipped"});
                    continue;
                }
                if (!inside(real, m_real_root)) {
                    m_out.push_back({rel, 1, Level::Warning, "symlink leads outside the vault; skipped"});
                    continue;
                }
                // Dot-names are skipped, and a link must not walk around that
                // (a link to .git would list the repository's own files).
                if (under_dot_name(real, m_real_root)) {
                    m_out.push_back({rel, 1, Level::Warning, "symlink leads into a dot-folder (such as .git); skipped"});
                    continue;
                }
                struct stat tst {};
                if (::stat(real.c_str(), &tst) != 0) continue;
                type = S_ISDIR(tst.st_mode) ? DT_DIR : S_ISREG(tst.st_mode) ? DT_REG : DT_UNKNOWN;
            }
            if (type == DT_DIR) {
                subdirs.emplace_back(std::string(name) + '/', std::move(rel));
            } else if (type == DT_REG) {
                auto kind = classify_path(rel, m_contact_folders);
                if (!kind) continue;
                struct stat fst {};
                if (::fstatat(fd, e->d_name, &fst, 0) != 0 || !S_ISREG(fst.st_mode)) continue;
                m_any_link = m_any_link || via_link;
                Found f{std::move(rel), *kind, {fst.st_dev, fst.st_ino},
                        {static_cast<std::uint64_t>(fst.st_size), ns(fst.st_mtim), ns(fst.st_ctim),
                         static_cast<std::uint64_t>(fst.st_ino)},
                        via_link || fst.st_nlink > 1, name.size()};
                files.push_back(std::move(f));
            }
        }
        // A folder reached through several paths (a symlink to it) is walked
        // once, through the first of them in path order, whatever order
        // readdir gives. Subfolders open relative to this folder, which stays
        // open meanwhile (one descriptor per level of depth).
        std::vector<PrefixKeyed> order; // files first, then subfolders
        order.reserve(files.size() + subdirs.size());
        for (const Found& f : files)
            order.push_back(PrefixKeyed::of(std::string_view(f.path).substr(f.path.size() - f.name_size), order.size()));
        for (const auto& [key, rel] : subdirs) order.push_back(PrefixKeyed::of(key, order.size()));
        std::sort(order.begin(), order.end());
        for (const PrefixKeyed& k : order) {
            if (k.index < files.size()) {
                m_files.push_back(std::move(files[k.index]));
                continue;
            }
            auto& [key, rel] = subdirs[k.index - files.size()];
            key.pop_back(); // the folder's name
            int sub = ::openat(fd, key.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (sub < 0) {
                m_out.push_back({rel, 1, Level::Error, std::string("cannot read the folder: ") + std::strerror(errno)});
                continue;
            }
            walk(sub, abs_dir + "/" + key, rel);
        }
        ::closedir(dir);
    }

    std::vector<SourceEntry> take() {
        // In path order already (see walk); this only checks it.
        sort_indirect(m_files, [](const Found& a, const Found& b) { return a.path < b.path; });
        // One file found under several paths counts once, under the first.
        // Only a hard link (a link count above one) or a symlink to a file
        // can be that, so the other files need no lookup.
        std::unordered_set<DevIno, DevInoHash> seen;
        std::vector<SourceEntry> out;
        out.reserve(m_files.size());
        for (Found& f : m_files)
            if (!(m_any_link || f.shared) || seen.insert({f.id.first, f.id.second}).second)
                out.push_back({std::move(f.path), f.kind, f.stamp});
        return out;
    }

private:
    const fs::path& m_real_root;
    const std::vector<std::string>& m_contact_folders;
    Diagnostics& m_out;
    std::set<std::pair<dev_t, ino_t>> m_dirs;
    std::vector<Found> m_files;
    bool m_any_link = false; ///< a file was reached through a symlink: any file may be found twice
};

} // namespace

std::vector<SourceEntry> FsSource::list(Diagnostics& out) {
    Walker w(m_real_root, contact_folders(), out);
    int fd = ::open(m_root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        out.push_back({".", 1, Level::Error, std::string("cannot read the folder: ") + std::strerror(errno)});
        return {};
    }
    w.walk(fd, m_root.string(), "");
    return w.take();
}

ReadResult read_file(const fs::path& path, std::size_t max_bytes) {
    ReadResult r;
    // O_NONBLOCK: a FIFO put where a file was listed must not hang the run.
    int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        r.error = std::strerror(errno);
        return r;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        r.error = std::strerror(errno);
        ::close(fd);
        return r;
    }
    if (!S_ISREG(st.st_mode)) {
        r.error = "not a regular file (a folder, FIFO, device or socket)";
        ::close(fd);
        return r;
    }
    r.size = static_cast<std::size_t>(st.st_size);
    if (r.size > max_bytes) {
        ::close(fd);
        return r;
    }
    std::string bytes(r.size, '\0');
    std::size_t got = 0;
    while (true) {
        if (got == bytes.size()) bytes.resize(bytes.size() + 4096); // the file grew while we read
        ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
        if (n < 0) {
            if (errno == EINTR) continue;
            r.error = std::strerror(errno);
            ::close(fd);
            return r;
        }
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
        if (got > max_bytes) break;
    }
    ::close(fd);
    bytes.resize(got);
    r.size = got;
    r.bytes = std::move(bytes);
    return r;
}

ReadResult FsSource::read(const std::string& path, std::size_t max_bytes) {
    return read_file(m_root.native() + "/" + path, max_bytes);
}

std::optional<std::string> FsSource::read_config(std::string& error) {
    // Pulled by sync like any file: never read through a link, and a FIFO
    // there is an error, not a hang.
    try {
        return safe::read_contained(m_root, k_config_path, k_max_file_bytes, k_config_path);
    } catch (const safe::PathError& e) {
        error = e.what();
        return std::nullopt;
    }
}

FsCacheStore::FsCacheStore(fs::path vault) : m_dir(std::move(vault) / ".kith" / "cache") {
    struct stat st {};
    if (::stat("/proc/self/exe", &st) == 0) m_key = {static_cast<std::uint64_t>(st.st_size), ns(st.st_mtim)};
}

std::optional<CacheStore::Blob> FsCacheStore::load() {
    // Mapped, not read: a cache is as large as the vault, and copying it cost
    // more than decoding it. kith replaces the file by renaming a new one over
    // it, never by rewriting it in place, so the mapping stays whole.
    // The folders on the way are opened without following links, and the
    // file must be a regular file (a FIFO there would block the run).
    int fd = -1;
    try {
        safe::Fd dir = safe::open_folder(m_dir.parent_path().parent_path(), ".kith/cache", false, safe::Folders::NoLinks,
                                         ".kith/cache/index.bin");
        if (!dir) return std::nullopt;
        fd = ::openat(dir.get(), "index.bin", O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    } catch (const safe::PathError&) {
        return std::nullopt;
    }
    if (fd < 0) return std::nullopt;
    struct stat st {};
    void* at = MAP_FAILED;
    const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
                         static_cast<std::uint64_t>(st.st_size) <= (std::uint64_t{1} << 32);
    if (regular) at = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    ::close(fd);
    if (at == MAP_FAILED) return std::nullopt;
    const auto size = static_cast<std::size_t>(st.st_size);
    std::shared_ptr<const void> owner(at, [size](const void* p) { ::munmap(const_cast<void*>(p), size); });
    return Blob{std::move(owner), std::string_view(static_cast<const char*>(at), size), ns(st.st_mtim)};
}

void FsCacheStore::save(std::string_view bytes) {
    const fs::path vault = m_dir.parent_path().parent_path();
    try {
        // Never through a link: .kith/ arrives by sync like any folder.
        safe::open_folder(vault, ".kith/cache", true, safe::Folders::NoLinks, ".kith/cache/index.bin");
    } catch (const safe::PathError&) {
        return; // a read-only vault, or a linked folder, simply has no cache
    }
    std::error_code ec;
    // Temporary files of runs killed while saving. Another run saving right
    // now loses its temporary file and just does not save: the cache is best
    // effort, and this keeps kills from piling files up.
    for (auto it = fs::directory_iterator(m_dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
        if (is_temp_name(it->path().filename().string())) {
            std::error_code rec;
            fs::remove(it->path(), rec);
        }
    ec.clear();
    try {
        // Ignored by git even in vaults whose .gitignore does not say so.
        if (!fs::exists(fs::symlink_status(m_dir / ".gitignore", ec)))
            safe::write_contained(vault, ".kith/cache/.gitignore", "*\n");
        safe::write_contained(vault, ".kith/cache/index.bin", bytes);
    } catch (const std::exception&) {
        // Best effort, as documented: the next run parses again.
    }
}

std::optional<fs::path> find_vault(const std::optional<std::string>& explicit_dir, const char* env_value,
                                   const fs::path& start) {
    if (explicit_dir) return fs::path(*explicit_dir);
    if (env_value && *env_value) return fs::path(env_value);
    std::error_code ec;
    fs::path dir = fs::absolute(start, ec);
    while (true) {
        if (fs::is_directory(dir / ".kith", ec) || fs::is_directory(dir / "contacts", ec)) return dir;
        if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
        dir = dir.parent_path();
    }
}

} // namespace kith
