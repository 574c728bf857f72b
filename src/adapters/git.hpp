#pragma once
/// The vault's git repository, through libgit2 (never the `git` program).
/// Every libgit2 object is owned by an RAII wrapper; every negative return
/// becomes a GitError naming the action and libgit2's message.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

struct git_repository;

namespace kith {

/// A failed git operation: "cannot <action>: <libgit2 message>".
struct GitError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Who commits: from $GIT_AUTHOR_NAME/$GIT_AUTHOR_EMAIL when both are set, else
/// git config (user.name, user.email). A GitError that says how to set them
/// when neither has them.
struct Identity {
    std::string name;
    std::string email;
};

struct CommitInfo {
    std::string id;      ///< full hex object id
    std::string summary; ///< first line of the message
    std::string message; ///< whole message
    std::string author;  ///< "Name <email>"
    std::int64_t time = 0; ///< seconds since the epoch (author time)
    int offset_minutes = 0; ///< author time-zone offset
};

/// libgit2 is initialised once per process by the first Repo; this keeps it so.
class Repo {
public:
    ~Repo();
    Repo(Repo&&) noexcept;
    Repo& operator=(Repo&&) noexcept;

    /// The repository containing `vault` (the vault may be a sub-folder of the
    /// work tree), or nullopt when there is none. Bare repositories are nullopt.
    static std::optional<Repo> discover(const std::filesystem::path& vault);
    /// `git init` of `dir` (which must exist), with `main` as the initial branch.
    static Repo init(const std::filesystem::path& dir);

    /// The work tree's root (absolute, canonical).
    const std::filesystem::path& workdir() const { return m_workdir; }
    /// `path` (absolute or relative to the current folder) relative to the
    /// work tree, `/`-separated; GitError when it is outside.
    std::string relative(const std::filesystem::path& path) const;

    /// True while a merge, rebase, cherry-pick or revert is in progress, or the
    /// index holds conflicts: writing commands must refuse then. `what` says
    /// which, for the message.
    bool busy(std::string& what) const;

    /// The committer identity (see Identity).
    Identity identity() const;

    /// Commits exactly `paths` (work-tree relative) as they are on disk now
    /// (a path missing on disk is committed as deleted) on top of HEAD (or as
    /// the first commit), with `message`. Other changes of the user, staged or
    /// not, stay as they were: the commit's tree is HEAD's tree with only these
    /// paths changed, and the repository index is updated for these paths only.
    /// Returns the new commit's id, or nullopt when nothing in `paths` differs
    /// from HEAD (no empty commits).
    std::optional<std::string> commit_paths(const std::vector<std::string>& paths, const std::string& message);

    /// HEAD's commit, or nullopt on an unborn branch.
    std::optional<CommitInfo> head() const;

    /// Commits that changed `path` (work-tree relative), newest first, walking
    /// first parents and comparing the path's blob with the parent's; at most
    /// `limit` (0: all). From HEAD, or from the commit `from` (full hex id) when given.
    std::vector<CommitInfo> history(const std::string& path, std::size_t limit = 0, const std::string& from = {}) const;

    /// Paths (work-tree relative) that HEAD's commit changed against its first
    /// parent (or all of its files for a root commit), sorted.
    std::vector<std::string> head_changed_paths() const;

    /// The content of `path` in HEAD's first parent, or nullopt when the path
    /// did not exist there (or HEAD has no parent).
    std::optional<std::string> read_in_head_parent(const std::string& path) const;

    /// The content of `path` in HEAD, or nullopt when absent.
    std::optional<std::string> read_in_head(const std::string& path) const;

    /// Whether the file at `path` on disk differs from HEAD (modified, deleted,
    /// or new and untracked/staged).
    bool differs_from_head(const std::string& path) const;

    /// The `.git` folder.
    std::filesystem::path git_dir() const;

    git_repository* raw() const { return m_repo.get(); }

private:
    struct Free {
        void operator()(git_repository* r) const;
    };
    explicit Repo(git_repository* r);
    std::unique_ptr<git_repository, Free> m_repo;
    std::filesystem::path m_workdir;
};

} // namespace kith
