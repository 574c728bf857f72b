#pragma once
/// `.kith/config.yaml`: tiers and defaults.

#include "kith/model/date.hpp"
#include "kith/model/diagnostic.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace kith {

struct Config {
    /// Tier name -> cadence in days (nullopt: the tier's cadence is `none`).
    std::map<std::string, std::optional<std::int32_t>> tiers{
        {"core", 30}, {"close", 90}, {"network", 180}};
    std::optional<std::int32_t> default_cadence = 365; ///< nullopt: `none`
    std::int32_t remind_within = 14;
    std::int32_t thank_within = 3;
    bool autocommit = true;

    /// "close, core, network" (sorted), for messages.
    std::string tier_list() const;
};

inline constexpr const char* k_config_path = ".kith/config.yaml";

/// Parses the config text. Any problem is an error in `out` (a config error is
/// fatal for the caller); unknown keys are warnings.
Config parse_config(std::string_view text, Diagnostics& out);

} // namespace kith
