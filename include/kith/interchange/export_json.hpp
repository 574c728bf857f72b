#pragma once
/// `kith export json`: the whole index as one JSON object, for scripts and
/// other tools. The shape is documented in docs/export-json.md; a pure
/// function of the index and today.

#include "kith/index/vault_index.hpp"
#include "kith/render/render.hpp"

namespace kith {

/// Version of the export's shape; raised when a field changes meaning or goes.
inline constexpr int k_export_json_version = 1;

Json export_json(const VaultIndex& index, Date today);

} // namespace kith
