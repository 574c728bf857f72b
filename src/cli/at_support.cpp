#include "at_support.hpp"

#include "cli.hpp"
#include "kith/vault/load.hpp"

#include <cstdio>
#include <ctime>

namespace kith::cli {

Repo vault_repo(const std::filesystem::path& vault) {
    auto repo = Repo::discover(vault);
    if (!repo)
        throw Failure("the vault " + vault.string() +
                      " is not in a git repository, so it has no past states (run 'git init' to start one)");
    return std::move(*repo);
}

Revision resolve_at(const Repo& repo, const std::string& option, const std::string& text) {
    try {
        return resolve_revision(repo, text);
    } catch (const BadRevision& e) {
        throw UsageError(option + ": " + e.what());
    }
}

VaultIndex load_at(const Repo& repo, const std::filesystem::path& vault, const Revision& rev, Date today,
                   unsigned threads) {
    GitTreeSource source(repo, rev.commit, repo.relative(vault));
    return load_vault(source, today, LoadOptions{threads, nullptr, nullptr});
}

std::string describe_revision(const Revision& rev) {
    std::time_t t = static_cast<std::time_t>(rev.time + std::int64_t{rev.offset_minutes} * 60);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
    const int off = rev.offset_minutes < 0 ? -rev.offset_minutes : rev.offset_minutes;
    char zone[8];
    std::snprintf(zone, sizeof zone, "%c%02d%02d", rev.offset_minutes < 0 ? '-' : '+', (off / 60) % 100, off % 60);
    return "at " + rev.commit.substr(0, 7) + " (" + when + " " + zone + "): " + rev.summary;
}

} // namespace kith::cli
