#include "commands.hpp"

namespace kith::cli {
namespace {

int run(Context& ctx) {
    // The same text as `kith --help` or `kith COMMAND --help`.
    auto args = ctx.args();
    std::vector<std::string> help{"--help"};
    if (!args.empty()) help.insert(help.begin(), args[0]);
    Environment env{ctx.out, ctx.err, false, [](const char*) -> const char* { return nullptr; }, {}};
    return cli::run(help, env);
}

} // namespace

const Command k_cmd_help{"help", "show help for kith or one command", "[COMMAND]",
                         "Example: kith help dormant", Needs::Nothing, nullptr, 1, run};

} // namespace kith::cli
