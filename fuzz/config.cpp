// Fuzz target: `.kith/config.yaml`. Invariants: no crash or hang; every
// diagnostic names the config file; a config without errors has tiers whose
// cadences are at least a day.

#include "fuzz_support.hpp"

#include "kith/parse/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kith;
    Diagnostics ds;
    Config cfg = parse_config(fuzz::as_text(data, size), ds);
    bool errors = false;
    for (const Diagnostic& d : ds) {
        fuzz::require(d.file == k_config_path && d.line >= 1 && !d.message.empty(), "diagnostic names the config");
        errors = errors || d.level == Level::Error;
    }
    if (!errors) {
        for (const auto& [name, days] : cfg.tiers)
            fuzz::require(!name.empty() && (!days || *days >= 1), "tiers have a name and a cadence of a day or more");
        fuzz::require(!cfg.default_cadence || *cfg.default_cadence >= 1, "default cadence of a day or more");
    }
    return 0;
}
