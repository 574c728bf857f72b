#pragma once
/// Writing to the vault: one writer at a time, atomic replacement of files,
/// nothing outside the vault, and a commit of exactly what changed.

#include "adapters/git.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace kith {

/// A write that was refused or failed; the message is for the user.
struct WriteError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Replaces `path` with `bytes` atomically: a temporary file in the same
/// folder, written, flushed to disk, renamed over the original, then the folder
/// flushed. Keeps the original's permissions. On any error the original is
/// untouched and the temporary file is removed. `before_rename`, when given,
/// runs after the new content is on disk and right before the rename; if it
/// throws, the temporary file is removed and nothing is replaced.
void write_atomic(const std::filesystem::path& path, std::string_view bytes,
                  const std::function<void()>& before_rename = {});

/// Whether `name` (a file name) is one of write_atomic's temporary files.
bool is_temp_name(std::string_view name);

/// An exclusive lock on the vault, held for the lifetime of the object; a
/// second writer waits for it. It is an `flock` on the vault folder itself: no
/// lock file to show up in `git status` or to go stale (the kernel drops the
/// lock with the process, even after SIGKILL).
class VaultLock {
public:
    explicit VaultLock(const std::filesystem::path& vault);
    ~VaultLock();
    VaultLock(const VaultLock&) = delete;
    VaultLock& operator=(const VaultLock&) = delete;

private:
    int m_fd = -1;
};

/// One writing command's session: locks the vault, checks the repository is
/// not mid-merge, reads files (remembering what they held), writes them back
/// atomically (refusing if someone changed them in between), and commits the
/// written files only.
class VaultWriter {
public:
    /// Takes the lock; WriteError when the repository is mid-merge or has
    /// conflicts.
    explicit VaultWriter(std::filesystem::path vault);

    const std::filesystem::path& vault() const { return m_vault; }
    bool has_repo() const { return m_repo.has_value(); }
    Repo* repo() { return m_repo ? &*m_repo : nullptr; }

    /// Reads a vault-relative file; nullopt when it does not exist. Remembers
    /// the bytes so that write() can tell whether the file changed meanwhile
    /// (by content, compared right before the new version replaces it).
    std::optional<std::string> read(const std::string& rel);

    /// Writes a vault-relative file atomically. Refuses paths that leave the
    /// vault or go through a symlink, and files changed on disk since read().
    void write(const std::string& rel, const std::string& bytes);

    /// Writes several files (vault-relative path, bytes), each replaced
    /// atomically, with one flush of the disk for all of them instead of two
    /// per file. Every check of write() is made for every file before any is
    /// written, and every temporary file is written before any is renamed.
    void write_all(const std::vector<std::pair<std::string, std::string>>& files);

    /// Deletes a vault-relative file (same checks as write()).
    void remove(const std::string& rel);

    /// Records a file changed by someone else under our lock (an editor), so
    /// that commit() includes it.
    void mark_written(const std::string& rel);

    /// A work-tree-relative path as a vault-relative one; nullopt when it is
    /// outside the vault or there is no repository.
    std::optional<std::string> vault_relative(const std::string& repo_rel) const;

    /// Checks a vault-relative path and returns it absolute (WriteError when it
    /// leaves the vault or goes through a symlink).
    std::filesystem::path checked_path(const std::string& rel) const;

    /// While alive, marks the repository as being changed by this process, so
    /// that if it dies half-way (SIGKILL during a commit), the next writer
    /// removes the lock files it left (`index.lock`, `refs/heads/main.lock`).
    class GitGuard {
    public:
        explicit GitGuard(const Repo& repo);
        /// The same for any git folder (a bare remote on a local path).
        explicit GitGuard(const std::filesystem::path& git_dir);
        ~GitGuard();
        GitGuard(const GitGuard&) = delete;
        GitGuard& operator=(const GitGuard&) = delete;

    private:
        std::filesystem::path m_marker;
    };

    /// Files written so far, vault-relative.
    const std::vector<std::string>& written() const { return m_written; }

    /// Commits the written files with `message` when `autocommit` is on and
    /// the vault is in a repository. Returns the commit id, or nullopt when no
    /// commit was made; `note` receives a hint for the user (no repository).
    std::optional<std::string> commit(const std::string& message, bool autocommit, std::string& note);

private:
    std::filesystem::path m_vault;
    std::filesystem::path m_real_vault;
    VaultLock m_lock;
    std::optional<Repo> m_repo;
    std::map<std::string, std::optional<std::string>> m_read;
    /// Marks the repository while this writer changes files (see GitGuard).
    std::optional<GitGuard> m_session;
    std::vector<std::string> m_written;
};

/// If a kith process on this machine died while changing the git folder
/// `git_dir` (its marker names a process that is gone), removes the lock and
/// temporary files it left there and returns true. Lock files made by others
/// (before the marker, or over 60 s after it) are left alone.
bool recover_git_dir(const std::filesystem::path& git_dir);

/// The trailer that marks kith's commits (so `kith undo` knows them).
inline constexpr const char* k_commit_trailer = "Kith-Command: ";

} // namespace kith
