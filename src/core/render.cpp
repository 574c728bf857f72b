#include "kith/render/render.hpp"

#include "kith/index/parallel.hpp"
#include "kith/render/csv.hpp"
#include "kith/render/terminal.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <iomanip>
#include <sstream>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace kith {

std::optional<Format> parse_format(std::string_view t) {
    if (t == "table") return Format::Table;
    if (t == "json") return Format::Json;
    if (t == "csv") return Format::Csv;
    return std::nullopt;
}

namespace {

Json date_or_null(const std::optional<Date>& d) { return d ? Json(d->iso()) : Json(nullptr); }

template <class T> Json or_null(const std::optional<T>& v) { return v ? Json(*v) : Json(nullptr); }

/// Lets the field lists below fill a `Json` object as well as a JsonWriter,
/// so that `to_json` (CSV, tests) and the streamed JSON cannot drift apart.
struct JsonFields {
    Json& j;
    static Json of(const Date& d) { return d.iso(); }
    template <class T> static Json of(const T& v) { return Json(v); }
    template <class T> static Json of(const std::optional<T>& v) { return v ? of(*v) : Json(nullptr); }
    template <class T> JsonFields& field(std::string_view k, const T& v) {
        j[std::string(k)] = of(v);
        return *this;
    }
};

template <class Out> void origin_fields(Out& o, const Origin& origin) {
    o.field("file", origin.file).field("line", origin.line);
}

template <class Out> void item_fields(Out& o, const RemindItem& i) {
    o.field("kind", i.kind).field("id", i.id).field("name", i.name).field("date", i.date);
    o.field("overdue", i.overdue).field("text", i.text);
    if (i.has_age) o.field("age", i.age);
    origin_fields(o, i.origin);
}

template <class Out> void item_fields(Out& o, const DormantItem& i) {
    o.field("id", i.id).field("name", i.name).field("tier", i.tier).field("last", i.last);
    o.field("days_silent", i.days_silent).field("cadence_days", i.cadence_days);
    o.field("overdue_ratio", i.overdue_ratio).field("last_text", i.last_text);
    origin_fields(o, i.origin);
}

template <class Out> void item_fields(Out& o, const ReciprocityItem& i) {
    o.field("id", i.id).field("name", i.name).field("gave", i.gave).field("got", i.got);
    o.field("intros_gave", i.intros_gave).field("intros_got", i.intros_got).field("thanks", i.thanks);
    o.field("unthanked", i.unthanked).field("balance", i.balance).field("last_favour", i.last_favour);
    o.field("flags", i.flags);
    origin_fields(o, i.origin);
}

template <class Item> Json items_json(const std::vector<Item>& items) {
    Json out = Json::array();
    for (const Item& i : items) {
        Json j = Json::object();
        JsonFields f{j};
        item_fields(f, i);
        out.push_back(std::move(j));
    }
    return out;
}

template <class Item> void write_items(JsonWriter& w, const std::vector<Item>& items, unsigned threads) {
    w.key("items").begin_array();
    w.values_in_parts(items.size(), threads, [&](JsonWriter& part, std::size_t i) {
        part.begin_object();
        item_fields(part, items[i]);
        part.end_object();
    });
    w.end_array();
}

} // namespace

void stream_json_object(std::ostream& out, const std::function<void(JsonWriter&)>& members) {
    std::string text;
    text.reserve(JsonWriter::k_spill + 4096); // a spill and an item: rarely regrown
    JsonWriter w(text, &out);
    w.begin_object();
    members(w);
    w.end_object();
    text += '\n';
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

namespace {

template <class Out> void totals_fields(Out& o, const ReciprocityTotals& t) {
    o.field("gave", t.gave).field("got", t.got).field("thanks", t.thanks).field("unthanked", t.unthanked);
    o.field("contacts", t.contacts);
}

std::string cell(const std::optional<Date>& d) { return d ? d->iso() : "-"; }

template <class T> std::string cell(const std::optional<T>& v) { return v ? std::to_string(*v) : "-"; }

/// Long free text is cut for the table (JSON and CSV keep all of it).
std::string clip(std::string_view s, std::size_t max = 60) {
    if (display_width(s) <= max) return std::string(s);
    std::string out;
    std::size_t width = 0;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t next = i + 1;
        while (next < s.size() && (static_cast<unsigned char>(s[next]) & 0xC0) == 0x80) ++next;
        const std::size_t w = display_width(s.substr(i, next - i));
        if (width + w > max - 1) break;
        width += w;
        out += s.substr(i, next - i);
        i = next;
    }
    return out + "\u2026";
}

const std::vector<std::string> k_remind_columns{"kind", "id",   "name", "date", "overdue",
                                                "text", "age",  "file", "line"};
const std::vector<std::string> k_dormant_columns{"id",           "name",          "tier",      "last",
                                                 "days_silent",  "cadence_days",  "overdue_ratio",
                                                 "last_text",    "file",          "line"};
const std::vector<std::string> k_reciprocity_columns{
    "id",       "name",    "gave",       "got",   "intros_gave", "intros_got", "thanks",
    "unthanked", "balance", "last_favour", "flags", "file",        "line"};

} // namespace

std::size_t display_width(std::string_view s) {
    std::size_t width = 0;
    const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
    const auto n = static_cast<std::int32_t>(s.size());
    for (std::int32_t i = 0; i < n;) {
        if (p[i] < 0x80) { // ASCII, the usual case: one column
            ++width;
            ++i;
            continue;
        }
        UChar32 c = 0;
        U8_NEXT(p, i, n, c);
        if (c < 0) { // a malformed byte is shown as U+FFFD, one column
            ++width;
            continue;
        }
        const auto cat = static_cast<std::int8_t>(u_charType(c));
        if (cat == U_NON_SPACING_MARK || cat == U_ENCLOSING_MARK || cat == U_FORMAT_CHAR ||
            (c >= 0x1160 && c <= 0x11FF)) // combining marks, zero-width joiners, Hangul medial jamo
            continue;
        const auto ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
        width += ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2 : 1;
    }
    return width;
}

std::string printable(std::string_view s) { return visible(s, Layout::Escape); }

TextTable::TextTable(std::vector<std::string> headers, std::vector<Align> align)
    : m_headers(std::move(headers)), m_align(std::move(align)) {
    m_align.resize(m_headers.size(), Align::Left);
}

void TextTable::add_row(std::vector<std::string> cells, std::string style) {
    cells.resize(m_headers.size());
    for (std::string& c : cells) c = printable(c);
    m_rows.emplace_back(std::move(cells), std::move(style));
}

void TextTable::print(std::ostream& out, bool color) const {
    std::vector<std::size_t> width(m_headers.size());
    for (std::size_t i = 0; i < m_headers.size(); ++i) width[i] = display_width(m_headers[i]);
    for (const auto& [cells, style] : m_rows)
        for (std::size_t i = 0; i < cells.size(); ++i) width[i] = std::max(width[i], display_width(cells[i]));
    auto line = [&](const std::vector<std::string>& cells, const std::string& style) {
        std::string text;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const std::size_t pad = width[i] - display_width(cells[i]);
            const bool last = i + 1 == cells.size();
            if (m_align[i] == Align::Right) text += std::string(pad, ' ') + cells[i];
            else text += cells[i] + (last ? "" : std::string(pad, ' '));
            if (!last) text += "  ";
        }
        while (!text.empty() && text.back() == ' ') text.pop_back();
        if (color && !style.empty()) out << styled(style, text, true) << '\n';
        else out << text << '\n';
    };
    line(m_headers, "1");
    for (const auto& [cells, style] : m_rows) line(cells, style);
}

void write_json(const Json& j, std::ostream& out) { out << j.dump(2) << '\n'; }

namespace {

/// Bytes a JSON string cannot hold as they are: controls, quote, backslash,
/// and the bytes of multi-byte UTF-8 (checked one sequence at a time).
constexpr auto k_special = [] {
    std::array<bool, 256> t{};
    for (int b = 0; b < 256; ++b) t[static_cast<std::size_t>(b)] = b < 0x20 || b == '"' || b == '\\' || b >= 0x80;
    return t;
}();

/// A comma, a new line and indentation, to cut prefixes from.
constexpr std::string_view k_pad = ",\n                                                                ";

/// A short piece of output assembled on the stack and appended in one call:
/// a report writes a few hundred thousand keys and values.
class Piece {
public:
    bool fits(std::size_t n) const { return m_len + n <= sizeof m_buf; }
    Piece& put(char c) {
        m_buf[m_len++] = c;
        return *this;
    }
    Piece& put(std::string_view s) {
        if (s.empty()) return *this; // an empty view may have no data at all
        std::memcpy(m_buf + m_len, s.data(), s.size());
        m_len += s.size();
        return *this;
    }
    void to(std::string& out) const { out.append(m_buf, m_len); }

private:
    char m_buf[192];
    std::size_t m_len = 0;
};

bool plain(std::string_view s) {
    return std::none_of(s.begin(), s.end(), [](char c) { return k_special[static_cast<unsigned char>(c)]; });
}

} // namespace

std::string_view JsonWriter::next_prefix() {
    if (m_after_key) {
        m_after_key = false;
        return {};
    }
    if (m_counts.empty()) return {};
    const bool comma = m_counts.back()++ != 0;
    const std::size_t depth = m_counts.size();
    const std::size_t want = 1 + 2 * depth + (comma ? 1 : 0);
    if (2 + 2 * depth <= k_pad.size()) return k_pad.substr(comma ? 0 : 1, want);
    m_deep.assign(comma ? ",\n" : "\n");
    m_deep.append(2 * depth, ' ');
    return m_deep;
}

void JsonWriter::before_value() { m_out.append(next_prefix()); }

JsonWriter& JsonWriter::open(char c) {
    before_value();
    m_out += c;
    m_counts.push_back(0);
    return *this;
}

JsonWriter& JsonWriter::close(char c) {
    const bool empty = m_counts.back() == 0;
    m_counts.pop_back();
    if (!empty) {
        const std::size_t depth = m_counts.size();
        if (2 + 2 * depth <= k_pad.size()) {
            m_out.append(k_pad.substr(1, 1 + 2 * depth));
        } else {
            m_out += '\n';
            m_out.append(2 * depth, ' ');
        }
    }
    m_out += c;
    if (m_sink && m_out.size() >= k_spill) {
        m_sink->write(m_out.data(), static_cast<std::streamsize>(m_out.size()));
        m_out.clear();
    }
    return *this;
}

void JsonWriter::values_in_parts(std::size_t n, unsigned threads,
                                 const std::function<void(JsonWriter&, std::size_t)>& write) {
    // Values per round: one round's texts are what sits in memory at once.
    constexpr std::size_t k_round = 8192;
    std::vector<std::string> texts(std::max(threads, 1u));
    for (std::size_t first = 0; first < n; first += k_round) {
        const std::size_t count = std::min(k_round, n - first);
        const std::size_t parts = part_count(count, threads, k_round / 8);
        if (parts == 1) {
            for (std::size_t i = first; i < first + count; ++i) write(*this, i);
            continue;
        }
        in_parts(count, parts, [&](std::size_t k, std::size_t begin, std::size_t end) {
            // Written into a string of the part's own: the strings in `texts`
            // share cache lines, and growing them there made the threads
            // fight over those lines at every append.
            std::string text = std::move(texts[k]);
            text.clear();
            JsonWriter part(text);
            part.m_counts = m_counts;
            part.m_counts.back() += begin; // the values before this part, for the commas
            for (std::size_t i = begin; i < end; ++i) write(part, first + i);
            texts[k] = std::move(text);
        });
        m_counts.back() += count;
        for (std::size_t k = 0; k < parts; ++k) {
            if (m_sink) {
                m_sink->write(m_out.data(), static_cast<std::streamsize>(m_out.size()));
                m_out.clear();
                m_sink->write(texts[k].data(), static_cast<std::streamsize>(texts[k].size()));
            } else {
                m_out += texts[k];
            }
        }
    }
}

JsonWriter& JsonWriter::key(std::string_view k) {
    if (plain(k)) { // all of kith's keys: written as they are
        const std::string_view pre = next_prefix();
        Piece p;
        if (p.fits(pre.size() + k.size() + 4)) {
            p.put(pre).put('"').put(k).put("\": ").to(m_out);
        } else {
            m_out.append(pre);
            m_out += '"';
            m_out.append(k);
            m_out.append("\": ");
        }
    } else {
        value(k);
        m_out += ": ";
    }
    m_after_key = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
    if (Piece p; plain(s) && p.fits(k_pad.size() + s.size() + 2)) {
        p.put(next_prefix()).put('"').put(s).put('"').to(m_out);
        return *this;
    }
    before_value();
    static constexpr char hex[] = "0123456789abcdef";
    m_out += '"';
    std::size_t i = 0;
    while (i < s.size()) {
        // Copy the run of bytes that need no escaping in one go.
        std::size_t run = i;
        while (run < s.size() && !k_special[static_cast<unsigned char>(s[run])]) ++run;
        m_out.append(s.data() + i, run - i);
        i = run;
        if (i == s.size()) break;
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            // Copy one whole, valid UTF-8 sequence, or write U+FFFD for a bad byte.
            const std::size_t len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
            bool ok = len != 0 && i + len <= s.size();
            for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
            if (ok && len == 3) {
                const auto c1 = static_cast<unsigned char>(s[i + 1]);
                ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
            } else if (ok && len == 4) {
                const auto c1 = static_cast<unsigned char>(s[i + 1]);
                ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
            }
            if (ok) {
                m_out.append(s.substr(i, len));
                i += len;
            } else {
                m_out += "\xEF\xBF\xBD";
                ++i;
            }
            continue;
        }
        switch (c) {
        case '"': m_out += "\\\""; break;
        case '\\': m_out += "\\\\"; break;
        case '\b': m_out += "\\b"; break;
        case '\f': m_out += "\\f"; break;
        case '\n': m_out += "\\n"; break;
        case '\r': m_out += "\\r"; break;
        case '\t': m_out += "\\t"; break;
        default:
            if (c < 0x20) {
                m_out += "\\u00";
                m_out += hex[c >> 4];
                m_out += hex[c & 15];
            } else {
                m_out += static_cast<char>(c);
            }
        }
        ++i;
    }
    m_out += '"';
    return *this;
}

JsonWriter& JsonWriter::value(Date d) {
    char buf[10];
    if (!d.write_iso(buf)) return value(d.iso());
    Piece p;
    p.put(next_prefix()).put('"').put(std::string_view(buf, sizeof buf)).put('"').to(m_out);
    return *this;
}

JsonWriter& JsonWriter::value(bool b) {
    before_value();
    m_out += b ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::integer(long long n) {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
    Piece p;
    p.put(next_prefix()).put(std::string_view(buf, static_cast<std::size_t>(end - buf))).to(m_out);
    return *this;
}

JsonWriter& JsonWriter::value(double d) {
    before_value();
    m_out += Json(d).dump(); // nlohmann's shortest round-trip form, as dump(2) writes it
    return *this;
}

JsonWriter& JsonWriter::value(std::nullptr_t) {
    before_value();
    m_out += "null";
    return *this;
}

JsonWriter& JsonWriter::value(const std::vector<std::string>& list) {
    begin_array();
    for (const std::string& s : list) value(s);
    return end_array();
}

namespace {

/// `[+-]?digits[.digits]`: a number as a cell, not a formula.
bool plain_number(std::string_view s) {
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const std::size_t int_start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == int_start) return false;
    if (i < s.size() && s[i] == '.') {
        const std::size_t frac = ++i;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
        if (i == frac) return false;
    }
    return i == s.size();
}

} // namespace

int csv_raw_index() {
    static const int index = std::ios_base::xalloc();
    return index;
}

void set_csv_raw(std::ostream& out, bool raw) { out.iword(csv_raw_index()) = raw ? 1 : 0; }

bool csv_raw(std::ostream& out) { return out.iword(csv_raw_index()) != 0; }

std::string csv_cell(std::string cell) {
    if (cell.empty() || std::string_view("=+-@\t\r").find(cell.front()) == std::string_view::npos) return cell;
    if (plain_number(cell)) return cell;
    return "'" + cell;
}

void write_csv(const Json& items, const std::vector<std::string>& columns, std::ostream& out) {
    const bool raw = csv_raw(out);
    auto quote = [](const std::string& s) {
        if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
        std::string q = "\"";
        for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
        return q + "\"";
    };
    auto text = [raw](const Json& v) -> std::string {
        if (v.is_null()) return "";
        // Numbers and booleans are written by kith, never a formula.
        if (v.is_string()) return raw ? v.get<std::string>() : csv_cell(v.get<std::string>());
        if (v.is_array()) {
            std::string s;
            for (const Json& x : v) s += (s.empty() ? "" : ";") + (x.is_string() ? x.get<std::string>() : x.dump());
            return raw ? s : csv_cell(std::move(s));
        }
        return v.dump();
    };
    for (std::size_t i = 0; i < columns.size(); ++i) out << (i ? "," : "") << columns[i];
    out << "\r\n";
    for (const Json& item : items) {
        for (std::size_t i = 0; i < columns.size(); ++i)
            out << (i ? "," : "") << quote(item.contains(columns[i]) ? text(item[columns[i]]) : "");
        out << "\r\n";
    }
}

// ---------------------------------------------------------------- remind

Json to_json(const RemindReport& r) {
    Json out;
    out["today"] = r.today.iso();
    out["horizon"] = r.horizon.iso();
    out["items"] = items_json(r.items);
    return out;
}

void write_json(const RemindReport& r, std::ostream& out, unsigned threads) {
    stream_json_object(out, [&](JsonWriter& w) {
        w.field("today", r.today).field("horizon", r.horizon);
        write_items(w, r.items, threads);
    });
}

void render(const RemindReport& r, std::ostream& out, const RenderOptions& o) {
    if (o.format == Format::Json) return write_json(r, out, o.threads);
    if (o.format == Format::Csv) return write_csv(to_json(r)["items"], k_remind_columns, out);
    if (r.items.empty()) {
        out << "nothing to do until " << r.horizon.iso() << '\n';
        return;
    }
    TextTable t({"date", "kind", "who", "what"});
    for (const RemindItem& i : r.items) {
        const std::string when = i.date == r.today ? i.date.iso() + " today" : i.date.iso();
        t.add_row({when, i.kind, i.name, clip(i.text)}, i.overdue ? "31" : (i.date == r.today ? "33" : ""));
    }
    t.print(out, o.color);
}

// ---------------------------------------------------------------- dormant

Json to_json(const DormantReport& r) {
    Json out;
    out["today"] = r.today.iso();
    out["items"] = items_json(r.items);
    return out;
}

void write_json(const DormantReport& r, std::ostream& out, unsigned threads) {
    stream_json_object(out, [&](JsonWriter& w) {
        w.field("today", r.today);
        write_items(w, r.items, threads);
    });
}

void render(const DormantReport& r, std::ostream& out, const RenderOptions& o) {
    if (o.format == Format::Json) return write_json(r, out, o.threads);
    if (o.format == Format::Csv) return write_csv(to_json(r)["items"], k_dormant_columns, out);
    if (r.items.empty()) {
        out << "no dormant contacts\n";
        return;
    }
    using A = TextTable::Align;
    TextTable t({"who", "tier", "last", "silent", "every", "overdue", "last time"},
                {A::Left, A::Left, A::Left, A::Right, A::Right, A::Right, A::Left});
    for (const DormantItem& i : r.items) {
        std::ostringstream ratio;
        if (i.overdue_ratio) ratio << std::fixed << std::setprecision(1) << *i.overdue_ratio << "x";
        else ratio << "never";
        t.add_row({i.name, i.tier.value_or("-"), cell(i.last), i.days_silent ? cell(i.days_silent) + "d" : "-",
                   std::to_string(i.cadence_days) + "d", ratio.str(), clip(i.last_text.value_or(""))},
                  !i.overdue_ratio || *i.overdue_ratio >= 2.0 ? "31" : "");
    }
    t.print(out, o.color);
}

// ---------------------------------------------------------------- reciprocity

Json to_json(const ReciprocityReport& r) {
    Json out;
    out["today"] = r.today.iso();
    out["since"] = date_or_null(r.since);
    out["items"] = items_json(r.items);
    Json totals = Json::object();
    JsonFields f{totals};
    totals_fields(f, r.totals);
    out["totals"] = std::move(totals);
    return out;
}

void write_json(const ReciprocityReport& r, std::ostream& out, unsigned threads) {
    stream_json_object(out, [&](JsonWriter& w) {
        w.field("today", r.today).field("since", r.since);
        write_items(w, r.items, threads);
        w.key("totals").begin_object();
        totals_fields(w, r.totals);
        w.end_object();
    });
}

void render(const ReciprocityReport& r, std::ostream& out, const RenderOptions& o) {
    if (o.format == Format::Json) return write_json(r, out, o.threads);
    if (o.format == Format::Csv) return write_csv(to_json(r)["items"], k_reciprocity_columns, out);
    if (r.items.empty()) {
        out << "no favours or thanks recorded" << (r.since ? " since " + r.since->iso() : std::string()) << '\n';
        return;
    }
    using A = TextTable::Align;
    TextTable t({"who", "gave", "got", "intros", "thanks", "unthanked", "balance", "last favour", "flags"},
                {A::Left, A::Right, A::Right, A::Right, A::Right, A::Right, A::Right, A::Left, A::Left});
    for (const ReciprocityItem& i : r.items) {
        std::string flags;
        for (const auto& f : i.flags) flags += (flags.empty() ? "" : ", ") + f;
        const std::string balance = (i.balance > 0 ? "+" : "") + std::to_string(i.balance);
        t.add_row({i.name, std::to_string(i.gave), std::to_string(i.got),
                   std::to_string(i.intros_gave) + "/" + std::to_string(i.intros_got), std::to_string(i.thanks),
                   std::to_string(i.unthanked), balance, cell(i.last_favour), flags},
                  i.flags.empty() ? "" : "33");
    }
    t.add_row({"total (" + std::to_string(r.totals.contacts) + ")", std::to_string(r.totals.gave),
               std::to_string(r.totals.got), "", std::to_string(r.totals.thanks), std::to_string(r.totals.unthanked),
               "", "", ""},
              "1");
    t.print(out, o.color);
}

} // namespace kith
