#include "commands.hpp"

#include "kith/parse/text.hpp"
#include "kith/render/insight.hpp"

namespace kith::cli {
namespace {

void options(po::options_description& o) {
    o.add_options()("connectors", po::value<long long>()->value_name("N"),
                    "at most N connectors per person (default 5)");
}

int run(Context& ctx) {
    const std::vector<std::string> args = ctx.args();
    std::string query;
    for (const std::string& a : args) query += (query.empty() ? "" : " ") + a;
    if (trim(query).empty()) throw UsageError("who needs a QUERY: a company, title, location or tag");
    WhoOptions opts;
    opts.query = query;
    if (auto n = ctx.opt<long long>("connectors")) {
        if (*n < 0) throw UsageError("--connectors must be 0 or more, not " + std::to_string(*n));
        opts.max_connectors = static_cast<std::size_t>(*n);
    }
    const LinkGraph graph = LinkGraph::build(*ctx.index);
    render(who(*ctx.index, graph, ctx.today, opts), ctx.out, ctx.render);
    return k_exit_ok;
}

} // namespace

const Command k_cmd_who{
    "who", "who you know at a company, in a role, place or tag, and who could introduce you",
    "QUERY... [--connectors N]",
    "Lists the people whose company, title or location contains QUERY, or who\n"
    "carry the tag QUERY, grouped by what matched. For each person you do not\n"
    "know well (no interaction within their cadence), it names the people you do\n"
    "know well who are linked to them (a [[link]] in either file, introduced_by,\n"
    "or named together in a note), the one you saw most recently first.\n"
    "Example: kith who Northwind",
    Needs::Vault, options, -1, run};

} // namespace kith::cli
