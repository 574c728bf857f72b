#pragma once
/// The in-memory index of a vault: contacts by id, name and alias, the entries
/// and follow-ups of each contact (their own and those of notes that link
/// them), and the links between contacts. Built once per run from parsed
/// files; reports read it and never touch the disk.

#include "kith/index/key_table.hpp"
#include "kith/model/vault.hpp"
#include "kith/parse/config.hpp"

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kith {

/// An interaction entry as seen from one contact.
struct EntryRef {
    const Entry* entry = nullptr;
    const std::string* file = nullptr; ///< where the entry is written
    bool own = false;                  ///< in the contact's own file (not a note)
};

/// A follow-up as seen from one contact.
struct TaskRef {
    const Task* task = nullptr;
    const std::string* file = nullptr;
    bool own = false; ///< in the contact's own file (not a note)
};

/// The entries (or follow-ups) of one contact: its own, in file order, then
/// those of the notes that link it, in path order. The own ones are not
/// copied: elements are made on the fly, so they are values, not places
/// (keep a copy, never the address of one).
template <class Ref, class Item> class RefList {
public:
    RefList() = default;
    RefList(const std::vector<Item>& own, const std::string& file, std::span<const Ref> linked)
        : m_own(own.data()), m_own_size(own.size()), m_file(&file), m_linked(linked) {}

    std::size_t size() const { return m_own_size + m_linked.size(); }
    bool empty() const { return size() == 0; }
    Ref operator[](std::size_t i) const {
        if (i < m_own_size) return Ref{m_own + i, m_file, true};
        return m_linked[i - m_own_size];
    }

    class iterator {
    public:
        using value_type = Ref;
        using difference_type = std::ptrdiff_t;
        iterator() = default;
        iterator(const RefList* list, std::size_t i) : m_list(list), m_i(i) {}
        Ref operator*() const { return (*m_list)[m_i]; }
        iterator& operator++() { ++m_i; return *this; }
        iterator operator++(int) { iterator was = *this; ++m_i; return was; }
        bool operator==(const iterator& o) const { return m_i == o.m_i; }
    private:
        const RefList* m_list = nullptr;
        std::size_t m_i = 0;
    };
    iterator begin() const { return {this, 0}; }
    iterator end() const { return {this, size()}; }

private:
    const Item* m_own = nullptr;
    std::size_t m_own_size = 0;
    const std::string* m_file = nullptr;
    std::span<const Ref> m_linked;
};

using EntryRefs = RefList<EntryRef, Entry>;
using TaskRefs = RefList<TaskRef, Task>;

/// One contact with everything the index gathered for it.
struct ContactRecord {
    const Contact* contact = nullptr;
    EntryRefs entries;              ///< own entries first (file order), then notes' (path order)
    std::vector<Date> note_dates;   ///< dates of dated notes that link the contact
    TaskRefs tasks;                 ///< own follow-ups, then notes' that link the contact
    std::vector<std::size_t> links; ///< contacts linked from this contact's file, sorted, unique

    /// cadence(c) of REPORTS.md, in days; nullopt when none.
    std::optional<std::int32_t> cadence_days;

    /// last(c): the latest interaction dated on or before `today`.
    std::optional<Date> last_interaction(Date today) const;
};

/// What a link target resolves to.
struct Resolution {
    std::optional<std::size_t> contact;    ///< index into VaultIndex::contacts()
    std::vector<std::size_t> candidates;   ///< several: ambiguous
};

class VaultIndex {
public:
    /// Builds the index. `files` may come in any order: they are sorted by
    /// path first, so the result is the same whatever order they were parsed
    /// in, and whatever the number of `threads` it may use.
    static VaultIndex build(std::vector<ParsedFile> files, Config config, Date today, unsigned threads = 1);

    /// Gives back the files the index was built from, sorted by path and as
    /// they were before the build (for a caller that built an index on a
    /// guess and lost). The index is left unusable.
    std::vector<ParsedFile> release_files() &&;

    /// Adds problems found outside the files (the layout of the folder).
    void add_diagnostics(Diagnostics ds);

    VaultIndex(VaultIndex&&) noexcept = default;
    VaultIndex& operator=(VaultIndex&&) noexcept = default;
    VaultIndex(const VaultIndex&) = delete;
    VaultIndex& operator=(const VaultIndex&) = delete;

    const Config& config() const { return m_config; }
    /// How many threads work over the index may use (those it was built
    /// with): the reports split their work over the contacts by it.
    unsigned threads() const { return m_threads; }
    /// Every usable contact, archived ones included, sorted by id (UTF-8 bytes).
    const std::vector<ContactRecord>& contacts() const { return m_records; }
    const std::vector<Note>& notes() const { return m_notes; }
    /// The files it was built from, in path order.
    const std::vector<ParsedFile>& files() const { return m_files; }
    /// Parse problems, validation problems and link warnings, sorted.
    const Diagnostics& diagnostics() const { return m_diagnostics; }
    bool has_errors() const;

    /// A link target or command-line name: the id, else a name, else an alias,
    /// case-insensitively; a name or alias shared by several contacts resolves
    /// to nobody (the candidates are listed).
    Resolution resolve(std::string_view target) const;

    /// Nearest ids and names to `query`, for "did you mean".
    std::vector<std::string> suggestions(std::string_view query, std::size_t max = 3) const;

private:
    VaultIndex() = default;

    Config m_config;
    unsigned m_threads = 1;
    /// The parsed files in path order: the contacts stay where they were
    /// parsed (records point into them), which spares moving every contact.
    std::vector<ParsedFile> m_files;
    std::vector<Note> m_notes;
    std::vector<ContactRecord> m_records;
    /// The entries and follow-ups of notes, grouped by the contact they link
    /// (the records' lists end with a slice of these).
    std::vector<EntryRef> m_linked_entries;
    std::vector<TaskRef> m_linked_tasks;
    Diagnostics m_diagnostics;
    /// What the build changed in m_files, for release_files: where each
    /// note came from, and the values validation took out of contacts.
    struct Undo {
        std::size_t file = 0;
        std::optional<Located<std::string>> tier;
        std::optional<Located<Birthday>> birthday;
    };
    std::vector<std::uint32_t> m_note_files;
    std::vector<Undo> m_undo;
    KeyTable m_by_id; ///< to the record (to the file while building)
    /// The name and alias tables, built on the first lookup that the id
    /// table cannot answer: a vault whose links all name ids (Obsidian links
    /// by file name, which is the id) never needs them.
    struct Names {
        std::once_flag built;
        KeyTable by_name;
        KeyTable by_alias;
    };
    const Names& names() const;
    std::unique_ptr<Names> m_names = std::make_unique<Names>();
};

/// Edit distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

} // namespace kith
