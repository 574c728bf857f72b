#include "commands.hpp"
#include "write_support.hpp"

#include "adapters/git_support.hpp"

#include <set>
#include <utility>

namespace kith::cli {
namespace {

using git::BlobPtr;
using git::CommitPtr;
using git::DiffPtr;
using git::EntryPtr;
using git::TreePtr;

/// One commit of the first-parent history, as undo needs it.
struct Step {
    std::string id, summary, message;
    CommitPtr commit;
};

bool is_undo(const Step& c) {
    return c.message.find(std::string(k_commit_trailer) + "undo\n") != std::string::npos ||
           c.message.ends_with(std::string(k_commit_trailer) + "undo");
}

/// The commit the next undo reverts: walking back from HEAD along first
/// parents, each undo commit cancels the newest kith commit before it that no
/// other undo cancelled (like a stack), so a second undo steps further back
/// instead of redoing.
Step target_of_undo(git_repository* repo) {
    git_object* obj = nullptr;
    git::check(git_revparse_single(&obj, repo, "HEAD^{commit}"), "read HEAD");
    CommitPtr c(reinterpret_cast<git_commit*>(obj));
    std::size_t cancelled = 0;
    for (bool head = true; c; head = false) {
        Step s{git::hex(*git_commit_id(c.get())), git_commit_summary(c.get()) ? git_commit_summary(c.get()) : "",
               git_commit_message(c.get()) ? git_commit_message(c.get()) : "", nullptr};
        if (s.message.find(k_commit_trailer) == std::string::npos) {
            if (head)
                throw Failure("the last commit was not made by kith (" + s.id.substr(0, 7) + " " + s.summary +
                              "); kith only undoes its own commits");
            throw Failure("kith's commits since " + s.id.substr(0, 7) + " " + s.summary +
                          " are all undone already; undo older commits with git");
        }
        CommitPtr parent;
        if (git_commit_parentcount(c.get()) > 0) {
            git_commit* raw = nullptr;
            git::check(git_commit_parent(&raw, c.get(), 0), "read the parent of commit " + s.id);
            parent.reset(raw);
        }
        if (is_undo(s)) ++cancelled;
        else if (cancelled > 0) --cancelled;
        else {
            s.commit = std::move(c);
            return s;
        }
        c = std::move(parent);
    }
    throw Failure("kith's commits are all undone already: there is nothing left to undo");
}

TreePtr tree_of(git_commit* c) {
    git_tree* raw = nullptr;
    git::check(git_commit_tree(&raw, c), "read the tree of a commit");
    return TreePtr(raw);
}

/// The first parent's tree, or null for a root commit.
TreePtr parent_tree(git_commit* c) {
    if (git_commit_parentcount(c) == 0) return nullptr;
    git_commit* raw = nullptr;
    git::check(git_commit_parent(&raw, c, 0), "read the parent of a commit");
    CommitPtr p(raw);
    return tree_of(p.get());
}

/// The content of `path` in `tree`, or nullopt when it is not a file there.
std::optional<std::string> read_at(git_repository* repo, git_tree* tree, const std::string& path) {
    if (!tree) return std::nullopt;
    git_tree_entry* raw = nullptr;
    if (git_tree_entry_bypath(&raw, tree, path.c_str()) != 0) {
        git_error_clear();
        return std::nullopt;
    }
    EntryPtr e(raw);
    if (git_tree_entry_type(e.get()) != GIT_OBJECT_BLOB) return std::nullopt;
    git_blob* blob = nullptr;
    git::check(git_blob_lookup(&blob, repo, git_tree_entry_id(e.get())), "read " + path);
    BlobPtr b(blob);
    return std::string(static_cast<const char*>(git_blob_rawcontent(b.get())), static_cast<std::size_t>(git_blob_rawsize(b.get())));
}

/// Paths the commit changed against its first parent, sorted.
std::vector<std::string> changed_paths(git_repository* repo, git_tree* before, git_tree* after) {
    git_diff_options opts;
    git::check(git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION), "compare a commit with its parent");
    git_diff* raw = nullptr;
    git::check(git_diff_tree_to_tree(&raw, repo, before, after, &opts), "compare a commit with its parent");
    DiffPtr diff(raw);
    std::set<std::string> paths;
    for (std::size_t i = 0; i < git_diff_num_deltas(diff.get()); ++i) {
        const git_diff_delta* d = git_diff_get_delta(diff.get(), i);
        if (d->old_file.path && d->status != GIT_DELTA_ADDED) paths.insert(d->old_file.path);
        if (d->new_file.path && d->status != GIT_DELTA_DELETED) paths.insert(d->new_file.path);
    }
    return {paths.begin(), paths.end()};
}

int run(Context& ctx) {
    VaultWriter& w = *ctx.writer;
    Repo* repo = w.repo();
    if (!repo) throw Failure("the vault is not in a git repository: there is nothing to undo");
    if (!repo->head()) throw Failure("the repository has no commits yet");
    git_repository* raw = repo->raw();
    const Step target = target_of_undo(raw);
    const TreePtr after = tree_of(target.commit.get());
    const TreePtr before = parent_tree(target.commit.get());
    std::vector<std::pair<std::string, std::optional<std::string>>> restore; // vault path, old content
    for (const std::string& p : changed_paths(raw, before.get(), after.get())) {
        auto rel = w.vault_relative(p);
        if (!rel) throw Failure("the commit to undo changed " + p + ", outside the vault; undo it with git");
        if (repo->differs_from_head(p))
            throw Failure(*rel + " has changes that are not committed; commit or discard them first");
        if (repo->read_in_head(p) != read_at(raw, after.get(), p))
            throw Failure(*rel + " changed after " + target.id.substr(0, 7) + " " + target.summary +
                          " in a commit kith did not undo; undo it with git");
        restore.emplace_back(*rel, read_at(raw, before.get(), p));
    }
    for (const auto& [rel, content] : restore) {
        if (content) w.write(rel, *content);
        else w.remove(rel);
    }
    const std::string subject = target.summary;
    std::string note;
    const std::string message = "undo: " + subject + "\n\nThis reverts commit " + target.id + ".\n\n" +
                                k_commit_trailer + "undo\n";
    auto id = w.commit(message, true, note);
    ctx.out << "undid " << target.id.substr(0, 7) << " " << subject;
    if (id) ctx.out << " [" << id->substr(0, 7) << "]";
    ctx.out << '\n';
    return k_exit_ok;
}

} // namespace

const Command k_cmd_undo{"undo", "revert the last commit, if kith made it, with a new commit", "",
                         "Only kith's own commits (they carry a Kith-Command trailer) are undone, and\n"
                         "only when the files they touched have no uncommitted changes. Undo again to\n"
                         "step further back: an undo is never undone by undo (redo with git revert).",
                         Needs::Write, nullptr, 0, run};

} // namespace kith::cli
