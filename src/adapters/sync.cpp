#include "adapters/sync.hpp"

#include "adapters/credentials.hpp"
#include "adapters/git_support.hpp"
#include "adapters/safe_path.hpp"
#include "adapters/sync_policy.hpp"
#include "adapters/vault_writer.hpp"
#include "kith/parse/file.hpp"
#include "kith/render/terminal.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <unistd.h>

namespace fs = std::filesystem;

namespace kith {

using namespace kith::git;

namespace {

// ---------------------------------------------------------------- trees

CommitPtr lookup_commit(git_repository* repo, const git_oid& id) {
    git_commit* c = nullptr;
    check(git_commit_lookup(&c, repo, &id), "read commit " + hex(id));
    return CommitPtr(c);
}

TreePtr tree_of(const git_commit* c) {
    git_tree* t = nullptr;
    check(git_commit_tree(&t, c), "read a commit's tree");
    return TreePtr(t);
}

void check_blob_size(git_repository* repo, const git_oid& id, const std::string& path);

std::optional<std::string> blob_at(git_repository* repo, const git_tree* tree, const std::string& path) {
    if (!tree) return std::nullopt;
    git_tree_entry* e = nullptr;
    if (git_tree_entry_bypath(&e, tree, path.c_str()) != 0) {
        git_error_clear();
        return std::nullopt;
    }
    EntryPtr entry(e);
    if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) return std::nullopt;
    check_blob_size(repo, *git_tree_entry_id(entry.get()), path);
    git_blob* b = nullptr;
    check(git_blob_lookup(&b, repo, git_tree_entry_id(entry.get())), "read " + path);
    BlobPtr blob(b);
    return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                       static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

/// A pathspec limiting a diff or status to the vault's folder (empty: all).
struct Pathspec {
    std::string spec;
    char* ptr = nullptr;
    git_strarray array{};
    explicit Pathspec(const std::string& prefix) : spec(prefix) {
        if (spec.empty()) return;
        ptr = spec.data();
        array = {&ptr, 1};
    }
    Pathspec(const Pathspec&) = delete;
    Pathspec& operator=(const Pathspec&) = delete;
};

/// Paths (work-tree relative) whose blob differs between two trees (either may
/// be null), under `prefix`.
std::vector<std::string> changed_paths(git_repository* repo, const git_tree* a, const git_tree* b,
                                       const std::string& prefix) {
    git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
    Pathspec spec(prefix);
    opts.pathspec = spec.array;
    git_diff* d = nullptr;
    check(git_diff_tree_to_tree(&d, repo, const_cast<git_tree*>(a), const_cast<git_tree*>(b), &opts), "compare trees");
    DiffPtr diff(d);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < git_diff_num_deltas(diff.get()); ++i) {
        const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
        out.emplace_back(delta->new_file.path ? delta->new_file.path : delta->old_file.path);
    }
    std::sort(out.begin(), out.end());
    return out;
}

int items_in(const std::string& vault_rel, const std::optional<std::string>& text) {
    if (!text || text->size() > k_max_file_bytes) return 0; // too large to be read as a note
    auto kind = classify_path(vault_rel);
    if (!kind) return 0;
    ParsedFile pf = parse_file(vault_rel, *text, *kind);
    const Body* body = pf.contact ? &pf.contact->body : pf.note ? &pf.note->body : nullptr;
    return body ? static_cast<int>(body->entries.size() + body->tasks.size()) : 0;
}

/// What changed in the vault between two trees, for the report.
std::vector<FileChange> describe(git_repository* repo, const git_tree* before, const git_tree* after,
                                 const std::string& prefix) {
    std::vector<FileChange> out;
    for (const std::string& p : changed_paths(repo, before, after, prefix)) {
        FileChange c;
        c.path = prefix.empty() ? p : p.substr(prefix.size());
        auto old_text = blob_at(repo, before, p);
        auto new_text = blob_at(repo, after, p);
        c.kind = !old_text ? FileChange::Kind::Added : !new_text ? FileChange::Kind::Deleted : FileChange::Kind::Changed;
        c.items_added = std::max(0, items_in(c.path, new_text) - items_in(c.path, old_text));
        out.push_back(std::move(c));
    }
    return out;
}

// ---------------------------------------------------------------- incoming trees

/// The largest incoming file kith loads or writes, and the most all of one
/// sync's incoming files may add up to (docs/security.md). Checked from the
/// object's header, before the object is read.
constexpr std::uint64_t k_max_incoming_file = 64ull << 20;
constexpr std::uint64_t k_max_incoming_total = 1ull << 30;
/// The longest target of an incoming symbolic link (PATH_MAX).
constexpr std::uint64_t k_max_link_target = 4096;
/// Folders nested deeper than this in an incoming tree are refused.
constexpr int k_max_tree_depth = 256;

std::string mib(std::uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

/// The size of a blob from its header, without loading it.
std::uint64_t blob_size(git_repository* repo, const git_oid& id, const std::string& path) {
    git_odb* raw = nullptr;
    check(git_repository_odb(&raw, repo), "open the object database");
    std::unique_ptr<git_odb, void (*)(git_odb*)> odb(raw, git_odb_free);
    std::size_t size = 0;
    git_object_t type{};
    check(git_odb_read_header(&size, &type, odb.get(), &id), "read " + path);
    return size;
}

void check_blob_size(git_repository* repo, const git_oid& id, const std::string& path) {
    const std::uint64_t size = blob_size(repo, id, path);
    if (size > k_max_incoming_file)
        throw GitError("refusing to read \"" + path + "\": it is " + std::to_string(size) +
                       " bytes, over the incoming file size limit of " + mib(k_max_incoming_file) +
                       "; nothing was changed (remove the file from the remote's history, or sync with plain git)");
}

/// Every entry of `tree` (duplicates and odd names included, as stored),
/// with link targets read after a check of their size.
void flatten(git_repository* repo, const git_tree* tree, const std::string& prefix, int depth,
             std::vector<safe::TreeItem>& out, std::optional<safe::Refusal>& refusal) {
    if (refusal) return;
    if (depth > k_max_tree_depth) {
        refusal = safe::Refusal{prefix, "folders nested more than " + std::to_string(k_max_tree_depth) + " deep"};
        return;
    }
    const std::size_t n = git_tree_entrycount(tree);
    for (std::size_t i = 0; i < n && !refusal; ++i) {
        const git_tree_entry* e = git_tree_entry_byindex(tree, i);
        safe::TreeItem item;
        item.name = git_tree_entry_name(e);
        item.path = prefix + item.name;
        item.mode = static_cast<std::uint32_t>(git_tree_entry_filemode_raw(e));
        if (item.mode == 0100664) item.mode = safe::k_mode_blob; // an old git's mode, read as a file
        const git_oid* id = git_tree_entry_id(e);
        if (item.mode == safe::k_mode_link) {
            if (blob_size(repo, *id, item.path) > k_max_link_target) {
                refusal = safe::Refusal{item.path, "a symbolic link with a target longer than " +
                                                       std::to_string(k_max_link_target) + " bytes"};
                return;
            }
            git_blob* b = nullptr;
            check(git_blob_lookup(&b, repo, id), "read the link " + item.path);
            BlobPtr blob(b);
            item.target.assign(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                               static_cast<std::size_t>(git_blob_rawsize(blob.get())));
        }
        const bool sub = item.mode == safe::k_mode_tree;
        out.push_back(std::move(item));
        if (sub) {
            git_tree* t = nullptr;
            check(git_tree_lookup(&t, repo, id), "read the folder " + out.back().path);
            TreePtr subtree(t);
            const std::string sub_prefix = out.back().path + "/";
            flatten(repo, subtree.get(), sub_prefix, depth + 1, out, refusal);
        }
    }
}

/// Refuses, before anything is written, a tree that must not reach the work
/// tree: safe::check_tree's rules over all of it, then, for each path that
/// would change, a folder on the way that is a symbolic link in the work tree
/// and the size of the incoming file. `commit` and `from` name what brought
/// it in the message.
void validate_incoming(Repo& repo_obj, const git_tree* current, const git_tree* incoming, const std::string& commit,
                       const std::string& from, const std::string& vault_prefix) {
    git_repository* repo = repo_obj.raw();
    auto refuse = [&](const std::string& path, const std::string& why) {
        throw GitError("refusing commit " + commit.substr(0, 7) + " from " + from + ": \"" + path + "\" " + why +
                       "; nothing was changed (the remote's history must drop this entry before this vault can "
                       "sync with it: fix it there, or sync with plain git if you trust it)");
    };
    std::vector<safe::TreeItem> items;
    std::optional<safe::Refusal> refusal;
    flatten(repo, incoming, "", 0, items, refusal);
    if (!refusal) refusal = safe::check_tree(items, vault_prefix);
    if (refusal) {
        const std::string& why = refusal->why;
        const bool verb = why.rfind("passes", 0) == 0;
        refuse(refusal->path, verb ? why : "is " + why);
    }
    std::uint64_t total = 0;
    for (const std::string& p : changed_paths(repo, current, incoming, "")) {
        if (auto link = safe::linked_prefix(repo_obj.workdir(), p))
            refuse(p, "passes through \"" + *link + "\", a symbolic link in the work tree");
        git_tree_entry* raw = nullptr;
        if (git_tree_entry_bypath(&raw, incoming, p.c_str()) != 0) {
            git_error_clear();
            continue; // deleted
        }
        EntryPtr entry(raw);
        if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) continue;
        const std::uint64_t size = blob_size(repo, *git_tree_entry_id(entry.get()), p);
        if (size > k_max_incoming_file)
            refuse(p, "is " + std::to_string(size) + " bytes, over the incoming file size limit of " +
                          mib(k_max_incoming_file));
        total += size;
        if (total > k_max_incoming_total)
            refuse(p, "brings the incoming files over the limit of " + mib(k_max_incoming_total) + " for one sync");
    }
}

// ---------------------------------------------------------------- steps

/// The local changes of the vault (modified, deleted, new), work-tree relative.
std::vector<std::string> local_changes(git_repository* repo, const std::string& prefix) {
    git_status_options opts = GIT_STATUS_OPTIONS_INIT;
    opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
    Pathspec spec(prefix);
    opts.pathspec = spec.array;
    git_status_list* raw = nullptr;
    check(git_status_list_new(&raw, repo, &opts), "list local changes");
    StatusPtr list(raw);
    std::set<std::string> paths;
    for (std::size_t i = 0; i < git_status_list_entrycount(list.get()); ++i) {
        const git_status_entry* e = git_status_byindex(list.get(), i);
        for (const git_diff_delta* d : {e->head_to_index, e->index_to_workdir}) {
            if (!d) continue;
            for (const char* p : {d->old_file.path, d->new_file.path}) {
                if (!p) continue;
                std::string s = p;
                // kith's own temporary files, should a crash leave one.
                if (s.find(".kith-") != std::string::npos && fs::path(s).filename().string().front() == '.') continue;
                paths.insert(s);
            }
        }
    }
    return {paths.begin(), paths.end()};
}

RemotePtr open_remote(git_repository* repo, const SyncOptions& o, std::string& name) {
    git_remote* r = nullptr;
    if (o.add_remote_url) {
        name = o.remote.value_or("origin");
        int rc = git_remote_lookup(&r, repo, name.c_str());
        if (rc == 0) {
            RemotePtr existing(r);
            if (git_remote_url(existing.get()) != *o.add_remote_url)
                throw GitError("cannot add remote '" + name + "': it exists already with the URL " +
                               git_remote_url(existing.get()));
            return existing;
        }
        git_error_clear();
        check(git_remote_create(&r, repo, name.c_str(), o.add_remote_url->c_str()), "add remote '" + name + "'");
        return RemotePtr(r);
    }
    if (o.remote) {
        name = *o.remote;
        if (git_remote_lookup(&r, repo, name.c_str()) != 0) {
            git_error_clear();
            throw GitError("cannot sync: there is no remote named '" + name + "' (add one with 'kith sync --add-remote URL')");
        }
        return RemotePtr(r);
    }
    git_strarray names{};
    check(git_remote_list(&names, repo), "list remotes");
    std::vector<std::string> all(names.strings, names.strings + names.count);
    git_strarray_dispose(&names);
    if (all.empty())
        throw GitError("cannot sync: the vault's repository has no remote; add one with "
                       "'kith sync --add-remote URL' (a bare repository over SSH, HTTPS or a shared folder)");
    name = std::find(all.begin(), all.end(), "origin") != all.end() ? "origin" : all.size() == 1 ? all[0] : "";
    if (name.empty()) throw GitError("cannot sync: several remotes and none named origin; choose one with --remote NAME");
    check(git_remote_lookup(&r, repo, name.c_str()), "open remote '" + name + "'");
    return RemotePtr(r);
}

/// Brings the work tree from `from` (HEAD's tree; null on an unborn branch)
/// to `to`, which validate_incoming accepted. libgit2's checkout rewrites
/// files in place, so a kill half-way could leave a torn note that the next
/// sync would commit; here every file is replaced atomically (a temporary
/// file renamed over it), so a kill leaves each file either as it was or as
/// it is in `to`. Nothing is written when a file to change has local changes
/// (never force), or when a folder on its way is a symbolic link; every
/// write and delete opens the folders one by one without following links
/// (safe_path.hpp). Then the repository's index is updated for these paths
/// only.
void update_work_tree(Repo& repo_obj, const git_tree* from, const git_tree* to) {
    git_repository* repo = repo_obj.raw();
    const fs::path& workdir = repo_obj.workdir();
    std::vector<std::string> paths = changed_paths(repo, from, to, "");
    struct Step {
        std::string path;
        EntryPtr entry; // null: delete
    };
    std::vector<Step> steps;
    for (const std::string& p : paths) {
        if (auto why = safe::path_problem(p))
            throw GitError("cannot update the vault: the remote holds a path kith will not write: \"" + p + "\" (" +
                           *why + ")");
        if (auto link = safe::linked_prefix(workdir, p))
            throw GitError("cannot update \"" + p + "\": it passes through \"" + *link +
                           "\", a symbolic link in the work tree; nothing was changed");
        if (repo_obj.differs_from_head(p))
            throw GitError("cannot update " + p + ": it has local changes that are not committed (commit or "
                           "discard them, then sync again)");
        git_tree_entry* raw = nullptr;
        if (git_tree_entry_bypath(&raw, to, p.c_str()) != 0) git_error_clear();
        steps.push_back({p, EntryPtr(raw)});
    }
    // Deletions first: a file may become a folder or the other way round.
    std::stable_partition(steps.begin(), steps.end(), [](const Step& s) { return !s.entry; });
    for (const Step& st : steps) {
        try {
            if (!st.entry) {
                safe::remove_contained(workdir, st.path);
                continue;
            }
            const git_filemode_t mode = git_tree_entry_filemode(st.entry.get());
            if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE && mode != GIT_FILEMODE_LINK)
                continue; // validate_incoming refused submodules already
            check_blob_size(repo, *git_tree_entry_id(st.entry.get()), st.path);
            git_blob* raw = nullptr;
            check(git_blob_lookup(&raw, repo, git_tree_entry_id(st.entry.get())), "read " + st.path);
            BlobPtr blob(raw);
            if (mode == GIT_FILEMODE_LINK) {
                const std::string target(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                                         static_cast<std::size_t>(git_blob_rawsize(blob.get())));
                safe::symlink_contained(workdir, st.path, target);
                continue;
            }
            // To the work tree's form (core.autocrlf, .gitattributes), as checkout would.
            Buf content;
            git_blob_filter_options fo = GIT_BLOB_FILTER_OPTIONS_INIT;
            check(git_blob_filter(&content.buf, blob.get(), st.path.c_str(), &fo), "read " + st.path);
            safe::write_contained(workdir, st.path, std::string_view(content.buf.ptr, content.buf.size),
                                  safe::Folders::NoLinks, mode == GIT_FILEMODE_BLOB_EXECUTABLE ? 0777 : 0666, true);
        } catch (const safe::PathError& e) {
            throw GitError(e.what());
        }
    }
    git_index* raw_index = nullptr;
    check(git_repository_index(&raw_index, repo), "read the git index");
    IndexPtr index(raw_index);
    check(git_index_read(index.get(), 0), "read the git index");
    for (const Step& st : steps) {
        if (st.entry) {
            const git_filemode_t mode = git_tree_entry_filemode(st.entry.get());
            if (mode == GIT_FILEMODE_COMMIT || mode == GIT_FILEMODE_TREE) continue;
            check(git_index_add_bypath(index.get(), st.path.c_str()), "add " + st.path + " to the git index");
        } else if (git_index_get_bypath(index.get(), st.path.c_str(), 0)) {
            check(git_index_remove_bypath(index.get(), st.path.c_str()), "remove " + st.path + " from the git index");
        }
    }
    check(git_index_write(index.get()), "write the git index");
}

void move_branch(git_repository* repo, const std::string& branch, const git_oid& to, const std::string& why) {
    const std::string ref = "refs/heads/" + branch;
    git_reference* r = nullptr;
    check(git_reference_create(&r, repo, ref.c_str(), &to, 1, why.c_str()), "move " + ref);
    RefPtr owned(r);
    check(git_repository_set_head(repo, ref.c_str()), "point HEAD at " + ref);
}

/// The git folder of a remote given as a local path (or file:// URL), or
/// nullopt for a network remote.
std::optional<fs::path> local_git_dir(const std::string& url) {
    std::string path = url;
    if (path.rfind("file://", 0) == 0) path = path.substr(7);
    else if (path.find("://") != std::string::npos) return std::nullopt;
    else if (const auto colon = path.find(':'); colon != std::string::npos && path.find('/') > colon)
        return std::nullopt; // scp-like host:path
    std::error_code ec;
    const fs::path p(path);
    if (fs::exists(p / "HEAD", ec) && fs::is_directory(p / "refs", ec)) return p;
    if (fs::is_directory(p / ".git", ec)) return p / ".git";
    return std::nullopt;
}

std::string current_branch(git_repository* repo) {
    git_reference* head = nullptr;
    int rc = git_reference_lookup(&head, repo, "HEAD");
    check(rc, "read HEAD");
    RefPtr h(head);
    if (git_reference_type(h.get()) == GIT_REFERENCE_SYMBOLIC) {
        std::string target = git_reference_symbolic_target(h.get());
        if (target.rfind("refs/heads/", 0) == 0) return target.substr(11);
    }
    throw GitError("cannot sync: HEAD is detached; check out a branch first");
}

/// The tree of the common ancestor of two commits, or null when their
/// histories are unrelated (each machine started its own vault): then every
/// file both have is merged as if both had added it (git's
/// --allow-unrelated-histories).
TreePtr merge_base_tree(git_repository* repo, const git_oid& ours, const git_oid& theirs, const std::string& tracking) {
    git_oid base_id{};
    const int rc = git_merge_base(&base_id, repo, &ours, &theirs);
    if (rc == GIT_ENOTFOUND) {
        git_error_clear();
        return nullptr;
    }
    check(rc, "find the common ancestor with " + tracking);
    CommitPtr base = lookup_commit(repo, base_id);
    return tree_of(base.get());
}

/// Whether the local history is only the commit `kith init` made (nothing
/// written since: local changes were committed before this is asked). Such a
/// vault takes the remote's history instead of merging with it.
bool only_kith_init(const git_commit* head) {
    if (!head || git_commit_parentcount(head) != 0) return false;
    const char* message = git_commit_message(head);
    return message && std::string(message).find(std::string(k_commit_trailer) + "init") != std::string::npos;
}

/// When this machine's history starts with `kith init`'s commit, that
/// commit's tree: in a merge of unrelated histories a file still as init
/// wrote it (the default config, .gitignore) gives way to the remote's.
TreePtr kith_init_tree(const git_commit* head) {
    if (!head) return nullptr;
    CommitPtr at;
    const git_commit* c = head;
    while (git_commit_parentcount(c) > 0) {
        git_commit* parent = nullptr;
        check(git_commit_parent(&parent, c, 0), "read the history");
        at.reset(parent);
        c = parent;
    }
    return only_kith_init(c) ? tree_of(c) : nullptr;
}

/// A file kith does not own that both sides changed (see sync_policy.hpp):
/// false when git's line merge settled it (keep that). Otherwise it records
/// that this machine's version is kept and, for a file that is not editor
/// state and that both sides still have, stages the remote's version beside
/// it.
bool settle_unowned(git_repository* repo, git_index* index, const std::string& path, Ownership own,
                    const std::optional<std::string>& ours, const std::optional<std::string>& theirs,
                    const git_oid& their_id, const std::string& prefix, SyncReport& report) {
    const git_index_entry *a = nullptr, *o = nullptr, *t = nullptr;
    const bool conflicted = git_index_conflict_get(&a, &o, &t, index, path.c_str()) == 0;
    if (!conflicted) git_error_clear();
    if (own == Ownership::Other && !conflicted) return false;
    const auto vault_rel = [&](const std::string& p) { return p.rfind(prefix, 0) == 0 ? p.substr(prefix.size()) : p; };
    if (ours || own == Ownership::EditorState) report.kept_ours.push_back(vault_rel(path));
    if (own == Ownership::Other && ours && theirs) {
        const std::string copy = conflict_copy_path(path, hex(their_id).substr(0, 7));
        git_oid blob_id{};
        check(git_blob_create_from_buffer(&blob_id, repo, theirs->data(), theirs->size()), "store " + copy);
        git_index_entry entry{};
        entry.path = copy.c_str();
        entry.mode = GIT_FILEMODE_BLOB;
        entry.id = blob_id;
        check(git_index_add(index, &entry), "stage " + copy);
        report.conflict_copies.push_back(vault_rel(copy));
    }
    return true;
}

/// The merge of a file that is not Markdown has no body: its lines are the
/// file's.
void name_lines_in(const std::string& path, std::vector<sync::Conflict>& conflicts) {
    if (path.size() > 3 && path.compare(path.size() - 3, 3, ".md") == 0) return;
    for (auto& c : conflicts)
        for (auto at = c.what.find(" of the body"); at != std::string::npos; at = c.what.find(" of the body"))
            c.what.erase(at, 12);
}

/// Sets branch.NAME.remote and branch.NAME.merge when the branch has no
/// upstream yet, so that plain `git pull` and `git status` know the remote.
bool set_upstream(git_repository* repo, const std::string& remote, const std::string& branch) {
    git_config* raw = nullptr;
    check(git_repository_config(&raw, repo), "open the repository's config");
    ConfigPtr cfg(raw);
    const std::string key = "branch." + branch + ".remote";
    Buf existing;
    if (git_config_get_string_buf(&existing.buf, cfg.get(), key.c_str()) == 0) return false;
    git_error_clear();
    check(git_config_set_string(cfg.get(), key.c_str(), remote.c_str()), "set " + key);
    const std::string merge_key = "branch." + branch + ".merge";
    check(git_config_set_string(cfg.get(), merge_key.c_str(), ("refs/heads/" + branch).c_str()), "set " + merge_key);
    return true;
}

} // namespace

SyncReport run_sync(Repo& repo_obj, const fs::path& vault, const SyncOptions& o) {
    ensure_init();
    git_repository* repo = repo_obj.raw();
    SyncReport report;
    std::string prefix = repo_obj.relative(vault);
    if (!prefix.empty()) prefix += "/";

    RemotePtr remote = open_remote(repo, o, report.remote);
    report.url = git_remote_url(remote.get()) ? git_remote_url(remote.get()) : "";
    report.branch = o.branch.value_or(current_branch(repo));

    // 1. Local changes first, so that nothing below can lose them.
    auto local = local_changes(repo, prefix);
    for (const auto& p : local) report.committed.push_back(prefix.empty() ? p : p.substr(prefix.size()));
    if (!local.empty() && !o.dry_run) {
        std::string message = "sync: commit local changes\n\n";
        for (const auto& p : report.committed) message += "- " + p + "\n";
        message += "\n" + std::string(k_commit_trailer) + "sync\n";
        repo_obj.commit_paths(local, message);
    }

    // 2. Fetch.
    CallbackState fetch_state;
    fetch_state.max_attempts = o.max_auth_attempts;
    fetch_state.workdir = repo_obj.workdir();
    git_fetch_options fopts = GIT_FETCH_OPTIONS_INIT;
    fopts.callbacks = callbacks_for(fetch_state);
    if (o.fetch && git_remote_fetch(remote.get(), nullptr, &fopts, "kith sync: fetch") < 0)
        fail("fetch from '" + report.remote + "' (" + report.url + ")");

    const std::string tracking = "refs/remotes/" + report.remote + "/" + report.branch;
    git_oid their_id{};
    const bool remote_has_branch = git_reference_name_to_id(&their_id, repo, tracking.c_str()) == 0;
    if (!remote_has_branch) git_error_clear();

    git_oid our_id{};
    const bool have_head = git_reference_name_to_id(&our_id, repo, "HEAD") == 0;
    if (!have_head) git_error_clear();

    CommitPtr ours = have_head ? lookup_commit(repo, our_id) : nullptr;
    CommitPtr theirs = remote_has_branch ? lookup_commit(repo, their_id) : nullptr;
    TreePtr our_tree = ours ? tree_of(ours.get()) : nullptr;
    TreePtr their_tree = theirs ? tree_of(theirs.get()) : nullptr;
    git_oid new_head = our_id;
    const std::string from_name = report.remote + "/" + report.branch;

    // 3. Integrate. What the remote brings is checked whole before anything
    // is read for the report or written (docs/security.md).
    auto check_theirs = [&] {
        validate_incoming(repo_obj, our_tree.get(), their_tree.get(), hex(their_id), from_name, prefix);
    };
    if (!remote_has_branch) {
        report.integration = "no-remote-branch";
    } else if (!have_head) {
        report.integration = "fast-forward";
        check_theirs();
        report.incoming = describe(repo, nullptr, their_tree.get(), prefix);
        if (!o.dry_run) {
            update_work_tree(repo_obj, nullptr, their_tree.get());
            move_branch(repo, report.branch, their_id, "kith sync: fast-forward");
        }
        new_head = their_id;
    } else {
        git_annotated_commit* ac = nullptr;
        check(git_annotated_commit_lookup(&ac, repo, &their_id), "read " + tracking);
        AnnotatedPtr annotated(ac);
        git_merge_analysis_t analysis{};
        git_merge_preference_t pref{};
        const git_annotated_commit* heads[] = {annotated.get()};
        check(git_merge_analysis(&analysis, &pref, repo, heads, 1), "compare with " + tracking);
        if (analysis & GIT_MERGE_ANALYSIS_UP_TO_DATE) {
            report.integration = "up-to-date";
        } else if ((analysis & GIT_MERGE_ANALYSIS_FASTFORWARD) ||
                   (report.adopted = only_kith_init(ours.get()))) {
            report.integration = "fast-forward";
            check_theirs();
            report.incoming = describe(repo, our_tree.get(), their_tree.get(), prefix);
            if (!o.dry_run) {
                update_work_tree(repo_obj, our_tree.get(), their_tree.get());
                move_branch(repo, report.branch, their_id, "kith sync: fast-forward");
            }
            new_head = their_id;
        } else {
            report.integration = "merge";
            check_theirs();
            TreePtr base_tree = merge_base_tree(repo, our_id, their_id, tracking);
            TreePtr init_tree = base_tree ? nullptr : kith_init_tree(ours.get());

            git_index* raw_index = nullptr;
            git_merge_options mopts = GIT_MERGE_OPTIONS_INIT;
            check(git_merge_trees(&raw_index, repo, base_tree.get(), our_tree.get(), their_tree.get(), &mopts),
                  "merge with " + tracking);
            IndexPtr index(raw_index);

            // Files both sides changed get kith's semantic merge, whatever
            // git's line merge thought of them.
            auto ours_changed = changed_paths(repo, base_tree.get(), our_tree.get(), "");
            auto theirs_changed = changed_paths(repo, base_tree.get(), their_tree.get(), "");
            std::vector<std::string> both;
            std::set_intersection(ours_changed.begin(), ours_changed.end(), theirs_changed.begin(),
                                  theirs_changed.end(), std::back_inserter(both));
            for (const std::string& p : both) {
                auto b = blob_at(repo, base_tree.get(), p);
                auto x = blob_at(repo, our_tree.get(), p);
                auto y = blob_at(repo, their_tree.get(), p);
                const std::string vrel = p.rfind(prefix, 0) == 0 ? p.substr(prefix.size()) : p;
                if (x == y) continue; // the same change on both sides
                std::optional<std::string> merged;
                std::vector<sync::Conflict> conflicts;
                auto side = o.resolve.find(vrel);
                if (side != o.resolve.end()) {
                    merged = side->second == Side::Ours ? x : y;
                } else if (init_tree && x && blob_at(repo, init_tree.get(), p) == x) {
                    merged = y; // as kith init wrote it here: the remote's version wins
                } else if (const Ownership own = ownership_of(vrel, o.ignore); own != Ownership::Kith) {
                    if (!settle_unowned(repo, index.get(), p, own, x, y, their_id, prefix, report)) continue;
                    merged = own == Ownership::EditorState ? x : x ? x : y;
                } else if (!x || !y) {
                    conflicts.push_back({!x ? "deleted here, changed on the remote" : "changed here, deleted on the remote",
                                         x.value_or(""), y.value_or("")});
                } else {
                    sync::MergeResult m = sync::merge_file(b, *x, *y);
                    if (m.conflicts.empty()) merged = std::move(m.text);
                    else conflicts = std::move(m.conflicts);
                }
                if (!conflicts.empty()) {
                    name_lines_in(vrel, conflicts);
                    report.conflicts.push_back({vrel, std::move(conflicts)});
                    continue;
                }
                git_index_conflict_remove(index.get(), p.c_str());
                git_error_clear();
                if (!merged) {
                    git_index_remove_bypath(index.get(), p.c_str());
                    continue;
                }
                git_oid blob_id{};
                check(git_blob_create_from_buffer(&blob_id, repo, merged->data(), merged->size()), "store the merged " + vrel);
                git_index_entry entry{};
                entry.path = p.c_str();
                entry.mode = GIT_FILEMODE_BLOB;
                entry.id = blob_id;
                check(git_index_add(index.get(), &entry), "stage the merged " + vrel);
            }
            // Anything git still holds as a conflict that kith did not settle.
            if (report.conflicts.empty() && git_index_has_conflicts(index.get())) {
                git_index_conflict_iterator* it = nullptr;
                check(git_index_conflict_iterator_new(&it, index.get()), "list conflicts");
                const git_index_entry *anc = nullptr, *our = nullptr, *their = nullptr;
                while (git_index_conflict_next(&anc, &our, &their, it) == 0) {
                    const char* path = our ? our->path : their ? their->path : anc->path;
                    std::string vrel = path;
                    if (vrel.rfind(prefix, 0) == 0) vrel = vrel.substr(prefix.size());
                    report.conflicts.push_back({vrel, {{"changed on both sides", "", ""}}});
                }
                git_index_conflict_iterator_free(it);
            }
            if (!report.conflicts.empty()) {
                report.integration = "conflict";
                return report; // nothing written: working tree, index and HEAD as they were
            }
            git_oid tree_id{};
            check(git_index_write_tree_to(&tree_id, index.get(), repo), "write the merged tree");
            git_tree* mt = nullptr;
            check(git_tree_lookup(&mt, repo, &tree_id), "read the merged tree");
            TreePtr merged_tree(mt);
            validate_incoming(repo_obj, our_tree.get(), merged_tree.get(), hex(their_id), from_name, prefix);
            report.incoming = describe(repo, our_tree.get(), merged_tree.get(), prefix);
            if (!o.dry_run) {
                const Identity who = repo_obj.identity();
                git_signature* sig = nullptr;
                check(git_signature_now(&sig, who.name.c_str(), who.email.c_str()), "make a signature");
                SignaturePtr signature(sig);
                std::string message = "sync: merge " + report.remote + "/" + report.branch + "\n\n";
                for (const auto& c : report.incoming) message += "- " + c.path + "\n";
                message += "\n" + std::string(k_commit_trailer) + "sync\n";
                const git_commit* parents[] = {ours.get(), theirs.get()};
                git_oid merge_id{};
                // The remote chose these file names: controls shown, not stored.
                check(git_commit_create(&merge_id, repo, nullptr, signature.get(), signature.get(), "UTF-8",
                                        visible(message).c_str(), merged_tree.get(), 2, parents),
                      "create the merge commit");
                update_work_tree(repo_obj, our_tree.get(), merged_tree.get());
                move_branch(repo, report.branch, merge_id, "kith sync: merge");
                new_head = merge_id;
            }
        }
    }

    if (o.add_remote_url && !o.dry_run) report.upstream_set = set_upstream(repo, report.remote, report.branch);

    // 4. Push what the remote does not have.
    const bool ahead = have_head && (!remote_has_branch || !git_oid_equal(&new_head, &their_id));
    if (ahead) {
        CommitPtr head_commit = lookup_commit(repo, new_head);
        TreePtr head_tree = tree_of(head_commit.get());
        report.outgoing = describe(repo, their_tree.get(), head_tree.get(), prefix);
        if (!o.dry_run) {
            // A remote in a folder is written by this very process: a kill
            // while pushing leaves its locks there, and they would refuse
            // every later push. Mark it as ours while pushing, and clean what
            // a dead kith of this machine left.
            std::optional<VaultWriter::GitGuard> remote_guard;
            if (auto dir = local_git_dir(report.url)) {
                recover_git_dir(*dir);
                try {
                    remote_guard.emplace(*dir);
                } catch (const WriteError&) {
                    // A read-only remote folder: the push will say so.
                }
            }
            CallbackState push_state;
            push_state.max_attempts = o.max_auth_attempts;
            push_state.workdir = repo_obj.workdir();
            git_push_options popts = GIT_PUSH_OPTIONS_INIT;
            popts.callbacks = callbacks_for(push_state);
            std::string spec = "refs/heads/" + report.branch + ":refs/heads/" + report.branch;
            char* specs[] = {spec.data()};
            git_strarray refspecs{specs, 1};
            if (git_remote_push(remote.get(), &refspecs, &popts) < 0)
                fail("push to '" + report.remote + "' (" + report.url + ")");
            if (!push_state.rejected.empty()) {
                std::string why;
                for (const auto& r : push_state.rejected) why += (why.empty() ? "" : "; ") + r;
                throw GitError("cannot push to '" + report.remote + "': the remote rejected " + why +
                               " (your commits are kept; sync again)");
            }
            report.pushed = true;
        }
    }
    return report;
}

} // namespace kith
