// The semantic three-way merge of one vault file (kith/sync/merge.hpp).
//
// Pieces, bottom up:
// - `Lines`: a file cut into lines, each keeping its terminator; lines compare
//   by an interned id of their text with CRLF folded to LF.
// - `Differ`: a longest-common-subsequence line matcher (Myers' O(ND) with the
//   linear-space middle-snake bisection). Lines that occur on one side only are
//   dropped before the search (they can never match), so two unrelated files
//   cost nothing.
// - `merge_region`: a diff3-style merge over lines. Stable runs (a base line
//   matched on both sides) are kept; between them a region changed on one side
//   takes that side, changed alike on both is taken once, and a region changed
//   differently on both is either a union of list items or a conflict.
// - The front matter is merged key by key (`merge_front_matter`).
#include "kith/sync/merge.hpp"

#include "kith/model/date.hpp"
#include "kith/parse/text.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <utility>

namespace kith::sync {
namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";
constexpr std::size_t k_none = static_cast<std::size_t>(-1);

// ---------------------------------------------------------------------------
// Lines

struct Lines {
    std::vector<std::string_view> raw; ///< as written, terminator included
    std::vector<std::string> norm;     ///< CRLF folded to LF
    std::vector<int> id;               ///< interned `norm`
    std::size_t size() const { return raw.size(); }
};

Lines split_lines(std::string_view text) {
    Lines l;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t nl = text.find('\n', pos);
        std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
        std::string_view line = text.substr(pos, end - pos);
        l.raw.push_back(line);
        if (line.size() >= 2 && line.substr(line.size() - 2) == "\r\n") {
            std::string n(line.substr(0, line.size() - 2));
            n += '\n';
            l.norm.push_back(std::move(n));
        } else {
            l.norm.emplace_back(line);
        }
        pos = end;
    }
    return l;
}

class Interner {
public:
    void add(Lines& l) {
        l.id.clear();
        l.id.reserve(l.size());
        for (const std::string& n : l.norm) {
            auto [it, inserted] = m_ids.try_emplace(n, static_cast<int>(m_ids.size()));
            l.id.push_back(it->second);
        }
    }
    std::size_t count() const { return m_ids.size(); }

private:
    std::unordered_map<std::string, int> m_ids;
};

/// The line without its terminator.
std::string_view content(std::string_view norm_line) {
    if (!norm_line.empty() && norm_line.back() == '\n') norm_line.remove_suffix(1);
    return norm_line;
}

/// Trailing blanks (and CR) removed.
std::string_view rstrip(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

bool is_blank(std::string_view s) { return trim(s).empty(); }

/// The line ending of the first terminated line, or empty when there is none.
std::string eol_of(const Lines& l) {
    for (std::string_view r : l.raw) {
        if (r.size() >= 2 && r.substr(r.size() - 2) == "\r\n") return "\r\n";
        if (!r.empty() && r.back() == '\n') return "\n";
    }
    return {};
}

// ---------------------------------------------------------------------------
// Line matching: Myers' O(ND) difference algorithm, linear-space variant.

using Pairs = std::vector<std::pair<std::size_t, std::size_t>>;

class Differ {
public:
    explicit Differ(std::size_t ids) : m_in_a(ids, 0), m_in_b(ids, 0) {}

    /// Index pairs (i into a, j into b) of a longest common subsequence, increasing.
    Pairs run(const int* a, std::size_t n, const int* b, std::size_t m) {
        for (std::size_t i = 0; i < n; ++i) m_in_a[static_cast<std::size_t>(a[i])] = 1;
        for (std::size_t j = 0; j < m; ++j) m_in_b[static_cast<std::size_t>(b[j])] = 1;
        // Lines absent from the other side never match: leave them out.
        std::vector<int> fa, fb;
        std::vector<std::size_t> ia, ib;
        for (std::size_t i = 0; i < n; ++i)
            if (m_in_b[static_cast<std::size_t>(a[i])]) {
                fa.push_back(a[i]);
                ia.push_back(i);
            }
        for (std::size_t j = 0; j < m; ++j)
            if (m_in_a[static_cast<std::size_t>(b[j])]) {
                fb.push_back(b[j]);
                ib.push_back(j);
            }
        for (std::size_t i = 0; i < n; ++i) m_in_a[static_cast<std::size_t>(a[i])] = 0;
        for (std::size_t j = 0; j < m; ++j) m_in_b[static_cast<std::size_t>(b[j])] = 0;

        std::vector<std::pair<int, int>> found;
        m_budget = k_budget;
        rec(fa.data(), static_cast<int>(fa.size()), fb.data(), static_cast<int>(fb.size()), 0, 0, found);
        Pairs out;
        out.reserve(found.size());
        for (auto [i, j] : found) out.emplace_back(ia[static_cast<std::size_t>(i)], ib[static_cast<std::size_t>(j)]);
        return out;
    }

private:
    /// Snake steps one diff may take. Two versions of a large file with
    /// thousands of lines moved make Myers' search quadratic (32,000 reversed
    /// lines took 40 s); past the budget a region counts as wholly changed,
    /// which turns a fine-grained merge into a conflict, never a wrong merge.
    static constexpr std::int64_t k_budget = 5'000'000;
    std::int64_t m_budget = k_budget;
    std::vector<char> m_in_a, m_in_b;

    void rec(const int* a, int n, const int* b, int m, int ao, int bo, std::vector<std::pair<int, int>>& out) {
        int p = 0;
        while (p < n && p < m && a[p] == b[p]) {
            out.emplace_back(ao + p, bo + p);
            ++p;
        }
        a += p;
        b += p;
        n -= p;
        m -= p;
        ao += p;
        bo += p;
        int s = 0;
        while (s < n && s < m && a[n - 1 - s] == b[m - 1 - s]) ++s;
        n -= s;
        m -= s;
        if (n > 0 && m > 0) {
            auto [x, y] = bisect(a, n, b, m);
            if (x >= 0 && !(x == 0 && y == 0) && !(x == n && y == m)) {
                rec(a, x, b, y, ao, bo, out);
                rec(a + x, n - x, b + y, m - y, ao + x, bo + y, out);
            }
        }
        for (int i = 0; i < s; ++i) out.emplace_back(ao + n + i, bo + m + i);
    }

    /// A point on an optimal edit path, found where the forward and the
    /// reverse searches meet; (-1, -1) when the two have nothing in common.
    /// `a` and `b` differ in their first and in their last element.
    std::pair<int, int> bisect(const int* a, int n, const int* b, int m) {
        const int max_d = (n + m + 1) / 2;
        const int v_offset = max_d;
        const int v_length = 2 * max_d + 2;
        std::vector<int> v1(static_cast<std::size_t>(v_length), -1);
        std::vector<int> v2(static_cast<std::size_t>(v_length), -1);
        auto at = [](std::vector<int>& v, int k) -> int& { return v[static_cast<std::size_t>(k)]; };
        at(v1, v_offset + 1) = 0;
        at(v2, v_offset + 1) = 0;
        const int delta = n - m;
        const bool front = (delta % 2 != 0);
        int k1start = 0, k1end = 0, k2start = 0, k2end = 0;
        for (int d = 0; d < max_d; ++d) {
            m_budget -= 2 * static_cast<std::int64_t>(d) + 2;
            if (m_budget < 0) return {-1, -1};
            for (int k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
                const int k1_offset = v_offset + k1;
                int x1;
                if (k1 == -d || (k1 != d && at(v1, k1_offset - 1) < at(v1, k1_offset + 1)))
                    x1 = at(v1, k1_offset + 1);
                else
                    x1 = at(v1, k1_offset - 1) + 1;
                int y1 = x1 - k1;
                while (x1 < n && y1 < m && a[x1] == b[y1]) {
                    --m_budget;
                    ++x1;
                    ++y1;
                }
                at(v1, k1_offset) = x1;
                if (x1 > n) {
                    k1end += 2;
                } else if (y1 > m) {
                    k1start += 2;
                } else if (front) {
                    const int k2_offset = v_offset + delta - k1;
                    if (k2_offset >= 0 && k2_offset < v_length && at(v2, k2_offset) != -1) {
                        const int x2 = n - at(v2, k2_offset);
                        if (x1 >= x2) return {x1, y1};
                    }
                }
            }
            for (int k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
                const int k2_offset = v_offset + k2;
                int x2;
                if (k2 == -d || (k2 != d && at(v2, k2_offset - 1) < at(v2, k2_offset + 1)))
                    x2 = at(v2, k2_offset + 1);
                else
                    x2 = at(v2, k2_offset - 1) + 1;
                int y2 = x2 - k2;
                while (x2 < n && y2 < m && a[n - x2 - 1] == b[m - y2 - 1]) {
                    --m_budget;
                    ++x2;
                    ++y2;
                }
                at(v2, k2_offset) = x2;
                if (x2 > n) {
                    k2end += 2;
                } else if (y2 > m) {
                    k2start += 2;
                } else if (!front) {
                    const int k1_offset = v_offset + delta - k2;
                    if (k1_offset >= 0 && k1_offset < v_length && at(v1, k1_offset) != -1) {
                        const int x1 = at(v1, k1_offset);
                        const int y1 = v_offset + x1 - k1_offset;
                        if (x1 >= n - x2) return {x1, y1};
                    }
                }
            }
        }
        return {-1, -1};
    }
};

// ---------------------------------------------------------------------------
// List items (VAULT.md, "Contact body")

struct Item {
    bool is_item = false;
    bool followup = false;
    bool ticked = false;
    bool entry = false;
    std::int32_t date = 0;   ///< entries: days since the epoch
    std::string identity;    ///< follow-ups: the line with its box emptied
};

bool blank_char(char c) { return c == ' ' || c == '\t'; }

/// A single-line list item at column 0: an interaction entry `- DATE ...`
/// (a real day) or a follow-up `- [ ] ...` / `- [x] ...`.
Item classify(std::string_view norm_line) {
    Item it;
    std::string_view s = content(norm_line);
    if (s.size() < 2 || (s[0] != '-' && s[0] != '*' && s[0] != '+') || !blank_char(s[1])) return it;
    std::size_t p = 1;
    while (p < s.size() && blank_char(s[p])) ++p;
    std::string_view rest = s.substr(p);
    if (rest.size() >= 3 && rest[0] == '[' && rest[2] == ']' && (rest[1] == ' ' || rest[1] == 'x' || rest[1] == 'X') &&
        (rest.size() == 3 || blank_char(rest[3]))) {
        it.is_item = it.followup = true;
        it.ticked = rest[1] != ' ';
        std::string id(rstrip(s));
        id[p + 1] = ' ';
        // Obsidian Tasks stamps a done date (`✅ 2026-11-22`) when ticking.
        constexpr std::string_view done = "\xE2\x9C\x85"; // U+2705
        if (std::size_t at = id.rfind(done); at != std::string::npos && at > p + 3) {
            std::string_view tail = trim(std::string_view(id).substr(at + done.size()));
            if (tail.size() == 10 && looks_like_iso_date(tail)) id = std::string(rstrip(id.substr(0, at)));
        }
        it.identity = std::move(id);
        return it;
    }
    if (starts_with_date_token(rest)) {
        if (auto d = Date::parse(rest.substr(0, 10))) {
            it.is_item = it.entry = true;
            it.date = d->days();
        }
    }
    return it;
}

/// Whether a line right after a list item continues that item (an indented
/// line, or a lazy paragraph continuation) rather than starting a new block.
bool continues_item(std::string_view norm_line) {
    std::string_view s = content(norm_line);
    if (is_blank(s)) return false;
    if (blank_char(s[0])) return true;
    char c = s[0];
    if ((c == '-' || c == '*' || c == '+') && (s.size() == 1 || blank_char(s[1]) || s[1] == '\r')) return false;
    if (c == '#' || c == '>' || c == '<' || c == '|') return false;
    if (s.starts_with("```") || s.starts_with("~~~")) return false;
    if (c == '-' || c == '*' || c == '_') { // thematic break
        std::size_t marks = 0;
        bool only = true;
        for (char ch : s) {
            if (ch == c) ++marks;
            else if (!blank_char(ch) && ch != '\r') only = false;
        }
        if (only && marks >= 3) return false;
    }
    std::size_t d = 0;
    while (d < s.size() && d < 9 && s[d] >= '0' && s[d] <= '9') ++d;
    if (d > 0 && d < s.size() && (s[d] == '.' || s[d] == ')') && (d + 1 == s.size() || blank_char(s[d + 1])))
        return false;
    return true;
}

// ---------------------------------------------------------------------------
// Output

class Emitter {
public:
    explicit Emitter(std::string eol) : m_eol(std::move(eol)) {}

    void ours(std::string_view raw) {
        separate();
        m_out += raw;
    }
    void theirs(std::string_view raw) {
        separate();
        if (raw.size() >= 2 && raw.substr(raw.size() - 2) == "\r\n") raw.remove_suffix(2);
        else if (!raw.empty() && raw.back() == '\n') raw.remove_suffix(1);
        else {
            m_out += raw; // the last line of their file: no terminator to convert
            return;
        }
        m_out += raw;
        m_out += m_eol;
    }
    std::string take() { return std::move(m_out); }

private:
    /// A line without terminator that is no longer last gets one.
    void separate() {
        if (!m_out.empty() && m_out.back() != '\n') m_out += m_eol;
    }
    std::string m_out;
    std::string m_eol;
};

std::string join(const Lines& l, std::size_t lo, std::size_t hi) {
    std::string s;
    for (std::size_t i = lo; i < hi; ++i) s += l.raw[i];
    return s;
}

bool same_lines(const Lines& x, std::size_t xlo, std::size_t xhi, const Lines& y, std::size_t ylo, std::size_t yhi) {
    if (xhi - xlo != yhi - ylo) return false;
    for (std::size_t i = 0; i < xhi - xlo; ++i)
        if (x.id[xlo + i] != y.id[ylo + i]) return false;
    return true;
}

// ---------------------------------------------------------------------------
// Three-way merge over lines

struct LineMerge {
    const Lines& B;
    const Lines& O;
    const Lines& T;
    Differ& differ;
    Emitter& out;
    std::vector<Conflict>& conflicts;
    std::string where;      ///< "body" or "file"
    std::size_t o_first = 0; ///< ours' first line of the merged part (line numbers count from it)

    void emit_ours(std::size_t lo, std::size_t hi) {
        for (std::size_t i = lo; i < hi; ++i) out.ours(O.raw[i]);
    }
    void emit_theirs(std::size_t lo, std::size_t hi) {
        for (std::size_t i = lo; i < hi; ++i) out.theirs(T.raw[i]);
    }

    /// Merges base [b0,b1), ours [o0,o1), theirs [t0,t1).
    void run(std::size_t b0, std::size_t b1, std::size_t o0, std::size_t o1, std::size_t t0, std::size_t t1) {
        const std::size_t nb = b1 - b0;
        std::vector<std::size_t> mo(nb, k_none), mt(nb, k_none);
        for (auto [i, j] : differ.run(B.id.data() + b0, nb, O.id.data() + o0, o1 - o0)) mo[i] = o0 + j;
        for (auto [i, j] : differ.run(B.id.data() + b0, nb, T.id.data() + t0, t1 - t0)) mt[i] = t0 + j;

        std::size_t lo = 0, oo = o0, to = t0;
        while (lo < nb || oo < o1 || to < t1) {
            std::size_t n = 0;
            while (lo + n < nb && mo[lo + n] == oo + n && mt[lo + n] == to + n) ++n;
            if (n > 0) { // stable: all three agree
                emit_ours(oo, oo + n);
                lo += n;
                oo += n;
                to += n;
                continue;
            }
            std::size_t l = lo;
            while (l < nb && (mo[l] == k_none || mt[l] == k_none)) ++l;
            std::size_t oe = l < nb ? mo[l] : o1;
            std::size_t te = l < nb ? mt[l] : t1;
            unstable(b0 + lo, b0 + l, oo, oe, to, te);
            lo = l;
            oo = oe;
            to = te;
        }
    }

    void unstable(std::size_t blo, std::size_t bhi, std::size_t olo, std::size_t ohi, std::size_t tlo, std::size_t thi) {
        if (same_lines(O, olo, ohi, T, tlo, thi)) emit_ours(olo, ohi); // same change on both sides
        else if (same_lines(O, olo, ohi, B, blo, bhi)) emit_theirs(tlo, thi);
        else if (same_lines(T, tlo, thi, B, blo, bhi)) emit_ours(olo, ohi);
        else both_changed(olo, ohi, tlo, thi);
    }

    /// Every line in [lo,hi) is a single-line entry or follow-up.
    static bool only_items(const Lines& l, std::size_t lo, std::size_t hi) {
        for (std::size_t i = lo; i < hi; ++i)
            if (!classify(l.norm[i]).is_item) return false;
        return hi == lo || hi >= l.size() || !continues_item(l.norm[hi]);
    }

    void both_changed(std::size_t olo, std::size_t ohi, std::size_t tlo, std::size_t thi) {
        if (only_items(O, olo, ohi) && only_items(T, tlo, thi)) {
            emit_union(olo, ohi, tlo, thi);
            return;
        }
        // Keep what both sides wrote alike; only what still differs is disputed.
        Pairs common = differ.run(O.id.data() + olo, ohi - olo, T.id.data() + tlo, thi - tlo);
        std::size_t oi = olo, ti = tlo;
        for (auto [i, j] : common) {
            part(oi, olo + i, ti, tlo + j);
            out.ours(O.raw[olo + i]);
            oi = olo + i + 1;
            ti = tlo + j + 1;
        }
        part(oi, ohi, ti, thi);
    }

    void part(std::size_t olo, std::size_t ohi, std::size_t tlo, std::size_t thi) {
        if (olo == ohi && tlo == thi) return;
        if (only_items(O, olo, ohi) && only_items(T, tlo, thi)) {
            emit_union(olo, ohi, tlo, thi);
            return;
        }
        conflicts.push_back({describe(olo, ohi), join(O, olo, ohi), join(T, tlo, thi)});
        emit_ours(olo, ohi);
    }

    std::string describe(std::size_t olo, std::size_t ohi) const {
        std::size_t first = olo - o_first + 1;
        if (ohi - olo == 1) return "line " + std::to_string(first) + " of the " + where;
        if (ohi > olo) return "lines " + std::to_string(first) + "-" + std::to_string(first + (ohi - olo) - 1) + " of the " + where;
        if (olo < O.size()) return "before line " + std::to_string(first) + " of the " + where;
        return "the end of the " + where;
    }

    /// Both sides' items once each: identical lines once, a follow-up ticked
    /// on either side ticked, dated entries newest first (stable, ours first).
    void emit_union(std::size_t olo, std::size_t ohi, std::size_t tlo, std::size_t thi) {
        struct Slot {
            std::string_view raw;
            bool from_theirs;
            Item item;
        };
        std::vector<Slot> slots;
        std::vector<char> taken(ohi - olo, 0);
        std::unordered_map<int, std::vector<std::size_t>> by_id; // ours, by line, in reverse order
        for (std::size_t i = ohi; i-- > olo;) by_id[O.id[i]].push_back(i - olo);
        for (std::size_t i = olo; i < ohi; ++i) slots.push_back({O.raw[i], false, classify(O.norm[i])});

        std::vector<char> placed(thi - tlo, 0);
        for (std::size_t j = tlo; j < thi; ++j) { // identical lines once
            auto it = by_id.find(T.id[j]);
            if (it == by_id.end() || it->second.empty()) continue;
            taken[it->second.back()] = 1;
            it->second.pop_back();
            placed[j - tlo] = 1;
        }
        std::unordered_map<std::string, std::vector<std::size_t>> followups; // ours, not yet paired
        for (std::size_t k = slots.size(); k-- > 0;)
            if (!taken[k] && slots[k].item.followup) followups[slots[k].item.identity].push_back(k);
        std::vector<Slot> added;
        for (std::size_t j = tlo; j < thi; ++j) {
            if (placed[j - tlo]) continue;
            Item ti = classify(T.norm[j]);
            if (ti.followup) { // the same follow-up, ticked on one side
                auto it = followups.find(ti.identity);
                if (it != followups.end() && !it->second.empty()) {
                    std::size_t k = it->second.back();
                    it->second.pop_back();
                    if (ti.ticked && !slots[k].item.ticked) slots[k] = {T.raw[j], true, std::move(ti)};
                    continue;
                }
            }
            added.push_back({T.raw[j], true, std::move(ti)});
        }
        for (Slot& s : added) slots.push_back(std::move(s));

        std::vector<std::size_t> entry_at;
        std::vector<Slot> entries;
        for (std::size_t k = 0; k < slots.size(); ++k)
            if (slots[k].item.entry) {
                entry_at.push_back(k);
                entries.push_back(slots[k]);
            }
        std::stable_sort(entries.begin(), entries.end(),
                         [](const Slot& x, const Slot& y) { return x.item.date > y.item.date; });
        for (std::size_t k = 0; k < entries.size(); ++k) slots[entry_at[k]] = std::move(entries[k]);

        for (const Slot& s : slots) {
            if (s.from_theirs) out.theirs(s.raw);
            else out.ours(s.raw);
        }
    }
};

// ---------------------------------------------------------------------------
// Front matter

enum class FmState { None, Ok, Bad };

struct KeyBlock {
    std::string name;
    std::size_t lo = 0, hi = 0; ///< lines, comments before the key included
};

struct FrontMatter {
    FmState state = FmState::None;
    std::size_t close = 0;           ///< line of the closing fence
    std::vector<KeyBlock> keys;
    std::size_t trail_lo = 0, trail_hi = 0; ///< comments after the last key
    std::size_t body() const { return state == FmState::Ok ? close + 1 : 0; }
};

/// The key of a top-level `key: value` line, or nullopt.
std::optional<std::string> key_of(std::string_view s) {
    if (s.empty()) return std::nullopt;
    auto colon_ok = [&](std::size_t p) {
        return p < s.size() && s[p] == ':' && (p + 1 == s.size() || blank_char(s[p + 1]) || s[p + 1] == '\r');
    };
    if (s[0] == '"' || s[0] == '\'') {
        const char q = s[0];
        std::size_t p = 1;
        while (p < s.size()) {
            if (q == '"' && s[p] == '\\') p += 2;
            else if (q == '\'' && s[p] == '\'' && p + 1 < s.size() && s[p + 1] == '\'') p += 2;
            else if (s[p] == q) break;
            else ++p;
        }
        if (p >= s.size()) return std::nullopt;
        std::string name(s.substr(1, p - 1));
        ++p;
        while (p < s.size() && blank_char(s[p])) ++p;
        if (!colon_ok(p)) return std::nullopt;
        return name;
    }
    if (std::string_view("-?:,[]{}#&*!|>%@` \t").find(s[0]) != std::string_view::npos) return std::nullopt;
    for (std::size_t p = 0; p < s.size(); ++p)
        if (colon_ok(p)) {
            std::string_view name = rstrip(s.substr(0, p));
            if (name.empty()) return std::nullopt;
            return std::string(name);
        }
    return std::nullopt;
}

FrontMatter parse_front_matter(const Lines& l) {
    FrontMatter fm;
    if (l.size() == 0 || rstrip(l.norm[0]) != "---") return fm;
    std::size_t close = k_none;
    for (std::size_t i = 1; i < l.size(); ++i) {
        std::string_view t = rstrip(l.norm[i]);
        if (t == "---" || t == "...") {
            close = i;
            break;
        }
    }
    fm.state = FmState::Bad;
    if (close == k_none) return fm; // unclosed
    fm.close = close;
    std::size_t pending = k_none; // first line of comments waiting for their key
    for (std::size_t i = 1; i < close; ++i) {
        std::string_view s = content(l.norm[i]);
        const bool have_key = !fm.keys.empty();
        if (is_blank(s)) {
            if (pending == k_none) {
                if (have_key) fm.keys.back().hi = i + 1;
                else pending = i;
            }
        } else if (s[0] == '#' || (!have_key && blank_char(s[0]) && trim(s).front() == '#')) {
            if (pending == k_none) pending = i;
        } else if (blank_char(s[0]) || s == "-" || (s[0] == '-' && blank_char(s[1]))) {
            if (!have_key) return fm; // a value before any key: not a mapping
            fm.keys.back().hi = i + 1;
            pending = k_none;
        } else {
            auto name = key_of(s);
            if (!name) return fm;
            for (const KeyBlock& k : fm.keys)
                if (k.name == *name) return fm; // a key given twice: which one would merge?
            fm.keys.push_back({std::move(*name), pending == k_none ? i : pending, i + 1});
            pending = k_none;
        }
    }
    fm.trail_lo = pending == k_none ? close : pending;
    fm.trail_hi = close;
    fm.state = FmState::Ok;
    return fm;
}

enum class Pick { Ours, Theirs, Conflict };

/// The three-way rule for one unit: changed on one side only takes that side.
Pick pick(const std::optional<std::string>& b, const std::optional<std::string>& o, const std::optional<std::string>& t) {
    if (o == t) return Pick::Ours;
    if (o == b) return Pick::Theirs;
    if (t == b) return Pick::Ours;
    return Pick::Conflict;
}

std::string norm_text(const Lines& l, std::size_t lo, std::size_t hi) {
    std::string s;
    for (std::size_t i = lo; i < hi; ++i) s += l.norm[i];
    return s;
}

struct Side {
    const Lines& lines;
    const FrontMatter& fm;
    std::unordered_map<std::string, std::size_t> index; // key -> position in fm.keys

    Side(const Lines& l, const FrontMatter& f) : lines(l), fm(f) {
        if (f.state == FmState::Ok)
            for (std::size_t k = 0; k < f.keys.size(); ++k) index.emplace(f.keys[k].name, k);
    }
    const KeyBlock* find(const std::string& key) const {
        auto it = index.find(key);
        return it == index.end() ? nullptr : &fm.keys[it->second];
    }
    std::optional<std::string> text(const std::string& key) const {
        const KeyBlock* k = find(key);
        if (!k) return std::nullopt;
        return norm_text(lines, k->lo, k->hi);
    }
};

void merge_front_matter(const Side& B, const Side& O, const Side& T, Emitter& out, std::vector<Conflict>& conflicts) {
    out.ours(O.lines.raw[0]); // the opening fence
    auto block = [](const Side& s, const KeyBlock* k) { return k ? join(s.lines, k->lo, k->hi) : std::string(); };
    auto one_key = [&](const std::string& key) {
        const KeyBlock* ok = O.find(key);
        const KeyBlock* tk = T.find(key);
        switch (pick(B.text(key), O.text(key), T.text(key))) {
        case Pick::Ours:
            if (ok)
                for (std::size_t i = ok->lo; i < ok->hi; ++i) out.ours(O.lines.raw[i]);
            break;
        case Pick::Theirs:
            if (tk)
                for (std::size_t i = tk->lo; i < tk->hi; ++i) out.theirs(T.lines.raw[i]);
            break;
        case Pick::Conflict:
            conflicts.push_back({"front matter key '" + key + "'", block(O, ok), block(T, tk)});
            if (ok)
                for (std::size_t i = ok->lo; i < ok->hi; ++i) out.ours(O.lines.raw[i]);
            break;
        }
    };
    for (const KeyBlock& k : O.fm.keys) one_key(k.name);
    for (const KeyBlock& k : T.fm.keys)
        if (!O.find(k.name)) one_key(k.name);

    // Comments after the last key, then the closing fence.
    auto trailer = [](const Side& s) -> std::optional<std::string> {
        if (s.fm.state != FmState::Ok) return std::string();
        return norm_text(s.lines, s.fm.trail_lo, s.fm.trail_hi);
    };
    switch (pick(trailer(B), trailer(O), trailer(T))) {
    case Pick::Theirs:
        for (std::size_t i = T.fm.trail_lo; i < T.fm.trail_hi; ++i) out.theirs(T.lines.raw[i]);
        break;
    case Pick::Conflict:
        conflicts.push_back({"front matter comments after the last key", join(O.lines, O.fm.trail_lo, O.fm.trail_hi),
                             join(T.lines, T.fm.trail_lo, T.fm.trail_hi)});
        [[fallthrough]];
    case Pick::Ours:
        for (std::size_t i = O.fm.trail_lo; i < O.fm.trail_hi; ++i) out.ours(O.lines.raw[i]);
        break;
    }
    auto fence = [](const Side& s) -> std::optional<std::string> {
        if (s.fm.state != FmState::Ok) return std::nullopt;
        return s.lines.norm[s.fm.close];
    };
    if (pick(fence(B), fence(O), fence(T)) == Pick::Theirs) out.theirs(T.lines.raw[T.fm.close]);
    else out.ours(O.lines.raw[O.fm.close]);
}

} // namespace

namespace {

/// An item can sit in two regions that both sides changed, ours having it in
/// one and theirs in the other (after a sync was killed between writing the
/// merged file and moving the branch, and a later commit built on that file;
/// or an entry copied by hand to both machines). Each region's union keeps it,
/// so it would come out twice. Keeps as many copies of each single-line item
/// as the side with the most had, the first ones.
std::string drop_doubled_items(const std::string& text, const Lines& O, const Lines& T) {
    auto key = [](const std::string& norm) {
        return std::string_view(norm).substr(0, norm.size() - (!norm.empty() && norm.back() == '\n'));
    };
    std::unordered_map<std::string_view, int> most, seen;
    for (const Lines* side : {&O, &T}) {
        std::unordered_map<std::string_view, int> n;
        for (std::size_t i = 0; i < side->size(); ++i)
            if (classify(side->norm[i]).is_item) ++n[key(side->norm[i])];
        for (const auto& [k, c] : n) most[k] = std::max(most[k], c);
    }
    const Lines R = split_lines(text);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < R.size(); ++i) {
        const bool single = classify(R.norm[i]).is_item && !(i + 1 < R.size() && continues_item(R.norm[i + 1]));
        if (single) {
            auto it = most.find(key(R.norm[i]));
            if (it != most.end() && ++seen[it->first] > it->second) continue;
        }
        out += R.raw[i];
    }
    return out;
}

} // namespace

MergeResult merge_file(const std::optional<std::string>& base, const std::string& ours, const std::string& theirs) {
    auto strip_bom = [](std::string_view& s) {
        bool had = s.substr(0, k_bom.size()) == k_bom;
        if (had) s.remove_prefix(k_bom.size());
        return had;
    };
    std::string_view bv = base ? std::string_view(*base) : std::string_view();
    std::string_view ov = ours, tv = theirs;
    const bool b_bom = strip_bom(bv), o_bom = strip_bom(ov), t_bom = strip_bom(tv);

    Lines B = split_lines(bv), O = split_lines(ov), T = split_lines(tv);
    Interner interner;
    interner.add(B);
    interner.add(O);
    interner.add(T);
    Differ differ(interner.count());

    std::string eol = eol_of(O);
    if (eol.empty()) eol = eol_of(T);
    if (eol.empty()) eol = eol_of(B);
    if (eol.empty()) eol = "\n";
    Emitter out(eol);
    MergeResult result;

    const FrontMatter bf = parse_front_matter(B), of = parse_front_matter(O), tf = parse_front_matter(T);
    const bool structured = of.state == FmState::Ok && tf.state == FmState::Ok && bf.state != FmState::Bad;
    if (structured) {
        merge_front_matter(Side(B, bf), Side(O, of), Side(T, tf), out, result.conflicts);
        LineMerge lm{B, O, T, differ, out, result.conflicts, "body", of.body()};
        lm.run(bf.body(), B.size(), of.body(), O.size(), tf.body(), T.size());
    } else {
        const bool no_front_matter =
            of.state == FmState::None && tf.state == FmState::None && bf.state == FmState::None;
        LineMerge lm{B, O, T, differ, out, result.conflicts, no_front_matter ? "body" : "file", 0};
        lm.run(0, B.size(), 0, O.size(), 0, T.size());
    }

    // The BOM: ours' is kept; one only theirs added is taken.
    const bool bom = o_bom || (t_bom && !b_bom);
    const std::string merged = drop_doubled_items(out.take(), O, T);
    result.text = bom ? std::string(k_bom) + merged : merged;
    return result;
}

} // namespace kith::sync
