#include "kith/parse/front_matter.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <cctype>
#include <sstream>
#include <stdexcept>

namespace kith {
namespace {

/// Strips trailing blanks and a CR from one line.
std::string_view rstrip_line(std::string_view line) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
        line.remove_suffix(1);
    return line;
}

/// One line starting at `pos`: its text (without the newline) and where the
/// next line starts (npos past the end).
struct Line {
    std::string_view text;
    std::size_t next;
};

Line line_at(std::string_view text, std::size_t pos) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) return {text.substr(pos), std::string_view::npos};
    return {text.substr(pos, nl - pos), nl + 1};
}

} // namespace

Split split_front_matter(std::string_view text) {
    Split s;
    s.body = text;
    Line first = line_at(text, 0);
    if (rstrip_line(first.text) != "---") return s;
    s.has_front_matter = true;
    int line_no = 2;
    std::size_t pos = first.next;
    const std::size_t yaml_start = pos == std::string_view::npos ? text.size() : pos;
    while (pos != std::string_view::npos && pos < text.size()) {
        Line l = line_at(text, pos);
        std::string_view t = rstrip_line(l.text);
        if (t == "---" || t == "...") {
            s.yaml = text.substr(yaml_start, pos - yaml_start);
            s.body = l.next == std::string_view::npos ? std::string_view{} : text.substr(l.next);
            s.body_first_line = line_no + 1;
            return s;
        }
        pos = l.next;
        ++line_no;
    }
    s.unclosed = true;
    s.yaml = text.substr(yaml_start);
    s.body = {};
    return s;
}

bool YamlNode::is_null() const {
    if (kind == Kind::Null) return true;
    if (kind != Kind::Scalar || !plain) return false;
    return scalar == "~" || scalar == "null" || scalar == "Null" || scalar == "NULL";
}

bool YamlNode::is_empty() const {
    if (is_null()) return true;
    if (kind != Kind::Scalar) return false;
    return scalar.find_first_not_of(" \t\r\n") == std::string::npos;
}

const char* YamlNode::kind_name() const {
    switch (kind) {
    case Kind::Null: return "empty";
    case Kind::Scalar: return is_null() ? "empty" : "a scalar";
    case Kind::Sequence: return "a list";
    case Kind::Map: return "a mapping";
    }
    return "?";
}

namespace {

/// Thrown from inside the event handler to stop yaml-cpp early.
struct YamlRefused : std::runtime_error {
    int line;
    YamlRefused(int line_, const std::string& what) : std::runtime_error(what), line(line_) {}
};

/// Builds a YamlNode tree from yaml-cpp's parse events, refusing anchors,
/// aliases, deep nesting and oversized documents as they appear (so a hostile
/// document never gets expanded or walked recursively without bound).
class TreeBuilder : public YAML::EventHandler {
public:
    explicit TreeBuilder(int first_line) : m_first_line(first_line) {}

    std::optional<YamlNode> take() { return std::move(m_root); }

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        check_anchor(mark, anchor);
        YamlNode n;
        n.line = line_of(mark);
        add(std::move(n));
    }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
        throw YamlRefused(line_of(mark), "anchors and aliases are not allowed in front matter");
    }
    void OnAnchor(const YAML::Mark& mark, const std::string&) override {
        throw YamlRefused(line_of(mark), "anchors and aliases are not allowed in front matter");
    }
    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        check_anchor(mark, anchor);
        YamlNode n;
        n.kind = YamlNode::Kind::Scalar;
        n.plain = tag == "?";
        n.line = line_of(mark);
        n.scalar = value;
        add(std::move(n));
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        open(mark, anchor, YamlNode::Kind::Sequence);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        open(mark, anchor, YamlNode::Kind::Map);
    }
    void OnMapEnd() override { close(); }

private:
    int line_of(const YAML::Mark& mark) const { return m_first_line + (mark.line < 0 ? 0 : mark.line); }

    void check_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
        if (anchor != YAML::NullAnchor)
            throw YamlRefused(line_of(mark), "anchors and aliases are not allowed in front matter");
        if (++m_nodes > k_yaml_max_nodes)
            throw YamlRefused(line_of(mark), "front matter is over the " + std::to_string(k_yaml_max_nodes) +
                                                 "-value front matter limit");
    }

    void open(const YAML::Mark& mark, YAML::anchor_t anchor, YamlNode::Kind kind) {
        check_anchor(mark, anchor);
        if (static_cast<int>(m_stack.size()) >= k_yaml_max_depth)
            throw YamlRefused(line_of(mark), "front matter is over the " + std::to_string(k_yaml_max_depth) +
                                                 "-level front matter nesting limit");
        YamlNode n;
        n.kind = kind;
        n.line = line_of(mark);
        m_stack.push_back(std::move(n));
    }

    void close() {
        YamlNode n = std::move(m_stack.back());
        m_stack.pop_back();
        add(std::move(n));
    }

    void add(YamlNode n) {
        if (m_stack.empty()) {
            m_root = std::move(n);
        } else {
            m_stack.back().items.push_back(std::move(n));
        }
    }

    int m_first_line;
    int m_nodes = 0;
    std::vector<YamlNode> m_stack;
    std::optional<YamlNode> m_root;
};

/// yaml-cpp messages start in lowercase already; keep ours consistent.
std::string yaml_message(const YAML::Exception& e) {
    std::string m = e.msg;
    if (!m.empty() && m.back() == '.') m.pop_back();
    return m;
}

} // namespace

namespace {

bool yaml_null_word(std::string_view s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }

bool plain_start_ok(char c) {
    return std::string_view("-?:,[]{}#&*!|>'\"%@`\\ \t").find(c) == std::string_view::npos;
}

/// After a value: nothing, or blanks then a comment.
bool rest_is_comment(std::string_view rest) {
    std::size_t i = 0;
    while (i < rest.size() && (rest[i] == ' ' || rest[i] == '\t')) ++i;
    if (i == rest.size()) return true;
    return rest[i] == '#' && i > 0;
}

YamlNode scalar_node(std::string value, bool plain, int line) {
    YamlNode n;
    n.line = line;
    if (plain && yaml_null_word(value)) return n; // yaml-cpp reports these as null
    n.kind = YamlNode::Kind::Scalar;
    n.plain = plain;
    n.scalar = std::move(value);
    return n;
}

/// A plain scalar up to a comment; nullopt when YAML would read more into it
/// (`a: b` inside, a trailing `:`) or `in_flow` forbids a character.
std::optional<std::string> plain_value(std::string_view v, bool in_flow) {
    std::size_t end = v.size();
    for (std::size_t i = 0; i < v.size(); ++i) {
        const char c = v[i];
        if (c == '#' && i > 0 && (v[i - 1] == ' ' || v[i - 1] == '\t')) {
            end = i;
            break;
        }
        if (c == ':' && (in_flow || i + 1 == v.size() || v[i + 1] == ' ' || v[i + 1] == '\t')) return std::nullopt;
        if (in_flow && c == '#') return std::nullopt;
        if (in_flow && (c == ',' || c == '[' || c == ']' || c == '{' || c == '}')) return std::nullopt;
        if (in_flow && c == '?') return std::nullopt; // yaml-cpp ends a flow scalar there (found by fuzzing)
        if (c == '\t') return std::nullopt; // keep the subset simple
    }
    std::string_view t = v.substr(0, end);
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
    return std::string(t);
}

/// A quoted scalar at the start of `v` without escapes; sets `rest`.
std::optional<std::string> quoted_value(std::string_view v, std::string_view& rest) {
    const char q = v[0];
    std::size_t close = v.find(q, 1);
    if (close == std::string_view::npos) return std::nullopt;
    std::string_view inner = v.substr(1, close - 1);
    if (q == '"' && inner.find('\\') != std::string_view::npos) return std::nullopt;
    if (q == '\'' && close + 1 < v.size() && v[close + 1] == '\'') return std::nullopt; // '' escape
    rest = v.substr(close + 1);
    return std::string(inner);
}

} // namespace

std::optional<YamlNode> parse_simple_yaml(std::string_view yaml, int first_line) {
    // yaml-cpp and the line split below disagree on a CR outside CRLF (a line
    // of just CR is an empty scalar to yaml-cpp); found by fuzzing.
    for (std::size_t cr = yaml.find('\r'); cr != std::string_view::npos; cr = yaml.find('\r', cr + 1))
        if (cr + 1 == yaml.size() || yaml[cr + 1] != '\n') return std::nullopt;
    // Characters YAML does not allow in a stream (C0 and C1 controls but tab
    // and line ends, DEL, U+FEFF inside, U+FFFE, U+FFFF) are yaml-cpp's to
    // judge; found by fuzzing (a vertical tab in a value).
    for (std::size_t i = 0; i < yaml.size(); ++i) {
        const auto c = static_cast<unsigned char>(yaml[i]);
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return std::nullopt;
        if (c == 0xC2 && i + 1 < yaml.size() && static_cast<unsigned char>(yaml[i + 1]) < 0xA0) return std::nullopt;
        if (c == 0xEF && i + 2 < yaml.size() && static_cast<unsigned char>(yaml[i + 1]) >= 0xBB) {
            const auto c1 = static_cast<unsigned char>(yaml[i + 1]), c2 = static_cast<unsigned char>(yaml[i + 2]);
            if ((c1 == 0xBB && c2 == 0xBF) || (c1 == 0xBF && c2 >= 0xBE)) return std::nullopt;
        }
    }
    YamlNode map;
    map.kind = YamlNode::Kind::Map;
    int line = first_line;
    std::size_t pos = 0;
    bool any = false;
    int nodes = 1;
    while (pos < yaml.size()) {
        std::size_t nl = yaml.find('\n', pos);
        std::string_view l = yaml.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? yaml.size() : nl + 1;
        const int this_line = line++;
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        if (l.find_first_not_of(" \t") == std::string_view::npos) continue; // blank
        if (l.front() == '#') continue;                                     // comment at column 0
        // key
        std::size_t k = 0;
        while (k < l.size() && (std::isalnum(static_cast<unsigned char>(l[k])) || l[k] == '_' || l[k] == '-')) ++k;
        if (k == 0 || l[0] == '-' || k >= l.size() || l[k] != ':') return std::nullopt;
        if (k + 1 < l.size() && l[k + 1] != ' ') return std::nullopt;
        std::string key(l.substr(0, k));
        if (yaml_null_word(key) || key == "true" || key == "false") return std::nullopt;
        std::string_view v = l.substr(k + 1);
        while (!v.empty() && v.front() == ' ') v.remove_prefix(1);

        YamlNode value;
        value.line = this_line;
        if (v.empty() || v.front() == '#') {
            // `key:` alone: a null, unless a block follows (caught by the next line).
        } else if (v.front() == '"' || v.front() == '\'') {
            std::string_view rest;
            auto q = quoted_value(v, rest);
            if (!q || !rest_is_comment(rest)) return std::nullopt;
            value = scalar_node(std::move(*q), false, this_line);
        } else if (v.front() == '[') {
            std::size_t close = v.find(']');
            if (close == std::string_view::npos || !rest_is_comment(v.substr(close + 1))) return std::nullopt;
            std::string_view inner = v.substr(1, close - 1);
            value.kind = YamlNode::Kind::Sequence;
            if (inner.find_first_not_of(" ") != std::string_view::npos) {
                std::size_t start = 0;
                while (start <= inner.size()) {
                    std::size_t comma = inner.find(',', start);
                    std::string_view item = inner.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
                    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
                    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
                    if (item.empty()) return std::nullopt;
                    if (item.front() == '"' || item.front() == '\'') {
                        std::string_view rest;
                        auto q = quoted_value(item, rest);
                        if (!q || !rest.empty()) return std::nullopt;
                        value.items.push_back(scalar_node(std::move(*q), false, this_line));
                    } else {
                        if (!plain_start_ok(item.front())) return std::nullopt;
                        auto p = plain_value(item, true);
                        if (!p || p->size() != item.size()) return std::nullopt;
                        value.items.push_back(scalar_node(std::move(*p), true, this_line));
                    }
                    if (comma == std::string_view::npos) break;
                    start = comma + 1;
                }
            }
        } else {
            // `-`, `?` and `:` may start a plain scalar when a non-blank follows (`--03-14`).
            const bool indicator_ok = (v.front() == '-' || v.front() == '?' || v.front() == ':') && v.size() > 1 &&
                                      v[1] != ' ' && v[1] != '\t';
            if (!plain_start_ok(v.front()) && !indicator_ok) return std::nullopt;
            auto p = plain_value(v, false);
            if (!p) return std::nullopt;
            value = scalar_node(std::move(*p), true, this_line);
        }
        YamlNode key_node;
        key_node.kind = YamlNode::Kind::Scalar;
        key_node.line = this_line;
        key_node.scalar = std::move(key);
        if (!any) map.line = this_line;
        any = true;
        map.items.push_back(std::move(key_node));
        map.items.push_back(std::move(value));
        nodes += 2 + static_cast<int>(map.items.back().items.size());
        if (nodes > k_yaml_max_nodes) return std::nullopt; // yaml-cpp's path words the error
    }
    if (!any) {
        YamlNode empty;
        empty.line = first_line;
        return empty;
    }
    return map;
}

std::optional<YamlNode> parse_yaml(std::string_view yaml, int first_line, const std::string& file,
                                   Diagnostics& out) {
    if (yaml.find('\t') == std::string_view::npos)
        if (auto fast = parse_simple_yaml(yaml, first_line)) return fast;
    return parse_yaml_full(yaml, first_line, file, out);
}

std::optional<YamlNode> parse_yaml_full(std::string_view yaml, int first_line, const std::string& file,
                                        Diagnostics& out) {
    // YAML forbids tabs in indentation; yaml-cpp accepts some of them silently,
    // which would make the same file mean different things in different tools.
    {
        int line = first_line;
        bool at_line_start = true;
        for (char c : yaml) {
            if (c == '\n') {
                ++line;
                at_line_start = true;
            } else if (at_line_start && c == '\t') {
                out.push_back({file, line, Level::Error,
                               "tab used for indentation in front matter (YAML allows only spaces)"});
                return std::nullopt;
            } else if (c != ' ') {
                at_line_start = false;
            }
        }
    }
    std::string text(yaml);
    std::istringstream in(text);
    TreeBuilder builder(first_line);
    try {
        YAML::Parser parser(in);
        parser.HandleNextDocument(builder);
        // Front matter is one document; a second one (`--- ` inside) is an error
        // rather than silently ignored.
        TreeBuilder rest(first_line);
        if (parser.HandleNextDocument(rest)) {
            out.push_back({file, first_line, Level::Error, "front matter holds more than one YAML document"});
            return std::nullopt;
        }
    } catch (const YamlRefused& e) {
        out.push_back({file, e.line, Level::Error, e.what()});
        return std::nullopt;
    } catch (const YAML::Exception& e) {
        int line = first_line + (e.mark.is_null() ? 0 : e.mark.line);
        out.push_back({file, line, Level::Error, "invalid YAML: " + yaml_message(e)});
        return std::nullopt;
    }
    auto root = builder.take();
    if (!root) {
        YamlNode empty;
        empty.line = first_line;
        return empty; // an empty block: no keys
    }
    return root;
}

} // namespace kith
