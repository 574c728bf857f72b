#pragma once
/// What a vault file says, once parsed: plain values, no I/O.

#include "kith/model/date.hpp"
#include "kith/model/diagnostic.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kith {

/// A front-matter value together with the line of its key (for `file:line`).
template <class T> struct Located {
    T value{};
    int line = 1;
};

/// A dated list item (not a task item): an interaction entry.
struct Entry {
    Date date;
    std::string text;               ///< the item's text without its date, trimmed
    std::vector<std::string> tags;  ///< lowercase, without `#`, each once, in order seen
    std::vector<std::string> links; ///< normalised link targets, each once, in order seen
    int line = 1;

    bool has_tag(std::string_view tag) const;
};

/// A GFM task item: a follow-up.
struct Task {
    bool done = false;
    std::optional<Date> due;
    std::string text; ///< the item's text after its box, trimmed
    std::vector<std::string> links;
    int line = 1;
};

/// A wiki link found in a body, outside code.
struct LinkRef {
    std::string target; ///< normalised: before `|`/`#`/`^`, no folders, no `.md`, trimmed
    int line = 1;
};

/// What kith reads from a Markdown body.
struct Body {
    std::vector<Entry> entries;
    std::vector<Task> tasks;
    std::vector<LinkRef> links; ///< every link outside code, items included
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
    std::optional<Contact> contact;
    std::optional<Note> note;
    Diagnostics diagnostics;
};

} // namespace kith
