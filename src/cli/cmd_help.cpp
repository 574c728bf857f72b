#include "commands.hpp"

namespace kith::cli {
namespace {

int run(Context& ctx) {
    auto args = ctx.args();
    if (args.empty()) {
        // Same text as `kith --help`.
        std::vector<std::string> help{"--help"};
        Environment env{ctx.out, ctx.err, false, [](const char*) -> const char* { return nullptr; }, {}};
        return cli::run(help, env);
    }
    std::vector<std::string> help{args[0], "--help"};
    Environment env{ctx.out, ctx.err, false, [](const char*) -> const char* { return nullptr; }, {}};
    return cli::run(help, env);
}

} // namespace

const Command k_cmd_help{"help", "show help for kith or one command", "[COMMAND]",
                         "Example: kith help dormant", Needs::Nothing, nullptr, 1, run};

} // namespace kith::cli
