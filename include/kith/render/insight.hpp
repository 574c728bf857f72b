#pragma once
/// who / path / stats -> table, JSON or CSV. The JSON shapes are in
/// docs/insight.md; CSV rows are the JSON items, flattened.

#include "kith/render/render.hpp"
#include "kith/report/insight.hpp"

namespace kith {

Json to_json(const WhoReport& r);
Json to_json(const PathReport& r);
Json to_json(const StatsReport& r);

void render(const WhoReport& r, std::ostream& out, const RenderOptions& options);
void render(const PathReport& r, std::ostream& out, const RenderOptions& options);
/// `unicode`: block characters in the charts, else the ASCII fallback.
void render(const StatsReport& r, std::ostream& out, const RenderOptions& options, bool unicode);

/// "today", "3 days ago", "3 weeks ago", "5 months ago", "2 years ago".
std::string ago(Date then, Date today);

/// A signed change, "+3", "-2", "0".
std::string signed_text(int delta);

} // namespace kith
