#include "commands.hpp"
#include "insight_support.hpp"

#include "kith/render/insight.hpp"

namespace kith::cli {
namespace {

void options(po::options_description& o) {
    o.add_options()("since", po::value<std::string>()->value_name("DATE|DURATION"),
                    "start of the period (default 90d); the previous period is as long, just before")(
        "top", po::value<long long>()->value_name("N"), "most and least attended: N people each (default 5)");
    add_ascii_option(o);
}

int run(Context& ctx) {
    StatsOptions opts;
    if (auto s = ctx.opt<std::string>("since")) {
        opts.since = parse_since(*s, ctx.today);
        if (*opts.since > ctx.today) throw UsageError("--since is after today (" + ctx.today.iso() + ")");
    }
    if (auto n = ctx.opt<long long>("top")) {
        if (*n < 0) throw UsageError("--top must be 0 or more, not " + std::to_string(*n));
        opts.top = static_cast<std::size_t>(*n);
    }
    render(stats(*ctx.index, ctx.today, opts), ctx.out, ctx.render, charts_unicode(ctx));
    return k_exit_ok;
}

} // namespace

const Command k_cmd_stats{
    "stats", "the health of your network: size by tier, activity, give and take, over time",
    "[--since DATE|DURATION] [--top N] [--ascii]",
    "Network size by tier against Dunbar-style guidance (core 15, close 50,\n"
    "network 150, 150 in all), interactions per month, the share of contacts\n"
    "reached within their cadence, favours given and received, and the most and\n"
    "least attended people, each against the previous period of the same length.\n"
    "Charts use Unicode blocks on a UTF-8 locale, else ASCII (--ascii forces it).\n"
    "Example: kith stats --since 6m",
    Needs::Vault, options, 0, run};

} // namespace kith::cli
