#pragma once
/// The in-memory index of a vault: contacts by id, name and alias, the entries
/// and follow-ups of each contact (their own and those of notes that link
/// them), and the links between contacts. Built once per run from parsed
/// files; reports read it and never touch the disk.

#include "kith/model/vault.hpp"
#include "kith/parse/config.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
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
};

/// One contact with everything the index gathered for it.
struct ContactRecord {
    const Contact* contact = nullptr;
    std::vector<EntryRef> entries; ///< own entries first (file order), then notes' (path order)
    std::vector<Date> note_dates;  ///< dates of dated notes that link the contact
    std::vector<TaskRef> tasks;    ///< own follow-ups, then notes' that link the contact
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
    /// path first, so the result is the same whatever order they were parsed in.
    static VaultIndex build(std::vector<ParsedFile> files, Config config, Date today);

    VaultIndex(VaultIndex&&) noexcept = default;
    VaultIndex& operator=(VaultIndex&&) noexcept = default;
    VaultIndex(const VaultIndex&) = delete;
    VaultIndex& operator=(const VaultIndex&) = delete;

    const Config& config() const { return m_config; }
    /// Every usable contact, archived ones included, sorted by id (UTF-8 bytes).
    const std::vector<ContactRecord>& contacts() const { return m_records; }
    const std::vector<Note>& notes() const { return m_notes; }
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
    /// The parsed files in path order: the contacts stay where they were
    /// parsed (records point into them), which spares moving every contact.
    std::vector<ParsedFile> m_files;
    std::vector<Note> m_notes;
    std::vector<ContactRecord> m_records;
    Diagnostics m_diagnostics;
    std::unordered_map<std::string, std::size_t> m_by_id;
    std::unordered_map<std::string, std::vector<std::size_t>> m_by_name;
    std::unordered_map<std::string, std::vector<std::size_t>> m_by_alias;
};

/// Edit distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

} // namespace kith
