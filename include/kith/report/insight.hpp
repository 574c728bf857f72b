#pragma once
/// The network reports of issue 7: `who` (people matching a query and who
/// could introduce you), `path` (shortest introduction chains) and `stats`
/// (network health over a period). Pure functions of the index and today,
/// like the reports of reports.hpp. docs/insight.md gives the rules.

#include "kith/report/reports.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kith {

// ---------------------------------------------------------------- shared rules

/// The window within which a contact counts as known well: cadence(c), else
/// k_known_window_days when the cadence is none.
inline constexpr std::int32_t k_known_window_days = 365;

/// "Known well": not archived, and last(c) is within the contact's window.
bool known_well(const ContactRecord& rec, Date today);

/// Why two contacts are linked.
struct Connection {
    std::string kind; ///< "link" (a [[link]] in a contact's file), "introduced_by", "note"
    std::string file; ///< the file that says so
    bool operator==(const Connection&) const = default;
};

/// The link graph of the non-archived contacts, built once from the index in
/// linear time. Contacts are linked by a [[link]] in either one's file, by
/// `introduced_by`, and by being linked together in a note: in the same entry
/// or task of any note, or anywhere in the same dated note. A note joins its
/// contacts through one hub node, so a note naming many people costs as many
/// edges as names, not their square.
class LinkGraph {
public:
    static LinkGraph build(const VaultIndex& index);

    /// Contacts linked to contact `k` (indexes into VaultIndex::contacts()),
    /// sorted, each once.
    std::vector<std::size_t> neighbours(std::size_t k) const;

    /// Every reason `a` and `b` are linked, in a stable order.
    std::vector<Connection> connections(std::size_t a, std::size_t b) const;

    /// Shortest chains from any of `sources` to `target`: each chain starts at
    /// a source and ends at `target`. At most `max_chains`, in a stable order
    /// (by the ids along the chain). Empty when there is none.
    std::vector<std::vector<std::size_t>> shortest_chains(const std::vector<bool>& sources, std::size_t target,
                                                          std::size_t max_chains) const;

private:
    struct Hub {
        std::string file;
        std::vector<std::size_t> members;
    };
    struct Direct {
        std::size_t other;
        Connection why;
    };
    std::size_t m_contacts = 0;
    std::vector<std::vector<Direct>> m_direct;      ///< per contact
    std::vector<std::vector<std::size_t>> m_hubs_of; ///< per contact: hubs it belongs to
    std::vector<Hub> m_hubs;
    const VaultIndex* m_index = nullptr;
};

// ---------------------------------------------------------------- who

struct WhoOptions {
    std::string query;
    std::size_t max_connectors = 5; ///< per person
};

struct Connector {
    std::string id;
    std::string name;
    std::optional<Date> last;
    std::optional<std::string> last_kind; ///< the first kind tag of the latest entry (coffee, call), or null
    int interactions_365d = 0;            ///< distinct days with an interaction in the last 365 days
    std::vector<Connection> via;
    Origin origin;
};

struct WhoPerson {
    std::string id;
    std::string name;
    std::string company, title, location;
    std::vector<std::string> tags;
    bool known = false;
    std::optional<Date> last;
    std::vector<Connector> connectors; ///< only for people not known well
    Origin origin;
};

struct WhoGroup {
    std::string field; ///< company, title, location, tag
    std::string value; ///< as written in the first contact of the group
    std::vector<WhoPerson> people;
};

struct WhoReport {
    Date today;
    std::string query;
    std::vector<WhoGroup> groups;
};

WhoReport who(const VaultIndex& index, const LinkGraph& graph, Date today, const WhoOptions& options);

// ---------------------------------------------------------------- path

struct PathStep {
    std::string id;
    std::string name;
    std::vector<Connection> via; ///< how this step links to the previous one (empty for the first)
    Origin origin;
};

struct PathReport {
    Date today;
    std::string id;
    std::string name;
    bool known = false;          ///< the target is known well: no introduction needed
    std::optional<int> hops;     ///< introductions needed (chain length - 1), null when unreachable
    std::vector<std::vector<PathStep>> chains;
};

inline constexpr std::size_t k_max_chains = 10;

PathReport path(const VaultIndex& index, const LinkGraph& graph, Date today, std::size_t target,
                std::size_t max_chains = k_max_chains);

// ---------------------------------------------------------------- stats

/// The default period of `stats` is `--since 90d`: [today - 90, today].
inline constexpr std::int32_t k_default_period_days = 90;

struct StatsOptions {
    std::optional<Date> since; ///< start of the period; default today - k_default_period_days
    std::size_t top = 5;       ///< most / least attended
};

struct TierSize {
    std::string tier; ///< "(none)" for contacts without a tier
    int count = 0;
    std::optional<int> guidance; ///< Dunbar-style limit, null for custom tiers
    bool over = false;
};

struct PeriodStats {
    Date from, to;
    int interactions = 0;       ///< distinct (contact, day) pairs in interactions(c)
    int contacted = 0;          ///< contacts with at least one
    int with_cadence = 0;       ///< contacts with a non-null cadence
    int within_cadence = 0;     ///< of those, last(c) at `to` within the cadence
    double within_share = 0.0;  ///< within_cadence / with_cadence (0 when none)
    int gave = 0, got = 0;      ///< #gave / #got entries (as reciprocity counts them)
    int balance = 0;            ///< gave - got
};

struct MonthStats {
    int year = 0, month = 0;
    int interactions = 0, gave = 0, got = 0;
    std::string label() const; ///< YYYY-MM
};

struct Attention {
    std::string id;
    std::string name;
    int interactions = 0; ///< in the current period
    int previous = 0;     ///< in the previous period
    std::optional<Date> last;
    Origin origin;
};

struct StatsReport {
    Date today;
    PeriodStats current, previous;
    std::vector<TierSize> tiers;
    int total = 0;
    int total_guidance = 150;
    std::vector<MonthStats> months; ///< from the previous period's first month to today's
    std::vector<Attention> most, least;
};

StatsReport stats(const VaultIndex& index, Date today, const StatsOptions& options);

} // namespace kith
