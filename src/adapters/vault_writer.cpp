#include "adapters/vault_writer.hpp"

#include "adapters/safe_path.hpp"

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
/// Removes the temporary files a killed writer left in the vault (dot-names,
/// so kith never read them, but `git status` and the disk would keep them).
/// Only called under the vault lock after a crash: no other writer is at work.
void remove_stale_temp_files(const fs::path& vault, const fs::path& git_dir) {
    std::error_code ec;
    const fs::path cache = vault / ".kith" / "cache";
    for (auto it = fs::recursive_directory_iterator(vault, fs::directory_options::none, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const fs::path& p = it->path();
        if (it->is_directory(ec) && !it->is_symlink(ec) && (p == git_dir || p == vault / ".git" || p == cache)) {
            it.disable_recursion_pending();
            continue;
        }
        if (is_temp_name(p.filename().string()) && it->is_regular_file(ec) && !it->is_symlink(ec)) {
            std::error_code rec;
            fs::remove(p, rec);
        }
    }
}

/// libgit2's own temporary files (loose objects, packs being fetched).
bool is_git_temp_name(const std::string& name) { return name.find("_git2_") != std::string::npos; }

std::string host_name() {
    char buf[256] = {};
    if (::gethostname(buf, sizeof buf - 1) != 0) return "?";
    return buf;
}

} // namespace

bool recover_git_dir(const fs::path& git_dir) {
    const fs::path marker = git_dir / k_marker;
    std::error_code ec;
    if (!fs::exists(marker, ec)) return false;
    long pid = 0;
    char host[256] = {};
    if (std::FILE* f = std::fopen(marker.c_str(), "r")) {
        if (std::fscanf(f, "%ld %255s", &pid, host) < 1) pid = 0;
        std::fclose(f);
    }
    // A marker from another machine (a remote on a shared folder): its pid
    // means nothing here, and that machine may be pushing right now.
    if (host[0] && host_name() != host) return false;
    if (pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH)) return false; // still running
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
    ec.clear();
    for (auto it = fs::recursive_directory_iterator(git_dir / "objects", ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if ((is_git_temp_name(name) || it->path().extension() == ".lock") && stale(it->path())) {
            std::error_code rec;
            fs::remove(it->path(), rec);
        }
    }
    ec.clear();
    for (const char* name : {"FETCH_HEAD.lock", "ORIG_HEAD.lock", "MERGE_HEAD.lock"})
        if (stale(git_dir / name)) fs::remove(git_dir / name, ec);
    fs::remove(marker, ec);
    return true;
}

namespace {

void recover_interrupted(const Repo& repo, const fs::path& vault) {
    if (recover_git_dir(repo.git_dir())) remove_stale_temp_files(vault, repo.git_dir());
}

/// A git lock file that no crashed kith left (recover_interrupted removed
/// those) belongs to a git command running now, or to one that crashed: kith
/// cannot commit either way, so it stops before writing anything.
void refuse_held_locks(const Repo& repo) {
    const fs::path git_dir = repo.git_dir();
    std::vector<std::string> names{"index.lock", "HEAD.lock"};
    if (std::FILE* f = std::fopen((git_dir / "HEAD").c_str(), "r")) {
        char line[1024] = {};
        if (std::fgets(line, sizeof line, f)) {
            std::string head = line;
            while (!head.empty() && (head.back() == '\n' || head.back() == '\r')) head.pop_back();
            if (head.rfind("ref: refs/heads/", 0) == 0 && head.find("..") == std::string::npos)
                names.push_back(head.substr(5) + ".lock");
        }
        std::fclose(f);
    }
    std::error_code ec;
    for (const std::string& name : names)
        if (fs::exists(git_dir / name, ec))
            throw WriteError("the git repository is locked: " + (git_dir / name).string() +
                             " exists; a git command is running, or one crashed and left it. If no git command "
                             "is running, delete that file and retry. Nothing was written");
}

} // namespace

VaultWriter::GitGuard::GitGuard(const Repo& repo) : GitGuard(repo.git_dir()) {}

VaultWriter::GitGuard::GitGuard(const fs::path& git_dir) : m_marker(git_dir / k_marker) {
    // Written in place, not atomically: a marker torn by a kill names no live
    // process, which is what a dead writer's marker must say anyway.
    const std::string pid = std::to_string(::getpid()) + " " + host_name() + "\n";
    Fd fd{::open(m_marker.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)};
    if (fd.fd < 0 || ::write(fd.fd, pid.data(), pid.size()) != static_cast<ssize_t>(pid.size())) {
        const std::string why = errno_text();
        ::unlink(m_marker.c_str()); // no destructor runs after a throwing constructor
        throw WriteError("cannot write " + m_marker.string() + ": " + why);
    }
}

VaultWriter::GitGuard::~GitGuard() {
    std::error_code ec;
    fs::remove(m_marker, ec);
}

bool is_temp_name(std::string_view name) {
    // "." + file name + ".kith-" + six characters from mkstemp
    const std::size_t at = name.rfind(".kith-");
    return name.size() > 1 && name.front() == '.' && at != std::string_view::npos && at > 0 &&
           name.size() == at + 6 + 6;
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

void write_atomic(const fs::path& path, std::string_view bytes, const std::function<void()>& before_rename) {
    const fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    const std::string tmp = write_temp(path, bytes, true);
    if (before_rename) {
        try {
            before_rename();
        } catch (...) {
            ::unlink(tmp.c_str());
            throw;
        }
    }
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
    if (m_repo) recover_interrupted(*m_repo, m_real_vault);
    if (m_repo) refuse_held_locks(*m_repo);
    std::string what;
    if (m_repo && m_repo->busy(what))
        throw WriteError("the vault's repository is busy (" + what +
                         "): finish or abort it first (git merge --abort, or resolve and commit), then retry");
}

namespace {

/// The largest file a writing command reads (a note kith loads is at most
/// 1 MiB; a template at most the same).
constexpr std::size_t k_max_read_bytes = 64u << 20;

} // namespace

fs::path VaultWriter::checked_path(const std::string& rel) const {
    fs::path p(rel);
    if (rel.empty() || p.is_absolute()) throw WriteError("refusing to write outside the vault: " + rel);
    for (const auto& part : p)
        if (part == ".." || part == ".") throw WriteError("refusing to write outside the vault: " + rel);
    if (auto why = safe::path_problem(rel)) throw WriteError("refusing the path " + rel + ": " + *why);
    // Each existing folder on the way is opened without following links,
    // except links that stay inside the vault and under no dot-name (as the
    // walk reads notes); the file itself must not be a symlink.
    const fs::path parent = p.parent_path();
    try {
        safe::open_folder(m_real_vault, parent.generic_string(), false, safe::Folders::LinksInside, rel);
    } catch (const safe::PathError& e) {
        const std::string what = e.what();
        if (what.find("leads outside") != std::string::npos) throw WriteError("refusing to write outside the vault: " + rel);
        throw WriteError(what);
    }
    fs::path full = m_real_vault / p;
    std::error_code ec;
    if (fs::is_symlink(fs::symlink_status(full, ec))) throw WriteError("refusing to write through a symlink: " + rel);
    return full;
}

std::optional<std::string> VaultWriter::read(const std::string& rel) {
    checked_path(rel); // a file read here is written back: the same checks
    std::optional<std::string> bytes;
    try {
        bytes = safe::read_contained(m_real_vault, rel, k_max_read_bytes, rel, safe::Folders::LinksInside);
    } catch (const safe::PathError& e) {
        throw WriteError(e.what());
    }
    m_read[rel] = bytes;
    return bytes;
}

void VaultWriter::write(const std::string& rel, const std::string& bytes) {
    checked_path(rel);
    if (m_repo && !m_session) m_session.emplace(*m_repo);
    // An editor may have saved the file since we read it: never overwrite
    // that. Compared by content, as late as possible: after the new version
    // is on disk, right before it replaces the old one.
    std::function<void()> unchanged;
    if (auto it = m_read.find(rel); it != m_read.end()) {
        unchanged = [&, before = it->second] {
            std::optional<std::string> now;
            try {
                now = safe::read_contained(m_real_vault, rel, k_max_read_bytes, rel, safe::Folders::LinksInside);
            } catch (const safe::PathError& e) {
                throw WriteError(e.what());
            }
            if (now != before)
                throw WriteError(rel + " changed on disk while kith was editing it; nothing was written, retry");
        };
    }
    try {
        safe::write_contained(m_real_vault, rel, bytes, safe::Folders::LinksInside, 0666, false, unchanged);
    } catch (const safe::PathError& e) {
        throw WriteError(e.what());
    }
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
    if (m_repo && !m_session) m_session.emplace(*m_repo);
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
    std::optional<GitGuard> guard;
    if (!m_session) guard.emplace(*m_repo);
    try {
        return m_repo->commit_paths(paths, message);
    } catch (const GitError& e) {
        std::string files;
        for (const std::string& rel : m_written) files += (files.empty() ? "" : ", ") + rel;
        throw GitError(std::string(e.what()) + "\n(the change is written to " + files +
                       " but not committed; once this is fixed, 'kith sync' or 'git commit' commits it)");
    }
}

} // namespace kith
