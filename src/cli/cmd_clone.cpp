#include "commands.hpp"

#include "adapters/clone.hpp"

namespace fs = std::filesystem;

namespace kith::cli {
namespace {

int run(Context& ctx) {
    auto args = ctx.args();
    if (args.empty()) throw UsageError("clone needs the remote's URL");
    const std::string& url = args[0];
    std::string name = args.size() > 1 ? args[1] : clone_dir_name(url);
    if (name.empty()) throw UsageError("cannot tell a folder name from " + url + ": give one after the URL");
    fs::path dir(name);
    if (dir.is_relative()) dir = ctx.cwd / dir;
    CloneReport r;
    try {
        r = clone_vault(url, dir);
    } catch (const GitError& e) {
        throw Failure(e.what());
    }
    std::size_t files = r.sync.incoming.size();
    ctx.out << "cloned " << url << " into " << r.dir.string() << " (" << files << (files == 1 ? " file" : " files")
            << "; branch " << r.branch << " tracks origin/" << r.branch << ")\n";
    if (!r.is_vault) {
        ctx.err << "kith: warning: " << url << " holds no kith vault (no .kith/config.yaml, no contacts/); run 'kith init "
                << r.dir.string() << "' to make it one\n";
        return k_exit_ok;
    }
    ctx.out << "next: kith --vault " << r.dir.string() << " remind, and 'kith sync' there to carry changes both ways\n";
    return k_exit_ok;
}

} // namespace

extern const Command k_cmd_clone;
const Command k_cmd_clone{
    "clone", "a second machine joins: copy a vault from its remote", "URL [DIR]",
    "Clones the remote (a path, file://, ssh:// or user@host:path, https://) into\n"
    "DIR (default: the URL's last part without .git), the way 'git clone' does,\n"
    "with the same transports and checks as 'kith sync': SSH through your ssh\n"
    "(~/.ssh/config, the agent, your keys), HTTPS through git's credential\n"
    "helper or KITH_GIT_USERNAME and KITH_GIT_PASSWORD. The branch then tracks\n"
    "the remote, so 'kith sync' (and plain git) know where to sync.",
    Needs::Nothing, nullptr, 2, run};

} // namespace kith::cli
