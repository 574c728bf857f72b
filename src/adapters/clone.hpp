#pragma once
/// `kith clone URL DIR`: a second machine joins. A new repository in DIR, the
/// remote as origin (its default branch tracked), then the first sync, which
/// brings the files in through sync's own checks of incoming trees.

#include "adapters/sync.hpp"

#include <filesystem>
#include <string>

namespace kith {

struct CloneReport {
    std::filesystem::path dir; ///< absolute
    std::string branch;
    SyncReport sync;
    bool is_vault = false; ///< the result has .kith/config.yaml or contacts/
};

/// The folder `git clone URL` would make: the URL's last part without `.git`.
std::string clone_dir_name(const std::string& url);

/// Clones `url` into `dir` (absent or an empty folder). On failure throws
/// GitError and leaves `dir` as it was (removes it when it made it).
CloneReport clone_vault(const std::string& url, const std::filesystem::path& dir);

} // namespace kith
