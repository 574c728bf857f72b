#pragma once
/// `kith diff` -> table, JSON or CSV (the JSON shape is in docs/history.md).

#include "kith/render/render.hpp"
#include "kith/report/diff.hpp"

namespace kith {

Json to_json(const DiffReport& r);
void render(const DiffReport& r, std::ostream& out, const RenderOptions& options);

/// The CSV columns: the fields of one JSON item.
const std::vector<std::string>& diff_columns();

} // namespace kith
