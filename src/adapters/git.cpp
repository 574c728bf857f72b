#include <cstdint>

#include "git.hpp"

#include "adapters/git_support.hpp"
#include "kith/render/terminal.hpp"

#include <git2.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <set>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>
#include <utility>
#include <vector>

namespace fs = std::filesystem;

namespace kith {

using namespace kith::git;

namespace {

// ---------------------------------------------------------------------------
// Reading HEAD and trees.

/// HEAD's commit, or null on an unborn branch (or an empty repository).
CommitPtr head_commit(git_repository* repo) {
    git_reference* raw = nullptr;
    int rc = git_repository_head(&raw, repo);
    if (rc == GIT_EUNBORNBRANCH || rc == GIT_ENOTFOUND) {
        git_error_clear();
        return nullptr;
    }
    check(rc, "read HEAD");
    RefPtr ref(raw);
    git_object* obj = nullptr;
    check(git_reference_peel(&obj, ref.get(), GIT_OBJECT_COMMIT), "read HEAD's commit");
    return CommitPtr(reinterpret_cast<git_commit*>(obj));
}

TreePtr tree_of(const git_commit* commit) {
    git_tree* raw = nullptr;
    check(git_commit_tree(&raw, commit), "read the tree of commit " + hex(*git_commit_id(commit)));
    return TreePtr(raw);
}

/// The first parent of `commit`, or null for a root commit.
CommitPtr first_parent(const git_commit* commit) {
    if (git_commit_parentcount(commit) == 0) return nullptr;
    git_commit* raw = nullptr;
    check(git_commit_parent(&raw, commit, 0), "read the parent of commit " + hex(*git_commit_id(commit)));
    return CommitPtr(raw);
}

/// The entry at `path` in `tree`, or null when there is none.
EntryPtr entry_at(const git_tree* tree, const std::string& path) {
    if (!tree || path.empty()) return nullptr;
    git_tree_entry* raw = nullptr;
    int rc = git_tree_entry_bypath(&raw, tree, path.c_str());
    if (rc == GIT_ENOTFOUND) {
        git_error_clear();
        return nullptr;
    }
    check(rc, "read " + path + " in a tree");
    return EntryPtr(raw);
}

/// The file (blob) entry at `path`, or null when absent or not a file.
EntryPtr blob_entry_at(const git_tree* tree, const std::string& path) {
    EntryPtr e = entry_at(tree, path);
    if (e && git_tree_entry_type(e.get()) != GIT_OBJECT_BLOB) return nullptr;
    return e;
}

/// What `path` is in `tree`, for comparisons: its object id and mode.
struct Version {
    bool present = false;
    git_oid id{};
    git_filemode_t mode = GIT_FILEMODE_UNREADABLE;

    bool operator==(const Version& o) const {
        if (present != o.present) return false;
        return !present || (mode == o.mode && git_oid_equal(&id, &o.id));
    }
};

Version version_at(const git_tree* tree, const std::string& path) {
    Version v;
    if (EntryPtr e = entry_at(tree, path)) {
        v.present = true;
        v.id = *git_tree_entry_id(e.get());
        v.mode = git_tree_entry_filemode(e.get());
    }
    return v;
}

std::optional<std::string> blob_content(git_repository* repo, const git_tree* tree, const std::string& path) {
    EntryPtr e = blob_entry_at(tree, path);
    if (!e) return std::nullopt;
    git_blob* raw = nullptr;
    check(git_blob_lookup(&raw, repo, git_tree_entry_id(e.get())), "read " + path);
    BlobPtr blob(raw);
    const auto* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
    return std::string(data, static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

CommitInfo info_of(const git_commit* c) {
    CommitInfo info;
    info.id = hex(*git_commit_id(c));
    const char* summary = git_commit_summary(const_cast<git_commit*>(c));
    info.summary = summary ? summary : "";
    const char* message = git_commit_message(c);
    info.message = message ? message : "";
    if (const git_signature* a = git_commit_author(c)) {
        info.author = std::string(a->name ? a->name : "") + " <" + (a->email ? a->email : "") + ">";
        info.time = a->when.time;
        info.offset_minutes = a->when.offset;
    }
    return info;
}

// ---------------------------------------------------------------------------
// Paths and the work tree.

/// Rejects what is not a clean work-tree relative path: empty, absolute,
/// `.`/`..` components, empty components, or anything inside `.git`.
void validate_relative(const std::string& path, const std::string& action) {
    auto bad = [&](const std::string& why) {
        throw GitError("cannot " + action + " " + (path.empty() ? std::string("an empty path") : path) + ": " + why);
    };
    if (path.empty()) bad("not a file path");
    if (path.front() == '/') bad("not relative to the work tree");
    std::size_t start = 0;
    while (true) {
        std::size_t slash = path.find('/', start);
        std::string part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (part.empty() || part == "." || part == "..") bad("not a clean work-tree relative path");
        if (part == ".git") bad("it is inside the .git folder");
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
}

/// What a path is on disk, as git would record it.
struct OnDisk {
    enum Kind { Missing, File, Link, Folder, Other } kind = Missing;
    bool executable = false;
};

OnDisk on_disk(const fs::path& abs) {
    struct stat st {};
    if (::lstat(abs.c_str(), &st) != 0) {
        // Missing, or an ancestor is not a folder: either way there is no file.
        if (errno == ENOENT || errno == ENOTDIR) return {};
        throw GitError("cannot read " + abs.string() + ": " + std::strerror(errno));
    }
    OnDisk d;
    if (S_ISREG(st.st_mode)) {
        d.kind = OnDisk::File;
        d.executable = (st.st_mode & S_IXUSR) != 0;
    } else if (S_ISLNK(st.st_mode)) {
        d.kind = OnDisk::Link;
    } else if (S_ISDIR(st.st_mode)) {
        d.kind = OnDisk::Folder;
    } else {
        d.kind = OnDisk::Other;
    }
    return d;
}

bool config_bool(git_repository* repo, const char* name, bool fallback) {
    git_config* raw = nullptr;
    check(git_repository_config_snapshot(&raw, repo), "read the git config");
    ConfigPtr cfg(raw);
    int value = fallback ? 1 : 0;
    int rc = git_config_get_bool(&value, cfg.get(), name);
    if (rc == GIT_ENOTFOUND) {
        git_error_clear();
        return fallback;
    }
    check(rc, std::string("read ") + name + " in the git config");
    return value != 0;
}

/// The mode git would record for a file on disk: regular or executable from
/// the disk, unless core.fileMode is false, where a tracked file keeps its mode.
git_filemode_t mode_for(const OnDisk& d, const Version& before, bool trust_filemode) {
    if (d.kind == OnDisk::Link) return GIT_FILEMODE_LINK;
    if (!trust_filemode && before.present &&
        (before.mode == GIT_FILEMODE_BLOB || before.mode == GIT_FILEMODE_BLOB_EXECUTABLE))
        return before.mode;
    return d.executable ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB;
}

/// The blob id `rel` (a file or symbolic link on disk) would get from `git
/// add`, without storing it: work-tree filters applied, links as their target.
git_oid hash_on_disk(git_repository* repo, const fs::path& workdir, const std::string& rel, OnDisk::Kind kind) {
    git_oid id;
    if (kind == OnDisk::Link) {
        std::error_code ec;
        fs::path target = fs::read_symlink(workdir / rel, ec);
        if (ec) throw GitError("cannot read the link " + rel + ": " + ec.message());
        const std::string text = target.string();
        check(git_odb_hash(&id, text.data(), text.size(), GIT_OBJECT_BLOB), "hash " + rel);
    } else {
        check(git_repository_hashfile(&id, repo, rel.c_str(), GIT_OBJECT_BLOB, rel.c_str()), "hash " + rel);
    }
    return id;
}

/// The version of `rel` on disk, hashing (and with `write`, storing) its blob
/// the way `git add` would.
Version disk_version(git_repository* repo, const fs::path& workdir, const std::string& rel, const Version& before,
                     bool trust_filemode, bool write) {
    OnDisk d = on_disk(workdir / rel);
    Version v;
    switch (d.kind) {
    case OnDisk::Missing:
        return v;
    case OnDisk::Folder:
        throw GitError("cannot commit " + rel + ": it is a folder, not a file");
    case OnDisk::Other:
        throw GitError("cannot commit " + rel + ": it is not a regular file");
    case OnDisk::File:
    case OnDisk::Link:
        break;
    }
    v.present = true;
    v.mode = mode_for(d, before, trust_filemode);
    if (write) {
        // From the work tree: filters (core.autocrlf, .gitattributes) and
        // symbolic links are handled as git does.
        check(git_blob_create_from_workdir(&v.id, repo, rel.c_str()), "store " + rel + " in the git repository");
    } else {
        v.id = hash_on_disk(repo, workdir, rel, d.kind);
    }
    return v;
}

/// Before rewriting the repository index: git (built without nanosecond
/// times, as usual) trusts an entry's stat data once the index file is newer
/// than the entry's mtime in whole seconds, while libgit2 only smudges entries
/// that are racy to the nanosecond. An entry whose file changed within the
/// second it was staged would then look clean to `git status` after our
/// write. Like git, zero the size of such entries whose file now differs, so
/// that the user's unstaged change stays visible. `skip` are paths just added.
void smudge_racily_clean(git_repository* repo, git_index* index, const fs::path& workdir,
                         const std::set<std::string>& skip) {
    const char* index_path = git_index_path(index);
    struct stat st {};
    if (!index_path || ::stat(index_path, &st) != 0) return;
    const std::int64_t stamp = static_cast<std::int64_t>(st.st_mtim.tv_sec);

    std::vector<std::pair<std::string, git_index_entry>> smudge;
    const std::size_t n = git_index_entrycount(index);
    for (std::size_t i = 0; i < n; ++i) {
        const git_index_entry* e = git_index_get_byindex(index, i);
        if (!e || GIT_INDEX_ENTRY_STAGE(e) != 0 || e->file_size == 0) continue;
        if (static_cast<std::int64_t>(e->mtime.seconds) < stamp) continue;
        if (e->mode == GIT_FILEMODE_COMMIT || skip.count(e->path)) continue;
        OnDisk d = on_disk(workdir / e->path);
        if (d.kind != OnDisk::File && d.kind != OnDisk::Link) continue; // git notices by itself
        git_oid now = hash_on_disk(repo, workdir, e->path, d.kind);
        if (git_oid_equal(&now, &e->id)) continue;
        smudge.emplace_back(e->path, *e);
    }
    for (auto& [path, entry] : smudge) {
        entry.path = path.c_str();
        entry.file_size = 0;
        check(git_index_add(index, &entry), "update " + path + " in the git index");
    }
}

} // namespace

// ---------------------------------------------------------------------------
// Repo

void Repo::Free::operator()(git_repository* r) const { git_repository_free(r); }

Repo::Repo(git_repository* r) : m_repo(r) {
    const char* wd = git_repository_workdir(r);
    if (!wd) throw GitError("cannot use the git repository: it is bare (it has no work tree)");
    std::error_code ec;
    m_workdir = fs::canonical(wd, ec);
    if (ec) m_workdir = fs::path(wd).lexically_normal();
    if (!m_workdir.has_filename() && m_workdir.has_parent_path() && m_workdir != m_workdir.root_path())
        m_workdir = m_workdir.parent_path(); // drop a trailing separator
}

Repo::~Repo() = default;
Repo::Repo(Repo&&) noexcept = default;
Repo& Repo::operator=(Repo&&) noexcept = default;

namespace {

/// git (and libgit2 since 1.5) refuse a repository owned by another user:
/// its config could run programs as us. Say so in git's terms.
[[noreturn]] void not_owned(const fs::path& vault) {
    git_error_clear();
    std::error_code ec;
    fs::path top = vault;
    for (fs::path p = vault;; p = p.parent_path()) {
        if (fs::exists(p / ".git", ec)) {
            top = p;
            break;
        }
        if (!p.has_parent_path() || p.parent_path() == p) break;
    }
    struct stat st {};
    const std::string owner = ::stat(top.c_str(), &st) == 0 ? " (uid " + std::to_string(st.st_uid) + ")" : "";
    throw GitError("the git repository " + top.string() + " belongs to another user" + owner +
                   ", so git will not use it; if you trust it, run: git config --global --add safe.directory '" +
                   top.string() + "' (reading commands work without this; writing and sync need it)");
}

bool owned_by_someone_else(const char* git_dir) {
    struct stat st {};
    return ::stat(git_dir, &st) == 0 && st.st_uid != ::geteuid();
}

} // namespace

std::optional<Repo> Repo::discover(const fs::path& vault) {
    ensure_init();
    std::error_code ec;
    fs::path start = fs::absolute(vault, ec);
    if (ec) start = vault;
    Buf found;
    int rc = git_repository_discover(&found.buf, start.c_str(), 0, nullptr);
    if (rc == GIT_ENOTFOUND) {
        git_error_clear();
        return std::nullopt;
    }
    if (rc == GIT_EOWNER) not_owned(start);
    check(rc, "find the git repository of " + vault.string());
    git_repository* raw = nullptr;
    rc = git_repository_open(&raw, found.buf.ptr);
    // libgit2 1.5 reports the ownership check as GIT_EOWNER or, when no
    // safe.directory is configured at all, as a missing config value.
    if (rc == GIT_EOWNER || (rc < 0 && owned_by_someone_else(found.buf.ptr))) not_owned(start);
    check(rc, "open the git repository " + std::string(found.buf.ptr));
    RepoPtr repo(raw);
    if (git_repository_is_bare(repo.get()) || !git_repository_workdir(repo.get())) return std::nullopt;
    return Repo(repo.release());
}

Repo Repo::init(const fs::path& dir) {
    ensure_init();
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw GitError("cannot create a git repository in " + dir.string() + ": no such folder");
    git_repository_init_options opts;
    check(git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION), "set up git init");
    opts.flags = GIT_REPOSITORY_INIT_MKDIR; // only the .git folder; `dir` must exist
    opts.initial_head = "main";
    git_repository* raw = nullptr;
    check(git_repository_init_ext(&raw, dir.c_str(), &opts), "create a git repository in " + dir.string());
    RepoPtr repo(raw);
    return Repo(repo.release());
}

std::string Repo::relative(const fs::path& path) const {
    std::error_code ec;
    fs::path abs = fs::absolute(path, ec);
    if (ec) throw GitError("cannot use " + path.string() + ": " + ec.message());
    // Resolves symbolic links and `..` in the folders, for the part that
    // exists (the file may not be written yet); a file that is itself a
    // symbolic link keeps its own name.
    const fs::path name = abs.filename();
    const bool plain_name = !name.empty() && name != "." && name != "..";
    fs::path real = fs::weakly_canonical(plain_name ? abs.parent_path() : abs, ec);
    if (ec) real = (plain_name ? abs.parent_path() : abs).lexically_normal();
    if (plain_name) real /= name;
    fs::path rel = real.lexically_relative(m_workdir);
    if (rel.empty() || *rel.begin() == "..")
        throw GitError("cannot use " + path.string() + ": it is outside the git work tree " + m_workdir.string());
    std::string out = rel.generic_string();
    if (out == ".") return ""; // the work tree itself
    while (!out.empty() && out.back() == '/') out.pop_back();
    if (*rel.begin() == ".git")
        throw GitError("cannot use " + path.string() + ": it is inside the .git folder");
    return out;
}

fs::path Repo::git_dir() const { return fs::path(git_repository_path(m_repo.get())); }

bool Repo::busy(std::string& what) const {
    switch (git_repository_state(m_repo.get())) {
    case GIT_REPOSITORY_STATE_NONE:
        break;
    case GIT_REPOSITORY_STATE_MERGE:
        what = "a merge is in progress";
        return true;
    case GIT_REPOSITORY_STATE_REVERT:
    case GIT_REPOSITORY_STATE_REVERT_SEQUENCE:
        what = "a revert is in progress";
        return true;
    case GIT_REPOSITORY_STATE_CHERRYPICK:
    case GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE:
        what = "a cherry-pick is in progress";
        return true;
    case GIT_REPOSITORY_STATE_BISECT:
        what = "a bisect is in progress";
        return true;
    case GIT_REPOSITORY_STATE_REBASE:
    case GIT_REPOSITORY_STATE_REBASE_INTERACTIVE:
    case GIT_REPOSITORY_STATE_REBASE_MERGE:
        what = "a rebase is in progress";
        return true;
    case GIT_REPOSITORY_STATE_APPLY_MAILBOX:
    case GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE:
        what = "git am or a rebase is in progress";
        return true;
    default:
        what = "a git operation is in progress";
        return true;
    }
    git_index* raw = nullptr;
    check(git_repository_index(&raw, m_repo.get()), "read the git index");
    IndexPtr index(raw);
    check(git_index_read(index.get(), 0), "read the git index");
    if (git_index_has_conflicts(index.get())) {
        what = "the git index has unresolved conflicts";
        return true;
    }
    return false;
}

Identity Repo::identity() const {
    const char* env_name = std::getenv("GIT_AUTHOR_NAME");
    const char* env_email = std::getenv("GIT_AUTHOR_EMAIL");
    if (env_name && *env_name && env_email && *env_email) return {env_name, env_email};

    git_config* raw = nullptr;
    check(git_repository_config_snapshot(&raw, m_repo.get()), "read the git config");
    ConfigPtr cfg(raw);
    auto get = [&cfg](const char* key) -> std::string {
        const char* value = nullptr;
        int rc = git_config_get_string(&value, cfg.get(), key);
        if (rc == GIT_ENOTFOUND) {
            git_error_clear();
            return {};
        }
        check(rc, std::string("read ") + key + " in the git config");
        return value ? value : "";
    };
    Identity id{get("user.name"), get("user.email")};
    if (id.name.empty() || id.email.empty()) {
        std::string missing = id.name.empty() && id.email.empty() ? "user.name and user.email are"
                              : id.name.empty()                   ? "user.name is"
                                                                  : "user.email is";
        throw GitError("cannot commit: git does not know who you are (" + missing +
                       " not set); run git config --global user.name \"Your Name\" and git config --global "
                       "user.email you@example.com");
    }
    return id;
}

std::optional<std::string> Repo::commit_paths(const std::vector<std::string>& paths, const std::string& message) {
    git_repository* repo = m_repo.get();

    // Cleaned up as `git commit` would: trailing blank lines and whitespace
    // gone; and controls shown, not stored (a name or a file name in the
    // message may come from somebody else, and `git log` prints it as it is).
    Buf clean;
    check(git_message_prettify(&clean.buf, visible(message).c_str(), 0, '#'), "clean up the commit message");
    if (clean.buf.size == 0) throw GitError("cannot commit: the commit message is empty");

    // Unique, validated paths, in order.
    std::vector<std::string> todo;
    std::set<std::string> seen;
    for (const std::string& p : paths) {
        validate_relative(p, "commit");
        if (seen.insert(p).second) todo.push_back(p);
    }

    CommitPtr parent = head_commit(repo);
    TreePtr head_tree = parent ? tree_of(parent.get()) : nullptr;
    const bool trust_filemode = config_bool(repo, "core.filemode", true);

    // The new tree: HEAD's, with only `todo` changed, built in an in-memory index.
    git_index* raw_index = nullptr;
    check(git_index_new(&raw_index), "create an index");
    IndexPtr tree_index(raw_index);
    if (head_tree) check(git_index_read_tree(tree_index.get(), head_tree.get()), "read HEAD's tree");

    std::vector<bool> deleted(todo.size(), false);
    for (std::size_t i = 0; i < todo.size(); ++i) {
        const std::string& p = todo[i];
        Version before = version_at(head_tree.get(), p);
        Version now = disk_version(repo, m_workdir, p, before, trust_filemode, true);
        if (!now.present) {
            deleted[i] = true;
            int rc = git_index_remove(tree_index.get(), p.c_str(), 0);
            if (rc == GIT_ENOTFOUND) git_error_clear();
            else check(rc, "remove " + p + " from the commit");
            // A folder that is gone takes its files with it.
            check(git_index_remove_directory(tree_index.get(), p.c_str(), 0), "remove " + p + " from the commit");
            continue;
        }
        git_index_entry entry;
        std::memset(&entry, 0, sizeof entry);
        entry.mode = now.mode;
        entry.id = now.id;
        entry.path = p.c_str();
        check(git_index_add(tree_index.get(), &entry), "add " + p + " to the commit");
    }

    if (!head_tree && git_index_entrycount(tree_index.get()) == 0) return std::nullopt;
    git_oid tree_id;
    check(git_index_write_tree_to(&tree_id, tree_index.get(), repo), "write the commit's tree");
    if (head_tree && git_oid_equal(&tree_id, git_tree_id(head_tree.get()))) return std::nullopt;

    git_tree* raw_tree = nullptr;
    check(git_tree_lookup(&raw_tree, repo, &tree_id), "read the commit's tree");
    TreePtr tree(raw_tree);

    Identity who = identity();
    git_signature* raw_sig = nullptr;
    check(git_signature_now(&raw_sig, who.name.c_str(), who.email.c_str()), "make the commit's signature");
    SignaturePtr sig(raw_sig);

    const git_commit* parents[1] = {parent.get()};
    git_oid commit_id;
    // "HEAD" updates the branch HEAD points to, creating it on an unborn branch
    // (or HEAD itself when detached), and fails if it moved since we read it.
    check(git_commit_create(&commit_id, repo, "HEAD", sig.get(), sig.get(), nullptr, clean.buf.ptr, tree.get(),
                            parent ? 1 : 0, parent ? parents : nullptr),
          "create the commit");

    // The repository's index: these paths only, so that `git status` shows
    // them clean and every other staged change stays staged.
    git_index* raw_repo_index = nullptr;
    check(git_repository_index(&raw_repo_index, repo), "read the git index");
    IndexPtr index(raw_repo_index);
    check(git_index_read(index.get(), 0), "read the git index");
    smudge_racily_clean(repo, index.get(), m_workdir, seen);
    for (std::size_t i = 0; i < todo.size(); ++i) {
        const std::string& p = todo[i];
        if (deleted[i]) {
            check(git_index_remove_bypath(index.get(), p.c_str()), "remove " + p + " from the git index");
            check(git_index_remove_directory(index.get(), p.c_str(), 0), "remove " + p + " from the git index");
        } else {
            check(git_index_add_bypath(index.get(), p.c_str()), "add " + p + " to the git index");
            if (!trust_filemode) {
                // add_bypath keeps the index's mode; make it the committed one.
                const git_index_entry* e = git_index_get_bypath(index.get(), p.c_str(), 0);
                const git_index_entry* c = git_index_get_bypath(tree_index.get(), p.c_str(), 0);
                if (e && c && e->mode != c->mode) {
                    git_index_entry copy = *e;
                    copy.mode = c->mode;
                    check(git_index_add(index.get(), &copy), "add " + p + " to the git index");
                }
            }
        }
    }
    check(git_index_write(index.get()), "write the git index");
    return hex(commit_id);
}

std::optional<CommitInfo> Repo::head() const {
    CommitPtr c = head_commit(m_repo.get());
    if (!c) return std::nullopt;
    return info_of(c.get());
}

std::vector<CommitInfo> Repo::history(const std::string& path, std::size_t limit, const std::string& from) const {
    std::vector<CommitInfo> out;
    git_repository* repo = m_repo.get();
    if (!head_commit(repo)) return out;

    git_revwalk* raw = nullptr;
    check(git_revwalk_new(&raw, repo), "walk the git history");
    RevwalkPtr walk(raw);
    // Topological as well as by time: commits made within the same second
    // (kith commits quickly) must still come newest first.
    check(git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME), "walk the git history");
    check(git_revwalk_simplify_first_parent(walk.get()), "walk the git history");
    if (from.empty()) {
        check(git_revwalk_push_head(walk.get()), "walk the git history");
    } else {
        git_oid start;
        check(git_oid_fromstr(&start, from.c_str()), "read the commit id " + from);
        check(git_revwalk_push(walk.get(), &start), "walk the git history from " + from);
    }

    git_oid id;
    int rc;
    while ((rc = git_revwalk_next(&id, walk.get())) == 0) {
        git_commit* raw_commit = nullptr;
        check(git_commit_lookup(&raw_commit, repo, &id), "read commit " + hex(id));
        CommitPtr c(raw_commit);
        TreePtr tree = tree_of(c.get());
        EntryPtr now = blob_entry_at(tree.get(), path);
        EntryPtr before;
        if (CommitPtr p = first_parent(c.get())) {
            TreePtr ptree = tree_of(p.get());
            before = blob_entry_at(ptree.get(), path);
        }
        bool changed = (now == nullptr) != (before == nullptr) ||
                       (now && !git_oid_equal(git_tree_entry_id(now.get()), git_tree_entry_id(before.get())));
        if (!changed) continue;
        out.push_back(info_of(c.get()));
        if (limit != 0 && out.size() >= limit) break;
    }
    if (rc != GIT_ITEROVER && rc < 0) fail("walk the git history");
    git_error_clear();
    return out;
}

std::vector<std::string> Repo::head_changed_paths() const {
    std::vector<std::string> out;
    git_repository* repo = m_repo.get();
    CommitPtr c = head_commit(repo);
    if (!c) return out;
    TreePtr tree = tree_of(c.get());
    TreePtr ptree;
    if (CommitPtr p = first_parent(c.get())) ptree = tree_of(p.get());

    git_diff_options opts;
    check(git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION), "compare HEAD with its parent");
    git_diff* raw = nullptr;
    check(git_diff_tree_to_tree(&raw, repo, ptree.get(), tree.get(), &opts), "compare HEAD with its parent");
    DiffPtr diff(raw);
    std::set<std::string> paths;
    const std::size_t n = git_diff_num_deltas(diff.get());
    for (std::size_t i = 0; i < n; ++i) {
        const git_diff_delta* d = git_diff_get_delta(diff.get(), i);
        if (d->old_file.path && d->status != GIT_DELTA_ADDED) paths.insert(d->old_file.path);
        if (d->new_file.path && d->status != GIT_DELTA_DELETED) paths.insert(d->new_file.path);
    }
    out.assign(paths.begin(), paths.end());
    return out;
}

std::optional<std::string> Repo::read_in_head_parent(const std::string& path) const {
    git_repository* repo = m_repo.get();
    CommitPtr c = head_commit(repo);
    if (!c) return std::nullopt;
    CommitPtr p = first_parent(c.get());
    if (!p) return std::nullopt;
    TreePtr tree = tree_of(p.get());
    return blob_content(repo, tree.get(), path);
}

std::optional<std::string> Repo::read_in_head(const std::string& path) const {
    git_repository* repo = m_repo.get();
    CommitPtr c = head_commit(repo);
    if (!c) return std::nullopt;
    TreePtr tree = tree_of(c.get());
    return blob_content(repo, tree.get(), path);
}

bool Repo::differs_from_head(const std::string& path) const {
    validate_relative(path, "compare");
    git_repository* repo = m_repo.get();
    CommitPtr c = head_commit(repo);
    TreePtr tree = c ? tree_of(c.get()) : nullptr;
    Version before = version_at(tree.get(), path);
    OnDisk d = on_disk(m_workdir / path);
    if (d.kind == OnDisk::Missing) return before.present;
    // A folder is no file: it differs when HEAD has a file there.
    if (d.kind == OnDisk::Folder) return before.present && before.mode != GIT_FILEMODE_TREE;
    if (d.kind == OnDisk::Other) return true;
    Version now = disk_version(repo, m_workdir, path, before, config_bool(repo, "core.filemode", true), false);
    return !(now == before);
}

} // namespace kith
