#pragma once
/// `.kith/config.yaml`: tiers and defaults.

#include "kith/model/date.hpp"
#include "kith/model/diagnostic.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kith {

struct Config {
    /// Tier name -> cadence in days (nullopt: the tier's cadence is `none`).
    std::map<std::string, std::optional<std::int32_t>> tiers{
        {"core", 30}, {"close", 90}, {"network", 180}};
    std::optional<std::int32_t> default_cadence = 365; ///< nullopt: `none`
    std::int32_t remind_within = 14;
    std::int32_t thank_within = 3;
    bool autocommit = true;
    /// (v1.2) Vault-relative folders whose `.md` files are contacts, without
    /// a trailing `/`; a new contact is written in the first.
    std::vector<std::string> contact_folders{"contacts"};

    /// "close, core, network" (sorted), for messages.
    std::string tier_list() const;
};

inline constexpr const char* k_config_path = ".kith/config.yaml";

/// A `contact_folders` item as kith keeps it (`./People/` -> `People`), or
/// nullopt with the reason in `why` (outside the vault, hidden, templates/).
std::optional<std::string> contact_folder(std::string_view written, std::string& why);

/// Parses the config text. Any problem is an error in `out` (a config error is
/// fatal for the caller); unknown keys are warnings.
Config parse_config(std::string_view text, Diagnostics& out);

} // namespace kith
