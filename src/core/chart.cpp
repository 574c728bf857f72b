#include "kith/render/chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace kith::chart {

std::string bar(double value, double max, int width, bool unicode) {
    if (value <= 0 || max <= 0 || width <= 0) return {};
    const double cells = std::min(value / max, 1.0) * width;
    if (!unicode) {
        // At least one mark for any non-zero value.
        const int n = std::max(1, static_cast<int>(std::lround(cells)));
        return std::string(static_cast<std::size_t>(n), '#');
    }
    static const char* const k_eighths[] = {"", "\u258F", "\u258E", "\u258D", "\u258C", "\u258B", "\u258A", "\u2589"};
    int eighths = std::max(1, static_cast<int>(std::lround(cells * 8)));
    std::string out;
    for (; eighths >= 8; eighths -= 8) out += "\u2588";
    out += k_eighths[eighths];
    return out;
}

std::string sparkline(const std::vector<int>& values, bool unicode) {
    static const char* const k_blocks[] = {"\u2581", "\u2582", "\u2583", "\u2584",
                                           "\u2585", "\u2586", "\u2587", "\u2588"};
    static const char k_ascii[] = "_.-=+*#@";
    const int max = values.empty() ? 0 : *std::max_element(values.begin(), values.end());
    std::string out;
    for (int v : values) {
        // Zero is the lowest mark; anything above zero is at least the second.
        int level = 0;
        if (v > 0 && max > 0) level = std::clamp(static_cast<int>(std::lround(7.0 * v / max)), 1, 7);
        if (unicode) out += k_blocks[level];
        else out += k_ascii[level];
    }
    return out;
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

namespace {

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

} // namespace

std::string svg_columns(std::string_view title, const std::vector<std::string>& labels,
                        const std::vector<Series>& series) {
    constexpr double k_height = 170, k_bottom = 36, k_left = 36, k_group = 34;
    const double top = series.size() > 1 ? 44 : 28; // room for the legend
    const double width = std::max(k_left + k_group * static_cast<double>(std::max<std::size_t>(labels.size(), 1)) + 12,
                                  8.5 * static_cast<double>(title.size()) + k_left);
    int max = 1;
    for (const Series& s : series)
        for (int v : s.values) max = std::max(max, v);
    const double plot = k_height - top - k_bottom;
    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" width=\"" + num(width) +
                      "\" height=\"" + num(k_height) + "\" viewBox=\"0 0 " + num(width) + " " + num(k_height) +
                      "\" aria-label=\"" + html_escape(title) + "\">\n<title>" + html_escape(title) + "</title>\n";
    out += "<text x=\"" + num(k_left) + "\" y=\"16\" class=\"chart-title\">" + html_escape(title) + "</text>\n";
    const double base = top + plot;
    out += "<line x1=\"" + num(k_left) + "\" y1=\"" + num(base) + "\" x2=\"" + num(width - 8) + "\" y2=\"" +
           num(base) + "\" stroke=\"#999\"/>\n";
    out += "<text x=\"" + num(k_left - 4) + "\" y=\"" + num(top + 8) + "\" text-anchor=\"end\" class=\"axis\">" +
           std::to_string(max) + "</text>\n";
    const double col = (k_group - 6) / static_cast<double>(std::max<std::size_t>(series.size(), 1));
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const double x0 = k_left + k_group * static_cast<double>(i) + 3;
        for (std::size_t s = 0; s < series.size(); ++s) {
            const int v = i < series[s].values.size() ? series[s].values[i] : 0;
            const double h = plot * v / max;
            out += "<rect x=\"" + num(x0 + col * static_cast<double>(s)) + "\" y=\"" + num(base - h) + "\" width=\"" +
                   num(col - 1) + "\" height=\"" + num(h) + "\" fill=\"" + html_escape(series[s].colour) +
                   "\"><title>" + html_escape(series[s].name + " " + labels[i] + ": " + std::to_string(v)) +
                   "</title></rect>\n";
        }
        // Month labels as MM, with the year under January and the first one.
        const std::string& l = labels[i];
        const bool dated = l.size() == 7 && l[4] == '-';
        out += "<text x=\"" + num(x0 + (k_group - 6) / 2) + "\" y=\"" + num(base + 13) +
               "\" text-anchor=\"middle\" class=\"axis\">" + html_escape(dated ? l.substr(5) : l) + "</text>\n";
        if (dated && (i == 0 || l.substr(5) == "01"))
            out += "<text x=\"" + num(x0 + (k_group - 6) / 2) + "\" y=\"" + num(base + 26) +
                   "\" text-anchor=\"middle\" class=\"axis\">" + html_escape(l.substr(0, 4)) + "</text>\n";
    }
    if (series.size() > 1) {
        double x = k_left;
        for (const Series& s : series) {
            out += "<rect x=\"" + num(x) + "\" y=\"24\" width=\"10\" height=\"10\" fill=\"" + html_escape(s.colour) +
                   "\"/><text x=\"" + num(x + 14) + "\" y=\"33\" class=\"axis\">" + html_escape(s.name) + "</text>\n";
            x += 7.0 * static_cast<double>(s.name.size()) + 28;
        }
    }
    return out + "</svg>";
}

std::string svg_bars(std::string_view title, const std::vector<std::string>& labels, const std::vector<int>& values,
                     const std::vector<int>& limits) {
    // A row with a limit is a gauge: the dashed line is the limit, at 80% of
    // the width, so a row over its limit shows by how much. Rows without one
    // are scaled to the largest of them, in grey.
    constexpr double k_row = 22, k_top = 26, k_left = 120, k_plot = 300, k_limit_at = 0.8 * k_plot;
    const double height = k_top + k_row * static_cast<double>(labels.size()) + 8;
    const double width = k_left + k_plot + 90;
    int max_free = 1; // the largest of all the rows, so that rows compare with each other
    for (int v : values) max_free = std::max(max_free, v);
    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" width=\"" + num(width) +
                      "\" height=\"" + num(height) + "\" viewBox=\"0 0 " + num(width) + " " + num(height) +
                      "\" aria-label=\"" + html_escape(title) + "\">\n<title>" + html_escape(title) + "</title>\n";
    out += "<text x=\"4\" y=\"16\" class=\"chart-title\">" + html_escape(title) + "</text>\n";
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const int v = i < values.size() ? values[i] : 0;
        const int limit = i < limits.size() ? limits[i] : -1;
        const double y = k_top + k_row * static_cast<double>(i);
        const double w = limit > 0 ? std::min(k_limit_at * v / limit, k_plot) : k_limit_at * v / max_free;
        const bool over = limit >= 0 && v > limit;
        const std::string colour = over ? "#c0392b" : (limit >= 0 ? "#4e79a7" : "#9aa5b1");
        const std::string value = std::to_string(v) + (limit >= 0 ? " of " + std::to_string(limit) : "");
        out += "<text x=\"" + num(k_left - 6) + "\" y=\"" + num(y + 14) + "\" text-anchor=\"end\" class=\"axis\">" +
               html_escape(labels[i]) + "</text>\n";
        out += "<rect x=\"" + num(k_left) + "\" y=\"" + num(y + 3) + "\" width=\"" + num(w) +
               "\" height=\"14\" fill=\"" + colour + "\"><title>" + html_escape(labels[i] + ": " + value) +
               "</title></rect>\n";
        out += "<text x=\"" + num(k_left + std::max(w, limit >= 0 ? k_limit_at : 0.0) + 4) + "\" y=\"" + num(y + 14) +
               "\" class=\"axis\">" + html_escape(value) + "</text>\n";
        if (limit >= 0)
            out += "<line x1=\"" + num(k_left + k_limit_at) + "\" y1=\"" + num(y + 1) + "\" x2=\"" +
                   num(k_left + k_limit_at) + "\" y2=\"" + num(y + 19) +
                   "\" stroke=\"#333\" stroke-dasharray=\"3 2\"><title>guidance: " + std::to_string(limit) +
                   "</title></line>\n";
    }
    return out + "</svg>";
}

} // namespace kith::chart
