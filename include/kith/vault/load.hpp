#pragma once
/// Source -> parsed files -> index: the one way every command reads a vault.

#include "kith/index/vault_index.hpp"
#include "kith/vault/source.hpp"

#include <optional>
#include <stdexcept>

namespace kith {

/// A config that cannot be used stops every command (VAULT.md).
struct ConfigError : std::runtime_error {
    Diagnostics diagnostics;
    explicit ConfigError(Diagnostics ds);
};

struct LoadOptions {
    unsigned threads = 0; ///< 0: one per core
};

/// Reads the config (throws ConfigError when it is bad), then reads and parses
/// every file on `threads` threads and builds the index. The result does not
/// depend on the thread count.
VaultIndex load_vault(VaultSource& source, Date today, const LoadOptions& options = {});

/// Parses the config of `source`; defaults when there is none.
Config load_config(VaultSource& source);

} // namespace kith
