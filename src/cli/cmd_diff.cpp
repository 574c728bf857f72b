#include "commands.hpp"

#include "at_support.hpp"
#include "kith/render/render_diff.hpp"
#include "kith/vault/load.hpp"

namespace kith::cli {
namespace {

void options(po::options_description& o) {
    o.add_options()("since", po::value<std::string>()->value_name("REV"),
                    "the earlier state: a commit, branch, tag, HEAD~N or YYYY-MM-DD (required)")(
        "until", po::value<std::string>()->value_name("REV"), "the later state (default: the vault as it is now)")(
        "verbose,v", po::bool_switch(), "list every entry added or removed, not just how many");
}

/// Loads one revision for the comparison; a config that cannot be used is a failure naming the revision.
VaultIndex load_side(Context& ctx, const Repo& repo, const Revision& rev, Date today) {
    try {
        return load_at(repo, ctx.vault, rev, today, ctx.opt<unsigned>("threads").value_or(0));
    } catch (const ConfigError& e) {
        for (const Diagnostic& d : e.diagnostics) ctx.err << format_diagnostic(d) << '\n';
        throw Failure("the config at " + rev.text + " (" + rev.commit.substr(0, 7) + ") cannot be used");
    }
}

int run(Context& ctx) {
    auto since_text = ctx.opt<std::string>("since");
    if (!since_text) throw UsageError("which earlier state? give --since REV (a commit, HEAD~N or YYYY-MM-DD)");
    auto until_text = ctx.opt<std::string>("until");
    if (until_text && ctx.at) throw UsageError("--until and --at both name the later state; give one of them");

    Repo repo = vault_repo(ctx.vault);
    const Revision since_rev = resolve_at(repo, "--since", *since_text);
    DiffSide since{since_rev.text, since_rev.commit, since_rev.day};
    const VaultIndex before = load_side(ctx, repo, since_rev, since.today);

    DiffSide until{std::nullopt, std::nullopt, ctx.today};
    std::optional<VaultIndex> later;
    const VaultIndex* after = ctx.index;
    if (ctx.at) {
        until = {ctx.at->text, ctx.at->commit, ctx.today};
    } else if (until_text) {
        const Revision until_rev = resolve_at(repo, "--until", *until_text);
        // The later state's day is --today (or $KITH_TODAY) when given, else its own.
        const char* env_today = ctx.getenv("KITH_TODAY");
        const bool given = ctx.vm.count("today") || (env_today && *env_today);
        until = {until_rev.text, until_rev.commit, given ? ctx.today : until_rev.day};
        later.emplace(load_side(ctx, repo, until_rev, until.today));
        after = &*later;
    }
    DiffOptions opts;
    opts.verbose = ctx.flag("verbose");
    render(diff(before, *after, since, until, opts), ctx.out, ctx.render);
    return k_exit_ok;
}

} // namespace

const Command k_cmd_diff{
    "diff", "what changed in the network between two states: contacts, entries, follow-ups, dormancy, balances",
    "--since REV [--until REV] [--verbose]",
    "Compares the vault at --since REV with the vault now (or at --until REV, or\n"
    "--at REV): new and removed contacts, entries added or removed, follow-ups\n"
    "opened, done or dropped, contacts gone dormant or revived, and reciprocity\n"
    "balances that moved. Each state is judged on its own day: a revision's day\n"
    "is its commit's date (or the date given); the vault as it is now uses\n"
    "--today. Example: kith diff --since 2026-06-01 --verbose",
    Needs::Vault, options, 0, run};

} // namespace kith::cli
