#include "kith/parse/text.hpp"

#include <algorithm>
#include <unordered_map>

namespace kith {

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

std::string_view trim(std::string_view s) {
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return s;
}

bool is_word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

std::string mask_code_spans(std::string_view text) {
    std::string out(text);
    if (text.find('`') == std::string_view::npos) return out;
    // Every maximal backtick run, by length, in order: an opener's closer is
    // the first run of its length after it. Openers move only forward, so one
    // cursor per length makes the whole scan linear (a rescan to the end for
    // each unclosed opener was quadratic).
    struct Runs {
        std::vector<std::size_t> starts;
        std::size_t cursor = 0;
    };
    std::unordered_map<std::size_t, Runs> runs;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] != '`') {
            ++i;
            continue;
        }
        std::size_t r = 0;
        while (i + r < text.size() && text[i + r] == '`') ++r;
        runs[r].starts.push_back(i);
        i += r;
    }
    auto closer_after = [&](std::size_t len, std::size_t from) -> std::size_t {
        auto it = runs.find(len);
        if (it == runs.end()) return std::string_view::npos;
        Runs& rs = it->second;
        while (rs.cursor < rs.starts.size() && rs.starts[rs.cursor] < from) ++rs.cursor;
        return rs.cursor < rs.starts.size() ? rs.starts[rs.cursor] : std::string_view::npos;
    };
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '`') {
            i += 2; // an escaped backtick opens nothing
            continue;
        }
        if (text[i] != '`') {
            ++i;
            continue;
        }
        std::size_t run = 0;
        while (i + run < text.size() && text[i + run] == '`') ++run;
        // The closer is a whole run of exactly the same length.
        std::size_t close = closer_after(run, i + run);
        if (close == std::string_view::npos) {
            i += run; // no closer: the backticks are literal
            continue;
        }
        std::fill(out.begin() + static_cast<std::ptrdiff_t>(i),
                  out.begin() + static_cast<std::ptrdiff_t>(close + run), ' ');
        i = close + run;
    }
    return out;
}

std::vector<std::string> scan_tags(std::string_view text) {
    std::vector<std::string> tags;
    auto tag_char = [](unsigned char c) { return is_word_byte(c) || c == '_' || c == '-' || c == '/'; };
    for (std::size_t i = text.find('#'); i < text.size(); ++i) {
        if (text[i] != '#') {
            i = text.find('#', i) - 1; // npos - 1 ends the loop
            continue;
        }
        if (i > 0) {
            auto p = static_cast<unsigned char>(text[i - 1]);
            if (is_word_byte(p) || p == '_' || p == '/' || p == '&') continue;
        }
        std::size_t j = i + 1;
        while (j < text.size() && tag_char(static_cast<unsigned char>(text[j]))) ++j;
        if (j == i + 1) continue;
        std::string tag = ascii_lower(text.substr(i + 1, j - i - 1));
        if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(std::move(tag));
        i = j - 1;
    }
    return tags;
}

std::string normalise_link_target(std::string_view inner) {
    std::size_t cut = inner.find_first_of("|#^");
    std::string_view t = trim(inner.substr(0, cut));
    if (auto slash = t.rfind('/'); slash != std::string_view::npos) t = t.substr(slash + 1);
    if (t.size() >= 3 && t.substr(t.size() - 3) == ".md") t.remove_suffix(3);
    return std::string(trim(t));
}

void scan_links(std::string_view text, const std::function<void(std::string)>& on_link) {
    std::size_t i = 0;
    while ((i = text.find("[[", i)) != std::string_view::npos) {
        std::size_t start = i + 2;
        std::size_t j = start;
        while (j < text.size() && text[j] != ']' && text[j] != '[' && text[j] != '\n') ++j;
        if (j + 1 < text.size() && text[j] == ']' && text[j + 1] == ']' && j > start) {
            std::string target = normalise_link_target(text.substr(start, j - start));
            if (!target.empty()) on_link(std::move(target));
            i = j + 2;
        } else {
            i = start - 1; // `[[[x]]`: try again from the next bracket
        }
    }
}

bool starts_with_date_token(std::string_view text) {
    if (!looks_like_iso_date(text)) return false;
    if (text.size() == 10) return true;
    auto c = static_cast<unsigned char>(text[10]);
    return !(is_word_byte(c) || c == '_');
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// A date-like token at `pos`: not glued to other digits on either side.
bool date_token_at(std::string_view text, std::size_t pos) {
    if (pos > 0 && is_digit(text[pos - 1])) return false;
    if (!looks_like_iso_date(text.substr(pos))) return false;
    return pos + 10 >= text.size() || !is_digit(text[pos + 10]);
}

} // namespace

DueScan scan_due_date(std::string_view text) {
    DueScan r;
    constexpr std::string_view calendar = "\xF0\x9F\x93\x85"; // U+1F4C5 CALENDAR
    if (std::size_t at = text.find(calendar); at != std::string_view::npos) {
        std::string_view rest = text.substr(at + calendar.size());
        if (rest.substr(0, 3) == "\xEF\xB8\x8F") rest.remove_prefix(3); // emoji presentation selector
        while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
        if (looks_like_iso_date(rest)) {
            r.due = Date::parse(rest.substr(0, 10));
            if (!r.due) r.bad = std::string(rest.substr(0, 10));
        } else {
            r.bad = std::string(rest.substr(0, std::min<std::size_t>(rest.size(), 10)));
            if (r.bad.empty()) r.bad = "(nothing)";
        }
        return r;
    }
    for (std::size_t i = 0; i + 10 <= text.size(); ++i) {
        if (!is_digit(text[i]) || !date_token_at(text, i)) continue;
        r.due = Date::parse(text.substr(i, 10));
        if (!r.due) r.bad = std::string(text.substr(i, 10));
        return r;
    }
    return r;
}

} // namespace kith
