#include "kith/render/template_check.hpp"

#include <algorithm>
#include <vector>

namespace kith {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), lower);
    return out;
}

/// Counts lines as it is asked about offsets that only grow.
class LineCounter {
public:
    explicit LineCounter(std::string_view text) : m_text(text) {}
    int line_of(std::size_t offset) {
        for (; m_at < offset && m_at < m_text.size(); ++m_at)
            if (m_text[m_at] == '\n') ++m_line;
        return m_line;
    }

private:
    std::string_view m_text;
    std::size_t m_at = 0;
    int m_line = 1;
};

bool is_chart(std::string_view name) {
    if (name.substr(0, 7) == "charts.") name.remove_prefix(7);
    return name == "tiers_svg" || name == "months_svg" || name == "favours_svg";
}

} // namespace

Diagnostics check_template(const std::string& path, std::string_view text, TemplateKind kind) {
    Diagnostics out;
    LineCounter lines(text);
    auto error = [&](std::size_t at, std::string message) {
        out.push_back({path, lines.line_of(at), Level::Error, std::move(message)});
    };
    // mstch's tokenizer, with the delimiters it starts with: a tag runs from
    // "{{" to the first "}}" after it, one more "}" when it opened with "{{{".
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t open = text.find("{{", pos);
        if (open == std::string_view::npos) break;
        std::size_t close = text.find("}}", open + 1);
        if (close == std::string_view::npos) break;
        if (open + 2 < text.size() && text[open + 2] == '{' && close + 2 < text.size() && text[close + 2] == '}') ++close;
        const std::string_view tag = text.substr(open, close + 2 - open);
        pos = close + 2;
        if (tag.size() < 4) continue;
        const std::string_view inner = tag.substr(2, tag.size() - 4);
        std::string_view name;
        bool unescaped = false;
        if (!inner.empty() && inner.front() == '{' && inner.back() == '}') {
            unescaped = true;
            name = trim(inner.substr(1, inner.size() - 2));
        } else {
            const std::string_view body = trim(inner);
            if (body.empty()) continue;
            switch (body.front()) {
            case '=':
                error(open, "\"" + std::string(tag) +
                                "\" changes the tag delimiters, which templates may not do; keep {{ and }}");
                return out; // what follows would be read with other delimiters
            case '>':
                error(open, "\"" + std::string(tag) +
                                "\" is a partial, which templates may not use (kith has none to include); "
                                "write the text in this template");
                continue;
            case '&':
                unescaped = true;
                name = trim(body.substr(1));
                break;
            default: continue;
            }
        }
        if (unescaped && kind == TemplateKind::Html && !is_chart(name))
            error(open, "\"" + std::string(tag) +
                            "\" writes a value unescaped, which an HTML template may do only for kith's charts "
                            "(tiers_svg, months_svg, favours_svg); write {{" + std::string(name) + "}}");
    }
    return out;
}

std::string html_prologue() {
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"" + std::string(k_html_policy) + "\">\n"
           "<meta http-equiv=\"x-dns-prefetch-control\" content=\"off\">\n";
}

namespace {

struct Attribute {
    std::string name; ///< lowercased
    std::string_view value;
};

/// The attributes of the start tag whose name ends at `i`, read as the HTML
/// tokenizer reads them (up to the `>` that is not inside a quoted value).
std::vector<Attribute> tag_attributes(std::string_view html, std::size_t i) {
    std::vector<Attribute> out;
    const std::size_t n = html.size();
    while (true) {
        while (i < n && (is_space(html[i]) || html[i] == '/')) ++i;
        if (i >= n || html[i] == '>') break;
        const std::size_t start = i++; // a name may start with '='
        while (i < n && !is_space(html[i]) && html[i] != '/' && html[i] != '>' && html[i] != '=') ++i;
        Attribute a{lowered(html.substr(start, i - start)), {}};
        while (i < n && is_space(html[i])) ++i;
        if (i < n && html[i] == '=') {
            ++i;
            while (i < n && is_space(html[i])) ++i;
            if (i < n && (html[i] == '"' || html[i] == '\'')) {
                const char quote = html[i++];
                const std::size_t end = std::min(html.find(quote, i), n);
                a.value = html.substr(i, end - i);
                i = end + 1;
            } else {
                const std::size_t start_value = i;
                while (i < n && !is_space(html[i]) && html[i] != '>') ++i;
                a.value = html.substr(start_value, i - start_value);
            }
        }
        out.push_back(std::move(a));
    }
    return out;
}

} // namespace

Diagnostics check_html_page(const std::string& path, std::string_view html) {
    Diagnostics out;
    const std::string low = lowered(html);
    LineCounter lines(html);
    for (std::size_t at = low.find('<'); at != std::string::npos; at = low.find('<', at + 1)) {
        std::string_view name;
        for (std::string_view candidate : {"meta", "link"})
            if (low.compare(at + 1, candidate.size(), candidate) == 0) name = candidate;
        if (name.empty()) continue;
        const std::size_t end = at + 1 + name.size();
        if (end < low.size() && !is_space(low[end]) && low[end] != '/' && low[end] != '>') continue; // <metadata>
        if (name == "link") {
            out.push_back({path, lines.line_of(at), Level::Error,
                           "templates may not use <link>: the page loads nothing from outside (put CSS in <style>)"});
            continue;
        }
        for (const Attribute& a : tag_attributes(html, end)) {
            if (a.name != "http-equiv") continue;
            const std::string value = lowered(a.value);
            if (value == "content-security-policy" || value == "content-type") continue;
            out.push_back({path, lines.line_of(at), Level::Error,
                           "templates may not use <meta http-equiv=\"" + std::string(a.value) +
                               "\">: kith sets the page's policy itself and a refresh would take the page elsewhere"});
        }
    }
    return out;
}

} // namespace kith
