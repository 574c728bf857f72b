#include "commands.hpp"

#include "kith/render/insight.hpp"

namespace kith::cli {
namespace {

int run(Context& ctx) {
    const std::vector<std::string> args = ctx.args();
    if (args.size() != 1) throw UsageError("path needs one contact (an id, name or alias)");
    const ContactRecord& target = find_contact(*ctx.index, args[0]);
    if (target.contact->archived) throw Failure("'" + target.contact->id + "' is archived");
    const std::size_t k = static_cast<std::size_t>(&target - ctx.index->contacts().data());
    const LinkGraph graph = LinkGraph::build(*ctx.index);
    render(path(*ctx.index, graph, ctx.today, k), ctx.out, ctx.render);
    return k_exit_ok;
}

} // namespace

const Command k_cmd_path{
    "path", "the shortest introduction chains to one person", "WHO",
    "Finds the shortest chains of links from someone you know well (an\n"
    "interaction within their cadence) to WHO, through the people linked to each\n"
    "other (a [[link]] in either file, introduced_by, or named together in a\n"
    "note). Shows up to 10 chains. Example: kith path daniel-cohen",
    Needs::Vault, nullptr, 1, run};

} // namespace kith::cli
