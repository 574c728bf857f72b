#pragma once
/// A problem found in the vault, printed as `path:line: level: message`.

#include <ostream>
#include <string>
#include <vector>

namespace kith {

enum class Level { Error, Warning };

struct Diagnostic {
    std::string file; ///< vault-relative path, `/`-separated
    int line = 1;     ///< 1-based; 1 when no better line is known
    Level level = Level::Error;
    std::string message; ///< lowercase, no final full stop, subject quoted

    friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

using Diagnostics = std::vector<Diagnostic>;

const char* level_name(Level level);

/// `path:line: level: message` (no newline).
std::string format_diagnostic(const Diagnostic& d);

/// Sorts by file (bytes), line, then level (errors first) and message, and drops
/// exact repeats, so that output is stable whatever the load order.
void sort_diagnostics(Diagnostics& ds);

} // namespace kith
