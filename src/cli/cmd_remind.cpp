#include "commands.hpp"

#include "kith/report/reports.hpp"

namespace kith::cli {
namespace {

void options(po::options_description& o) {
    o.add_options()("within", po::value<std::string>()->value_name("DURATION"),
                    "look this far ahead (and back, for keep-in-touch); default remind_within (14d)");
}

int run(Context& ctx) {
    RemindOptions opts;
    if (auto w = ctx.opt<std::string>("within")) opts.within = parse_duration_option("--within", *w);
    render(remind(*ctx.index, ctx.today, opts), ctx.out, ctx.render);
    return k_exit_ok;
}

} // namespace

const Command k_cmd_remind{
    "remind", "what to do soon: follow-ups, birthdays, keep-in-touch, thanks, welcomes, reviews",
    "[--within DURATION]",
    "Lists every reminder dated up to today + DURATION, oldest first; overdue ones\n"
    "are marked. Example: kith remind --within 7d",
    Needs::Vault, options, 0, run};

} // namespace kith::cli
