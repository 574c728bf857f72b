#include "kith/model/diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace kith {

const char* level_name(Level level) { return level == Level::Error ? "error" : "warning"; }

std::string format_diagnostic(const Diagnostic& d) {
    return d.file + ":" + std::to_string(d.line) + ": " + level_name(d.level) + ": " + d.message;
}

void sort_diagnostics(Diagnostics& ds) {
    auto key = [](const Diagnostic& d) { return std::tie(d.file, d.line, d.level, d.message); };
    std::stable_sort(ds.begin(), ds.end(), [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
    ds.erase(std::unique(ds.begin(), ds.end()), ds.end());
}

} // namespace kith
