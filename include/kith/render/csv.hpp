#pragma once
/// CSV cells and spreadsheets: what write_csv (kith/render/render.hpp) does
/// to a cell that a spreadsheet would run as a formula.

#include <ostream>
#include <string>

namespace kith {

/// A text cell made safe for a spreadsheet (OWASP's advice on CSV
/// injection): a cell starting with `=`, `+`, `-`, `@`, tab or carriage
/// return gets a leading `'`, unless the whole cell is a number (`-2`,
/// `+1.5`), which no spreadsheet runs. Numbers and booleans kith writes
/// itself are never changed.
std::string csv_cell(std::string cell);

/// `--csv-raw`: whether write_csv writes the cells it sends to `out` as they
/// are (a setting kept on the stream, like std::boolalpha; off by default).
void set_csv_raw(std::ostream& out, bool raw);
bool csv_raw(std::ostream& out);

} // namespace kith
