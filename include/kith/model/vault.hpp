#pragma once
/// What a vault file says, once parsed: plain values, no I/O.

#include "kith/model/box.hpp"
#include "kith/model/date.hpp"
#include "kith/model/diagnostic.hpp"
#include "kith/model/recurrence.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kith {

/// A front-matter value together with the line of its key (for `file:line`).
template <class T> struct Located {
    T value{};
    int line = 1;
};

/// Short strings stored back to back, each as its length (4 bytes, native
/// order) then its bytes: the tags or links of one item. A view: the bytes
/// belong to the storage of the body the item is in. It holds one pointer,
/// to the length of the whole encoding (4 bytes) that precedes it, so that
/// an entry, which has two of these, stays small.
class Words {
public:
    Words() = default;
    /// The words whose encoding follows its length (4 bytes, native order)
    /// at `at`; the encoding must be well formed (see `well_formed`).
    static Words at(const char* at) {
        Words w;
        w.m_at = at;
        return w;
    }
    /// `packed` preceded by its length, as `at` reads it.
    static std::string with_length(std::string_view packed);

    class iterator {
    public:
        using value_type = std::string_view;
        using difference_type = std::ptrdiff_t;
        iterator() = default;
        explicit iterator(const char* at) : m_at(at) {}
        std::string_view operator*() const { return {m_at + 4, length()}; }
        iterator& operator++() {
            m_at += 4 + length();
            return *this;
        }
        iterator operator++(int) {
            iterator was = *this;
            ++*this;
            return was;
        }
        bool operator==(const iterator&) const = default;

    private:
        std::size_t length() const {
            std::uint32_t n;
            std::memcpy(&n, m_at, 4);
            return n;
        }
        const char* m_at = nullptr;
    };
    iterator begin() const { return iterator(packed().data()); }
    iterator end() const {
        const std::string_view p = packed();
        return iterator(p.data() + p.size());
    }
    bool empty() const { return packed().empty(); }
    std::size_t size() const { return static_cast<std::size_t>(std::distance(begin(), end())); }
    bool contains(std::string_view word) const { return std::find(begin(), end(), word) != end(); }
    std::vector<std::string> strings() const { return {begin(), end()}; }
    /// The encoding, for storing and for making a copy elsewhere.
    std::string_view packed() const {
        if (!m_at) return {};
        std::uint32_t n;
        std::memcpy(&n, m_at, 4);
        return {m_at + 4, n};
    }

    /// Adds `word` to an encoding under construction.
    static void append(std::string& packed, std::string_view word);
    /// Whether `packed` is a sequence of whole words.
    static bool well_formed(std::string_view packed);

    friend bool operator==(const Words& a, const Words& b) { return a.packed() == b.packed(); }
    friend bool operator==(const Words& a, const std::vector<std::string>& b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end());
    }

private:
    const char* m_at = nullptr; ///< the encoding's length, then the encoding; null when empty
};

/// A dated list item (not a task item): an interaction entry.
///
/// Its text, tags and links are one block in the storage of the body it
/// belongs to: the text's length (4 bytes, native order) and the text, then
/// the tags' encoding and the links' encoding, each preceded by its length
/// (see Words). The cache stores an entry's block as it is, so a decoded
/// entry points into the mapped cache. An entry is 24 bytes: a large vault
/// has more than a million of them.
struct Entry {
    Date date;
    int line = 1;
    /// Which of the tags the reports count (gave, got, intro, thanks) are in
    /// `tags()`, one bit each (see mark_of): reports ask for these of every
    /// entry, and a bit is cheaper to read than the tags themselves.
    std::uint8_t marks = 0;

    Entry() = default;
    /// The entry whose block starts at `block` (well formed: see above).
    Entry(Date on, int at_line, const char* block) : date(on), line(at_line), m_at(block) { marks = marks_of(tags()); }
    /// The same, with tag bits already known (the block is not read).
    Entry(Date on, int at_line, const char* block, std::uint8_t known_marks)
        : date(on), line(at_line), marks(known_marks), m_at(block) {}
    /// The block for `text`, `tags` and `links`, to be kept where the entry
    /// can point to it.
    static std::string block_of(std::string_view text, std::string_view tags_packed, std::string_view links_packed);

    std::string_view text() const { ///< the item's text without its date, trimmed
        return m_at ? std::string_view(m_at + 4, length_at(m_at)) : std::string_view();
    }
    Words tags() const { ///< lowercase, without `#`, each once, in order seen
        return m_at ? Words::at(tags_at()) : Words();
    }
    Words links() const { ///< normalised link targets, each once, in order seen
        if (!m_at) return {};
        const char* t = tags_at();
        return Words::at(t + 4 + length_at(t));
    }

    static constexpr std::uint8_t mark_of(std::string_view tag) {
        return tag == "gave" ? 1 : tag == "got" ? 2 : tag == "intro" ? 4 : tag == "thanks" ? 8 : 0;
    }
    static std::uint8_t marks_of(const Words& tags) {
        std::uint8_t m = 0;
        for (std::string_view t : tags) m = static_cast<std::uint8_t>(m | mark_of(t));
        return m;
    }
    bool has_tag(std::string_view tag) const {
        if (const std::uint8_t m = mark_of(tag)) return (marks & m) != 0;
        return tags().contains(tag);
    }

private:
    static std::uint32_t length_at(const char* at) {
        std::uint32_t n;
        std::memcpy(&n, at, 4);
        return n;
    }
    const char* tags_at() const { return m_at + 4 + length_at(m_at); }

    const char* m_at = nullptr; ///< the block; null: no text, tags or links
};

/// A GFM task item: a follow-up.
struct Task {
    bool done = false; ///< closed: `[x]`, `[X]` or (v1.2) `[-]` (cancelled)
    /// The character in the box as written: ' ', 'x', 'X', '/' (in progress,
    /// open) or '-' (cancelled, closed).
    char box = ' ';
    std::optional<Date> due;
    /// `🔁 RULE` (v1.2), when the rule is one kith reads; a rule it cannot read
    /// is a warning and leaves this empty.
    std::optional<Recurrence> recurrence;
    std::string_view text; ///< the item's text after its box, trimmed
    Words links;
    int line = 1;
};

/// A wiki link found in a body, outside code.
struct LinkRef {
    std::string_view target; ///< normalised: before `|`/`#`/`^`, no folders, no `.md`, trimmed
    int line = 1;
};

/// Where a parser keeps the strings that a body's items view: chunks that
/// never move, so the views stay good however the body is moved or copied.
class TextStore {
public:
    std::string_view keep(std::string_view s);
    Words keep_words(const std::vector<std::string>& words);
    /// Keeps an entry's block (see Entry) and returns where it starts.
    const char* keep_entry(std::string_view text, const std::vector<std::string>& tags,
                           const std::vector<std::string>& links);

private:
    std::vector<std::unique_ptr<char[]>> m_chunks;
    char* m_at = nullptr;
    std::size_t m_left = 0;
    std::size_t m_next_chunk = 256;
};

/// What kith reads from a Markdown body.
struct Body {
    std::vector<Entry> entries;
    std::vector<Task> tasks;
    std::vector<LinkRef> links; ///< every link outside code, items included
    /// Owns the bytes that the items view (a TextStore, or the mapped cache
    /// the body was read from); shared by copies of the body.
    std::shared_ptr<const void> storage;
};

struct Contact {
    std::string id;   ///< the file stem
    std::string file; ///< vault-relative path
    Located<std::string> name;
    std::vector<std::string> aliases;
    std::optional<Located<std::string>> tier;
    std::optional<Located<Cadence>> cadence;
    std::string company, title, location;
    std::vector<std::string> emails, phones, tags;
    std::optional<Located<Birthday>> birthday;
    std::optional<Located<Date>> met;
    std::optional<Located<Date>> reviewed;
    /// As written; `introduced_by_link` holds the normalised target when the
    /// value is a `[[link]]`.
    std::optional<Located<std::string>> introduced_by;
    std::optional<std::string> introduced_by_link;
    bool archived = false;
    /// Keys kith does not interpret, with their value as text (lists joined
    /// with ", "), in file order: shown by `kith show`, never rewritten.
    std::vector<std::pair<std::string, std::string>> extra;
    Body body;
};

struct Note {
    std::string file;
    std::optional<Date> date; ///< `date:` in front matter, else the file name's date
    Body body;
};

/// Everything one file yields. Exactly one of `contact` / `note` is set when
/// the file could be used; neither when it was skipped.
struct ParsedFile {
    std::string file;
    Box<Contact> contact;
    Box<Note> note;
    Diagnostics diagnostics;
};

} // namespace kith
