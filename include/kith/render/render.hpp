#pragma once
/// Reports -> table, JSON or CSV on a stream. The JSON shapes are the ones of
/// REPORTS.md; CSV has one row per JSON item, with the same field names.

#include "kith/report/reports.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cstddef>
#include <functional>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace kith {

enum class Format { Table, Json, Csv };

std::optional<Format> parse_format(std::string_view text);

struct RenderOptions {
    Format format = Format::Table;
    bool color = false; ///< ANSI colour in tables (only on a terminal, never under NO_COLOR)
    unsigned threads = 1; ///< JSON of large reports is written on this many threads
};

using Json = nlohmann::ordered_json;

Json to_json(const RemindReport& r);
Json to_json(const DormantReport& r);
Json to_json(const ReciprocityReport& r);

/// The same JSON as `to_json(r)`, streamed (what `render` prints for json).
void write_json(const RemindReport& r, std::ostream& out, unsigned threads = 1);
void write_json(const DormantReport& r, std::ostream& out, unsigned threads = 1);
void write_json(const ReciprocityReport& r, std::ostream& out, unsigned threads = 1);

void render(const RemindReport& r, std::ostream& out, const RenderOptions& options);
void render(const DormantReport& r, std::ostream& out, const RenderOptions& options);
void render(const ReciprocityReport& r, std::ostream& out, const RenderOptions& options);

/// One JSON object per line of output, pretty-printed with two spaces.
void write_json(const Json& j, std::ostream& out);

/// Writes JSON straight into a string, laid out exactly as `Json::dump(2)`
/// lays it out, without building a `Json` tree first: for reports over large
/// vaults, where building the tree cost more than the report itself.
/// Strings must be UTF-8; a byte that is not is written as U+FFFD.
///
/// With a `sink`, the text is written out there whenever an object or array
/// closes with at least `k_spill` bytes gathered, and `out` is emptied: the
/// JSON of a large vault (tens of megabytes) then never sits in memory whole,
/// and a reader at the other end of a pipe starts while kith still writes.
/// Whatever is left at the end is the caller's to write.
class JsonWriter {
public:
    static constexpr std::size_t k_spill = std::size_t{1} << 18;

    explicit JsonWriter(std::string& out, std::ostream* sink = nullptr) : m_out(out), m_sink(sink) {}

    JsonWriter& begin_object() { return open('{'); }
    JsonWriter& end_object() { return close('}'); }
    JsonWriter& begin_array() { return open('['); }
    JsonWriter& end_array() { return close(']'); }
    JsonWriter& key(std::string_view k);

    JsonWriter& value(std::string_view s);
    JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(bool b);
    JsonWriter& value(int n) { return integer(n); }
    JsonWriter& value(long n) { return integer(n); }
    JsonWriter& value(long long n) { return integer(n); }
    JsonWriter& value(unsigned long n) { return integer(static_cast<long long>(n)); }
    JsonWriter& value(unsigned long long n) { return integer(static_cast<long long>(n)); }
    JsonWriter& value(double d);
    JsonWriter& value(std::nullptr_t);
    JsonWriter& value(Date d);
    JsonWriter& value(const std::vector<std::string>& list);
    template <class T> JsonWriter& value(const std::optional<T>& v) { return v ? value(*v) : value(nullptr); }

    template <class T> JsonWriter& field(std::string_view k, const T& v) { return key(k).value(v); }

    /// Writes `n` values into the array just begun, `write(w, i)` writing
    /// the i-th into `w`: the same text as writing them one by one, but in
    /// rounds of a few thousand, each split over up to `threads` threads
    /// writing into texts of their own that are then joined in order.
    void values_in_parts(std::size_t n, unsigned threads, const std::function<void(JsonWriter&, std::size_t)>& write);

private:
    JsonWriter& open(char c);
    JsonWriter& close(char c);
    JsonWriter& integer(long long n);
    void before_value();
    /// What goes before the next value: nothing, or a comma, a new line and
    /// the indentation. Points into static text (or m_deep for deep nesting).
    std::string_view next_prefix();
    std::string& m_out;
    std::ostream* m_sink;
    std::string m_deep;
    std::vector<std::size_t> m_counts; ///< values so far in each open container
    bool m_after_key = false;
};

/// Writes one JSON object to `out`, streamed: `members` writes what is
/// inside it; a new line ends it.
void stream_json_object(std::ostream& out, const std::function<void(JsonWriter&)>& members);

/// RFC 4180 CSV of `items` (an array of flat objects) with the given columns:
/// null is empty, arrays are joined with `;`. A text cell a spreadsheet would
/// run as a formula gets a leading `'` unless `out` is set to raw
/// (kith/render/csv.hpp).
void write_csv(const Json& items, const std::vector<std::string>& columns, std::ostream& out);

/// An aligned text table; cells are UTF-8 and aligned by display width.
class TextTable {
public:
    enum class Align { Left, Right };
    explicit TextTable(std::vector<std::string> headers, std::vector<Align> align = {});
    /// `style` is an ANSI SGR code for the whole row ("31" red) or empty.
    void add_row(std::vector<std::string> cells, std::string style = {});
    void print(std::ostream& out, bool color) const;
    bool empty() const { return m_rows.empty(); }

private:
    std::vector<std::string> m_headers;
    std::vector<Align> m_align;
    std::vector<std::pair<std::vector<std::string>, std::string>> m_rows;
};

/// Display width of UTF-8 text in terminal columns (CJK wide: 2, marks: 0).
std::size_t display_width(std::string_view s);

/// `s` as one cell of a table or one line of a header: visible(s,
/// Layout::Escape) of kith/render/terminal.hpp, so controls, new lines and
/// tabs show as `\uXXXX` and the columns stay aligned.
std::string printable(std::string_view s);

} // namespace kith
