#pragma once
/// The reports of REPORTS.md. Each is a pure function of the index, today and
/// its options: no clock, no disk, no git. Rendering is separate (render/).

#include "kith/index/vault_index.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kith {

/// Where an item comes from: a file, and a line or null.
struct Origin {
    std::string file;
    std::optional<int> line;
};

// ---------------------------------------------------------------- remind

struct RemindOptions {
    std::optional<std::int32_t> within; ///< days; default: config remind_within
};

struct RemindItem {
    std::string kind; ///< followup, birthday, keep-in-touch, thank, welcome, review
    std::string id;
    std::string name;
    Date date;
    bool overdue = false; ///< date < today
    std::string text;
    bool has_age = false;   ///< birthday items carry `age`
    std::optional<int> age; ///< null when the year is unknown
    Origin origin;
};

struct RemindReport {
    Date today;
    Date horizon;
    std::vector<RemindItem> items; ///< by date, id, kind, file, line
};

RemindReport remind(const VaultIndex& index, Date today, const RemindOptions& options);

// ---------------------------------------------------------------- dormant

struct DormantOptions {
    std::optional<std::size_t> limit;
    std::optional<std::string> tier; ///< must be a configured tier (the caller checks)
};

struct DormantItem {
    std::string id;
    std::string name;
    std::optional<std::string> tier;
    std::optional<Date> last;
    std::optional<std::int32_t> days_silent;
    std::int32_t cadence_days = 0;
    std::optional<double> overdue_ratio;
    std::optional<std::string> last_text;
    Origin origin;
};

struct DormantReport {
    Date today;
    std::vector<DormantItem> items;
};

DormantReport dormant(const VaultIndex& index, Date today, const DormantOptions& options);

// ---------------------------------------------------------------- reciprocity

struct ReciprocityOptions {
    std::optional<Date> since; ///< count entries dated on or after this day
};

struct ReciprocityItem {
    std::string id;
    std::string name;
    int gave = 0, got = 0, intros_gave = 0, intros_got = 0, thanks = 0, unthanked = 0;
    int balance = 0; ///< gave - got
    std::optional<Date> last_favour;
    std::vector<std::string> flags; ///< "taking", "unthanked", in that order
    Origin origin;
};

struct ReciprocityTotals {
    int gave = 0, got = 0, thanks = 0, unthanked = 0, contacts = 0;
};

struct ReciprocityReport {
    Date today;
    std::optional<Date> since;
    std::vector<ReciprocityItem> items;
    ReciprocityTotals totals;
};

ReciprocityReport reciprocity(const VaultIndex& index, Date today, const ReciprocityOptions& options);

// ---------------------------------------------------------------- shared rules

/// entries(c) of REPORTS.md: the contact's entries dated on or before today.
std::vector<EntryRef> entries_until(const ContactRecord& c, Date today);

/// The latest of entries(c), ties going to the contact's own entry, then to the
/// first in file order (the order of ContactRecord::entries); nullopt when none.
std::optional<EntryRef> latest_entry(const ContactRecord& c, Date today);

} // namespace kith
