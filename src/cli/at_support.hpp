#pragma once
/// Reading the vault as it was at a git revision: shared by the dispatcher
/// (`--at REV` on every command that only reads) and `kith diff`.

#include "adapters/git.hpp"
#include "adapters/git_tree_source.hpp"
#include "kith/index/vault_index.hpp"

#include <filesystem>
#include <string>

namespace kith::cli {

/// The git repository holding `vault`; Failure when there is none.
Repo vault_repo(const std::filesystem::path& vault);

/// The value of `option` (`--at`, `--since`, `--until`) as a commit:
/// UsageError when it is no revision at all, GitError when it names nothing.
Revision resolve_at(const Repo& repo, const std::string& option, const std::string& text);

/// The vault folder `vault` as it was at `rev`, read from the git objects
/// (no parse cache). Throws ConfigError like load_vault.
VaultIndex load_at(const Repo& repo, const std::filesystem::path& vault, const Revision& rev, Date today,
                   unsigned threads);

/// "at 1a2b3c4 (2026-06-01 14:05 +0200): summary", for stderr.
std::string describe_revision(const Revision& rev);

} // namespace kith::cli
