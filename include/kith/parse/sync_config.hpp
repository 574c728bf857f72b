#pragma once
/// The `sync_ignore` key of .kith/config.yaml: patterns of editor state that
/// `kith sync` never stops for (docs/sync.md). Only sync reads it, so it is
/// kept out of Config; parse_config checks it.

#include <string>
#include <string_view>
#include <vector>

namespace kith {

/// The patterns under `sync_ignore` (a list, or one pattern); empty when the
/// key is absent or the config cannot be read (parse_config reports that).
std::vector<std::string> sync_ignore_patterns(std::string_view config_text);

} // namespace kith
