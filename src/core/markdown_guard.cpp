#include "kith/parse/markdown_guard.hpp"

namespace kith {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/// How many bytes at `i` start an HTML block (CommonMark's start conditions,
/// read loosely: the tag name is enough), or 0.
std::size_t html_start_length(std::string_view s, std::size_t i) {
    std::string_view rest = s.substr(i);
    if (rest.substr(0, 9) == "<![CDATA[") return 9;
    if (rest.substr(0, 4) == "<!--") return 4;
    if (rest.size() >= 3 && rest[1] == '!' && is_alpha(rest[2])) return 2;
    if (rest.size() >= 2 && rest[1] == '?') return 2;
    std::size_t k = rest.size() >= 2 && rest[1] == '/' ? 2 : 1;
    if (k >= rest.size() || !is_alpha(rest[k])) return 0;
    while (k < rest.size() && (is_alpha(rest[k]) || is_digit(rest[k]) || rest[k] == '-')) ++k;
    return k;
}

/// Masks the inline syntax of line [b, e) of `out` in place and returns how
/// many container markers (`>`, list markers) the line starts with.
int mask_line(std::string& out, std::size_t b, std::size_t e) {
    std::string_view s(out);
    std::size_t i = b;
    int depth = 0;
    bool after_item = false;
    std::size_t ws = 0;
    for (;;) {
        ws = 0;
        while (i < e && is_blank(s[i])) {
            ws += s[i] == '\t' ? 4 : 1;
            ++i;
        }
        if (i >= e) break;
        const bool marker_end = i + 1 == e || is_blank(s[i + 1]);
        if (s[i] == '>') {
            ++i;
            ++depth;
            after_item = false;
            continue;
        }
        if ((s[i] == '-' || s[i] == '+' || s[i] == '*') && marker_end) {
            ++i;
            ++depth;
            after_item = true;
            continue;
        }
        std::size_t j = i;
        while (j < e && j - i < 9 && is_digit(s[j])) ++j;
        if (j > i && j < e && (s[j] == '.' || s[j] == ')') && (j + 1 == e || is_blank(s[j + 1]))) {
            i = j + 1;
            ++depth;
            after_item = true;
            continue;
        }
        if (after_item && i + 2 < e && s[i] == '[' && (s[i + 1] == ' ' || s[i + 1] == 'x' || s[i + 1] == 'X') &&
            s[i + 2] == ']' && (i + 3 == e || is_blank(s[i + 3]))) {
            i += 3; // a task box
            after_item = false;
            continue;
        }
        break;
    }
    if (i >= e) return depth;

    // A thematic break of `*` or `_` (three or more, blanks between): kept.
    if (s[i] == '*' || s[i] == '_') {
        std::size_t count = 0;
        std::size_t k = i;
        for (; k < e && (s[k] == s[i] || is_blank(s[k])); ++k) count += s[k] == s[i];
        if (k == e && count >= 3) return depth;
    }

    if (s[i] == '`') {
        std::size_t r = i;
        while (r < e && s[r] == '`') ++r;
        if (r - i >= 3 && s.substr(r, e - r).find('`') == std::string_view::npos) i = r; // a code fence
    } else if (s[i] == '<' && ws <= (depth > 0 ? 4u : 3u)) {
        i += html_start_length(s, i); // an HTML block may start here
    }
    for (std::size_t k = i; k < e; ++k) {
        char& c = out[k];
        switch (c) {
        case '`': case '*': case '_': case '[': case '!': case '&': case '\\':
            c = 'x';
            break;
        case '<':
            if (k + 1 >= e || out[k + 1] != '/') c = 'x'; // `</script>` ends an HTML block
            break;
        case ']':
            if (k + 1 >= e || (out[k + 1] != ']' && out[k + 1] != '>')) c = 'x'; // `]]>` ends one
            break;
        default:
            break;
        }
    }
    return depth;
}

} // namespace

MaskedBody mask_inline_syntax(std::string_view body) {
    MaskedBody m;
    m.text = std::string(body);
    int line = 1;
    std::size_t b = 0;
    const std::size_t n = body.size();
    while (b <= n) {
        std::size_t e = b;
        while (e < n && body[e] != '\n' && body[e] != '\r') ++e;
        int depth = mask_line(m.text, b, e);
        if (depth > k_max_block_nesting && m.deep_line == 0) {
            m.deep_line = line;
            m.deep_depth = depth;
        }
        if (e >= n) break;
        // CR, LF and CRLF each end a line, as in CommonMark.
        b = e + (body[e] == '\r' && e + 1 < n && body[e + 1] == '\n' ? 2 : 1);
        ++line;
    }
    return m;
}

} // namespace kith
