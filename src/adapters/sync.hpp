#pragma once
/// `kith sync`: commit local changes, fetch, integrate (fast-forward or a
/// semantic merge), push, all through libgit2. A true conflict stops before
/// anything on disk, in the index or at HEAD changes.

#include "adapters/git.hpp"
#include "kith/sync/merge.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kith {

enum class Side { Ours, Theirs };

struct SyncOptions {
    std::optional<std::string> remote; ///< default: origin, else the only remote
    std::optional<std::string> branch; ///< default: the current branch
    bool dry_run = false;
    std::optional<std::string> add_remote_url;
    /// Files (vault-relative) whose true conflicts are settled by taking one
    /// side whole.
    std::map<std::string, Side> resolve;
    int max_auth_attempts = 3;
    /// False: integrate what the last fetch brought (`kith clone` has just
    /// fetched; one connection less).
    bool fetch = true;
    /// Patterns added to the editor-state ignore list (config `sync_ignore`).
    std::vector<std::string> ignore;
};

struct FileChange {
    std::string path; ///< vault-relative
    enum class Kind { Added, Changed, Deleted } kind = Kind::Changed;
    int items_added = 0; ///< interaction entries and follow-ups that appeared
};

struct FileConflict {
    std::string path; ///< vault-relative
    std::vector<sync::Conflict> conflicts;
};

struct SyncReport {
    std::string remote;
    std::string url;
    std::string branch;
    std::vector<std::string> committed; ///< local files committed before syncing
    /// "up-to-date", "fast-forward", "merge", "no-remote-branch", or "conflict"
    std::string integration;
    std::vector<FileChange> incoming; ///< what the remote brought into the vault
    std::vector<FileChange> outgoing; ///< what the push sent
    bool pushed = false;
    std::vector<FileConflict> conflicts; ///< when integration == "conflict"
    /// Files kith does not own that both sides changed, where this machine's
    /// version was kept (docs/sync.md).
    std::vector<std::string> kept_ours;
    /// Where the remote's versions of some of those were kept beside them.
    std::vector<std::string> conflict_copies;
    /// This vault held only `kith init`'s commit and took the remote's history.
    bool adopted = false;
    /// The branch's upstream (branch.NAME.remote and .merge) was set.
    bool upstream_set = false;
};

/// Runs one sync of the vault at `vault` (inside `repo`'s work tree). Throws
/// GitError for failures (offline, authentication, a rejected push); the local
/// commit is kept in every case.
SyncReport run_sync(Repo& repo, const std::filesystem::path& vault, const SyncOptions& options);

} // namespace kith
