#pragma once
/// Helpers shared by the network commands (who, path, stats, review).

#include "cli.hpp"

#include "kith/parse/text.hpp"

namespace kith::cli {

/// Unicode block characters in charts unless `--ascii` is given or the locale
/// ($LC_ALL, else $LC_CTYPE, else $LANG) does not name UTF-8.
inline bool charts_unicode(const Context& ctx) {
    if (ctx.flag("ascii")) return false;
    for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
        const char* v = ctx.getenv(name);
        if (!v || !*v) continue;
        const std::string l = ascii_lower(v);
        return l.find("utf-8") != std::string::npos || l.find("utf8") != std::string::npos;
    }
    return false;
}

/// The `--ascii` option of the commands that draw charts.
inline void add_ascii_option(po::options_description& o) {
    o.add_options()("ascii", po::bool_switch(), "draw charts with ASCII characters only");
}

} // namespace kith::cli
