#pragma once
/// `kith diff`: what changed between two states of the network, in human
/// terms. A pure comparison of two indexes, each with its own day; no git.

#include "kith/index/vault_index.hpp"
#include "kith/report/reports.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kith {

/// One side of the comparison, as the caller describes it.
struct DiffSide {
    std::optional<std::string> rev;    ///< as given; null for the working tree
    std::optional<std::string> commit; ///< full hex id; null for the working tree
    Date today;                        ///< the day the side's reports are computed for
};

struct DiffOptions {
    bool verbose = false; ///< also one item per entry added or removed
};

/// One change. Which fields are set depends on `kind`:
/// - `contact-added`, `contact-removed`, `contact-archived`, `contact-unarchived`
/// - `entries-added`, `entries-removed`: `count`; `date` and `text` of the newest
/// - `entry-added`, `entry-removed` (verbose): `date`, `text`, `file`, `line` of the entry
/// - `followup-opened`, `followup-done`, `followup-dropped`: `date` (due, or null), `text`
/// - `gone-dormant`, `revived`: `date` and `text` of the last interaction at `until`
/// - `balance-moved`: `before` and `after` (gave - got)
struct DiffItem {
    std::string kind;
    std::string id;
    std::string name;
    std::optional<int> count;
    std::optional<Date> date;
    std::optional<std::string> text;
    std::optional<int> before, after;
    Origin origin;
};

struct DiffReport {
    DiffSide since, until;
    std::vector<DiffItem> items; ///< by kind (in the order listed above), id, date, text, file, line
};

/// Compares `before` (computed for since.today) with `after` (until.today).
/// Contacts are matched by id. Entries and follow-ups are matched as multisets
/// by their content (date and text; a follow-up by its text and due date), so
/// an edited entry is one removed and one added. Dormancy and balances use
/// the rules of `dormant` and `reciprocity` (all time) at each side's day, and
/// are only compared for contacts present and not archived on both sides.
DiffReport diff(const VaultIndex& before, const VaultIndex& after, const DiffSide& since, const DiffSide& until,
                const DiffOptions& options);

/// The kinds, in report order.
const std::vector<std::string>& diff_kinds();

} // namespace kith
