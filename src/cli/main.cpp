#include "cli.hpp"

#include <cstdlib>
#include <iostream>
#include <unistd.h>

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    std::vector<std::string> args(argv + 1, argv + argc);
    std::error_code ec;
    kith::cli::Environment env{std::cout, std::cerr, ::isatty(STDOUT_FILENO) == 1,
                               [](const char* name) { return static_cast<const char*>(std::getenv(name)); },
                               std::filesystem::current_path(ec)};
    env.exit_after_run = true;
    int status = kith::cli::run(args, env);
    std::cout.flush();
    std::cerr.flush();
    // No static destructors: they would free the index kept by run().
    std::_Exit(status);
}
