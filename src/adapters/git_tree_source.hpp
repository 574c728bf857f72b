#pragma once
/// The vault as it was at one git commit, read straight from the object
/// database through libgit2 (nothing is checked out, the work tree and the
/// index are never touched). Used by `--at REV` and `kith diff`.

#include "adapters/git.hpp"
#include "kith/model/date.hpp"
#include "kith/vault/source.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

struct git_tree;

namespace kith {

/// A revision the user named, resolved to one commit.
struct Revision {
    std::string text;      ///< as given (`HEAD~3`, `2026-06-01`, a hash)
    std::string commit;    ///< full hex id
    std::string summary;   ///< first line of the message
    std::int64_t time = 0; ///< committer time, seconds since the epoch
    int offset_minutes = 0; ///< committer time-zone offset
    Date day;              ///< the given date for a date, else the commit's day in its committer's time zone
    bool by_date = false;  ///< `text` was a date
};

/// A malformed revision (exit 2), as opposed to one that names nothing (GitError, exit 1).
struct BadRevision : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Resolves `text`: a `YYYY-MM-DD` date is the newest commit on HEAD's
/// first-parent history whose committer date (in the committer's own time
/// zone) is on or before that day; anything else is what `git rev-parse`
/// accepts, peeled to a commit. GitError when it names no commit (unknown
/// revision, a date before the first commit, no commit yet); BadRevision when
/// the text is no revision at all (empty, or a date that does not exist).
Revision resolve_revision(const Repo& repo, const std::string& text);

/// The files of the vault folder `vault_prefix` (work-tree relative, "" for the
/// work tree's root) in the tree of `commit`. The same rules as FsSource:
/// dot-names skipped, `templates/` ignored, symlinks followed (inside the tree)
/// only while they stay inside the vault, each file once under its first path
/// in byte order; submodules are skipped. Entries carry no stamp (no parse cache).
class GitTreeSource : public VaultSource {
public:
    /// GitError when the commit does not exist or the vault folder was not in it.
    GitTreeSource(const Repo& repo, const std::string& commit, std::string vault_prefix);
    ~GitTreeSource() override;
    GitTreeSource(const GitTreeSource&) = delete;
    GitTreeSource& operator=(const GitTreeSource&) = delete;

    std::vector<SourceEntry> list(Diagnostics& out) override;
    /// Thread-safe (libgit2 reads are serialised; parsing stays parallel).
    ReadResult read(const std::string& path, std::size_t max_bytes) override;
    std::optional<std::string> read_config(std::string& error) override;

    struct Impl;

private:
    std::unique_ptr<Impl> m;
};

} // namespace kith
