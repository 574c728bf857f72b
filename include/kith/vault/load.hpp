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

/// What a load did, for tests and benchmarks.
struct LoadStats {
    std::size_t files = 0;
    std::size_t parsed = 0; ///< read and parsed this time
    std::size_t reused = 0; ///< taken from the cache
    bool cache_written = false;
};

struct LoadOptions {
    unsigned threads = 0;        ///< 0: one per core
    CacheStore* cache = nullptr; ///< null: no cache
    LoadStats* stats = nullptr;  ///< filled in when given
};

/// Reads the config (throws ConfigError when it is bad), then reads and parses
/// every file on `threads` threads and builds the index. The result does not
/// depend on the thread count.
VaultIndex load_vault(VaultSource& source, Date today, const LoadOptions& options = {});

/// Parses the config of `source`; defaults when there is none.
Config load_config(VaultSource& source);

} // namespace kith
