#include "kith/render/render_diff.hpp"

namespace kith {

namespace {

template <class T> Json or_null(const std::optional<T>& v) { return v ? Json(*v) : Json(nullptr); }

Json side_json(const DiffSide& s) {
    Json j;
    j["rev"] = or_null(s.rev);
    j["commit"] = or_null(s.commit);
    j["today"] = s.today.iso();
    return j;
}

std::string side_text(const DiffSide& s) {
    if (!s.commit) return "the working tree (" + s.today.iso() + ")";
    return *s.rev + " (" + s.commit->substr(0, 7) + ", " + s.today.iso() + ")";
}

std::string signed_number(int n) { return (n > 0 ? "+" : "") + std::to_string(n); }

std::string plural(int n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

std::string clip(const std::string& s, std::size_t max = 60) {
    if (display_width(s) <= max) return s;
    std::string out;
    std::size_t width = 0;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t next = i + 1;
        while (next < s.size() && (static_cast<unsigned char>(s[next]) & 0xC0) == 0x80) ++next;
        const std::size_t w = display_width(std::string_view(s).substr(i, next - i));
        if (width + w > max - 1) break;
        width += w;
        out.append(s, i, next - i);
        i = next;
    }
    return out + "\u2026";
}

/// The "change" column and the row's colour.
std::pair<std::string, std::string> describe(const DiffItem& i) {
    const std::string& k = i.kind;
    if (k == "contact-added") return {"new contact", "32"};
    if (k == "contact-removed") return {"contact removed", "31"};
    if (k == "contact-archived") return {"archived", ""};
    if (k == "contact-unarchived") return {"unarchived", ""};
    if (k == "entries-added") return {plural(i.count.value_or(0), "entry added", "entries added"), ""};
    if (k == "entries-removed") return {plural(i.count.value_or(0), "entry removed", "entries removed"), ""};
    if (k == "entry-added") return {"  + entry", ""};
    if (k == "entry-removed") return {"  - entry", ""};
    if (k == "followup-opened") return {"follow-up opened", ""};
    if (k == "followup-done") return {"follow-up done", ""};
    if (k == "followup-dropped") return {"follow-up dropped", ""};
    if (k == "gone-dormant") return {"gone dormant", "31"};
    if (k == "revived") return {"revived", "32"};
    if (k == "balance-moved") return {"balance moved", ""};
    return {k, ""};
}

} // namespace

const std::vector<std::string>& diff_columns() {
    static const std::vector<std::string> columns{"kind", "id",     "name",  "count", "date",
                                                  "text", "before", "after", "file",  "line"};
    return columns;
}

Json to_json(const DiffReport& r) {
    Json items = Json::array();
    for (const DiffItem& i : r.items) {
        Json j;
        j["kind"] = i.kind;
        j["id"] = i.id;
        j["name"] = i.name;
        j["count"] = or_null(i.count);
        j["date"] = i.date ? Json(i.date->iso()) : Json(nullptr);
        j["text"] = or_null(i.text);
        j["before"] = or_null(i.before);
        j["after"] = or_null(i.after);
        j["file"] = i.origin.file;
        j["line"] = or_null(i.origin.line);
        items.push_back(std::move(j));
    }
    Json out;
    out["since"] = side_json(r.since);
    out["until"] = side_json(r.until);
    out["items"] = std::move(items);
    return out;
}

void render(const DiffReport& r, std::ostream& out, const RenderOptions& o) {
    if (o.format == Format::Json) return write_json(to_json(r), out);
    if (o.format == Format::Csv) return write_csv(to_json(r)["items"], diff_columns(), out);
    out << "from " << side_text(r.since) << " to " << side_text(r.until) << '\n';
    if (r.items.empty()) {
        out << "no changes\n";
        return;
    }
    out << '\n';
    TextTable t({"change", "who", "date", "detail"});
    for (const DiffItem& i : r.items) {
        auto [change, style] = describe(i);
        std::string detail = i.text.value_or("");
        if (i.kind == "balance-moved") detail = signed_number(i.before.value_or(0)) + " -> " + signed_number(i.after.value_or(0));
        else if (i.kind == "gone-dormant" && !i.date) detail = "never in touch";
        const bool entry_row = i.kind == "entry-added" || i.kind == "entry-removed";
        t.add_row({change, entry_row ? "" : i.name, i.date ? i.date->iso() : "-", clip(detail)}, style);
    }
    t.print(out, o.color);
}

} // namespace kith
