#pragma once
// Shared by the fuzz targets: how an invariant failure is reported. A target
// that finds its invariant broken prints what and aborts, which libFuzzer
// records as a crash (with the input saved as a reproducer) and the replay
// tests of the normal build report as a failed test.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace kith::fuzz {

[[noreturn]] inline void broken(const char* what) {
    std::fprintf(stderr, "kith fuzz invariant broken: %s\n", what);
    std::abort();
}

inline void require(bool ok, const char* what) {
    if (!ok) broken(what);
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

/// Line breaks as CommonMark counts them: LF, CRLF and a lone CR.
inline int line_breaks(std::string_view s) {
    int n = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == s.size() || s[i + 1] != '\n'))) ++n;
    return n;
}

} // namespace kith::fuzz
