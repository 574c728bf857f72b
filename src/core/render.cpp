#include "kith/render/render.hpp"

#include <algorithm>
#include <iomanip>
#include <sstream>

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

void add_origin(Json& j, const Origin& o) {
    j["file"] = o.file;
    j["line"] = or_null(o.line);
}

std::string cell(const std::optional<Date>& d) { return d ? d->iso() : "-"; }

template <class T> std::string cell(const std::optional<T>& v) { return v ? std::to_string(*v) : "-"; }

/// Long free text is cut for the table (JSON and CSV keep all of it).
std::string clip(std::string_view s, std::size_t max = 60) {
    if (display_width(s) <= max) return std::string(s);
    std::string out;
    std::size_t width = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if ((c & 0xC0) != 0x80) {
            if (width == max - 1) break;
            ++width;
        }
        out += s[i];
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
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string printable(std::string_view s) {
    auto control = [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return (c < 0x20 && c != '\t') || c == 0x7F;
    };
    if (std::none_of(s.begin(), s.end(), control)) return std::string(s);
    std::string out;
    for (char ch : s) {
        if (control(ch)) out += "\uFFFD";
        else out += ch;
    }
    return out;
}

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
        if (color && !style.empty()) out << "\x1b[" << style << 'm' << text << "\x1b[0m\n";
        else out << text << '\n';
    };
    line(m_headers, "1");
    for (const auto& [cells, style] : m_rows) line(cells, style);
}

void write_json(const Json& j, std::ostream& out) { out << j.dump(2) << '\n'; }

void write_csv(const Json& items, const std::vector<std::string>& columns, std::ostream& out) {
    auto quote = [](const std::string& s) {
        if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
        std::string q = "\"";
        for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
        return q + "\"";
    };
    auto text = [](const Json& v) -> std::string {
        if (v.is_null()) return "";
        if (v.is_string()) return v.get<std::string>();
        if (v.is_array()) {
            std::string s;
            for (const Json& x : v) s += (s.empty() ? "" : ";") + (x.is_string() ? x.get<std::string>() : x.dump());
            return s;
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
    Json items = Json::array();
    for (const RemindItem& i : r.items) {
        Json j;
        j["kind"] = i.kind;
        j["id"] = i.id;
        j["name"] = i.name;
        j["date"] = i.date.iso();
        j["overdue"] = i.overdue;
        j["text"] = i.text;
        if (i.has_age) j["age"] = or_null(i.age);
        add_origin(j, i.origin);
        items.push_back(std::move(j));
    }
    Json out;
    out["today"] = r.today.iso();
    out["horizon"] = r.horizon.iso();
    out["items"] = std::move(items);
    return out;
}

void render(const RemindReport& r, std::ostream& out, const RenderOptions& o) {
    if (o.format == Format::Json) return write_json(to_json(r), out);
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
    Json items = Json::array();
    for (const DormantItem& i : r.items) {
        Json j;
        j["id"] = i.id;
        j["name"] = i.name;
        j["tier"] = or_null(i.tier);
        j["last"] = date_or_null(i.last);
        j["days_silent"] = or_null(i.days_silent);
        j["cadence_days"] = i.cadence_days;
        j["overdue_ratio"] = or_null(i.overdue_ratio);
        j["last_text"] = or_null(i.last_text);
        add_origin(j, i.origin);
        items.push_back(std::move(j));
    }
    Json out;
    out["today"] = r.today.iso();
    out["items"] = std::move(items);
    return out;
}

void render(const DormantReport& r, std::ostream& out, const RenderOptions& o) {
    if (o.format == Format::Json) return write_json(to_json(r), out);
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
    Json items = Json::array();
    for (const ReciprocityItem& i : r.items) {
        Json j;
        j["id"] = i.id;
        j["name"] = i.name;
        j["gave"] = i.gave;
        j["got"] = i.got;
        j["intros_gave"] = i.intros_gave;
        j["intros_got"] = i.intros_got;
        j["thanks"] = i.thanks;
        j["unthanked"] = i.unthanked;
        j["balance"] = i.balance;
        j["last_favour"] = date_or_null(i.last_favour);
        j["flags"] = i.flags;
        add_origin(j, i.origin);
        items.push_back(std::move(j));
    }
    Json out;
    out["today"] = r.today.iso();
    out["since"] = date_or_null(r.since);
    out["items"] = std::move(items);
    out["totals"] = Json{{"gave", r.totals.gave},
                         {"got", r.totals.got},
                         {"thanks", r.totals.thanks},
                         {"unthanked", r.totals.unthanked},
                         {"contacts", r.totals.contacts}};
    return out;
}

void render(const ReciprocityReport& r, std::ostream& out, const RenderOptions& o) {
    if (o.format == Format::Json) return write_json(to_json(r), out);
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
