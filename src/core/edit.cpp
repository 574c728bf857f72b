#include "kith/edit/edit.hpp"

#include "kith/parse/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <map>

namespace kith::edit {
namespace {

/// A file as lines, each with its own line ending, so that joining them gives
/// back the exact bytes.
struct Doc {
    std::string bom;
    std::vector<std::string> lines;
    std::vector<std::string> eols; ///< "\n", "\r\n", or "" for a last line without one
    std::string eol = "\n";        ///< the file's style, for new lines
    std::size_t body = 0;          ///< first line after the front matter
    std::size_t fm_close = std::string::npos; ///< the closing fence's line

    explicit Doc(std::string_view text) {
        if (text.substr(0, 3) == "\xEF\xBB\xBF") {
            bom = text.substr(0, 3);
            text.remove_prefix(3);
        }
        std::size_t pos = 0;
        while (pos < text.size()) {
            std::size_t nl = text.find('\n', pos);
            std::string_view l = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
            std::string e = nl == std::string_view::npos ? "" : "\n";
            if (!e.empty() && !l.empty() && l.back() == '\r') {
                l.remove_suffix(1);
                e = "\r\n";
            }
            lines.emplace_back(l);
            eols.push_back(e);
            if (nl == std::string_view::npos) break;
            pos = nl + 1;
        }
        for (const auto& e : eols)
            if (!e.empty()) {
                eol = e;
                break;
            }
        if (!lines.empty() && rtrim(lines[0]) == "---") {
            for (std::size_t i = 1; i < lines.size(); ++i) {
                std::string_view t = rtrim(lines[i]);
                if (t == "---" || t == "...") {
                    fm_close = i;
                    body = i + 1;
                    break;
                }
            }
        }
    }

    static std::string_view rtrim(std::string_view s) {
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
        return s;
    }

    std::string join() const {
        std::string out = bom;
        for (std::size_t i = 0; i < lines.size(); ++i) out += lines[i] + eols[i];
        return out;
    }

    /// Inserts lines before index `at`. At the end of a file that had no final
    /// newline, the new last line has none either.
    void insert(std::size_t at, const std::vector<std::string>& added) {
        if (added.empty()) return;
        std::vector<std::string> new_eols(added.size(), eol);
        if (at == lines.size() && !lines.empty() && eols.back().empty()) {
            eols.back() = eol;
            new_eols.back() = "";
        }
        lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(at), added.begin(), added.end());
        eols.insert(eols.begin() + static_cast<std::ptrdiff_t>(at), new_eols.begin(), new_eols.end());
    }

    void erase(std::size_t from, std::size_t to) {
        // Removing the last line of a file without a final newline: the new
        // last line keeps the file's habit.
        const bool last_had_none = to == lines.size() && !eols.empty() && eols.back().empty();
        lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(from), lines.begin() + static_cast<std::ptrdiff_t>(to));
        eols.erase(eols.begin() + static_cast<std::ptrdiff_t>(from), eols.begin() + static_cast<std::ptrdiff_t>(to));
        if (last_had_none && !eols.empty()) eols.back() = "";
    }

    bool blank(std::size_t i) const { return trim(lines[i]).empty(); }
};

bool indented(std::string_view l) { return !l.empty() && (l[0] == ' ' || l[0] == '\t'); }

/// `- `, `* `, `+ ` or `1. ` / `1) ` at column 0 (not a thematic break).
/// Returns the offset of the item's text, or 0 when the line is no item.
std::size_t item_text_offset(std::string_view l) {
    std::size_t i = 0;
    if (!l.empty() && (l[0] == '-' || l[0] == '*' || l[0] == '+')) {
        i = 1;
        // `***`, `- - -`: a thematic break, not an item.
        const char c = l[0];
        int marks = 0;
        bool only = true;
        for (char x : l) {
            if (x == c) ++marks;
            else if (x != ' ' && x != '\t') only = false;
        }
        if (only && marks >= 3) return 0;
    } else {
        while (i < l.size() && i < 9 && l[i] >= '0' && l[i] <= '9') ++i;
        if (i == 0 || i >= l.size() || (l[i] != '.' && l[i] != ')')) return 0;
        ++i;
    }
    if (i < l.size() && l[i] != ' ' && l[i] != '\t') return 0;
    while (i < l.size() && (l[i] == ' ' || l[i] == '\t')) ++i;
    return i;
}

bool is_item(std::string_view l) { return item_text_offset(l) != 0 || l == "-" || l == "*" || l == "+"; }

int heading_level(std::string_view l) {
    std::size_t i = 0;
    while (i < 3 && i < l.size() && l[i] == ' ') ++i;
    int level = 0;
    while (i < l.size() && l[i] == '#' && level < 7) {
        ++i;
        ++level;
    }
    if (level == 0 || level > 6) return 0;
    if (i < l.size() && l[i] != ' ' && l[i] != '\t') return 0;
    return level;
}

std::string heading_title(std::string_view l) {
    std::string_view t = trim(l);
    while (!t.empty() && t.front() == '#') t.remove_prefix(1);
    t = trim(t);
    while (!t.empty() && t.back() == '#') t.remove_suffix(1);
    return ascii_lower(trim(t));
}

struct Fences {
    /// Per line of the body: inside a fenced code block (fence lines included).
    static std::vector<bool> of(const Doc& d) {
        std::vector<bool> in(d.lines.size(), false);
        std::string fence;
        for (std::size_t i = d.body; i < d.lines.size(); ++i) {
            std::string_view l = d.lines[i];
            std::size_t s = 0;
            while (s < 3 && s < l.size() && l[s] == ' ') ++s;
            std::string_view t = l.substr(s);
            if (fence.empty()) {
                if (t.substr(0, 3) == "```" || t.substr(0, 3) == "~~~") {
                    std::size_t n = 0;
                    while (n < t.size() && t[n] == t[0]) ++n;
                    fence = std::string(n, t[0]);
                    in[i] = true;
                }
            } else {
                in[i] = true;
                if (t.substr(0, fence.size()) == fence && trim(t.substr(fence.size())).find_first_not_of(fence[0]) == std::string_view::npos)
                    fence.clear();
            }
        }
        return in;
    }
};

struct Section {
    std::size_t heading = std::string::npos;
    std::size_t end = 0; ///< exclusive
};

Section find_section(const Doc& d, const std::vector<std::string>& titles) {
    auto fenced = Fences::of(d);
    Section s;
    int level = 0;
    for (std::size_t i = d.body; i < d.lines.size(); ++i) {
        if (fenced[i]) continue;
        int lv = heading_level(d.lines[i]);
        if (lv == 0) continue;
        if (s.heading != std::string::npos) {
            if (lv <= level) {
                s.end = i;
                return s;
            }
            continue;
        }
        if (std::find(titles.begin(), titles.end(), heading_title(d.lines[i])) != titles.end()) {
            s.heading = i;
            level = lv;
        }
    }
    if (s.heading != std::string::npos) s.end = d.lines.size();
    return s;
}

/// One past the last line of the list item starting at `item` (its
/// continuation lines, nested items and fenced code included), within
/// [item, end).
std::size_t item_block_end(const Doc& d, std::size_t item, std::size_t end, const std::vector<bool>& fenced) {
    std::size_t j = item + 1;
    while (j < end) {
        if (fenced[j]) { // a code block inside the item: `# x` there is no heading
            ++j;
            continue;
        }
        if (d.blank(j)) {
            std::size_t k = j;
            while (k < end && d.blank(k)) ++k;
            if (k < end && indented(d.lines[k])) {
                j = k;
                continue;
            }
            break;
        }
        if (is_item(d.lines[j]) || heading_level(d.lines[j])) break;
        ++j;
    }
    return j;
}

char marker_of(const Doc& d, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
        const std::string& l = d.lines[i];
        if (item_text_offset(l) && (l[0] == '-' || l[0] == '*' || l[0] == '+')) return l[0];
    }
    return '-';
}

/// Makes sure a new item at `at` will not swallow the next line as a lazy
/// continuation.
void insert_item(Doc& d, std::size_t at, const std::string& line) {
    std::vector<std::string> added;
    // Right under a heading: a blank line first, as people write it.
    if (at > 0 && heading_level(d.lines[at - 1])) added.emplace_back();
    added.push_back(line);
    // Any following text that is not an item (a heading, a paragraph) gets a
    // blank line, so that it is neither swallowed by the item nor glued to it.
    if (at < d.lines.size() && !d.blank(at) && !is_item(d.lines[at])) added.emplace_back();
    d.insert(at, added);
}

/// Adds `## Title` with one item at the end of the document.
void append_section(Doc& d, const std::string& title, const std::string& item) {
    std::vector<std::string> added;
    if (!d.lines.empty() && !d.blank(d.lines.size() - 1)) added.emplace_back();
    added.push_back("## " + title);
    added.emplace_back();
    added.push_back(item);
    d.insert(d.lines.size(), added);
}

/// Where a new item goes at the end of a section: after its last top-level
/// item, else right after the heading (and one blank line).
std::size_t end_of_items(const Doc& d, const Section& s, const std::vector<bool>& fenced) {
    std::size_t last_item = std::string::npos;
    for (std::size_t i = s.heading + 1; i < s.end; ++i)
        if (!fenced[i] && item_text_offset(d.lines[i])) last_item = i;
    if (last_item != std::string::npos) return item_block_end(d, last_item, s.end, fenced);
    std::size_t p = s.heading + 1;
    if (p < s.end && d.blank(p)) ++p;
    return p;
}

std::string box_text(const std::string& l) {
    std::size_t off = item_text_offset(l);
    return off ? l.substr(off) : std::string();
}

bool is_task_text(std::string_view t) {
    return t.size() >= 3 && t[0] == '[' && (t[1] == ' ' || t[1] == 'x' || t[1] == 'X') && t[2] == ']' &&
           (t.size() == 3 || t[3] == ' ' || t[3] == '\t');
}

} // namespace

namespace {

/// The first section (under any heading) holding a top-level item that
/// `holds` accepts; no heading when there is none.
template <class Pred> Section section_holding(const Doc& d, Pred holds) {
    auto fenced = Fences::of(d);
    std::size_t heading = std::string::npos;
    bool found = false;
    for (std::size_t i = d.body; i < d.lines.size() && !found; ++i) {
        if (fenced[i]) continue;
        if (heading_level(d.lines[i])) heading = i;
        else if (heading != std::string::npos && holds(box_text(d.lines[i]))) found = true;
    }
    if (!found) return {};
    // The section runs to the next heading of its level or higher.
    const int level = heading_level(d.lines[heading]);
    Section s{heading, d.lines.size()};
    for (std::size_t i = heading + 1; i < d.lines.size(); ++i)
        if (!fenced[i] && heading_level(d.lines[i]) && heading_level(d.lines[i]) <= level) {
            s.end = i;
            break;
        }
    return s;
}

bool is_dated_entry(std::string_view t) {
    return !t.empty() && !is_task_text(t) && starts_with_date_token(t) && Date::parse(t.substr(0, 10));
}

bool is_open_task(std::string_view t) { return t.size() >= 3 && t.substr(0, 3) == "[ ]"; }

} // namespace

std::string insert_log_entry(std::string_view text, Date date, std::string_view entry, std::string_view heading) {
    Doc d(text);
    Section s = find_section(d, {ascii_lower(heading)});
    if (s.heading == std::string::npos) s = section_holding(d, is_dated_entry);
    if (s.heading == std::string::npos) {
        append_section(d, std::string(heading), std::string("- ") + std::string(entry));
        return d.join();
    }
    auto fenced = Fences::of(d);
    const std::string line = std::string(1, marker_of(d, s.heading + 1, s.end)) + " " + std::string(entry);
    std::size_t last_entry = std::string::npos;
    for (std::size_t i = s.heading + 1; i < s.end; ++i) {
        if (fenced[i]) continue;
        std::string t = box_text(d.lines[i]);
        if (t.empty() || is_task_text(t) || !starts_with_date_token(t)) continue;
        auto when = Date::parse(std::string_view(t).substr(0, 10));
        if (!when) continue;
        if (*when <= date) {
            insert_item(d, i, line);
            return d.join();
        }
        last_entry = i;
    }
    std::size_t at = last_entry != std::string::npos ? item_block_end(d, last_entry, s.end, fenced) : end_of_items(d, s, fenced);
    insert_item(d, at, line);
    return d.join();
}

std::string append_follow_up(std::string_view text, std::string_view task, std::string_view heading) {
    Doc d(text);
    const std::string line = "- [ ] " + std::string(task);
    Section s = find_section(d, {ascii_lower(heading), "follow-ups", "follow ups", "followups", "follow-up"});
    if (s.heading == std::string::npos) s = section_holding(d, is_open_task);
    if (s.heading == std::string::npos) {
        append_section(d, std::string(heading), line);
        return d.join();
    }
    auto fenced = Fences::of(d);
    insert_item(d, end_of_items(d, s, fenced), line);
    return d.join();
}

std::string append_note_entry(std::string_view text, std::string_view entry) {
    Doc d(text);
    auto fenced = Fences::of(d);
    std::size_t last_nonblank = std::string::npos;
    for (std::size_t i = d.body; i < d.lines.size(); ++i)
        if (!d.blank(i)) last_nonblank = i;
    std::size_t last_item = std::string::npos;
    for (std::size_t i = d.body; i < d.lines.size(); ++i)
        if (!fenced[i] && item_text_offset(d.lines[i])) last_item = i;
    const std::string line = "- " + std::string(entry);
    if (last_item != std::string::npos && last_nonblank != std::string::npos) {
        std::size_t end = item_block_end(d, last_item, d.lines.size(), fenced);
        if (end > last_nonblank) {
            insert_item(d, end, line);
            return d.join();
        }
    }
    std::vector<std::string> added;
    if (last_nonblank != std::string::npos && !d.blank(d.lines.size() - 1)) added.emplace_back();
    added.push_back(line);
    d.insert(d.lines.size(), added);
    return d.join();
}

std::string tick_task(std::string_view text, int line) {
    Doc d(text);
    if (line < 1 || static_cast<std::size_t>(line) > d.lines.size()) throw EditError("line " + std::to_string(line) + " is past the end of the file");
    std::string& l = d.lines[static_cast<std::size_t>(line - 1)];
    std::size_t i = 0;
    while (i < l.size() && (l[i] == ' ' || l[i] == '\t')) ++i;
    std::size_t off = item_text_offset(std::string_view(l).substr(i));
    if (!off || l.compare(i + off, 3, "[ ]") != 0)
        throw EditError("line " + std::to_string(line) + " holds no open follow-up (was the file changed?)");
    l[i + off + 1] = 'x';
    return d.join();
}

namespace {

constexpr std::string_view k_recur = "\xF0\x9F\x94\x81"; // 🔁
constexpr std::string_view k_due = "\xF0\x9F\x93\x85";   // 📅
constexpr std::string_view k_scheduled = "\xE2\x8F\xB3"; // ⏳
constexpr std::string_view k_start = "\xF0\x9F\x9B\xAB"; // 🛫
constexpr std::string_view k_created = "\xE2\x9E\x95";   // ➕
constexpr std::string_view k_done = "\xE2\x9C\x85";      // ✅

/// Where `SIGN YYYY-MM-DD` is in `l` (the offset of the date), or npos.
std::size_t date_after(std::string_view l, std::string_view sign) {
    for (std::size_t at = l.find(sign); at != std::string_view::npos; at = l.find(sign, at + 1)) {
        std::size_t i = at + sign.size();
        while (i < l.size() && l[i] == ' ') ++i;
        if (i + 10 <= l.size() && Date::parse(l.substr(i, 10))) return i;
    }
    return std::string_view::npos;
}

Date add_months(Date d, int months) {
    const int m0 = d.year() * 12 + (d.month() - 1) + months;
    const int y = m0 / 12, m = m0 % 12 + 1;
    for (int day = d.day(); day >= 28; --day)
        if (auto r = Date::from_ymd(y, m, day)) return *r;
    return *Date::from_ymd(y, m, d.day());
}

/// Where a done date goes: before a trailing block id (` ^abc`) and spaces.
std::size_t end_of_task(std::string_view l) {
    std::size_t end = l.size();
    while (end > 0 && (l[end - 1] == ' ' || l[end - 1] == '\t')) --end;
    std::size_t sp = l.substr(0, end).rfind(' ');
    if (sp != std::string_view::npos && sp + 1 < end && l[sp + 1] == '^') {
        bool id = true;
        for (std::size_t i = sp + 2; i < end; ++i)
            if (!std::isalnum(static_cast<unsigned char>(l[i])) && l[i] != '-') id = false;
        if (id) {
            end = sp;
            while (end > 0 && (l[end - 1] == ' ' || l[end - 1] == '\t')) --end;
        }
    }
    return end;
}

} // namespace

std::optional<Date> next_recurrence(std::string_view rule, Date due, Date today) {
    std::string r = ascii_lower(trim(rule));
    bool when_done = false;
    if (r.size() >= 9 && r.compare(r.size() - 9, 9, "when done") == 0) {
        when_done = true;
        r = std::string(trim(std::string_view(r).substr(0, r.size() - 9)));
    }
    const Date base = when_done ? today : due;
    std::string_view v = r;
    if (v.substr(0, 6) != "every ") return std::nullopt;
    v.remove_prefix(6);
    v = trim(v);
    if (v == "weekday") {
        Date d = base + 1;
        const Date monday = *Date::from_ymd(2024, 1, 1); // a Monday
        while (((d - monday) % 7 + 7) % 7 >= 5) d = d + 1;
        return d;
    }
    int n = 1;
    if (!v.empty() && v[0] >= '0' && v[0] <= '9') {
        n = 0;
        while (!v.empty() && v[0] >= '0' && v[0] <= '9' && n < 10000) {
            n = n * 10 + (v[0] - '0');
            v.remove_prefix(1);
        }
        if (n == 0 || v.empty() || v[0] != ' ') return std::nullopt;
        v = trim(v);
    }
    auto unit = [&](std::string_view one) { return v == one || v == std::string(one) + "s"; };
    if (unit("day")) return base + n;
    if (unit("week")) return base + 7 * n;
    if (unit("month")) return add_months(base, n);
    if (unit("year")) return add_months(base, 12 * n);
    return std::nullopt;
}

std::string complete_task(std::string_view text, int line, Date today) {
    Doc d(text);
    std::string ticked = tick_task(text, line);
    Doc t(ticked);
    std::string& l = t.lines[static_cast<std::size_t>(line - 1)];
    const bool recurs = l.find(k_recur) != std::string::npos;
    const bool tasks_style = recurs || date_after(l, k_due) != std::string::npos ||
                             date_after(l, k_scheduled) != std::string::npos ||
                             date_after(l, k_start) != std::string::npos || date_after(l, k_created) != std::string::npos;
    if (!tasks_style || date_after(l, k_done) != std::string::npos) return ticked;
    const std::size_t end = end_of_task(l);
    l.insert(end, " " + std::string(k_done) + " " + today.iso());
    if (!recurs) return t.join();

    // The next instance, open, above the done one (as the Tasks plugin makes it).
    std::string next = d.lines[static_cast<std::size_t>(line - 1)];
    const std::size_t r = next.find(k_recur) + k_recur.size();
    std::size_t rule_end = r;
    while (rule_end < next.size() && static_cast<unsigned char>(next[rule_end]) < 0x80 && next[rule_end] != '^') ++rule_end;
    const std::string rule(trim(std::string_view(next).substr(r, rule_end - r)));
    std::optional<Date> reference;
    for (std::string_view sign : {k_due, k_scheduled, k_start})
        if (std::size_t at = date_after(next, sign); at != std::string::npos) {
            reference = Date::parse(std::string_view(next).substr(at, 10));
            break;
        }
    auto when = next_recurrence(rule, reference.value_or(today), today);
    if (!when) throw EditError("kith cannot read the recurrence \"" + rule + "\" (it reads every N days, weeks, months or years, every weekday, and when done)");
    if (!reference) {
        next.insert(end_of_task(next), " " + std::string(k_due) + " " + when->iso());
    } else {
        const std::int32_t shift = *when - *reference;
        for (std::string_view sign : {k_due, k_scheduled, k_start})
            if (std::size_t at = date_after(next, sign); at != std::string::npos)
                next.replace(at, 10, (*Date::parse(std::string_view(next).substr(at, 10)) + shift).iso());
    }
    if (std::size_t at = date_after(next, k_created); at != std::string::npos) next.replace(at, 10, today.iso());
    // A block id names one item: the new one does not take it.
    const std::size_t e = end_of_task(next);
    if (e < next.size() && trim(std::string_view(next).substr(e)).substr(0, 1) == "^") next.resize(e);
    t.insert(static_cast<std::size_t>(line - 1), {next});
    return t.join();
}

namespace {

/// The key's line and one past its value's last line, within the front matter.
struct KeySpan {
    std::size_t line = std::string::npos;
    std::size_t end = 0;
};

KeySpan find_key(const Doc& d, std::string_view key) {
    if (d.fm_close == std::string::npos) throw EditError("the file has no front matter");
    KeySpan span;
    for (std::size_t i = 1; i < d.fm_close; ++i) {
        const std::string& l = d.lines[i];
        if (l.size() <= key.size() || l.compare(0, key.size(), key) != 0 || l[key.size()] != ':') continue;
        if (l.size() > key.size() + 1 && l[key.size() + 1] != ' ' && l[key.size() + 1] != '\t') continue;
        if (span.line != std::string::npos)
            throw EditError("'" + std::string(key) + "' is given more than once in the front matter; fix it by hand first");
        span.line = i;
    }
    if (span.line == std::string::npos) return span;
    std::size_t j = span.line + 1;
    while (j < d.fm_close) {
        const std::string& l = d.lines[j];
        if (indented(l) || l.rfind("- ", 0) == 0 || l == "-") {
            ++j;
            continue;
        }
        // Blank lines and comments at column 0 belong to the value when more
        // of it follows (`# - old-tag` between two items of a block list).
        if (d.blank(j) || trim(l).front() == '#') {
            std::size_t k = j;
            while (k < d.fm_close && (d.blank(k) || trim(d.lines[k]).front() == '#')) ++k;
            if (k < d.fm_close && (indented(d.lines[k]) || d.lines[k].rfind("- ", 0) == 0 || d.lines[k] == "-")) {
                j = k;
                continue;
            }
        }
        break;
    }
    span.end = j;
    return span;
}

/// ` # comment` at the end of a one-line plain or quoted value, or "".
/// Quotes only open a string at the start of the value (`O'Brien` is plain).
std::string trailing_comment(std::string_view value_line) {
    std::size_t i = 0;
    while (i < value_line.size() && (value_line[i] == ' ' || value_line[i] == '\t')) ++i;
    if (i < value_line.size() && (value_line[i] == '"' || value_line[i] == '\'')) {
        const char quote = value_line[i++];
        while (i < value_line.size()) {
            if (quote == '"' && value_line[i] == '\\') {
                i += 2;
                continue;
            }
            if (value_line[i] == quote) {
                if (quote == '\'' && i + 1 < value_line.size() && value_line[i + 1] == '\'') { // '' inside '...'
                    i += 2;
                    continue;
                }
                ++i;
                break;
            }
            ++i;
        }
    }
    for (; i < value_line.size(); ++i) {
        if (value_line[i] == '#' && i > 0 && (value_line[i - 1] == ' ' || value_line[i - 1] == '\t')) {
            std::size_t s = i;
            while (s > 0 && (value_line[s - 1] == ' ' || value_line[s - 1] == '\t')) --s;
            return std::string(value_line.substr(s));
        }
    }
    return {};
}

} // namespace

namespace {

bool comment_line(std::string_view l) {
    std::string_view t = trim(l);
    return !t.empty() && t.front() == '#';
}

/// Replaces the value's lines [span.line, span.end) with `line`, keeping the
/// whole-line comments that were among them (after the new line), and a
/// comment after a one-line value.
void replace_span(Doc& d, const KeySpan& span, std::string_view key, const std::string& line) {
    std::string comment;
    if (span.end == span.line + 1) comment = trailing_comment(std::string_view(d.lines[span.line]).substr(key.size() + 1));
    std::vector<std::string> kept{line + comment};
    for (std::size_t i = span.line + 1; i < span.end; ++i)
        if (comment_line(d.lines[i])) kept.push_back(d.lines[i]);
    const std::string eol = d.eols[span.end - 1];
    d.erase(span.line, span.end);
    for (std::size_t i = 0; i < kept.size(); ++i) {
        d.lines.insert(d.lines.begin() + static_cast<std::ptrdiff_t>(span.line + i), kept[i]);
        d.eols.insert(d.eols.begin() + static_cast<std::ptrdiff_t>(span.line + i),
                      i + 1 == kept.size() && !eol.empty() ? eol : d.eol);
    }
    if (eol.empty() && span.line + kept.size() == d.lines.size()) d.eols.back() = "";
}

/// A YAML scalar as written (plain, '...' or "..."), unquoted; a plain
/// value's trailing comment is cut.
std::string unquoted(std::string_view v) {
    v = trim(v);
    if (v.size() >= 2 && v.front() == '\'' && v.back() == '\'') {
        std::string out;
        for (std::size_t i = 1; i + 1 < v.size(); ++i) {
            out += v[i];
            if (v[i] == '\'' && v[i + 1] == '\'') ++i;
        }
        return out;
    }
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
        std::string out;
        for (std::size_t i = 1; i + 1 < v.size(); ++i) {
            if (v[i] == '\\' && i + 2 < v.size()) {
                const char e = v[++i];
                out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
                continue;
            }
            out += v[i];
        }
        return out;
    }
    return std::string(v);
}

/// The items of a one-line value: a flow list `[a, "b, c"]`, or a scalar
/// (split at commas when `commas`, as comma-string tags are read).
std::vector<std::string> one_line_values(std::string_view v, bool commas) {
    std::vector<std::string> out;
    v = trim(v);
    const bool flow = v.size() >= 2 && v.front() == '[' && v.back() == ']';
    if (flow) v = v.substr(1, v.size() - 2);
    else if (!commas) {
        if (std::string one = unquoted(v); !one.empty()) out.push_back(std::move(one));
        return out;
    }
    std::size_t start = 0;
    char quote = 0;
    for (std::size_t i = 0; i <= v.size(); ++i) {
        if (i < v.size() && quote) {
            if (v[i] == '\\' && quote == '"') ++i;
            else if (v[i] == quote) quote = 0;
            continue;
        }
        if (i < v.size() && (v[i] == '"' || v[i] == '\'') && trim(v.substr(start, i - start)).empty()) {
            quote = v[i];
            continue;
        }
        if (i == v.size() || v[i] == ',') {
            std::string item = unquoted(v.substr(start, i - start));
            if (!item.empty()) out.push_back(std::move(item));
            start = i + 1;
        }
    }
    return out;
}

/// How values compare: without a leading `#`, ASCII case ignored.
std::string value_key(std::string_view v) {
    if (!v.empty() && v.front() == '#') v.remove_prefix(1);
    return ascii_lower(trim(v));
}

/// The value of a block list item line (`  - writer   # books` -> writer).
std::string item_value(std::string_view l) {
    std::size_t i = 0;
    while (i < l.size() && (l[i] == ' ' || l[i] == '\t')) ++i;
    std::string_view rest = l.substr(i + 1); // after '-'
    const std::string comment = trailing_comment(rest);
    return unquoted(rest.substr(0, rest.size() - comment.size()));
}

bool is_list_item_line(std::string_view l) {
    std::string_view t = l;
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    return t == "-" || t.rfind("- ", 0) == 0 || t.rfind("-\t", 0) == 0;
}

} // namespace

std::string set_key(std::string_view text, std::string_view key, std::string_view yaml_value) {
    Doc d(text);
    KeySpan span = find_key(d, key);
    const std::string line = std::string(key) + ": " + std::string(yaml_value);
    if (span.line == std::string::npos) {
        d.insert(d.fm_close, {line});
        return d.join();
    }
    replace_span(d, span, key, line);
    return d.join();
}

std::string edit_list(std::string_view text, std::string_view key, ListOp op, const std::vector<std::string>& values,
                      bool scalar_when_one, std::vector<std::string>* old_values) {
    Doc d(text);
    KeySpan span = find_key(d, key);
    const bool commas = key == "tags";
    auto has = [](const std::vector<std::string>& in, std::string_view v) {
        return std::any_of(in.begin(), in.end(), [&](const std::string& x) { return value_key(x) == value_key(v); });
    };
    auto emit = [&](const std::vector<std::string>& vs) {
        return scalar_when_one && vs.size() == 1 ? yaml_scalar(vs[0]) : yaml_list(vs);
    };
    if (span.line == std::string::npos) {
        if (op == ListOp::Remove)
            throw EditError("'" + std::string(key) + "' has no value \"" + (values.empty() ? "" : values[0]) + "\"");
        d.insert(d.fm_close, {std::string(key) + ": " + emit(values)});
        return d.join();
    }
    std::string_view head = std::string_view(d.lines[span.line]).substr(key.size() + 1);
    const std::string head_comment = trailing_comment(head);
    head = trim(head.substr(0, head.size() - head_comment.size()));

    // A block list (`key:` then `- item` lines): only the lines that change.
    if (head.empty()) {
        std::vector<std::size_t> items;
        std::vector<std::string> current;
        for (std::size_t i = span.line + 1; i < span.end; ++i)
            if (is_list_item_line(d.lines[i])) {
                items.push_back(i);
                current.push_back(item_value(d.lines[i]));
            }
        if (old_values) *old_values = current;
        std::vector<std::size_t> drop;
        std::vector<std::string> add;
        std::vector<std::string> kept;
        if (op == ListOp::Remove) {
            for (const std::string& v : values) {
                if (!has(current, v)) throw EditError("'" + std::string(key) + "' has no value \"" + v + "\"");
            }
            for (std::size_t k = 0; k < items.size(); ++k)
                if (has(values, current[k])) drop.push_back(items[k]);
        } else {
            for (std::size_t k = 0; k < items.size(); ++k) {
                if (op == ListOp::Replace && (!has(values, current[k]) || has(kept, current[k]))) drop.push_back(items[k]);
                else kept.push_back(current[k]);
            }
            for (const std::string& v : values)
                if (!has(kept, v) && !has(add, v)) add.push_back(v);
        }
        if (drop.size() == items.size() && add.empty()) { // nothing left: the key goes, its comments stay
            for (auto it = drop.rbegin(); it != drop.rend(); ++it) d.erase(*it, *it + 1);
            d.erase(span.line, span.line + 1);
            return d.join();
        }
        // New items after the last one kept, written like it.
        std::string prefix = "  - ";
        std::size_t at = span.line + 1;
        for (std::size_t k = 0; k < items.size(); ++k) {
            const std::string& l = d.lines[items[k]];
            prefix = l.substr(0, l.find('-') + 1) + " ";
            if (std::find(drop.begin(), drop.end(), items[k]) == drop.end()) at = items[k] + 1;
        }
        if (at == span.line + 1 && !items.empty()) at = items.front();
        std::vector<std::string> added;
        for (const std::string& v : add) added.push_back(prefix + yaml_list({v}).substr(1, yaml_list({v}).size() - 2));
        d.insert(at, added);
        for (auto it = drop.rbegin(); it != drop.rend(); ++it) {
            const std::size_t line = *it >= at ? *it + added.size() : *it;
            d.erase(line, line + 1);
        }
        return d.join();
    }

    // A one-line value (a flow list or a scalar): the line is rewritten.
    std::vector<std::string> current = one_line_values(head, commas);
    if (old_values) *old_values = current;
    std::vector<std::string> next;
    if (op == ListOp::Replace) {
        for (const std::string& v : values)
            if (!has(next, v)) next.push_back(v);
    } else if (op == ListOp::Add) {
        next = current;
        for (const std::string& v : values)
            if (!has(next, v)) next.push_back(v);
        if (next.size() == current.size()) return std::string(text);
    } else {
        for (const std::string& v : values)
            if (!has(current, v)) throw EditError("'" + std::string(key) + "' has no value \"" + v + "\"");
        for (const std::string& v : current)
            if (!has(values, v)) next.push_back(v);
        if (next.empty()) {
            d.erase(span.line, span.end);
            return d.join();
        }
    }
    replace_span(d, span, key, std::string(key) + ": " + emit(next));
    return d.join();
}

std::string unset_key(std::string_view text, std::string_view key) {
    Doc d(text);
    KeySpan span = find_key(d, key);
    if (span.line == std::string::npos) return std::string(text);
    // Whole-line comments among the value's lines are the user's notes: kept.
    for (std::size_t i = span.end; i-- > span.line;)
        if (i == span.line || !comment_line(d.lines[i])) d.erase(i, i + 1);
    return d.join();
}

namespace {

bool plain_safe(std::string_view v, bool in_flow) {
    if (v.empty() || v != trim(v)) return false;
    if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(v[0]) != std::string_view::npos) return false;
    if (v.find(": ") != std::string_view::npos || v.find(" #") != std::string_view::npos || v.back() == ':')
        return false;
    if (in_flow && v.find_first_of(",[]{}") != std::string_view::npos) return false;
    for (unsigned char c : v)
        if (c < 0x20 || c == 0x7F) return false;
    static const std::array<std::string_view, 12> special{"true", "false", "null", "~", "yes", "no",
                                                          "on",   "off",   "y",    "n", "---", "..."};
    const std::string lower = ascii_lower(v);
    return std::find(special.begin(), special.end(), lower) == special.end();
}

std::string double_quoted(std::string_view v) {
    std::string out = "\"";
    for (unsigned char c : v) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        default:
            if (c < 0x20 || c == 0x7F) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\x%02X", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    return out + "\"";
}

} // namespace

std::string yaml_scalar(std::string_view value) { return plain_safe(value, false) ? std::string(value) : double_quoted(value); }

std::string yaml_list(const std::vector<std::string>& values) {
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) out += ", ";
        out += plain_safe(values[i], true) ? values[i] : double_quoted(values[i]);
    }
    return out + "]";
}

std::string slugify(std::string_view name) {
    // Latin letters with marks, folded to what people type (U+00C0..U+017F).
    static const std::map<char32_t, const char*> fold{
        {U'à', "a"}, {U'á', "a"}, {U'â', "a"}, {U'ã', "a"}, {U'ä', "a"}, {U'å', "a"}, {U'æ', "ae"}, {U'ç', "c"},
        {U'è', "e"}, {U'é', "e"}, {U'ê', "e"}, {U'ë', "e"}, {U'ì', "i"}, {U'í', "i"}, {U'î', "i"}, {U'ï', "i"},
        {U'ð', "d"}, {U'ñ', "n"}, {U'ò', "o"}, {U'ó', "o"}, {U'ô', "o"}, {U'õ', "o"}, {U'ö', "o"}, {U'ø', "o"},
        {U'ù', "u"}, {U'ú', "u"}, {U'û', "u"}, {U'ü', "u"}, {U'ý', "y"}, {U'þ', "th"}, {U'ÿ', "y"}, {U'ß', "ss"},
        {U'À', "a"}, {U'Á', "a"}, {U'Â', "a"}, {U'Ã', "a"}, {U'Ä', "a"}, {U'Å', "a"}, {U'Æ', "ae"}, {U'Ç', "c"},
        {U'È', "e"}, {U'É', "e"}, {U'Ê', "e"}, {U'Ë', "e"}, {U'Ì', "i"}, {U'Í', "i"}, {U'Î', "i"}, {U'Ï', "i"},
        {U'Ð', "d"}, {U'Ñ', "n"}, {U'Ò', "o"}, {U'Ó', "o"}, {U'Ô', "o"}, {U'Õ', "o"}, {U'Ö', "o"}, {U'Ø', "o"},
        {U'Ù', "u"}, {U'Ú', "u"}, {U'Û', "u"}, {U'Ü', "u"}, {U'Ý', "y"}, {U'Þ', "th"},
        {U'ā', "a"}, {U'Ā', "a"}, {U'ă', "a"}, {U'Ă', "a"}, {U'ą', "a"}, {U'Ą', "a"}, {U'ć', "c"}, {U'Ć', "c"},
        {U'č', "c"}, {U'Č', "c"}, {U'ď', "d"}, {U'Ď', "d"}, {U'đ', "d"}, {U'Đ', "d"}, {U'ē', "e"}, {U'Ē', "e"},
        {U'ę', "e"}, {U'Ę', "e"}, {U'ě', "e"}, {U'Ě', "e"}, {U'ğ', "g"}, {U'Ğ', "g"}, {U'ī', "i"}, {U'Ī', "i"},
        {U'ı', "i"}, {U'İ', "i"}, {U'ł', "l"}, {U'Ł', "l"}, {U'ń', "n"}, {U'Ń', "n"}, {U'ň', "n"}, {U'Ň', "n"},
        {U'ō', "o"}, {U'Ō', "o"}, {U'ő', "o"}, {U'Ő', "o"}, {U'œ', "oe"}, {U'Œ', "oe"}, {U'ř', "r"}, {U'Ř', "r"},
        {U'ś', "s"}, {U'Ś', "s"}, {U'ş', "s"}, {U'Ş', "s"}, {U'š', "s"}, {U'Š', "s"}, {U'ţ', "t"}, {U'Ţ', "t"},
        {U'ť', "t"}, {U'Ť', "t"}, {U'ū', "u"}, {U'Ū', "u"}, {U'ů', "u"}, {U'Ů', "u"}, {U'ű', "u"}, {U'Ű', "u"},
        {U'ź', "z"}, {U'Ź', "z"}, {U'ż', "z"}, {U'Ż', "z"}, {U'ž', "z"}, {U'Ž', "z"},
    };
    std::string out;
    bool pending_dash = false;
    auto emit = [&](std::string_view s) {
        if (pending_dash && !out.empty()) out += '-';
        pending_dash = false;
        out += s;
    };
    for (std::size_t i = 0; i < name.size();) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (c < 0x80) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) emit(std::string(1, static_cast<char>(c)));
            else if (c >= 'A' && c <= 'Z') emit(std::string(1, static_cast<char>(c - 'A' + 'a')));
            else if (c == '\'') {} // "O'Brien" -> "obrien"
            else pending_dash = true;
            ++i;
            continue;
        }
        std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (name.substr(i, 3) == "\u2019" || name.substr(i, 3) == "\u2018") { // typographic apostrophes, as '
            i += 3;
            continue;
        }
        char32_t cp = 0;
        if (len == 2 && i + 1 < name.size()) cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(name[i + 1]) & 0x3Fu);
        if (auto it = fold.find(cp); it != fold.end()) emit(it->second);
        else pending_dash = true;
        i += len;
    }
    return out;
}

} // namespace kith::edit
