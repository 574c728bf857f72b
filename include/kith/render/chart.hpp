#pragma once
/// Small charts: text rows for the terminal (Unicode block characters, or an
/// ASCII fallback) and inline SVG for the HTML review. No colour, no I/O.

#include <string>
#include <string_view>
#include <vector>

namespace kith::chart {

/// A horizontal bar of `value / max` of `width` cells: eighth blocks
/// (`█▉▊▋▌▍▎▏`) in Unicode, `#` in ASCII. Empty when value <= 0 or max <= 0.
std::string bar(double value, double max, int width, bool unicode);

/// One character per value, scaled to the largest: `▁▂▃▄▅▆▇█` in Unicode,
/// `_.-=+*#@` in ASCII. A zero is the lowest mark, so that a month without
/// activity still shows.
std::string sparkline(const std::vector<int>& values, bool unicode);

/// `text` with `& < > " '` as HTML entities.
std::string html_escape(std::string_view text);

struct Series {
    std::string name;
    std::string colour; ///< an SVG colour, e.g. "#4e79a7"
    std::vector<int> values;
};

/// A column chart of one or more series over `labels` (grouped columns), as a
/// standalone `<svg>` element with a title and accessible labels.
std::string svg_columns(std::string_view title, const std::vector<std::string>& labels,
                        const std::vector<Series>& series);

/// A horizontal bar chart: one bar per label. A bar with a limit (>= 0) is a
/// gauge against it (a dashed line; red when over); bars without one
/// (negative) are scaled to the largest of them.
std::string svg_bars(std::string_view title, const std::vector<std::string>& labels, const std::vector<int>& values,
                     const std::vector<int>& limits);

} // namespace kith::chart
