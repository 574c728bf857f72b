#include "adapters/safe_path.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <random>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace kith::safe {

namespace {

// ---------------------------------------------------------------- names

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = lower(c);
    return out;
}

/// Whether `s` starts with `word` (lowercase ASCII), ignoring ASCII case.
bool starts_with_nocase(std::string_view s, std::string_view word) {
    if (s.size() < word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i)
        if (lower(s[i]) != word[i]) return false;
    return true;
}

/// NTFS drops trailing spaces and dots from a name, and `name:stream` opens a
/// stream of `name`: what follows a match of the name must be only those.
bool only_spaces_dots_then_end_or_stream(std::string_view rest) {
    for (char c : rest) {
        if (c == ':') return true;
        if (c != ' ' && c != '.') return false;
    }
    return true;
}

/// The code points HFS+ ignores when it compares names.
bool hfs_ignorable(std::uint32_t cp) {
    return (cp >= 0x200C && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x206A && cp <= 0x206F) ||
           cp == 0xFEFF;
}

/// The next code point of `s` from `i` (advancing `i`); a byte that does not
/// start valid UTF-8 is returned as itself plus 0x110000, so it never equals
/// a real character.
std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    std::size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return 0x110000u + b(i++);
    std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < len; ++k) {
        if ((b(i + k) & 0xC0) != 0x80) return 0x110000u + b(i++);
        cp = (cp << 6) | (b(i + k) & 0x3F);
    }
    i += len;
    return cp;
}

/// HFS+: `s` is `word` (lowercase ASCII) once the ignorable code points are
/// dropped and ASCII case is folded.
bool hfs_equals(std::string_view s, std::string_view word) {
    std::size_t i = 0, k = 0;
    while (i < s.size()) {
        const std::uint32_t cp = next_code_point(s, i);
        if (hfs_ignorable(cp)) continue;
        if (k == word.size() || cp >= 0x80 || lower(static_cast<char>(cp)) != word[k]) return false;
        ++k;
    }
    return k == word.size();
}

/// NTFS's 8.3 short names for a dot-name: the first six letters of `word`,
/// `~` and 1 to 4 (`gitmod~1`), or the hashed fallback `prefix` plus `~` and a
/// number (`gi7eba~9`); either followed by spaces, dots or a stream.
bool ntfs_short_name(std::string_view s, std::string_view word, std::string_view hashed) {
    if (s.size() >= 8 && starts_with_nocase(s, word.substr(0, 6)) && s[6] == '~' && s[7] >= '1' && s[7] <= '4')
        return only_spaces_dots_then_end_or_stream(s.substr(8));
    // The fallback: up to six letters of the hash, '~', a digit 1-9, then
    // digits, eight characters in all.
    std::size_t i = 0;
    bool tilde = false;
    for (; i < 8; ++i) {
        if (i >= s.size()) return false;
        const char c = s[i];
        if (tilde) {
            if (c < '0' || c > '9') return false;
        } else if (c == '~') {
            if (++i >= s.size() || s[i] < '1' || s[i] > '9') return false;
            tilde = true;
        } else if (i >= 6 || (static_cast<unsigned char>(c) & 0x80) || i >= hashed.size() || lower(c) != hashed[i]) {
            return false;
        }
    }
    return only_spaces_dots_then_end_or_stream(s.substr(i));
}

bool ntfs_dotgit(std::string_view s) {
    if (s.size() >= 4 && s[0] == '.' && starts_with_nocase(s.substr(1), "git"))
        return only_spaces_dots_then_end_or_stream(s.substr(4));
    if (s.size() >= 5 && starts_with_nocase(s, "git~1")) return only_spaces_dots_then_end_or_stream(s.substr(5));
    return false;
}

bool ntfs_dotgitmodules(std::string_view s) {
    if (s.size() >= 11 && s[0] == '.' && starts_with_nocase(s.substr(1), "gitmodules"))
        return only_spaces_dots_then_end_or_stream(s.substr(11));
    return ntfs_short_name(s, "gitmodules", "gi7eba");
}

/// Calls `f` on each part of `name` between backslashes (NTFS reads a
/// backslash as a folder separator); true when `f` is true for one.
template <class F>
bool any_backslash_part(std::string_view name, F f) {
    std::size_t start = 0;
    while (true) {
        const std::size_t end = name.find('\\', start);
        if (f(name.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start))) return true;
        if (end == std::string_view::npos) return false;
        start = end + 1;
    }
}

std::vector<std::string_view> split(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = path.find('/', start);
        out.push_back(path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) return out;
        start = end + 1;
    }
}

std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

} // namespace

bool is_dotgit(std::string_view component) {
    return any_backslash_part(component, [](std::string_view p) { return hfs_equals(p, ".git") || ntfs_dotgit(p); });
}

bool is_dotgitmodules(std::string_view component) {
    return any_backslash_part(component,
                              [](std::string_view p) { return hfs_equals(p, ".gitmodules") || ntfs_dotgitmodules(p); });
}

std::optional<std::string> component_problem(std::string_view name, bool is_link) {
    if (name.empty()) return "an empty name";
    if (name.find('\0') != std::string_view::npos) return "a name with a NUL byte";
    if (name.find('/') != std::string_view::npos) return "a name with a \"/\" in it";
    if (name == "." || name == "..") return "a \"" + std::string(name) + "\" in the path";
    if (is_dotgit(name)) return "a name git reserves for the repository (" + in_quotes(name) + " is .git on some file system)";
    if (is_link && is_dotgitmodules(name)) return "a symbolic link named like .gitmodules";
    return std::nullopt;
}

std::optional<std::string> path_problem(std::string_view rel, bool is_link) {
    const auto parts = split(rel);
    for (std::size_t i = 0; i < parts.size(); ++i)
        if (auto why = component_problem(parts[i], is_link && i + 1 == parts.size())) return why;
    return std::nullopt;
}

std::optional<Refusal> check_tree(const std::vector<TreeItem>& items, std::string_view bound) {
    std::set<std::string_view> paths;
    std::map<std::string, bool> folded; // lowercased path -> is a link
    std::map<std::string, const TreeItem*> links; // lowercased path -> the link
    for (const TreeItem& it : items) {
        const bool link = it.mode == k_mode_link;
        if (auto why = component_problem(it.name, link)) return Refusal{it.path, *why};
        if (auto why = path_problem(it.path, link)) return Refusal{it.path, *why};
        if (it.mode == k_mode_gitlink)
            return Refusal{it.path, "a submodule (gitlink); kith does not check out submodules"};
        if (it.mode != k_mode_tree && it.mode != k_mode_blob && it.mode != k_mode_exec && !link)
            return Refusal{it.path, "an entry of unknown mode " + std::to_string(it.mode)};
        if (is_dotgitmodules(it.name))
            return Refusal{it.path, "a .gitmodules file; kith does not check out submodules"};
        if (!paths.insert(it.path).second) return Refusal{it.path, "two entries with the same name"};
        auto [at, fresh] = folded.emplace(lowered(it.path), link);
        if (!fresh && (at->second || link))
            return Refusal{it.path, "two entries whose names differ only in case, one a symbolic link"};
        if (link) links.emplace(at->first, &it);
    }
    if (links.empty()) return std::nullopt;
    // A path through a link of the same tree would be written through it.
    for (const TreeItem& it : items) {
        const std::string low = lowered(it.path);
        for (std::size_t slash = low.find('/'); slash != std::string::npos; slash = low.find('/', slash + 1))
            if (auto l = links.find(low.substr(0, slash)); l != links.end())
                return Refusal{it.path, "passes through the symbolic link " + in_quotes(l->second->path)};
    }
    // Where each link leads, lexically, through the other links of the tree.
    const std::size_t bound_depth = bound.empty() ? 0 : split(bound.substr(0, bound.size() - (bound.back() == '/'))).size();
    const std::string bound_dir(bound.substr(0, bound.size() - (!bound.empty() && bound.back() == '/')));
    for (const auto& entry : links) {
        const std::string& low = entry.first;
        const TreeItem* link = entry.second;
        const std::string& target = link->target;
        auto refuse = [&](const std::string& why) {
            return Refusal{link->path, "a symbolic link to " + in_quotes(target) + " " + why};
        };
        if (target.empty()) return refuse("(empty)");
        if (target.front() == '/') return refuse("(an absolute path)");
        if (target.find('\0') != std::string::npos || target.find('\\') != std::string::npos)
            return refuse("(a NUL or a backslash in it)");
        const bool under_bound = bound_depth && low.size() > bound_dir.size() &&
                                 low.compare(0, bound_dir.size(), lowered(bound_dir)) == 0 && low[bound_dir.size()] == '/';
        const std::size_t floor = under_bound ? bound_depth : 0;
        // The folder the link is in, then each component of the target (and
        // of the targets of the links met on the way).
        std::vector<std::string> at;
        for (auto p : split(link->path)) at.emplace_back(p);
        at.pop_back();
        std::vector<std::pair<std::string, std::size_t>> pending; // target, position
        pending.emplace_back(target, 0);
        int hops = 0;
        while (!pending.empty()) {
            auto& [t, pos] = pending.back();
            if (pos > t.size()) {
                pending.pop_back();
                continue;
            }
            const std::size_t end = std::min(t.find('/', pos), t.size());
            const std::string c = t.substr(pos, end - pos);
            pos = end + 1;
            if (c.empty() || c == ".") continue;
            if (c == "..") {
                if (at.empty()) return refuse("that leaves the repository");
                at.pop_back();
                continue;
            }
            if (is_dotgit(c)) return refuse("that leads into .git");
            at.push_back(c);
            std::string joined;
            for (const auto& a : at) joined += (joined.empty() ? "" : "/") + lowered(a);
            if (auto next = links.find(joined); next != links.end()) {
                if (++hops > 40) return refuse("(a loop of symbolic links)");
                const std::string& t2 = next->second->target;
                if (t2.empty() || t2.front() == '/') return refuse("through " + in_quotes(next->second->path) + ", which is absolute or empty");
                at.pop_back();
                pending.emplace_back(t2, 0);
            }
        }
        // Where it ends must be in the vault when the link is.
        if (under_bound) {
            bool in = at.size() >= floor;
            const auto bparts = split(bound_dir);
            for (std::size_t i = 0; in && i < floor; ++i) in = lowered(at[i]) == lowered(bparts[i]);
            if (!in) return refuse("that leaves the vault");
        }
    }
    return std::nullopt;
}

// ------------------------------------------------------------- file system

Fd& Fd::operator=(Fd&& o) noexcept {
    if (this != &o) {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = o.release();
    }
    return *this;
}

Fd::~Fd() {
    if (m_fd >= 0) ::close(m_fd);
}

namespace {

std::string errno_text() { return std::strerror(errno); }

/// Folder part and file name of a vault-relative path.
std::pair<std::string_view, std::string_view> dir_and_leaf(std::string_view rel) {
    const std::size_t slash = rel.rfind('/');
    if (slash == std::string_view::npos) return {std::string_view(), rel};
    return {rel.substr(0, slash), rel.substr(slash + 1)};
}

void check_relative(std::string_view rel, std::string_view shown) {
    if (rel.empty() || rel.front() == '/') throw PathError("refusing the path " + in_quotes(shown) + ": it is not inside the vault");
    if (auto why = path_problem(rel)) throw PathError("refusing the path " + in_quotes(shown) + ": " + *why);
}

bool inside(const fs::path& real, const fs::path& root) {
    auto r = root.begin();
    auto p = real.begin();
    for (; r != root.end(); ++r, ++p)
        if (p == real.end() || *p != *r) return false;
    return true;
}

mode_t current_umask() {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return mask;
}

std::string temp_suffix() {
    static const char* chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    thread_local std::mt19937_64 gen{std::random_device{}() ^ static_cast<std::uint64_t>(::getpid())};
    std::string s(6, 'x');
    for (char& c : s) c = chars[gen() % 62];
    return s;
}

void fsync_fd(int fd) { ::fsync(fd); } // best effort for folders: some file systems refuse it

} // namespace

Fd open_folder(const fs::path& root, std::string_view rel_dir, bool create, Folders folders, std::string_view shown) {
    Fd dir(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dir) throw PathError("cannot open the vault folder " + root.string() + ": " + errno_text());
    if (rel_dir.empty()) return dir;
    std::string prefix;
    for (std::string_view part : split(rel_dir)) {
        const std::string c(part);
        if (c.empty() || c == ".") continue;
        if (c == "..") throw PathError("refusing the path " + in_quotes(shown) + ": a \"..\" in the path");
        prefix += (prefix.empty() ? "" : "/") + c;
        int fd = ::openat(dir.get(), c.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0 && errno == ENOENT) {
            if (!create) return Fd();
            if (::mkdirat(dir.get(), c.c_str(), 0777) != 0 && errno != EEXIST)
                throw PathError("cannot create the folder " + prefix + ": " + errno_text());
            fd = ::openat(dir.get(), c.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        }
        if (fd < 0) {
            const int err = errno;
            struct stat st {};
            if (::fstatat(dir.get(), c.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode)) {
                if (folders == Folders::NoLinks)
                    throw PathError("refusing " + in_quotes(shown) + ": it passes through the symbolic link " + in_quotes(prefix));
                // Followed only when it stays inside the vault and under no dot-name.
                std::error_code ec;
                const fs::path real_root = fs::canonical(root, ec);
                const fs::path real = fs::canonical(fs::path("/proc/self/fd") / std::to_string(dir.get()) / c, ec);
                bool ok = !ec && inside(real, real_root);
                if (ok)
                    for (const auto& p : real.lexically_relative(real_root))
                        if (!p.empty() && p.native().front() == '.' && p != ".") ok = false;
                if (!ok)
                    throw PathError("refusing " + in_quotes(shown) + ": the symbolic link " + in_quotes(prefix) +
                                    " leads outside the vault or into a dot-folder");
                fd = ::open(real.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
                if (fd < 0) throw PathError("cannot open the folder " + prefix + ": " + errno_text());
            } else if (err == ENOTDIR || err == ELOOP) {
                throw PathError("refusing " + in_quotes(shown) + ": " + in_quotes(prefix) + " is not a folder");
            } else {
                throw PathError("cannot open the folder " + prefix + ": " + std::strerror(err));
            }
        }
        dir = Fd(fd);
    }
    return dir;
}

std::optional<std::string> read_contained(const fs::path& root, std::string_view rel, std::size_t max_bytes,
                                          std::string_view what, Folders folders) {
    const std::string name = what.empty() ? std::string(rel) : std::string(what);
    check_relative(rel, rel);
    auto [dir_part, leaf_part] = dir_and_leaf(rel);
    Fd dir = open_folder(root, dir_part, false, folders, rel);
    if (!dir) return std::nullopt;
    const std::string leaf(leaf_part);
    struct stat st {};
    if (::fstatat(dir.get(), leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT) return std::nullopt;
        throw PathError("cannot read " + name + ": " + errno_text());
    }
    if (S_ISLNK(st.st_mode))
        throw PathError("refusing to read " + name + ": it is a symbolic link (kith reads it only as a plain file)");
    if (!S_ISREG(st.st_mode))
        throw PathError("refusing to read " + name + ": it is not a regular file (a folder, FIFO, device or socket)");
    // O_NONBLOCK: should a FIFO be swapped in meanwhile, open does not wait
    // for a writer; fstat below then refuses it.
    Fd fd(::openat(dir.get(), leaf.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    if (!fd) throw PathError("cannot read " + name + ": " + errno_text());
    if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode))
        throw PathError("refusing to read " + name + ": it is not a regular file (a folder, FIFO, device or socket)");
    auto too_large = [&] {
        return PathError("refusing to read " + name + ": it is larger than the limit of " + std::to_string(max_bytes) +
                         " bytes");
    };
    if (static_cast<std::uint64_t>(st.st_size) > max_bytes) throw too_large();
    std::string out(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t got = 0;
    while (true) {
        if (got == out.size()) {
            if (got > max_bytes) throw too_large();
            out.resize(got + 4096); // the file grew while being read
        }
        const ssize_t n = ::read(fd.get(), out.data() + got, out.size() - got);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw PathError("cannot read " + name + ": " + errno_text());
        }
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    if (got > max_bytes) throw too_large();
    out.resize(got);
    return out;
}

void write_contained(const fs::path& root, std::string_view rel, std::string_view bytes, Folders folders, mode_t mode,
                     bool force_mode, const std::function<void()>& before_rename) {
    check_relative(rel, rel);
    auto [dir_part, leaf_part] = dir_and_leaf(rel);
    Fd dir = open_folder(root, dir_part, true, folders, rel);
    const std::string leaf(leaf_part);
    struct stat st {};
    const bool exists = ::fstatat(dir.get(), leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
    if (exists && S_ISDIR(st.st_mode)) throw PathError("cannot write " + std::string(rel) + ": a folder stands there");
    const mode_t perms = exists && S_ISREG(st.st_mode) && !force_mode ? (st.st_mode & 07777) : (mode & ~current_umask() & 07777);
    // A dot-name (see is_temp_name): a crash leaves nothing kith reads as a note.
    std::string tmp;
    Fd fd;
    for (int attempt = 0; attempt < 100 && !fd; ++attempt) {
        tmp = "." + leaf + ".kith-" + temp_suffix();
        fd = Fd(::openat(dir.get(), tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
        if (!fd && errno != EEXIST) break;
    }
    if (!fd) throw PathError("cannot create a temporary file for " + std::string(rel) + ": " + errno_text());
    auto fail = [&](const std::string& what) {
        const std::string why = errno_text();
        ::unlinkat(dir.get(), tmp.c_str(), 0);
        throw PathError("cannot " + what + " " + std::string(rel) + ": " + why);
    };
    if (::fchmod(fd.get(), perms) != 0) fail("set the permissions of");
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("write");
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd.get()) != 0) fail("flush");
    if (::close(fd.release()) != 0) fail("close");
    if (before_rename) {
        try {
            before_rename();
        } catch (...) {
            ::unlinkat(dir.get(), tmp.c_str(), 0);
            throw;
        }
    }
    if (::renameat(dir.get(), tmp.c_str(), dir.get(), leaf.c_str()) != 0) fail("replace");
    fsync_fd(dir.get());
}

void symlink_contained(const fs::path& root, std::string_view rel, const std::string& target) {
    check_relative(rel, rel);
    auto [dir_part, leaf_part] = dir_and_leaf(rel);
    Fd dir = open_folder(root, dir_part, true, Folders::NoLinks, rel);
    const std::string leaf(leaf_part);
    std::string tmp;
    int rc = -1;
    for (int attempt = 0; attempt < 100 && rc != 0; ++attempt) {
        tmp = "." + leaf + ".kith-" + temp_suffix();
        rc = ::symlinkat(target.c_str(), dir.get(), tmp.c_str());
        if (rc != 0 && errno != EEXIST) break;
    }
    if (rc != 0) throw PathError("cannot write the link " + std::string(rel) + ": " + errno_text());
    if (::renameat(dir.get(), tmp.c_str(), dir.get(), leaf.c_str()) != 0) {
        const std::string why = errno_text();
        ::unlinkat(dir.get(), tmp.c_str(), 0);
        throw PathError("cannot write the link " + std::string(rel) + ": " + why);
    }
    fsync_fd(dir.get());
}

void remove_contained(const fs::path& root, std::string_view rel) {
    check_relative(rel, rel);
    auto [dir_part, leaf_part] = dir_and_leaf(rel);
    Fd dir = open_folder(root, dir_part, false, Folders::NoLinks, rel);
    if (!dir) return;
    const std::string leaf(leaf_part);
    struct stat st {};
    if (::fstatat(dir.get(), leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return;
    if (S_ISDIR(st.st_mode)) return; // a folder stands there now
    if (::unlinkat(dir.get(), leaf.c_str(), 0) != 0 && errno != ENOENT)
        throw PathError("cannot delete " + std::string(rel) + ": " + errno_text());
    fsync_fd(dir.get());
    // Folders left empty go too, as with git.
    std::vector<std::string_view> parts = dir_part.empty() ? std::vector<std::string_view>{} : split(dir_part);
    while (!parts.empty()) {
        std::string parent;
        for (std::size_t i = 0; i + 1 < parts.size(); ++i) parent += (i ? "/" : "") + std::string(parts[i]);
        Fd p = open_folder(root, parent, false, Folders::NoLinks, rel);
        if (!p || ::unlinkat(p.get(), std::string(parts.back()).c_str(), AT_REMOVEDIR) != 0) break;
        parts.pop_back();
    }
}

std::optional<std::string> linked_prefix(const fs::path& root, std::string_view rel) {
    std::string prefix;
    const auto parts = split(rel);
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
        prefix += (i ? "/" : "") + std::string(parts[i]);
        struct stat st {};
        if (::lstat((root / prefix).c_str(), &st) != 0) return std::nullopt;
        if (S_ISLNK(st.st_mode)) return prefix;
        if (!S_ISDIR(st.st_mode)) return std::nullopt;
    }
    return std::nullopt;
}

} // namespace kith::safe
