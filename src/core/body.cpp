#include "kith/parse/body.hpp"

#include "kith/parse/markdown_guard.hpp"
#include "kith/parse/text.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <unordered_set>

namespace kith {

void init_markdown() {
    static std::once_flag once;
    std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

namespace {

struct ParserFree {
    void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeFree {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterFree {
    void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

/// Raw source lines of the body, so that kith reads item text exactly as the
/// user wrote it (cmark's inline parsing would drop `**`, turn `\#` into `#`...).
class SourceLines {
public:
    explicit SourceLines(std::string_view text) : m_text(text) {
        m_starts.push_back(0);
        for (std::size_t i = 0; i < text.size(); ++i)
            if (text[i] == '\n') m_starts.push_back(i + 1);
    }

    /// Line `n` (1-based) without its line ending; empty past the end.
    std::string_view line(int n) const {
        if (n < 1 || static_cast<std::size_t>(n) > m_starts.size()) return {};
        std::size_t b = m_starts[static_cast<std::size_t>(n - 1)];
        std::size_t e = static_cast<std::size_t>(n) < m_starts.size()
                            ? m_starts[static_cast<std::size_t>(n)] - 1
                            : m_text.size();
        std::string_view l = m_text.substr(b, e - b);
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        return l;
    }

    /// Lines first..last of a block, the first one from byte column `col`
    /// (1-based), joined by `sep`. With `strip`, later lines lose their
    /// leading blanks (list indentation) and every line its trailing blanks.
    std::string block(int first, int col, int last, char sep, bool strip) const {
        std::string out;
        for (int n = first; n <= std::max(first, last); ++n) {
            std::string_view l = line(n);
            if (n == first) {
                std::size_t skip = col > 1 ? static_cast<std::size_t>(col - 1) : 0;
                l = l.substr(std::min(skip, l.size()));
            }
            if (strip) l = trim(l);
            if (n != first) out += sep;
            out += l;
        }
        return out;
    }

private:
    std::string_view m_text;
    std::vector<std::size_t> m_starts;
};

bool is_task_item(cmark_node* item) {
    const char* type = cmark_node_get_type_string(item);
    return type != nullptr && std::strcmp(type, "tasklist") == 0;
}

/// cmark-gfm 0.29 marks `- [ ] fix [x] later` as done because of the later
/// `[x]`: read the item's own box from the source instead.
bool box_is_checked(const SourceLines& src, cmark_node* item) {
    std::string_view l = src.line(cmark_node_get_start_line(item));
    std::size_t i = static_cast<std::size_t>(std::max(1, cmark_node_get_start_column(item)) - 1);
    while (i < l.size() && (l[i] == ' ' || l[i] == '\t')) ++i;
    while (i < l.size() && l[i] >= '0' && l[i] <= '9') ++i; // ordered list number
    if (i < l.size() && (l[i] == '-' || l[i] == '*' || l[i] == '+' || l[i] == '.' || l[i] == ')')) ++i;
    while (i < l.size() && (l[i] == ' ' || l[i] == '\t')) ++i;
    return i + 2 < l.size() && l[i] == '[' && (l[i + 1] == 'x' || l[i + 1] == 'X') && l[i + 2] == ']';
}

std::vector<std::string> links_in(std::string_view masked) {
    std::vector<std::string> out;
    std::unordered_set<std::string> seen; // a set: an item may hold thousands of links
    scan_links(masked, [&](std::string t) {
        if (seen.insert(ascii_lower(t)).second) out.push_back(std::move(t));
    });
    return out;
}

} // namespace

Body parse_body(std::string_view text, int first_line, const std::string& file, Diagnostics& out) {
    init_markdown();
    Body body;
    if (trim(text).empty()) return body;

    // cmark reads a copy with inline syntax masked (see markdown_guard.hpp);
    // kith reads item text from `text` itself.
    const MaskedBody masked_body = mask_inline_syntax(text);
    if (masked_body.deep_line != 0) {
        out.push_back({file, masked_body.deep_line + first_line - 1, Level::Error,
                       "block quotes and lists nest " + std::to_string(masked_body.deep_depth) +
                           " levels deep (the limit is " + std::to_string(k_max_block_nesting) + "); skipped"});
        return body;
    }

    std::unique_ptr<cmark_parser, ParserFree> parser(cmark_parser_new(CMARK_OPT_DEFAULT));
    // Only the task-list extension changes what kith reads. Tables are left as
    // paragraphs on purpose: cmark-gfm 0.29's table extension is quadratic on
    // some inputs, and links inside table rows are still found as paragraph text.
    cmark_parser_attach_syntax_extension(parser.get(), cmark_find_syntax_extension("tasklist"));
    cmark_parser_feed(parser.get(), masked_body.text.data(), masked_body.text.size());
    std::unique_ptr<cmark_node, NodeFree> doc(cmark_parser_finish(parser.get()));
    std::unique_ptr<cmark_iter, IterFree> iter(cmark_iter_new(doc.get()));

    const SourceLines src(text);
    const int offset = first_line - 1;
    int quote_depth = 0;
    cmark_event_type ev;
    while ((ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
        cmark_node* node = cmark_iter_get_node(iter.get());
        cmark_node_type type = cmark_node_get_type(node);
        if (type == CMARK_NODE_BLOCK_QUOTE) {
            quote_depth += ev == CMARK_EVENT_ENTER ? 1 : -1;
            continue;
        }
        if (ev != CMARK_EVENT_ENTER) continue;

        if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING) {
            const int start = cmark_node_get_start_line(node);
            std::string raw = mask_code_spans(src.block(start, cmark_node_get_start_column(node),
                                                        cmark_node_get_end_line(node), '\n', false));
            // Report each link on the line it sits on.
            std::size_t line_begin = 0;
            int line_no = start;
            while (line_begin <= raw.size()) {
                std::size_t nl = raw.find('\n', line_begin);
                std::string_view l = std::string_view(raw).substr(
                    line_begin, nl == std::string::npos ? std::string::npos : nl - line_begin);
                scan_links(l, [&](std::string t) { body.links.push_back({std::move(t), line_no + offset}); });
                if (nl == std::string::npos) break;
                line_begin = nl + 1;
                ++line_no;
            }
            continue;
        }
        if (type != CMARK_NODE_ITEM || quote_depth > 0) continue;

        cmark_node* para = cmark_node_first_child(node);
        if (para == nullptr || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH) continue;
        const int line = cmark_node_get_start_line(para) + offset;
        std::string item_text = src.block(cmark_node_get_start_line(para), cmark_node_get_start_column(para),
                                          cmark_node_get_end_line(para), ' ', true);
        std::string masked = mask_code_spans(item_text);

        if (is_task_item(node)) {
            Task task;
            task.done = box_is_checked(src, node);
            task.line = line;
            DueScan due = scan_due_date(masked);
            task.due = due.due;
            if (!due.bad.empty())
                out.push_back({file, line, Level::Warning,
                               "follow-up due date is not a real date: \"" + due.bad + "\""});
            task.links = links_in(masked);
            task.text = std::string(trim(item_text));
            body.tasks.push_back(std::move(task));
            continue;
        }
        if (!starts_with_date_token(item_text)) continue;
        auto date = Date::parse(std::string_view(item_text).substr(0, 10));
        if (!date) {
            out.push_back({file, line, Level::Warning,
                           "\"" + item_text.substr(0, 10) + "\" is not a real date; the item is not an entry"});
            continue;
        }
        Entry entry;
        entry.date = *date;
        entry.line = line;
        entry.text = std::string(trim(std::string_view(item_text).substr(10)));
        entry.tags = scan_tags(masked);
        entry.links = links_in(masked);
        body.entries.push_back(std::move(entry));
    }
    return body;
}

} // namespace kith
