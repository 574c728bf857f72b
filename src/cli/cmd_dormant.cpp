#include "commands.hpp"

#include "kith/report/reports.hpp"

namespace kith::cli {
namespace {

void options(po::options_description& o) {
    o.add_options()("limit", po::value<long long>()->value_name("N"), "show at most N contacts")(
        "tier", po::value<std::string>()->value_name("TIER"), "only contacts of this tier");
}

int run(Context& ctx) {
    DormantOptions opts;
    if (auto limit = ctx.opt<long long>("limit")) {
        if (*limit < 0) throw UsageError("--limit must be 0 or more, not " + std::to_string(*limit));
        opts.limit = static_cast<std::size_t>(*limit);
    }
    if (auto tier = ctx.opt<std::string>("tier")) opts.tier = checked_tier(*ctx.index, *tier);
    render(dormant(*ctx.index, ctx.today, opts), ctx.out, ctx.render);
    return k_exit_ok;
}

} // namespace

const Command k_cmd_dormant{
    "dormant", "contacts silent for longer than their cadence, most overdue first",
    "[--limit N] [--tier TIER]",
    "A contact is dormant when the days since the last interaction exceed its\n"
    "cadence (or there was never one). last_text is the latest entry: a\n"
    "conversation starter. Example: kith dormant --tier core --limit 5",
    Needs::Vault, options, 0, run};

} // namespace kith::cli
