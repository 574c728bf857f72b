#include "commands.hpp"

#include "adapters/vault_writer.hpp"
#include "kith/templates.hpp"

#include <fstream>

namespace fs = std::filesystem;

namespace kith::cli {
namespace {

constexpr const char* k_gitignore_lines[] = {
    ".kith/cache/", ".obsidian/workspace*", ".obsidian/cache", ".trash/", "*.swp", "*~", ".DS_Store",
};

int run(Context& ctx) {
    auto args = ctx.args();
    fs::path dir = args.empty() ? ctx.cwd : fs::path(args[0]);
    if (dir.is_relative()) dir = ctx.cwd / dir;
    std::error_code ec;
    // A vault is a folder with kith's config; a hand-made one (notes, an
    // Obsidian vault, maybe its own git repository) gets what it lacks and
    // keeps everything it has.
    if (fs::exists(dir / k_config_path, ec))
        throw Failure(dir.string() + " is already a kith vault (it has " + std::string(k_config_path) + ")");
    const bool existing = fs::is_directory(dir, ec) && !fs::is_empty(dir, ec);
    fs::create_directories(dir / ".kith", ec);
    if (ec) throw Failure("cannot create " + dir.string() + ": " + ec.message());

    std::vector<std::string> created;
    auto put = [&](const std::string& rel, std::string_view bytes) {
        write_atomic(dir / rel, bytes);
        created.push_back(rel);
    };
    put(k_config_path, templates::k_config_yaml);
    // Git keeps no empty folders: these keep contacts/ and journal/ in clones.
    for (const char* folder : {"contacts", "journal"}) {
        if (fs::exists(dir / folder, ec)) continue;
        fs::create_directories(dir / folder);
        put(std::string(folder) + "/.gitkeep", "");
    }

    std::string gitignore;
    if (std::ifstream in(dir / ".gitignore"); in) gitignore.assign(std::istreambuf_iterator<char>(in), {});
    std::string add;
    for (const char* line : k_gitignore_lines)
        if (gitignore.find(std::string(line) + "\n") == std::string::npos) add += std::string(line) + "\n";
    if (!add.empty()) {
        if (!gitignore.empty() && gitignore.back() != '\n') gitignore += '\n';
        put(".gitignore", gitignore + add);
    }

    std::optional<Repo> repo = Repo::discover(dir);
    const bool fresh = !repo;
    if (!repo) repo = Repo::init(dir);
    const fs::path real = fs::canonical(dir);
    std::vector<std::string> paths;
    for (const auto& rel : created) paths.push_back(repo->relative(real / rel));
    ctx.out << (fresh ? "initialised a git repository and a kith vault in " : "made a kith vault in ") << real.string();
    if (existing) ctx.out << " (its files are as they were; added " << created.size() << ")";
    try {
        auto id = repo->commit_paths(paths, "init: new kith vault\n\n" + std::string(k_commit_trailer) + "init\n");
        if (id) ctx.out << " [" << id->substr(0, 7) << "]";
        ctx.out << '\n';
    } catch (const GitError& e) {
        ctx.out << '\n';
        throw Failure(std::string(e.what()) + "\n(the vault is ready; commit it once git knows who you are)");
    }
    ctx.out << "next: kith --vault " << real.string() << " add \"Ada Lovelace\" --tier core\n";
    return k_exit_ok;
}

} // namespace

const Command k_cmd_init{"init", "make a new vault: folders, config, git repository, first commit", "[DIR]",
                         "Creates contacts/, journal/, .kith/config.yaml (every default written out)\n"
                         "and a .gitignore, then commits them. Inside an existing git repository the\n"
                         "vault becomes part of it. In a folder of notes made by hand (an Obsidian\n"
                         "vault) it adds what is missing and commits only that; the notes are\n"
                         "committed by the next 'kith sync'. Refuses a folder that is already a\n"
                         "kith vault (it has .kith/config.yaml).",
                         Needs::Nothing, nullptr, 1, run};

} // namespace kith::cli
