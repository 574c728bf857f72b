#include "kith/parse/body.hpp"

#include "kith/parse/markdown_guard.hpp"
#include "kith/model/recurrence.hpp"
#include "kith/parse/text.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
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
char box_of(const SourceLines& src, cmark_node* item) {
    std::string_view l = src.line(cmark_node_get_start_line(item));
    std::size_t i = static_cast<std::size_t>(std::max(1, cmark_node_get_start_column(item)) - 1);
    while (i < l.size() && (l[i] == ' ' || l[i] == '\t')) ++i;
    while (i < l.size() && l[i] >= '0' && l[i] <= '9') ++i; // ordered list number
    if (i < l.size() && (l[i] == '-' || l[i] == '*' || l[i] == '+' || l[i] == '.' || l[i] == ')')) ++i;
    while (i < l.size() && (l[i] == ' ' || l[i] == '\t')) ++i;
    return i + 2 < l.size() && l[i] == '[' && l[i + 2] == ']' ? l[i + 1] : ' ';
}

/// `[/]` (in progress) and `[-]` (cancelled): Obsidian's task boxes that GFM
/// does not read as task boxes (VAULT.md v1.2).
bool is_extra_box(char c) { return c == '/' || c == '-'; }

bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

std::vector<std::string> links_in(std::string_view masked) {
    std::vector<std::string> out;
    std::unordered_set<std::string> seen; // past a few links: an item may hold thousands
    scan_links(masked, [&](std::string t) {
        if (is_daily_note_target(t)) return; // a daily note, never a person
        if (out.size() < 8) { // few links: compare in place
            if (std::any_of(out.begin(), out.end(), [&](const std::string& o) { return equal_ignoring_ascii_case(o, t); }))
                return;
            out.push_back(std::move(t));
            if (out.size() == 8)
                for (const std::string& o : out) seen.insert(ascii_lower(o));
            return;
        }
        if (seen.insert(ascii_lower(t)).second) out.push_back(std::move(t));
    });
    return out;
}

/// What both parsers feed: the body under construction and where problems go.
struct BodySink {
    BodySink(Body& b, const std::string& f, Diagnostics& o)
        : body(b), file(f), out(o), store(std::make_shared<TextStore>()) {
        body.storage = store;
    }
    Body& body;
    const std::string& file;
    Diagnostics& out;
    std::shared_ptr<TextStore> store; ///< where the items' strings go

    /// The links of a paragraph or heading, given as its raw source lines
    /// (joined by '\n') starting on line `first_line` of the file.
    void block_links(std::string_view raw_block, int first_line) { masked_links(mask_code_spans(raw_block), first_line); }

    /// The same, for text whose code spans are already masked.
    void masked_links(std::string_view raw, int first_line) {
        // Report each link on the line it sits on.
        std::size_t line_begin = 0;
        int line_no = first_line;
        while (line_begin <= raw.size()) {
            std::size_t nl = raw.find('\n', line_begin);
            std::string_view l = raw.substr(line_begin, nl == std::string::npos ? std::string::npos : nl - line_begin);
            scan_links(l, [&](std::string t) {
                if (!is_daily_note_target(t)) body.links.push_back({store->keep(t), line_no});
            });
            if (nl == std::string::npos) break;
            line_begin = nl + 1;
            ++line_no;
        }
    }

    /// A list item outside block quotes whose first block is a paragraph:
    /// `item_text` is that paragraph's source, lines joined by spaces.
    /// Returns the item text with its code spans masked.
    std::string item(const std::string& raw_text, int line, bool is_task, char box) {
        std::string_view item_text = raw_text;
        if (!is_task && item_text.size() > 4 && item_text[0] == '[' && is_extra_box(item_text[1]) &&
            item_text[2] == ']' && (item_text[3] == ' ' || item_text[3] == '\t')) {
            // `- [/] text` read through cmark-gfm, which leaves the box in the text
            is_task = true;
            box = item_text[1];
            item_text = trim(item_text.substr(3));
        }
        std::string masked = mask_code_spans(item_text);
        if (is_task) {
            Task task;
            task.box = box == 'x' || box == 'X' || is_extra_box(box) ? box : ' ';
            task.done = task.box == 'x' || task.box == 'X' || task.box == '-';
            task.line = line;
            DueScan due = scan_due_date(masked);
            task.due = due.due;
            if (!due.bad.empty())
                out.push_back({file, line, Level::Warning,
                               "follow-up due date is not a real date: \"" + due.bad + "\""});
            if (auto rule = recurrence_rule_in(masked)) {
                task.recurrence = parse_recurrence(*rule);
                if (!task.recurrence)
                    out.push_back({file, line, Level::Warning,
                                   "repeat rule \"" + std::string(*rule) +
                                       "\" is not one kith reads: write every day, every 2 weeks, every month, "
                                       "every year or every weekday (and optionally when done)"});
            }
            task.links = store->keep_words(links_in(masked));
            task.text = store->keep(trim(item_text));
            body.tasks.push_back(std::move(task));
            return masked;
        }
        auto lead = entry_date_lead(item_text);
        if (!lead) {
            if (auto foreign = foreign_date_lead(item_text))
                out.push_back({file, line, Level::Warning,
                               "\"" + *foreign + "\" is not a date kith reads; the item is not an entry "
                                                 "(write the date as YYYY-MM-DD)"});
            return masked;
        }
        auto date = Date::parse(lead->date);
        if (!date) {
            out.push_back({file, line, Level::Warning,
                           "\"" + std::string(lead->date) + "\" is not a real date; the item is not an entry"});
            return masked;
        }
        body.entries.emplace_back(*date, line, store->keep_entry(lead->text, scan_tags(masked), links_in(masked)));
        return masked;
    }
};

// ------------------------------------------------------------ the fast path
//
// Most bodies are headings, one-line list items and plain paragraphs. For
// those, the block structure can be read off each line's first characters,
// which is several times cheaper than cmark-gfm's full parse (which also
// parses every inline, which kith never uses). The classifier below accepts
// only lines whose meaning CommonMark fixes without context, and declines
// the whole body at the first line it is not sure of, so that cmark-gfm
// decides; a differential test holds the two paths to the same result.

enum class LineKind { Blank, Heading, Item, Para };

struct Line {
    LineKind kind;
    std::string_view text;  ///< without the line ending
    std::size_t content = 0; ///< items: byte offset of the paragraph's first character
    bool task = false;
    char box = ' ';
};

bool is_blank(std::string_view l) {
    return std::all_of(l.begin(), l.end(), [](char c) { return c == ' ' || c == '\t'; });
}

bool is_ascii_alnum(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/// `1.` or `12)` at the start: an ordered list marker (or something close).
bool starts_ordered_marker(std::string_view l) {
    std::size_t i = 0;
    while (i < l.size() && l[i] >= '0' && l[i] <= '9') ++i;
    return i > 0 && i < l.size() && (l[i] == '.' || l[i] == ')');
}

/// `#`..`######` then a blank or the end: an ATX heading.
bool is_atx_heading(std::string_view l) {
    std::size_t i = 0;
    while (i < l.size() && l[i] == '#') ++i;
    return i >= 1 && i <= 6 && (i == l.size() || l[i] == ' ' || l[i] == '\t');
}

/// Text that starts a paragraph line and can mean nothing else, wherever it
/// stands: letters, digits (not an ordered list marker), non-ASCII, a wiki
/// link, or a few punctuation marks that open no block.
bool starts_plain_text(std::string_view l) {
    if (l.empty()) return false;
    const auto c = static_cast<unsigned char>(l[0]);
    if (c >= '0' && c <= '9') return !starts_ordered_marker(l);
    if (is_ascii_alnum(c) || c >= 0x80) return true;
    if (c == '[') return l.size() > 1 && l[1] == '[';
    return c == '(' || c == '"' || c == '\'';
}

/// Plain text, or a `#tag` or a code span at the start of a line.
bool starts_text(std::string_view l) {
    if (l.empty()) return false;
    if (l[0] == '#') return !is_atx_heading(l);
    if (l[0] == '`') return l.substr(0, 3) != "```";
    return starts_plain_text(l);
}

std::optional<Line> classify(std::string_view l) {
    if (is_blank(l)) return Line{LineKind::Blank, l};
    if (is_atx_heading(l)) return Line{LineKind::Heading, l};
    if (l[0] == '-' || l[0] == '*' || l[0] == '+') {
        // One space after the marker, then text that opens no block of its own.
        if (l.size() < 3 || l[1] != ' ') return std::nullopt;
        std::string_view rest = l.substr(2);
        if (is_blank(rest)) return std::nullopt;
        Line line{LineKind::Item, l, 2};
        if (rest.size() >= 4 && rest[0] == '[' &&
            (rest[1] == ' ' || rest[1] == 'x' || rest[1] == 'X' || is_extra_box(rest[1])) && rest[2] == ']' &&
            rest[3] == ' ') {
            line.task = true;
            line.box = rest[1];
            std::size_t after = 4;
            while (after < rest.size() && rest[after] == ' ') ++after;
            if (after == rest.size() || after > 4) return std::nullopt; // empty or oddly indented task
            line.content = 2 + after;
            rest = rest.substr(after);
        }
        // Text that opens no block of its own: `#tag` and `code` are text,
        // `# x`, `- x`, `> x`, `<x`, a fence and the like are not.
        if (!starts_text(rest)) return std::nullopt;
        return line;
    }
    if (starts_text(l)) return Line{LineKind::Para, l};
    return std::nullopt;
}

/// Fills `sink` and returns true when every line of `text` is simple enough;
/// returns false, having added nothing, otherwise.
bool parse_simple_body(std::string_view text, int first_line, BodySink& sink) {
    if (text.find('\0') != std::string_view::npos) return false;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") return false; // cmark skips a BOM
    std::vector<Line> lines;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t nl = text.find('\n', pos);
        std::size_t end = nl == std::string_view::npos ? text.size() : nl;
        std::string_view l = text.substr(pos, end - pos);
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        if (l.find('\r') != std::string_view::npos) return false; // a lone CR ends a line too
        auto line = classify(l);
        if (!line) return false;
        // A plain line right after an item would continue its paragraph (a lazy
        // continuation line): leave that to cmark-gfm.
        if (line->kind == LineKind::Para && !lines.empty() && lines.back().kind == LineKind::Item) return false;
        lines.push_back(*line);
        pos = end + 1;
    }

    for (std::size_t i = 0; i < lines.size(); ++i) {
        const Line& l = lines[i];
        const int line_no = first_line + static_cast<int>(i);
        if (l.kind == LineKind::Heading) {
            sink.block_links(l.text, line_no);
        } else if (l.kind == LineKind::Item) {
            // One line: its links are those of the (trimmed, masked) item text.
            const std::string item_text(trim(l.text.substr(l.content)));
            sink.masked_links(sink.item(item_text, line_no, l.task, l.box), line_no);
        } else if (l.kind == LineKind::Para) {
            std::size_t j = i;
            while (j + 1 < lines.size() && lines[j + 1].kind == LineKind::Para) ++j;
            if (j == i) {
                sink.block_links(l.text, line_no);
            } else {
                // Joined by '\n' whatever the file's line endings.
                std::string raw;
                for (std::size_t k = i; k <= j; ++k) {
                    if (k != i) raw += '\n';
                    raw += lines[k].text;
                }
                sink.block_links(raw, line_no);
            }
            i = j;
        }
    }
    return true;
}

// ------------------------------------------------------------ cmark-gfm

void parse_body_cmark(std::string_view text, int first_line, BodySink& sink) {
    // cmark reads a copy with inline syntax masked (see markdown_guard.hpp);
    // kith reads item text from `text` itself.
    const MaskedBody masked_body = mask_inline_syntax(text);
    if (masked_body.deep_line != 0) {
        sink.out.push_back({sink.file, masked_body.deep_line + first_line - 1, Level::Error,
                       "block quotes and lists nest " + std::to_string(masked_body.deep_depth) +
                           " levels deep, over the " + std::to_string(k_max_block_nesting) +
                           "-level nesting limit; skipped"});
        return;
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
            sink.block_links(src.block(start, cmark_node_get_start_column(node), cmark_node_get_end_line(node),
                                       '\n', false),
                             start + offset);
            continue;
        }
        if (type != CMARK_NODE_ITEM || quote_depth > 0) continue;

        cmark_node* para = cmark_node_first_child(node);
        if (para == nullptr || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH) continue;
        const std::string item_text = src.block(cmark_node_get_start_line(para), cmark_node_get_start_column(para),
                                                cmark_node_get_end_line(para), ' ', true);
        const bool task = is_task_item(node);
        sink.item(item_text, cmark_node_get_start_line(para) + offset, task, task ? box_of(src, node) : ' ');
    }
}

} // namespace

Body parse_body(std::string_view text, int first_line, const std::string& file, Diagnostics& out) {
    Body body;
    if (trim(text).empty()) return body;
    BodySink sink{body, file, out};
    if (parse_simple_body(text, first_line, sink)) return body;
    init_markdown();
    parse_body_cmark(text, first_line, sink);
    return body;
}

std::optional<Body> parse_body_fast(std::string_view text, int first_line, const std::string& file,
                                    Diagnostics& out) {
    Body body;
    BodySink sink{body, file, out};
    if (!parse_simple_body(text, first_line, sink)) return std::nullopt;
    return body;
}

Body parse_body_with_cmark(std::string_view text, int first_line, const std::string& file, Diagnostics& out) {
    Body body;
    if (trim(text).empty()) return body;
    init_markdown();
    BodySink sink{body, file, out};
    parse_body_cmark(text, first_line, sink);
    return body;
}

} // namespace kith
