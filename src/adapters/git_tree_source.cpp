#include "adapters/git_tree_source.hpp"

#include "adapters/git_support.hpp"
#include "kith/parse/config.hpp"
#include "kith/parse/file.hpp"

#include <git2.h>

#include <algorithm>
#include <cstring>
#include <set>
#include <utility>
#include <vector>

namespace fs = std::filesystem;

namespace kith {

using namespace kith::git;

namespace {

/// Symbolic links followed while resolving one path, as Linux's ELOOP limit.
constexpr int k_max_link_hops = 40;

std::vector<std::string> split(const std::string& path) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t slash = path.find('/', start);
        if (slash == std::string::npos) slash = path.size();
        if (slash > start) parts.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return parts;
}

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
    return out;
}

/// Whether the repository-relative `path` is `dir` or inside it.
bool within(const std::string& path, const std::string& dir) {
    if (dir.empty()) return true;
    return path == dir || (path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 && path[dir.size()] == '/');
}

/// The commit's day in its committer's own time zone.
Date committer_day(const git_commit* c) {
    const git_signature* s = git_commit_committer(c);
    const std::int64_t local = s->when.time + std::int64_t{s->when.offset} * 60;
    std::int64_t days = local / 86400;
    if (local % 86400 < 0) --days;
    return Date::from_days(static_cast<std::int32_t>(days));
}

Revision revision_of(const std::string& text, const git_commit* c) {
    Revision r;
    r.text = text;
    r.commit = hex(*git_commit_id(c));
    const char* summary = git_commit_summary(const_cast<git_commit*>(c));
    r.summary = summary ? summary : "";
    const git_signature* s = git_commit_committer(c);
    r.time = s->when.time;
    r.offset_minutes = s->when.offset;
    r.day = committer_day(c);
    return r;
}

} // namespace

Revision resolve_revision(const Repo& repo, const std::string& text) {
    ensure_init();
    if (text.empty()) throw BadRevision("--at needs a revision: a commit, a branch, a tag, HEAD~N or a date");
    git_repository* raw_repo = repo.raw();

    if (looks_like_iso_date(text) && text.size() == 10) {
        auto day = Date::parse(text);
        if (!day) throw BadRevision("'" + text + "' is not a date (expected YYYY-MM-DD)");
        git_revwalk* raw = nullptr;
        check(git_revwalk_new(&raw, raw_repo), "walk the git history");
        RevwalkPtr walk(raw);
        check(git_revwalk_simplify_first_parent(walk.get()), "walk the git history");
        int rc = git_revwalk_push_head(walk.get());
        if (rc == GIT_EUNBORNBRANCH || rc == GIT_ENOTFOUND) {
            git_error_clear();
            throw GitError("no commit on or before " + text + ": the repository has no commits yet");
        }
        check(rc, "walk the git history");
        git_oid id;
        std::optional<Date> first;
        while ((rc = git_revwalk_next(&id, walk.get())) == 0) {
            git_commit* raw_commit = nullptr;
            check(git_commit_lookup(&raw_commit, raw_repo, &id), "read commit " + hex(id));
            CommitPtr c(raw_commit);
            const Date d = committer_day(c.get());
            if (d <= *day) {
                Revision r = revision_of(text, c.get());
                r.day = *day;
                r.by_date = true;
                return r;
            }
            first = d;
        }
        if (rc != GIT_ITEROVER) fail("walk the git history");
        git_error_clear();
        throw GitError("no commit on or before " + text +
                       (first ? ": the first commit is from " + first->iso() : std::string()));
    }

    git_object* raw_obj = nullptr;
    int rc = git_revparse_single(&raw_obj, raw_repo, text.c_str());
    if (rc == GIT_EINVALIDSPEC) {
        git_error_clear();
        throw BadRevision("'" + text + "' is not a revision (expected a commit, a branch, a tag, HEAD~N or YYYY-MM-DD)");
    }
    if (rc == GIT_ENOTFOUND || rc == GIT_EAMBIGUOUS || rc == GIT_EUNBORNBRANCH) {
        git_error_clear();
        throw GitError(std::string("unknown revision '") + text + "'" +
                       (rc == GIT_EAMBIGUOUS ? " (it is ambiguous: give more of the hash)" : "") +
                       " in the repository " + repo.workdir().string());
    }
    check(rc, "find the revision '" + text + "'");
    ObjectPtr obj(raw_obj);
    git_object* raw_peeled = nullptr;
    rc = git_object_peel(&raw_peeled, obj.get(), GIT_OBJECT_COMMIT);
    if (rc < 0) {
        git_error_clear();
        throw GitError("'" + text + "' is not a commit");
    }
    ObjectPtr peeled(raw_peeled);
    return revision_of(text, reinterpret_cast<const git_commit*>(peeled.get()));
}

// ---------------------------------------------------------------------------
// GitTreeSource

struct GitTreeSource::Impl {
    git_repository* repo = nullptr;
    fs::path workdir;
    TreePtr root;         ///< the commit's whole tree
    std::string prefix;   ///< the vault folder, repository-relative, links resolved
    git_oid vault_tree{}; ///< its tree
    std::map<std::string, git_oid> blobs; ///< vault-relative path -> blob, from list()
    std::mutex mutex;

    enum class Kind { Missing, Outside, Blob, Tree, Other };
    struct Resolved {
        Kind kind = Kind::Missing;
        std::string real; ///< repository-relative
        git_oid id{};
    };

    /// Follows `path` (repository-relative components) through the tree the
    /// way the kernel follows a path on disk, symbolic links included.
    Resolved resolve(std::vector<std::string> parts) {
        std::vector<std::string> done;
        int hops = 0;
        std::size_t i = 0;
        Resolved r;
        while (i < parts.size()) {
            const std::string part = parts[i];
            if (part.empty() || part == ".") {
                ++i;
                continue;
            }
            if (part == "..") {
                if (done.empty()) return {Kind::Outside, {}, {}};
                done.pop_back();
                ++i;
                continue;
            }
            done.push_back(part);
            const std::string path = join(done);
            git_tree_entry* raw = nullptr;
            int rc = git_tree_entry_bypath(&raw, root.get(), path.c_str());
            if (rc == GIT_ENOTFOUND) {
                git_error_clear();
                return {};
            }
            check(rc, "read " + path + " at this commit");
            EntryPtr e(raw);
            const git_filemode_t mode = git_tree_entry_filemode(e.get());
            const bool last = i + 1 == parts.size();
            if (mode == GIT_FILEMODE_LINK) {
                if (++hops > k_max_link_hops) return {};
                std::string target = blob_text(*git_tree_entry_id(e.get()), path);
                done.pop_back();
                std::vector<std::string> next;
                if (!target.empty() && target.front() == '/') {
                    // An absolute link stays in the tree only when it points into the work tree.
                    fs::path rel = fs::path(target).lexically_normal().lexically_relative(workdir);
                    if (rel.empty() || *rel.begin() == "..") return {Kind::Outside, {}, {}};
                    done.clear();
                    target = rel.generic_string();
                }
                next = split(target);
                next.insert(next.end(), parts.begin() + static_cast<std::ptrdiff_t>(i) + 1, parts.end());
                parts = std::move(next);
                i = 0;
                continue;
            }
            if (mode == GIT_FILEMODE_TREE) {
                ++i;
                continue;
            }
            if (!last) return {}; // a file used as a folder
            r.kind = (mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE) ? Kind::Blob : Kind::Other;
            r.real = join(done);
            r.id = *git_tree_entry_id(e.get());
            return r;
        }
        r.kind = Kind::Tree;
        r.real = join(done);
        if (done.empty()) {
            r.id = *git_tree_id(root.get());
        } else {
            git_tree_entry* raw = nullptr;
            check(git_tree_entry_bypath(&raw, root.get(), r.real.c_str()), "read " + r.real + " at this commit");
            EntryPtr e(raw);
            r.id = *git_tree_entry_id(e.get());
        }
        return r;
    }

    std::string blob_text(const git_oid& id, const std::string& path) {
        git_blob* raw = nullptr;
        check(git_blob_lookup(&raw, repo, &id), "read " + path + " at this commit");
        BlobPtr blob(raw);
        const auto* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
        return std::string(data, static_cast<std::size_t>(git_blob_rawsize(blob.get())));
    }

    /// Reads a blob unless it is larger than `max_bytes` (its size is read
    /// from the object header first, so a huge file is never loaded).
    ReadResult read_blob(const git_oid& id, const std::string& path, std::size_t max_bytes) {
        ReadResult r;
        git_odb* raw_odb = nullptr;
        check(git_repository_odb(&raw_odb, repo), "open the git object database");
        Owned<git_odb, git_odb_free> odb(raw_odb);
        std::size_t size = 0;
        git_object_t type{};
        if (git_odb_read_header(&size, &type, odb.get(), &id) < 0) {
            const git_error* e = git_error_last();
            r.error = e && e->message ? e->message : "cannot read the object";
            git_error_clear();
            return r;
        }
        r.size = size;
        if (size > max_bytes) return r;
        r.bytes = blob_text(id, path);
        r.size = r.bytes->size();
        return r;
    }

    const std::vector<std::string>* contact_folders = nullptr; ///< set by list() for its walk

    struct Found {
        std::string path; ///< vault-relative, as listed
        FileKind kind;
        std::string real; ///< repository-relative, for "each file once"
        git_oid id;
    };

    void walk(const git_oid& tree_id, const std::string& rel_dir, const std::string& real_dir,
              std::set<std::string>& dirs, std::vector<Found>& found, Diagnostics& out) {
        if (!dirs.insert(real_dir).second) return; // seen through another path, or a loop
        git_tree* raw = nullptr;
        check(git_tree_lookup(&raw, repo, &tree_id), "read the folder " + (rel_dir.empty() ? "." : rel_dir));
        TreePtr tree(raw);
        // By name, as the folder walker does (git's own order puts a folder
        // `x` after `x-y`), so a folder seen through several paths is claimed
        // by the same one.
        std::vector<const git_tree_entry*> sorted(git_tree_entrycount(tree.get()));
        for (std::size_t k = 0; k < sorted.size(); ++k) sorted[k] = git_tree_entry_byindex(tree.get(), k);
        std::sort(sorted.begin(), sorted.end(), [](const git_tree_entry* a, const git_tree_entry* b) {
            return std::strcmp(git_tree_entry_name(a), git_tree_entry_name(b)) < 0;
        });
        for (const git_tree_entry* e : sorted) {
            const std::string name = git_tree_entry_name(e);
            if (name.empty() || name.front() == '.') continue;
            const std::string rel = rel_dir.empty() ? name : rel_dir + "/" + name;
            if (rel == "templates") continue;
            const std::string real = real_dir.empty() ? name : real_dir + "/" + name;
            const git_filemode_t mode = git_tree_entry_filemode(e);
            git_oid id = *git_tree_entry_id(e);
            std::string target_real = real;
            if (mode == GIT_FILEMODE_LINK) {
                Resolved to = resolve(split(real));
                if (to.kind == Kind::Missing) {
                    if (rel.size() > 3 && rel.ends_with(".md"))
                        out.push_back({rel, 1, Level::Warning, "broken symlink; skipped"});
                    continue;
                }
                if (to.kind == Kind::Outside || !within(to.real, prefix)) {
                    out.push_back({rel, 1, Level::Warning, "symlink leads outside the vault; skipped"});
                    continue;
                }
                if (to.kind == Kind::Tree) {
                    walk(to.id, rel, to.real, dirs, found, out);
                    continue;
                }
                if (to.kind != Kind::Blob) continue;
                id = to.id;
                target_real = to.real;
            } else if (mode == GIT_FILEMODE_TREE) {
                walk(id, rel, real, dirs, found, out);
                continue;
            } else if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE) {
                continue; // a submodule: nothing to read
            }
            if (auto kind = classify_path(rel, *contact_folders)) found.push_back({rel, *kind, target_real, id});
        }
    }
};

GitTreeSource::GitTreeSource(const Repo& repo, const std::string& commit, std::string vault_prefix)
    : m(std::make_unique<Impl>()) {
    ensure_init();
    m->repo = repo.raw();
    m->workdir = repo.workdir();
    git_oid id;
    check(git_oid_fromstr(&id, commit.c_str()), "read the commit id " + commit);
    git_commit* raw_commit = nullptr;
    check(git_commit_lookup(&raw_commit, m->repo, &id), "read commit " + commit);
    CommitPtr c(raw_commit);
    git_tree* raw_tree = nullptr;
    check(git_commit_tree(&raw_tree, c.get()), "read the tree of commit " + commit);
    m->root.reset(raw_tree);
    Impl::Resolved vault = m->resolve(split(vault_prefix));
    if (vault.kind != Impl::Kind::Tree)
        throw GitError("the vault folder " + (vault_prefix.empty() ? std::string(".") : vault_prefix) +
                       " is not in commit " + commit.substr(0, 7));
    m->prefix = vault.real;
    m->vault_tree = vault.id;
}

GitTreeSource::~GitTreeSource() = default;

std::vector<SourceEntry> GitTreeSource::list(Diagnostics& out) {
    std::lock_guard<std::mutex> lock(m->mutex);
    std::vector<Impl::Found> found;
    std::set<std::string> dirs;
    m->contact_folders = &contact_folders();
    m->walk(m->vault_tree, "", m->prefix, dirs, found, out);
    std::sort(found.begin(), found.end(), [](const Impl::Found& a, const Impl::Found& b) { return a.path < b.path; });
    std::set<std::string> seen;
    std::vector<SourceEntry> entries;
    entries.reserve(found.size());
    m->blobs.clear();
    for (Impl::Found& f : found) {
        if (!seen.insert(f.real).second) continue;
        m->blobs.emplace(f.path, f.id);
        entries.push_back({std::move(f.path), f.kind, std::nullopt});
    }
    return entries;
}

ReadResult GitTreeSource::read(const std::string& path, std::size_t max_bytes) {
    std::lock_guard<std::mutex> lock(m->mutex);
    auto it = m->blobs.find(path);
    if (it != m->blobs.end()) return m->read_blob(it->second, path, max_bytes);
    std::vector<std::string> parts = split(m->prefix);
    for (std::string& p : split(path)) parts.push_back(std::move(p));
    Impl::Resolved r = m->resolve(std::move(parts));
    ReadResult out;
    if (r.kind != Impl::Kind::Blob || !within(r.real, m->prefix)) {
        out.error = "no such file at this commit";
        return out;
    }
    return m->read_blob(r.id, path, max_bytes);
}

std::optional<std::string> GitTreeSource::read_config(std::string& error) {
    std::lock_guard<std::mutex> lock(m->mutex);
    std::vector<std::string> parts = split(m->prefix);
    for (std::string& p : split(k_config_path)) parts.push_back(std::move(p));
    Impl::Resolved r = m->resolve(std::move(parts));
    if (r.kind == Impl::Kind::Missing) return std::nullopt;
    if (r.kind != Impl::Kind::Blob) {
        error = r.kind == Impl::Kind::Outside ? "it is a symlink leading outside the repository" : "it is not a file";
        return std::nullopt;
    }
    ReadResult got = m->read_blob(r.id, k_config_path, k_max_file_bytes);
    if (!got.error.empty()) {
        error = got.error;
        return std::nullopt;
    }
    if (!got.bytes) {
        error = "it is over the " + std::to_string(k_max_file_bytes / 1024 / 1024) + " MiB file size limit";
        return std::nullopt;
    }
    return got.bytes;
}

} // namespace kith
