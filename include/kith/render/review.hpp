#pragma once
/// The weekly review: the data behind templates/review.md and review.html,
/// built from the other reports. Pure: no clock, disk or git.

#include "kith/render/render.hpp"
#include "kith/report/insight.hpp"

namespace kith {

struct ReviewOptions {
    std::size_t dormant = 5;             ///< top dormant contacts
    std::optional<std::int32_t> within;  ///< reminders window (default remind_within)
    bool unicode = true;                 ///< sparklines in Unicode, else ASCII
};

/// Everything a review template can show, as one JSON object (docs/insight.md):
/// `today`, `reminders`, `dormant` (with `starters`), `unthanked`, `stats`
/// (numbers and text sparklines) and `has_*` flags for empty sections.
Json review_data(const VaultIndex& index, Date today, const ReviewOptions& options);

/// Inline SVG charts of the stats part of the review (tiers, interactions per
/// month, given and received per month), keyed `tiers_svg`, `months_svg`,
/// `favours_svg`. All text in them is escaped.
Json review_charts(const StatsReport& stats);

/// `text` with every wiki link replaced by its label or target, so that a
/// review quotes what the user wrote without linking anyone.
std::string plain_links(std::string_view text);

/// Conversation starters for one contact, from its own data only: the last
/// entry, an open follow-up, a birthday within 30 days, tags it shares with
/// someone seen recently, its company.
std::vector<std::string> conversation_starters(const VaultIndex& index, std::size_t contact, Date today);

} // namespace kith
