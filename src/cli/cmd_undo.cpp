#include "commands.hpp"
#include "write_support.hpp"

namespace kith::cli {
namespace {

int run(Context& ctx) {
    VaultWriter& w = *ctx.writer;
    Repo* repo = w.repo();
    if (!repo) throw Failure("the vault is not in a git repository: there is nothing to undo");
    auto head = repo->head();
    if (!head) throw Failure("the repository has no commits yet");
    if (head->message.find(k_commit_trailer) == std::string::npos)
        throw Failure("the last commit was not made by kith (" + head->id.substr(0, 7) + " " + head->summary +
                      "); kith only undoes its own commits");
    const auto paths = repo->head_changed_paths();
    std::vector<std::pair<std::string, std::optional<std::string>>> restore; // vault path, old content
    for (const std::string& p : paths) {
        auto rel = w.vault_relative(p);
        if (!rel) throw Failure("the last commit changed " + p + ", outside the vault; undo it with git");
        if (repo->differs_from_head(p))
            throw Failure(*rel + " has changes that are not committed; commit or discard them first");
        restore.emplace_back(*rel, repo->read_in_head_parent(p));
    }
    for (const auto& [rel, content] : restore) {
        if (content) w.write(rel, *content);
        else w.remove(rel);
    }
    const std::string subject = head->summary;
    std::string note;
    const std::string message = "undo: " + subject + "\n\nThis reverts commit " + head->id + ".\n\n" +
                                k_commit_trailer + "undo\n";
    auto id = w.commit(message, true, note);
    ctx.out << "undid " << head->id.substr(0, 7) << " " << subject;
    if (id) ctx.out << " [" << id->substr(0, 7) << "]";
    ctx.out << '\n';
    return k_exit_ok;
}

} // namespace

const Command k_cmd_undo{"undo", "revert the last commit, if kith made it, with a new commit", "",
                         "Only kith's own commits (they carry a Kith-Command trailer) are undone, and\n"
                         "only when the files they touched have no uncommitted changes.",
                         Needs::Write, nullptr, 0, run};

} // namespace kith::cli
