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

namespace {

constexpr std::string_view k_vs16 = "\xEF\xB8\x8F"; // emoji presentation selector

/// The Tasks plugin's due-date signifiers: 📅, and the 📆 and 🗓 it also reads.
constexpr std::string_view k_due_marks[] = {"\xF0\x9F\x93\x85", "\xF0\x9F\x93\x86", "\xF0\x9F\x97\x93"};
/// Signifiers whose date is not a due date: ➕ created, 🛫 start, ⏳ and ⌛
/// scheduled, ✅ done, ❌ cancelled.
constexpr std::string_view k_other_date_marks[] = {"\xE2\x9E\x95", "\xF0\x9F\x9B\xAB", "\xE2\x8F\xB3",
                                                   "\xE2\x8C\x9B", "\xE2\x9C\x85", "\xE2\x9D\x8C"};

/// Whether the text just before `pos` (blanks and an emoji selector skipped)
/// ends with one of `marks`.
template <std::size_t N> bool after_mark(std::string_view text, std::size_t pos, const std::string_view (&marks)[N]) {
    std::string_view before = text.substr(0, pos);
    while (!before.empty() && (before.back() == ' ' || before.back() == '\t')) before.remove_suffix(1);
    if (before.ends_with(k_vs16)) before.remove_suffix(k_vs16.size());
    for (std::string_view m : marks)
        if (before.ends_with(m)) return true;
    return false;
}

} // namespace

DueScan scan_due_date(std::string_view text) {
    DueScan r;
    std::size_t at = std::string_view::npos, mark_size = 0;
    for (std::string_view m : k_due_marks)
        if (std::size_t f = text.find(m); f < at) {
            at = f;
            mark_size = m.size();
        }
    if (at != std::string_view::npos) {
        std::string_view rest = text.substr(at + mark_size);
        if (rest.starts_with(k_vs16)) rest.remove_prefix(k_vs16.size());
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
        if (after_mark(text, i, k_other_date_marks)) { // a created, start, scheduled, done or cancelled date
            i += 9;
            continue;
        }
        r.due = Date::parse(text.substr(i, 10));
        if (!r.due) r.bad = std::string(text.substr(i, 10));
        return r;
    }
    return r;
}

bool is_daily_note_target(std::string_view target) {
    return target.size() == 10 && looks_like_iso_date(target);
}

std::optional<EntryLead> entry_date_lead(std::string_view text) {
    std::string_view date;
    std::size_t rest = 0;
    if (starts_with_date_token(text)) {
        date = text.substr(0, 10);
        rest = 10;
    } else if (text.starts_with("[[")) {
        // `[[2026-11-02]]`, `[[Daily Notes/2026-11-02|label]]`: a daily-note link
        const std::size_t close = text.find("]]", 2);
        if (close == std::string_view::npos) return std::nullopt;
        const std::string_view inner = text.substr(2, close - 2);
        if (inner.find_first_of("[]\n") != std::string_view::npos) return std::nullopt;
        const std::string target = normalise_link_target(inner);
        if (!is_daily_note_target(target)) return std::nullopt;
        const std::size_t at = inner.substr(0, inner.find_first_of("|#^")).rfind(target);
        if (at == std::string_view::npos) return std::nullopt;
        date = text.substr(2 + at, 10);
        rest = close + 2;
    } else if ((text.starts_with("**") || text.starts_with("__")) && looks_like_iso_date(text.substr(2)) &&
               text.substr(12, 2) == text.substr(0, 2)) {
        date = text.substr(2, 10);
        rest = 14;
    } else {
        return std::nullopt;
    }
    if (rest < text.size()) {
        const auto c = static_cast<unsigned char>(text[rest]);
        if (is_word_byte(c) || c == '_') return std::nullopt;
    }
    // One separator after the date is not part of the text: `2026-11-02: coffee`,
    // `2026-11-02 - coffee`, `2026-11-02 – coffee` (en or em dash).
    std::string_view tail = trim(text.substr(rest));
    for (std::string_view sep : {std::string_view(":"), std::string_view("-"), std::string_view("\xE2\x80\x93"),
                                 std::string_view("\xE2\x80\x94")}) {
        if (!tail.starts_with(sep)) continue;
        if (sep == ":" || tail.size() == sep.size() || tail[sep.size()] == ' ' || tail[sep.size()] == '\t')
            tail = trim(tail.substr(sep.size()));
        break;
    }
    return EntryLead{date, tail};
}

std::optional<std::string> foreign_date_lead(std::string_view text) {
    auto digits = [&](std::size_t at, std::size_t min, std::size_t max) -> std::size_t {
        std::size_t n = 0;
        while (at + n < text.size() && n < max + 1 && is_digit(text[at + n])) ++n;
        return n >= min && n <= max ? n : 0;
    };
    // YYYY/MM/DD, YYYY.MM.DD, DD.MM.YYYY, MM/DD/YYYY (one or two digits for day and month)
    std::size_t end = 0;
    if (std::size_t a = digits(0, 4, 4); a && a < text.size() && (text[a] == '/' || text[a] == '.')) {
        const char sep = text[a];
        if (std::size_t b = digits(a + 1, 1, 2); b && a + 1 + b < text.size() && text[a + 1 + b] == sep)
            if (std::size_t c = digits(a + 2 + b, 1, 2)) end = a + 2 + b + c;
    } else if (std::size_t a2 = digits(0, 1, 2); a2 && a2 < text.size() && (text[a2] == '/' || text[a2] == '.')) {
        const char sep = text[a2];
        if (std::size_t b = digits(a2 + 1, 1, 2); b && a2 + 1 + b < text.size() && text[a2 + 1 + b] == sep)
            if (std::size_t c = digits(a2 + 2 + b, 4, 4)) end = a2 + 2 + b + c;
    }
    if (end == 0) return std::nullopt;
    if (end < text.size() && (is_digit(text[end]) || text[end] == '.' || text[end] == '/')) return std::nullopt;
    return std::string(text.substr(0, end));
}

} // namespace kith
