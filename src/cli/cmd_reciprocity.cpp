#include "commands.hpp"

#include "kith/report/reports.hpp"

namespace kith::cli {
namespace {

void options(po::options_description& o) {
    o.add_options()("since", po::value<std::string>()->value_name("DATE|DURATION"),
                    "count entries on or after this date, or this long ago (e.g. 1y)");
}

int run(Context& ctx) {
    ReciprocityOptions opts;
    if (auto s = ctx.opt<std::string>("since")) opts.since = parse_since(*s, ctx.today);
    render(reciprocity(*ctx.index, ctx.today, opts), ctx.out, ctx.render);
    return k_exit_ok;
}

} // namespace

const Command k_cmd_reciprocity{
    "reciprocity", "the give and take with each person: favours, introductions, thanks",
    "[--since DATE|DURATION]",
    "Counts #gave, #got, #intro and #thanks entries per contact. Flags 'taking'\n"
    "when you got at least two more favours than you gave, and 'unthanked' when a\n"
    "favour has no #thanks on or after it. Example: kith reciprocity --since 1y",
    Needs::Vault, options, 0, run};

} // namespace kith::cli
