#include "adapters/vault_writer.hpp"

#include <algorithm>
#include <set>
#include <cerrno>
#include <cstring>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace kith {

namespace {

std::string errno_text() { return std::strerror(errno); }

/// Closes a descriptor on scope exit.
struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

void fsync_dir(const fs::path& dir) {
    Fd d{::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    if (d.fd >= 0) ::fsync(d.fd); // best effort: some file systems refuse it
}

constexpr const char* k_marker = "kith-in-progress";

std::int64_t mtime_ns(const fs::path& p) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) return -1;
    return std::int64_t{st.st_mtim.tv_sec} * 1'000'000'000 + st.st_mtim.tv_nsec;
}

/// After a kith process died while changing the repository, removes the git
/// lock files it left. Only locks created while the dead process was at work
/// (not before its marker, nor long after) are touched, so a lock held by a
/// git command the user is running now stays. Runs under the vault lock.
void recover_interrupted(const Repo& repo) {
    const fs::path git_dir = repo.git_dir();
    const fs::path marker = git_dir / k_marker;
    std::error_code ec;
    if (!fs::exists(marker, ec)) return;
    long pid = 0;
    if (std::FILE* f = std::fopen(marker.c_str(), "r")) {
        if (std::fscanf(f, "%ld", &pid) != 1) pid = 0;
        std::fclose(f);
    }
    if (pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH)) return; // still running
    const std::int64_t since = mtime_ns(marker);
    const std::int64_t until = since + std::int64_t{60} * 1'000'000'000;
    auto stale = [&](const fs::path& p) {
        const std::int64_t t = mtime_ns(p);
        return t >= since && t <= until;
    };
    for (const char* name : {"index.lock", "HEAD.lock", "ORIG_HEAD.lock", "packed-refs.lock", "config.lock"})
        if (stale(git_dir / name)) fs::remove(git_dir / name, ec);
    for (auto it = fs::recursive_directory_iterator(git_dir / "refs", ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
        if (it->path().extension() == ".lock" && stale(it->path())) fs::remove(it->path(), ec);
    fs::remove(marker, ec);
}

} // namespace

VaultWriter::GitGuard::GitGuard(const Repo& repo) : m_marker(repo.git_dir() / k_marker) {
    const std::string pid = std::to_string(::getpid()) + "\n";
    write_atomic(m_marker, pid);
}

VaultWriter::GitGuard::~GitGuard() {
    std::error_code ec;
    fs::remove(m_marker, ec);
}

namespace {

/// Writes `bytes` to a new temporary file beside `path` (with `path`'s
/// permissions, or the umask's for a new file), flushed to disk when `flush`,
/// and returns its name. On error the temporary file is removed.
std::string write_temp(const fs::path& path, std::string_view bytes, bool flush) {
    const fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    // A dot-name: if a crash leaves it behind, kith never reads it as a note.
    std::string tmpl = (dir / ("." + path.filename().string() + ".kith-XXXXXX")).string();
    Fd fd{::mkstemp(tmpl.data())};
    if (fd.fd < 0) throw WriteError("cannot create a temporary file in " + dir.string() + ": " + errno_text());
    const std::string tmp = tmpl;
    auto fail = [&](const std::string& what) {
        const std::string why = errno_text();
        ::unlink(tmp.c_str());
        throw WriteError("cannot " + what + " " + path.string() + ": " + why);
    };
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        if (::fchmod(fd.fd, st.st_mode & 07777) != 0) fail("keep the permissions of");
    } else {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        if (::fchmod(fd.fd, 0666 & ~mask) != 0) fail("set the permissions of");
    }
    std::size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd.fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("write");
        }
        done += static_cast<std::size_t>(n);
    }
    if (flush && ::fsync(fd.fd) != 0) fail("flush");
    if (::close(fd.fd) != 0) {
        fd.fd = -1;
        fail("close");
    }
    fd.fd = -1;
    return tmp;
}

} // namespace

void write_atomic(const fs::path& path, std::string_view bytes) {
    const fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    const std::string tmp = write_temp(path, bytes, true);
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const std::string why = errno_text();
        ::unlink(tmp.c_str());
        throw WriteError("cannot replace " + path.string() + ": " + why);
    }
    fsync_dir(dir);
}

VaultLock::VaultLock(const fs::path& vault) {
    m_fd = ::open(vault.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (m_fd < 0) throw WriteError("cannot open the vault folder " + vault.string() + ": " + errno_text());
    while (::flock(m_fd, LOCK_EX) != 0) {
        if (errno == EINTR) continue;
        const std::string why = errno_text();
        ::close(m_fd);
        m_fd = -1;
        throw WriteError("cannot lock the vault: " + why);
    }
}

VaultLock::~VaultLock() {
    if (m_fd >= 0) ::close(m_fd); // closing releases the flock
}

VaultWriter::VaultWriter(fs::path vault) : m_vault(std::move(vault)), m_lock(m_vault) {
    std::error_code ec;
    m_real_vault = fs::canonical(m_vault, ec);
    if (ec) throw WriteError("cannot find the vault folder " + m_vault.string() + ": " + ec.message());
    m_repo = Repo::discover(m_real_vault);
    if (m_repo) recover_interrupted(*m_repo);
    std::string what;
    if (m_repo && m_repo->busy(what))
        throw WriteError("the vault's repository is busy (" + what +
                         "): finish or abort it first (git merge --abort, or resolve and commit), then retry");
}

fs::path VaultWriter::checked_path(const std::string& rel) const {
    fs::path p(rel);
    if (rel.empty() || p.is_absolute()) throw WriteError("refusing to write outside the vault: " + rel);
    for (const auto& part : p)
        if (part == ".." || part == ".") throw WriteError("refusing to write outside the vault: " + rel);
    // Every existing folder on the way must resolve inside the vault, and the
    // file itself must not be a symlink.
    fs::path full = m_real_vault / p;
    std::error_code ec;
    fs::path parent = fs::weakly_canonical(full.parent_path(), ec);
    if (ec) throw WriteError("cannot resolve " + rel + ": " + ec.message());
    auto r = m_real_vault.begin();
    auto q = parent.begin();
    for (; r != m_real_vault.end(); ++r, ++q)
        if (q == parent.end() || *q != *r) throw WriteError("refusing to write outside the vault: " + rel);
    if (fs::is_symlink(fs::symlink_status(full, ec))) throw WriteError("refusing to write through a symlink: " + rel);
    return full;
}

std::optional<std::string> VaultWriter::read(const std::string& rel) {
    fs::path full = checked_path(rel);
    std::optional<std::string> bytes;
    Fd fd{::open(full.c_str(), O_RDONLY | O_CLOEXEC)};
    if (fd.fd < 0) {
        if (errno != ENOENT) throw WriteError("cannot read " + rel + ": " + errno_text());
    } else {
        std::string s;
        char buf[65536];
        for (;;) {
            ssize_t n = ::read(fd.fd, buf, sizeof buf);
            if (n < 0) {
                if (errno == EINTR) continue;
                throw WriteError("cannot read " + rel + ": " + errno_text());
            }
            if (n == 0) break;
            s.append(buf, static_cast<std::size_t>(n));
        }
        bytes = std::move(s);
    }
    m_read[rel] = bytes;
    return bytes;
}

void VaultWriter::write(const std::string& rel, const std::string& bytes) {
    fs::path full = checked_path(rel);
    // An editor may have saved the file since we read it: never overwrite that.
    if (auto it = m_read.find(rel); it != m_read.end()) {
        auto before = it->second;
        auto now = read(rel);
        if (now != before) throw WriteError(rel + " changed on disk while kith was editing it; nothing was written, retry");
    }
    std::error_code ec;
    fs::create_directories(full.parent_path(), ec);
    if (ec) throw WriteError("cannot create the folder for " + rel + ": " + ec.message());
    write_atomic(full, bytes);
    m_read[rel] = bytes;
    mark_written(rel);
}

void VaultWriter::write_all(const std::vector<std::pair<std::string, std::string>>& files) {
    // Check everything before writing anything.
    std::vector<fs::path> full;
    full.reserve(files.size());
    for (const auto& [rel, bytes] : files) {
        full.push_back(checked_path(rel));
        if (auto it = m_read.find(rel); it != m_read.end()) {
            auto before = it->second;
            if (read(rel) != before)
                throw WriteError(rel + " changed on disk while kith was editing it; nothing was written, retry");
        }
    }
    // Every temporary file, then one flush of the file system for all of them
    // (two fsync calls per file make a 5,000-file import take minutes), then
    // the renames and one flush per folder. A failure before the renames
    // leaves every original untouched.
    std::vector<std::string> temps;
    auto remove_temps = [&] {
        for (const std::string& t : temps) ::unlink(t.c_str());
    };
    std::set<fs::path> dirs;
    try {
        for (std::size_t i = 0; i < files.size(); ++i) {
            std::error_code ec;
            fs::create_directories(full[i].parent_path(), ec);
            if (ec) throw WriteError("cannot create the folder for " + files[i].first + ": " + ec.message());
            temps.push_back(write_temp(full[i], files[i].second, false));
            dirs.insert(full[i].parent_path());
        }
    } catch (...) {
        remove_temps();
        throw;
    }
    {
        Fd v{::open(m_real_vault.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
        if (v.fd < 0 || ::syncfs(v.fd) != 0) {
            for (const std::string& t : temps) { // no syncfs: flush each file
                Fd f{::open(t.c_str(), O_RDONLY | O_CLOEXEC)};
                if (f.fd < 0 || ::fsync(f.fd) != 0) {
                    const std::string why = errno_text();
                    remove_temps();
                    throw WriteError("cannot flush " + t + ": " + why);
                }
            }
        }
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (::rename(temps[i].c_str(), full[i].c_str()) != 0) {
            const std::string why = errno_text();
            for (std::size_t k = i; k < temps.size(); ++k) ::unlink(temps[k].c_str());
            throw WriteError("cannot replace " + files[i].first + ": " + why + " (" + std::to_string(i) + " of " +
                             std::to_string(files.size()) + " files were written)");
        }
        m_read[files[i].first] = files[i].second;
        mark_written(files[i].first);
    }
    for (const fs::path& d : dirs) fsync_dir(d);
}

void VaultWriter::remove(const std::string& rel) {
    fs::path full = checked_path(rel);
    if (::unlink(full.c_str()) != 0 && errno != ENOENT) throw WriteError("cannot delete " + rel + ": " + errno_text());
    fsync_dir(full.parent_path());
    m_read[rel] = std::nullopt;
    mark_written(rel);
}

void VaultWriter::mark_written(const std::string& rel) {
    if (std::find(m_written.begin(), m_written.end(), rel) == m_written.end()) m_written.push_back(rel);
}

std::optional<std::string> VaultWriter::vault_relative(const std::string& repo_rel) const {
    if (!m_repo) return std::nullopt;
    const std::string prefix = m_repo->relative(m_real_vault);
    if (prefix.empty() || prefix == ".") return repo_rel;
    if (repo_rel.size() > prefix.size() && repo_rel.compare(0, prefix.size(), prefix) == 0 && repo_rel[prefix.size()] == '/')
        return repo_rel.substr(prefix.size() + 1);
    return std::nullopt;
}

std::optional<std::string> VaultWriter::commit(const std::string& message, bool autocommit, std::string& note) {
    if (m_written.empty() || !autocommit) return std::nullopt;
    if (!m_repo) {
        note = "hint: the vault is not in a git repository, so this change has no history; "
               "run 'git init' in the vault (or start with 'kith init') to keep one";
        return std::nullopt;
    }
    std::vector<std::string> paths;
    for (const std::string& rel : m_written) paths.push_back(m_repo->relative(m_real_vault / rel));
    GitGuard guard(*m_repo);
    return m_repo->commit_paths(paths, message);
}

} // namespace kith
