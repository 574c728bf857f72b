// Fuzz target: the sanitiser for terminal output (kith/render/terminal.hpp).
// Invariants: no crash; what visible() gives holds no control, DEL, C1 or
// bidi control and is valid UTF-8 (new line, tab and CR LF aside under
// Layout::Keep, none at all under Layout::Escape); it is idempotent; the
// stream filter, fed the same bytes in pieces cut where the input says,
// writes exactly visible() of the whole; without_controls leaves no C0 (but
// new line and tab), DEL or C1.

#include "fuzz_support.hpp"

#include "kith/render/terminal.hpp"

#include <sstream>
#include <string>

namespace {

bool clean(std::string_view s, bool keep_layout) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if (keep_layout && c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
                i += 2;
                continue;
            }
            if ((c < 0x20 && !(keep_layout && (c == '\n' || c == '\t'))) || c == 0x7F) return false;
            ++i;
            continue;
        }
        const int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
        if (n == 0 || c > 0xF4 || i + static_cast<std::size_t>(n) > s.size()) return false;
        char32_t cp = c & (n == 2 ? 0x1Fu : n == 3 ? 0x0Fu : 0x07u);
        for (int k = 1; k < n; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3Fu);
        }
        if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        if (kith::is_hidden_control(cp)) return false;
        i += static_cast<std::size_t>(n);
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kith;
    const std::string_view text = fuzz::as_text(data, size);

    const std::string keep = visible(text);
    fuzz::require(clean(keep, true), "visible() leaves no control and only valid UTF-8");
    fuzz::require(visible(keep) == keep, "visible() is idempotent");
    const std::string escaped = visible(text, Layout::Escape);
    fuzz::require(clean(escaped, false), "visible(Layout::Escape) leaves no control at all");

    // The stream filter, fed in pieces: lengths taken from the input itself.
    std::ostringstream target;
    {
        VisibleBuf buf(target.rdbuf());
        std::ostream out(&buf);
        std::size_t i = 0, k = 0;
        while (i < text.size()) {
            const std::size_t len = 1 + static_cast<unsigned char>(text[k++ % text.size()]) % 7;
            const std::size_t n = std::min(len, text.size() - i);
            out.write(text.data() + i, static_cast<std::streamsize>(n));
            if (len % 2) out.flush();
            i += n;
        }
    }
    fuzz::require(target.str() == keep, "the stream filter writes visible() of the whole");

    const std::string dropped = without_controls(text);
    for (std::size_t i = 0; i < dropped.size(); ++i) {
        const auto c = static_cast<unsigned char>(dropped[i]);
        fuzz::require(!((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F), "without_controls drops C0 and DEL");
        if (c == 0xC2 && i + 1 < dropped.size()) {
            const auto n = static_cast<unsigned char>(dropped[i + 1]);
            fuzz::require(!(n >= 0x80 && n <= 0x9F), "without_controls drops C1");
        }
    }
    return 0;
}
