#include "kith/render/terminal.hpp"

#include <array>
#include <cstdint>
#include <cstring>

namespace kith {
namespace {

/// ASCII bytes written as they are: printable, plus new line and tab (which
/// Layout::Keep lets through; the loop checks the layout for those two).
constexpr auto k_plain = [] {
    std::array<bool, 256> t{};
    for (int b = 0x20; b < 0x7F; ++b) t[static_cast<std::size_t>(b)] = true;
    t['\n'] = true;
    t['\t'] = true;
    return t;
}();

constexpr char k_hex[] = "0123456789abcdef";
constexpr char k_hex_upper[] = "0123456789ABCDEF"; // for \xHH, as file names not in UTF-8 are shown

/// Where converted text goes: a string, or straight into a stream buffer
/// (runs of plain text are written from where they are, never copied).
struct ToString {
    std::string& out;
    void operator()(const char* p, std::size_t n) const { out.append(p, n); }
};
struct ToBuf {
    std::streambuf* buf;
    void operator()(const char* p, std::size_t n) const {
        if (n) buf->sputn(p, static_cast<std::streamsize>(n));
    }
};

template <class Emit> void append_u(const Emit& emit, char32_t cp) {
    const char esc[6] = {'\\', 'u', k_hex[(cp >> 12) & 15], k_hex[(cp >> 8) & 15], k_hex[(cp >> 4) & 15], k_hex[cp & 15]};
    emit(esc, sizeof esc);
}

template <class Emit> void append_x(const Emit& emit, unsigned char b) {
    const char esc[4] = {'\\', 'x', k_hex_upper[b >> 4], k_hex_upper[b & 15]};
    emit(esc, sizeof esc);
}

/// What starts at s[i] (a byte of 0x80 or more): the length of a valid UTF-8
/// sequence and its code point, 0 for a bad byte, or -1 when the bytes so far
/// are a valid beginning that the end of `s` cuts short.
int decode(std::string_view s, std::size_t i, char32_t& cp) {
    const auto c = static_cast<unsigned char>(s[i]);
    int n;
    if (c >= 0xC2 && c <= 0xDF) n = 2, cp = c & 0x1Fu;
    else if (c >= 0xE0 && c <= 0xEF) n = 3, cp = c & 0x0Fu;
    else if (c >= 0xF0 && c <= 0xF4) n = 4, cp = c & 0x07u;
    else return 0;
    for (int k = 1; k < n; ++k) {
        if (i + static_cast<std::size_t>(k) >= s.size()) return -1;
        const auto cc = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
        if ((cc & 0xC0) != 0x80) return 0;
        // The second byte's range rules out overlong forms, surrogates and
        // code points above U+10FFFF (RFC 3629).
        if (k == 1 && ((c == 0xE0 && cc < 0xA0) || (c == 0xED && cc >= 0xA0) || (c == 0xF0 && cc < 0x90) ||
                       (c == 0xF4 && cc >= 0x90)))
            return 0;
        cp = (cp << 6) | (cc & 0x3Fu);
    }
    return n;
}

/// Emits the visible form of `s`; returns how many bytes it used (all of
/// them, unless `partial_tail` and `s` ends inside a character or after a CR).
template <class Emit> std::size_t convert(const Emit& out, std::string_view s, Layout layout, bool partial_tail) {
    const bool keep = layout == Layout::Keep;
    std::size_t i = 0;
    while (i < s.size()) {
        // A run of text that passes (printable ASCII, layout, UTF-8 that is
        // not a control) goes out in one piece, from where it is.
        std::size_t run = i;
        char32_t cp = 0;
        int n = 0;
        while (run < s.size()) {
            // Eight bytes at a time while they are all printable ASCII (a
            // byte under 0x20 or over 0x7E stops it; exact, from Sean
            // Anderson's "bit twiddling hacks", hasless and hasmore).
            while (run + 8 <= s.size()) {
                std::uint64_t x;
                std::memcpy(&x, s.data() + run, 8);
                constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
                if ((((x - ones * 0x20) & ~x) | ((x + ones * (127 - 0x7E)) | x)) & highs) break;
                run += 8;
            }
            if (run == s.size()) break;
            const auto b = static_cast<unsigned char>(s[run]);
            if (k_plain[b] && (keep || (b != '\n' && b != '\t'))) {
                ++run;
                continue;
            }
            if (b < 0x80) break;
            n = decode(s, run, cp);
            if (n <= 0 || is_hidden_control(cp)) break;
            run += static_cast<std::size_t>(n);
        }
        out(s.data() + i, run - i);
        i = run;
        if (i == s.size()) break;
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '\r' && keep) {
            // CR LF ends a line of CSV, vCard and iCalendar: layout. A CR
            // alone would move back over what the line showed.
            if (i + 1 == s.size() && partial_tail) return i;
            if (i + 1 < s.size() && s[i + 1] == '\n') {
                out("\r\n", 2);
                i += 2;
                continue;
            }
        }
        if (c < 0x80) { // a C0 control, DEL, or new line / tab under Layout::Escape
            append_u(out, c);
            ++i;
            continue;
        }
        // The loop stopped at a byte of 0x80 or more: n and cp say why.
        if (n < 0) {
            if (partial_tail) return i;
            for (; i < s.size(); ++i) append_x(out, static_cast<unsigned char>(s[i]));
            break;
        }
        if (n == 0) {
            append_x(out, c);
            ++i;
            continue;
        }
        append_u(out, cp); // a C1 or bidi control
        i += static_cast<std::size_t>(n);
    }
    return i;
}

bool needs_nothing(std::string_view s, Layout layout) {
    if (layout == Layout::Keep) {
        for (char ch : s)
            if (!k_plain[static_cast<unsigned char>(ch)]) return false;
        return true;
    }
    for (char ch : s)
        if (!k_plain[static_cast<unsigned char>(ch)] || ch == '\n' || ch == '\t') return false;
    return true;
}

} // namespace

bool is_hidden_control(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

void append_visible(std::string& out, std::string_view s, Layout layout) { convert(ToString{out}, s, layout, false); }

std::string visible(std::string_view s, Layout layout) {
    if (needs_nothing(s, layout)) return std::string(s);
    std::string out;
    out.reserve(s.size() + 16);
    convert(ToString{out}, s, layout, false);
    return out;
}

std::string without_controls(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) continue;
        if (c >= 0x80 && c <= 0x9F && !out.empty() && static_cast<unsigned char>(out.back()) == 0xC2) {
            out.pop_back(); // U+0080 to U+009F (also when a dropped byte stood between)
            continue;
        }
        out += s[i];
    }
    return out;
}

// ------------------------------------------------------------------ VisibleBuf

namespace {
/// Text gathered before it is converted and written on: big enough that the
/// JSON of a large report goes out in few writes.
constexpr std::size_t k_chunk = std::size_t{1} << 16;
} // namespace

void VisibleBuf::drain(bool final) {
    if (m_pending.empty()) return;
    const std::size_t used = convert(ToBuf{m_target}, m_pending, Layout::Keep, !final);
    m_pending.erase(0, used);
}

void VisibleBuf::write_raw(std::string_view raw) {
    drain(true);
    m_target->sputn(raw.data(), static_cast<std::streamsize>(raw.size()));
}

void VisibleBuf::finish() {
    drain(true);
    m_target->pubsync();
}

VisibleBuf::int_type VisibleBuf::overflow(int_type c) {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    m_pending += traits_type::to_char_type(c);
    if (m_pending.size() >= k_chunk) drain(false);
    return c;
}

std::streamsize VisibleBuf::xsputn(const char* s, std::streamsize n) {
    const std::string_view in(s, static_cast<std::size_t>(n));
    if (m_pending.empty() && in.size() >= k_chunk) {
        // A large write (a report's JSON comes in pieces of 256 KiB) is
        // converted from where it is; only a character cut at its end waits.
        const std::size_t used = convert(ToBuf{m_target}, in, Layout::Keep, true);
        m_pending.assign(in.substr(used));
        return n;
    }
    m_pending.append(in);
    if (m_pending.size() >= k_chunk) drain(false);
    return n;
}

int VisibleBuf::sync() {
    drain(false);
    return m_target->pubsync();
}

void write_style(std::ostream& out, std::string_view style) {
    std::string seq = "\x1b[";
    seq += style.empty() ? std::string_view("0") : style;
    seq += 'm';
    // A VisibleBuf has no put area: what came before is already with it.
    if (auto* buf = dynamic_cast<VisibleBuf*>(out.rdbuf())) {
        buf->write_raw(seq);
    } else {
        out << seq;
    }
}

std::ostream& operator<<(std::ostream& out, const Styled& s) {
    if (!s.on) return out << s.text;
    write_style(out, s.style);
    out << s.text;
    write_style(out, "0");
    return out;
}

} // namespace kith
