// The git adapter: real repositories in temporary folders, read back through
// libgit2 (and checked with `git fsck` / `git status` when git is installed).
#include "support.hpp"

#include "adapters/git.hpp"

#include <git2.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <optional>
#include <set>

using namespace kith;
using namespace kith::test;
namespace fs = std::filesystem;

namespace {

using Strings = std::vector<std::string>;
using Files = std::map<std::string, std::string>;

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// --- environment and libgit2 settings, restored on scope exit --------------

/// Sets (or, with nullptr, unsets) an environment variable for a scope.
class EnvVar {
public:
    EnvVar(std::string name, const char* value) : m_name(std::move(name)) {
        if (const char* old = std::getenv(m_name.c_str())) m_old = old;
        if (value) ::setenv(m_name.c_str(), value, 1);
        else ::unsetenv(m_name.c_str());
    }
    ~EnvVar() {
        if (m_old) ::setenv(m_name.c_str(), m_old->c_str(), 1);
        else ::unsetenv(m_name.c_str());
    }
    EnvVar(const EnvVar&) = delete;
    EnvVar& operator=(const EnvVar&) = delete;

private:
    std::string m_name;
    std::optional<std::string> m_old;
};

/// Keeps the user's own git configuration (global, XDG, system) and identity
/// variables away from a test: HOME and XDG_CONFIG_HOME point to an empty
/// folder and libgit2's config search paths too. Repositories must be opened
/// after this is in place (libgit2 reads the config files once per repository).
class IsolatedGitConfig {
public:
    IsolatedGitConfig()
        : m_home("HOME", m_dir.path().c_str()), m_xdg("XDG_CONFIG_HOME", (m_dir.path() / "xdg").c_str()),
          m_nosystem("GIT_CONFIG_NOSYSTEM", "1"), m_name("GIT_AUTHOR_NAME", nullptr),
          m_email("GIT_AUTHOR_EMAIL", nullptr), m_cname("GIT_COMMITTER_NAME", nullptr),
          m_cemail("GIT_COMMITTER_EMAIL", nullptr) {
        git_libgit2_init(); // balanced never: the adapter never shuts libgit2 down either
        for (int level : k_levels) {
            git_buf buf = GIT_BUF_INIT;
            if (git_libgit2_opts(GIT_OPT_GET_SEARCH_PATH, level, &buf) == 0)
                m_saved[level] = std::string(buf.ptr ? buf.ptr : "");
            git_buf_dispose(&buf);
            EXPECT_EQ(git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, m_dir.path().c_str()), 0);
        }
    }
    ~IsolatedGitConfig() {
        for (int level : k_levels) {
            auto it = m_saved.find(level);
            git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, it == m_saved.end() ? nullptr : it->second.c_str());
        }
    }
    IsolatedGitConfig(const IsolatedGitConfig&) = delete;
    IsolatedGitConfig& operator=(const IsolatedGitConfig&) = delete;

private:
    static constexpr int k_levels[] = {GIT_CONFIG_LEVEL_GLOBAL, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_SYSTEM};
    TempDir m_dir;
    EnvVar m_home, m_xdg, m_nosystem, m_name, m_email, m_cname, m_cemail;
    std::map<int, std::string> m_saved;
};

// --- libgit2 owners and readers for the checks ------------------------------

template <class T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { Free(p); }
};
template <class T, void (*Free)(T*)>
using Owned = std::unique_ptr<T, Deleter<T, Free>>;
using CommitPtr = Owned<git_commit, git_commit_free>;
using TreePtr = Owned<git_tree, git_tree_free>;
using IndexPtr = Owned<git_index, git_index_free>;
using BlobPtr = Owned<git_blob, git_blob_free>;
using ConfigPtr = Owned<git_config, git_config_free>;
using RefPtr = Owned<git_reference, git_reference_free>;
using SigPtr = Owned<git_signature, git_signature_free>;
using StatusPtr = Owned<git_status_list, git_status_list_free>;
using RepoPtr = Owned<git_repository, git_repository_free>;

std::string last_error() {
    const git_error* e = git_error_last();
    return e && e->message ? e->message : "?";
}

git_oid oid_of(const std::string& hex) {
    git_oid id{};
    EXPECT_EQ(git_oid_fromstr(&id, hex.c_str()), 0) << hex;
    return id;
}

std::string hex_of(const git_oid& id) {
    char s[GIT_OID_HEXSZ + 1];
    git_oid_tostr(s, sizeof s, &id);
    return s;
}

CommitPtr commit_of(const Repo& repo, const std::string& id) {
    git_commit* c = nullptr;
    git_oid oid = oid_of(id);
    EXPECT_EQ(git_commit_lookup(&c, repo.raw(), &oid), 0) << last_error();
    return CommitPtr(c);
}

std::string blob_text(git_repository* repo, const git_oid& id) {
    git_blob* b = nullptr;
    EXPECT_EQ(git_blob_lookup(&b, repo, &id), 0) << last_error();
    BlobPtr blob(b);
    if (!blob) return "";
    return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                       static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

/// Every file of a commit's tree: path -> content.
Files files_in_commit(const Repo& repo, const std::string& id) {
    CommitPtr c = commit_of(repo, id);
    git_tree* t = nullptr;
    EXPECT_EQ(git_commit_tree(&t, c.get()), 0) << last_error();
    TreePtr tree(t);
    git_index* i = nullptr;
    EXPECT_EQ(git_index_new(&i), 0);
    IndexPtr index(i);
    EXPECT_EQ(git_index_read_tree(index.get(), tree.get()), 0) << last_error();
    Files out;
    for (std::size_t n = 0; n < git_index_entrycount(index.get()); ++n) {
        const git_index_entry* e = git_index_get_byindex(index.get(), n);
        out[e->path] = blob_text(repo.raw(), e->id);
    }
    return out;
}

/// The mode of `path` in a commit's tree, 0 when absent.
unsigned mode_in_commit(const Repo& repo, const std::string& id, const std::string& path) {
    CommitPtr c = commit_of(repo, id);
    git_tree* t = nullptr;
    EXPECT_EQ(git_commit_tree(&t, c.get()), 0);
    TreePtr tree(t);
    git_tree_entry* e = nullptr;
    if (git_tree_entry_bypath(&e, tree.get(), path.c_str()) != 0) return 0;
    unsigned mode = static_cast<unsigned>(git_tree_entry_filemode(e));
    git_tree_entry_free(e);
    return mode;
}

/// The repository index as it is on disk: path -> content (stage 0 only).
Files files_in_index(const Repo& repo) {
    // A fresh repository object, so nothing cached in the adapter's can help.
    git_repository* r = nullptr;
    EXPECT_EQ(git_repository_open(&r, repo.workdir().c_str()), 0) << last_error();
    RepoPtr fresh(r);
    git_index* i = nullptr;
    EXPECT_EQ(git_repository_index(&i, fresh.get()), 0) << last_error();
    IndexPtr index(i);
    Files out;
    for (std::size_t n = 0; n < git_index_entrycount(index.get()); ++n) {
        const git_index_entry* e = git_index_get_byindex(index.get(), n);
        out[e->path] = blob_text(fresh.get(), e->id);
    }
    return out;
}

/// `git status` as libgit2 sees it: path -> GIT_STATUS_* flags, clean files left out.
std::map<std::string, unsigned> status_of(const Repo& repo) {
    git_repository* r = nullptr;
    EXPECT_EQ(git_repository_open(&r, repo.workdir().c_str()), 0) << last_error();
    RepoPtr fresh(r);
    git_status_options opts;
    git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION);
    opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
    git_status_list* l = nullptr;
    EXPECT_EQ(git_status_list_new(&l, fresh.get(), &opts), 0) << last_error();
    StatusPtr list(l);
    std::map<std::string, unsigned> out;
    for (std::size_t n = 0; n < git_status_list_entrycount(list.get()); ++n) {
        const git_status_entry* e = git_status_byindex(list.get(), n);
        const git_diff_delta* d = e->head_to_index ? e->head_to_index : e->index_to_workdir;
        out[d->new_file.path ? d->new_file.path : d->old_file.path] = e->status;
    }
    return out;
}

std::size_t commit_count(const Repo& repo) {
    git_revwalk* w = nullptr;
    EXPECT_EQ(git_revwalk_new(&w, repo.raw()), 0);
    std::size_t n = 0;
    if (git_revwalk_push_head(w) == 0) {
        git_oid id;
        while (git_revwalk_next(&id, w) == 0) ++n;
    }
    git_revwalk_free(w);
    return n;
}

void set_identity(const Repo& repo, const char* name, const char* email) {
    git_config* c = nullptr;
    ASSERT_EQ(git_repository_config(&c, repo.raw()), 0) << last_error();
    ConfigPtr cfg(c);
    ASSERT_EQ(git_config_set_string(cfg.get(), "user.name", name), 0) << last_error();
    ASSERT_EQ(git_config_set_string(cfg.get(), "user.email", email), 0) << last_error();
}

/// Stages the file at `path` as it is on disk, like `git add`.
void stage(const Repo& repo, const std::string& path) {
    git_index* i = nullptr;
    ASSERT_EQ(git_repository_index(&i, repo.raw()), 0);
    IndexPtr index(i);
    ASSERT_EQ(git_index_read(index.get(), 0), 0);
    ASSERT_EQ(git_index_add_bypath(index.get(), path.c_str()), 0) << last_error();
    ASSERT_EQ(git_index_write(index.get()), 0) << last_error();
}

bool have_git() {
    static const bool yes = std::system("git --version >/dev/null 2>&1") == 0;
    return yes;
}

std::string quoted(const fs::path& p) {
    std::string out = "'";
    for (char c : p.string()) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

/// `git fsck` finds the repository sound (skipped without git).
::testing::AssertionResult fsck_clean(const Repo& repo) {
    if (!have_git()) return ::testing::AssertionSuccess();
    std::string cmd = "git -C " + quoted(repo.workdir()) + " fsck --no-progress >/dev/null 2>&1";
    int rc = std::system(cmd.c_str());
    if (rc == 0) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "git fsck failed (" << rc << ") in " << repo.workdir();
}

/// `git status --porcelain` output, or nullopt without git.
std::optional<std::string> porcelain(const Repo& repo) {
    if (!have_git()) return std::nullopt;
    std::string cmd = "git -C " + quoted(repo.workdir()) + " status --porcelain 2>&1";
    FILE* p = ::popen(cmd.c_str(), "r");
    if (!p) return std::nullopt;
    std::string out;
    char buf[512];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    ::pclose(p);
    return out;
}

std::vector<std::string> ids(const std::vector<CommitInfo>& cs) {
    std::vector<std::string> out;
    for (const auto& c : cs) out.push_back(c.id);
    return out;
}

// --- fixture: a fresh repository with an identity ---------------------------

class GitRepoTest : public ::testing::Test {
protected:
    GitRepoTest() : repo(Repo::init(dir.path())) { set_identity(repo, "Ann Example", "ann@example.com"); }

    fs::path at(const std::string& rel) const { return repo.workdir() / rel; }
    void write(const std::string& rel, const std::string& text) const { write_file(at(rel), text); }

    /// Writes `files` and commits them all; the commit's id.
    std::string commit_files(const Files& files, const std::string& message) {
        Strings paths;
        for (const auto& [p, text] : files) {
            write(p, text);
            paths.push_back(p);
        }
        auto id = repo.commit_paths(paths, message);
        EXPECT_TRUE(id.has_value()) << message;
        return id.value_or("");
    }

    IsolatedGitConfig isolated; // first: the repository opens after it
    TempDir dir;
    Repo repo;
};

// --- discover and init -------------------------------------------------------

TEST(GitDiscover, NoRepositoryIsNullopt) {
    TempDir dir;
    fs::create_directories(dir.path() / "vault");
    EXPECT_FALSE(Repo::discover(dir.path() / "vault").has_value());
}

TEST(GitDiscover, FoundFromASubFolder) {
    IsolatedGitConfig isolated;
    TempDir dir;
    Repo::init(dir.path());
    fs::create_directories(dir.path() / "a" / "b");
    auto repo = Repo::discover(dir.path() / "a" / "b");
    ASSERT_TRUE(repo.has_value());
    EXPECT_EQ(repo->workdir(), fs::canonical(dir.path()));
    EXPECT_EQ(repo->relative(dir.path() / "a" / "b"), "a/b");
    EXPECT_EQ(repo->relative(dir.path()), "");
}

TEST(GitDiscover, VaultNestedInABiggerRepository) {
    IsolatedGitConfig isolated;
    TempDir dir;
    Repo::init(dir.path());
    const fs::path vault = dir.path() / "notes" / "vault";
    fs::create_directories(vault / "people");
    auto repo = Repo::discover(vault);
    ASSERT_TRUE(repo.has_value());
    EXPECT_EQ(repo->workdir(), fs::canonical(dir.path()));
    EXPECT_EQ(repo->relative(vault), "notes/vault");
    EXPECT_EQ(repo->relative(vault / "people" / "ann.md"), "notes/vault/people/ann.md"); // need not exist
    EXPECT_EQ(repo->relative(vault / "people" / ".." / "x.md"), "notes/vault/x.md");
}

TEST(GitDiscover, BareRepositoryIsNullopt) {
    IsolatedGitConfig isolated;
    TempDir dir;
    git_repository* r = nullptr;
    ASSERT_EQ(git_repository_init(&r, (dir.path() / "bare.git").c_str(), 1), 0) << last_error();
    git_repository_free(r);
    EXPECT_FALSE(Repo::discover(dir.path() / "bare.git").has_value());
}

TEST(GitDiscover, ThroughASymbolicLink) {
    IsolatedGitConfig isolated;
    TempDir dir;
    fs::create_directories(dir.path() / "real" / "vault");
    Repo::init(dir.path() / "real");
    fs::create_directory_symlink(dir.path() / "real", dir.path() / "link");
    auto repo = Repo::discover(dir.path() / "link" / "vault");
    ASSERT_TRUE(repo.has_value());
    EXPECT_EQ(repo->workdir(), fs::canonical(dir.path() / "real"));
    EXPECT_EQ(repo->relative(dir.path() / "link" / "vault" / "x.md"), "vault/x.md");
    // A file that is a link is named as the link, not as its target.
    write_file(dir.path() / "real" / "shared" / "ann.md", "ann\n");
    fs::create_symlink("../shared/ann.md", dir.path() / "real" / "vault" / "ann.md");
    EXPECT_EQ(repo->relative(dir.path() / "link" / "vault" / "ann.md"), "vault/ann.md");
    EXPECT_EQ(repo->relative(dir.path() / "link" / "vault" / ".."), "");
    EXPECT_EQ(repo->relative(dir.path() / "link" / "vault" / "."), "vault");
    EXPECT_EQ(repo->relative(dir.path() / "link" / "vault" / ""), "vault");
}

TEST(GitInit, InitialBranchIsMain) {
    IsolatedGitConfig isolated;
    TempDir dir;
    Repo repo = Repo::init(dir.path());
    EXPECT_EQ(repo.workdir(), fs::canonical(dir.path()));
    EXPECT_TRUE(fs::is_directory(dir.path() / ".git"));
    git_reference* r = nullptr;
    ASSERT_EQ(git_reference_lookup(&r, repo.raw(), "HEAD"), 0) << last_error();
    RefPtr head(r);
    ASSERT_EQ(git_reference_type(head.get()), GIT_REFERENCE_SYMBOLIC);
    EXPECT_STREQ(git_reference_symbolic_target(head.get()), "refs/heads/main");
    EXPECT_EQ(git_repository_head_unborn(repo.raw()), 1);
    EXPECT_FALSE(repo.head().has_value());
    EXPECT_TRUE(repo.history("x.md").empty());
    EXPECT_TRUE(repo.head_changed_paths().empty());
    EXPECT_FALSE(repo.read_in_head("x.md").has_value());
    EXPECT_FALSE(repo.read_in_head_parent("x.md").has_value());
    // The new repository is found again.
    auto again = Repo::discover(dir.path());
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->workdir(), repo.workdir());
}

TEST(GitInit, MissingFolderThrows) {
    TempDir dir;
    EXPECT_THROW(Repo::init(dir.path() / "nope" / "deeper"), GitError);
}

TEST(GitInit, ReposMove) {
    IsolatedGitConfig isolated;
    TempDir dir;
    Repo a = Repo::init(dir.path());
    git_repository* raw = a.raw();
    Repo b = std::move(a);
    EXPECT_EQ(b.raw(), raw);
    EXPECT_EQ(b.workdir(), fs::canonical(dir.path()));
    TempDir other;
    Repo c = Repo::init(other.path());
    c = std::move(b);
    EXPECT_EQ(c.raw(), raw);
}

// --- relative ------------------------------------------------------------------

TEST_F(GitRepoTest, RelativeOutsideTheWorkTreeThrows) {
    TempDir elsewhere;
    try {
        repo.relative(elsewhere.path() / "x.md");
        FAIL() << "no GitError";
    } catch (const GitError& e) {
        EXPECT_TRUE(contains(e.what(), "outside the git work tree")) << e.what();
        EXPECT_TRUE(contains(e.what(), "cannot ")) << e.what();
    }
    EXPECT_THROW(repo.relative(repo.workdir().parent_path()), GitError);
    EXPECT_THROW(repo.relative(repo.workdir() / ".." / "x.md"), GitError);
    EXPECT_THROW(repo.relative(repo.workdir() / ".git" / "config"), GitError);
}

TEST_F(GitRepoTest, RelativeToTheCurrentFolder) {
    fs::create_directories(at("people"));
    const fs::path old = fs::current_path();
    fs::current_path(at("people"));
    std::string rel;
    EXPECT_NO_THROW(rel = repo.relative("ann.md"));
    fs::current_path(old);
    EXPECT_EQ(rel, "people/ann.md");
}

// --- commit_paths ------------------------------------------------------------

TEST_F(GitRepoTest, FirstCommitOnAnUnbornBranch) {
    write("people/ann.md", "# Ann\n");
    write("people/bob.md", "# Bob\n");
    auto id = repo.commit_paths({"people/ann.md"}, "add ann");
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(id->size(), 40u);

    auto head = repo.head();
    ASSERT_TRUE(head.has_value());
    EXPECT_EQ(head->id, *id);
    EXPECT_EQ(git_commit_parentcount(commit_of(repo, *id).get()), 0u);
    EXPECT_EQ(files_in_commit(repo, *id), (Files{{"people/ann.md", "# Ann\n"}}));

    // The branch main was created and HEAD still points at it.
    git_reference* r = nullptr;
    ASSERT_EQ(git_reference_lookup(&r, repo.raw(), "refs/heads/main"), 0) << last_error();
    RefPtr main(r);
    EXPECT_EQ(hex_of(*git_reference_target(main.get())), *id);
    EXPECT_EQ(git_repository_head_detached(repo.raw()), 0);

    EXPECT_EQ(files_in_index(repo), (Files{{"people/ann.md", "# Ann\n"}}));
    EXPECT_EQ(status_of(repo), (std::map<std::string, unsigned>{{"people/bob.md", GIT_STATUS_WT_NEW}}));
    if (auto st = porcelain(repo)) {
        EXPECT_EQ(*st, "?? people/bob.md\n");
    }
    EXPECT_TRUE(fsck_clean(repo));
}

TEST_F(GitRepoTest, CommitsExactlyTheGivenPaths) {
    const std::string first =
        commit_files({{"a.md", "a1\n"}, {"b.md", "b1\n"}, {"c.md", "c1\n"}, {"d/e.md", "e1\n"}}, "start");
    write("a.md", "a2\n");  // to commit
    // (Sizes differ: git trusts same-size files with the same mtime second
    // once the index is newer; RacyChangeStaysVisible covers that case.)
    write("b.md", "b2 changed\n");    // modified, not staged
    write("c.md", "c2 staged\n");     // staged ...
    stage(repo, "c.md");
    write("c.md", "c3 changed again\n"); // ... then modified again
    write("u.md", "new\n"); // untracked
    write("d/f.md", "f\n"); // staged new file
    stage(repo, "d/f.md");

    auto id = repo.commit_paths({"a.md"}, "edit a");
    ASSERT_TRUE(id.has_value());
    CommitPtr c = commit_of(repo, *id);
    ASSERT_EQ(git_commit_parentcount(c.get()), 1u);
    EXPECT_EQ(hex_of(*git_commit_parent_id(c.get(), 0)), first);

    EXPECT_EQ(files_in_commit(repo, *id), (Files{{"a.md", "a2\n"}, {"b.md", "b1\n"}, {"c.md", "c1\n"}, {"d/e.md", "e1\n"}}));
    EXPECT_EQ(files_in_index(repo), (Files{{"a.md", "a2\n"},
                                           {"b.md", "b1\n"},
                                           {"c.md", "c2 staged\n"},
                                           {"d/e.md", "e1\n"},
                                           {"d/f.md", "f\n"}}));
    EXPECT_EQ(status_of(repo), (std::map<std::string, unsigned>{
                                   {"b.md", GIT_STATUS_WT_MODIFIED},
                                   {"c.md", GIT_STATUS_INDEX_MODIFIED | GIT_STATUS_WT_MODIFIED},
                                   {"d/f.md", GIT_STATUS_INDEX_NEW},
                                   {"u.md", GIT_STATUS_WT_NEW},
                               }));
    if (auto st = porcelain(repo)) {
        EXPECT_EQ(*st, " M b.md\nMM c.md\nA  d/f.md\n?? u.md\n");
    }
    // The files on disk are untouched.
    EXPECT_EQ(read_text(at("b.md")), "b2 changed\n");
    EXPECT_EQ(read_text(at("c.md")), "c3 changed again\n");
    EXPECT_EQ(repo.head_changed_paths(), (Strings{"a.md"}));
    EXPECT_TRUE(fsck_clean(repo));
}

/// Sets the mtime of `p` (and so its ctime to now).
void set_mtime(const fs::path& p, std::int64_t sec, long nsec) {
    struct timespec times[2];
    times[0].tv_sec = times[1].tv_sec = static_cast<time_t>(sec);
    times[0].tv_nsec = times[1].tv_nsec = nsec;
    ASSERT_EQ(::utimensat(AT_FDCWD, p.c_str(), times, 0), 0) << p;
}

TEST_F(GitRepoTest, RacyChangeStaysVisible) {
    // b.md changes without changing size within the second it was staged; the
    // index was written later in that same second (to the nanosecond, libgit2
    // sees nothing racy; to the second, git does and compares contents).
    commit_files({{"a.md", "a1\n"}, {"b.md", "b1\n"}}, "start");
    write("b.md", "b2\n");
    constexpr std::int64_t k_sec = 1600000000;
    set_mtime(at("b.md"), k_sec, 0);
    struct stat st {};
    ASSERT_EQ(::stat(at("b.md").c_str(), &st), 0);
    {
        git_repository* r = nullptr;
        ASSERT_EQ(git_repository_open(&r, repo.workdir().c_str()), 0);
        RepoPtr other(r);
        git_index* i = nullptr;
        ASSERT_EQ(git_repository_index(&i, other.get()), 0);
        IndexPtr index(i);
        const git_index_entry* e = git_index_get_bypath(index.get(), "b.md", 0);
        ASSERT_NE(e, nullptr);
        git_index_entry copy = *e; // still b1's id, with b2's stat data
        const std::string path = e->path;
        copy.path = path.c_str();
        copy.mtime.seconds = static_cast<int32_t>(k_sec);
        copy.mtime.nanoseconds = 0;
        copy.ctime.seconds = static_cast<int32_t>(st.st_ctim.tv_sec);
        copy.ctime.nanoseconds = static_cast<uint32_t>(st.st_ctim.tv_nsec);
        copy.ino = static_cast<uint32_t>(st.st_ino);
        copy.dev = static_cast<uint32_t>(st.st_dev);
        copy.file_size = static_cast<uint32_t>(st.st_size);
        ASSERT_EQ(git_index_add(index.get(), &copy), 0) << last_error();
        ASSERT_EQ(git_index_write(index.get()), 0) << last_error();
    }
    set_mtime(repo.workdir() / ".git" / "index", k_sec, 999999999);

    write("a.md", "a2\n");
    ASSERT_TRUE(repo.commit_paths({"a.md"}, "edit a").has_value());
    EXPECT_EQ(files_in_index(repo), (Files{{"a.md", "a2\n"}, {"b.md", "b1\n"}}));
    EXPECT_EQ(status_of(repo), (std::map<std::string, unsigned>{{"b.md", GIT_STATUS_WT_MODIFIED}}));
    if (auto out = porcelain(repo)) {
        EXPECT_EQ(*out, " M b.md\n");
    }
    EXPECT_TRUE(fsck_clean(repo));
}

TEST_F(GitRepoTest, CommitsSeveralPathsAndNewFolders) {
    commit_files({{"a.md", "a1\n"}}, "start");
    write("people/ann.md", "ann\n");
    write("notes/2026/x.md", "x\n");
    write("a.md", "a2\n");
    auto id = repo.commit_paths({"people/ann.md", "notes/2026/x.md", "a.md", "a.md"}, "several");
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(files_in_commit(repo, *id),
              (Files{{"a.md", "a2\n"}, {"notes/2026/x.md", "x\n"}, {"people/ann.md", "ann\n"}}));
    EXPECT_EQ(repo.head_changed_paths(), (Strings{"a.md", "notes/2026/x.md", "people/ann.md"}));
    EXPECT_TRUE(status_of(repo).empty());
    if (auto st = porcelain(repo)) {
        EXPECT_EQ(*st, "");
    }
    EXPECT_TRUE(fsck_clean(repo));
}

TEST_F(GitRepoTest, AMissingFileIsCommittedAsDeleted) {
    commit_files({{"a.md", "a1\n"}, {"people/b.md", "b1\n"}, {"people/c.md", "c1\n"}}, "start");
    fs::remove(at("people/b.md"));
    auto id = repo.commit_paths({"people/b.md"}, "delete b");
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(files_in_commit(repo, *id), (Files{{"a.md", "a1\n"}, {"people/c.md", "c1\n"}}));
    EXPECT_EQ(files_in_index(repo), (Files{{"a.md", "a1\n"}, {"people/c.md", "c1\n"}}));
    EXPECT_TRUE(status_of(repo).empty());
    EXPECT_EQ(repo.head_changed_paths(), (Strings{"people/b.md"}));
    EXPECT_FALSE(repo.read_in_head("people/b.md").has_value());
    EXPECT_EQ(repo.read_in_head_parent("people/b.md"), std::optional<std::string>("b1\n"));
    EXPECT_TRUE(fsck_clean(repo));

    // Deleting the last file of a folder, then every file: an empty tree.
    fs::remove(at("people/c.md"));
    fs::remove(at("a.md"));
    auto last = repo.commit_paths({"people/c.md", "a.md"}, "delete the rest");
    ASSERT_TRUE(last.has_value());
    EXPECT_TRUE(files_in_commit(repo, *last).empty());
    EXPECT_TRUE(files_in_index(repo).empty());
    EXPECT_EQ(repo.head_changed_paths(), (Strings{"a.md", "people/c.md"}));
    EXPECT_TRUE(fsck_clean(repo));
}

TEST_F(GitRepoTest, AStagedFileMissingOnDiskAndInHeadIsNoCommit) {
    commit_files({{"a.md", "a1\n"}}, "start");
    write("n.md", "n\n");
    stage(repo, "n.md");
    fs::remove(at("n.md"));
    // Nothing to commit (HEAD never had n.md), and the index keeps the user's staging.
    EXPECT_FALSE(repo.commit_paths({"n.md"}, "nothing").has_value());
    EXPECT_EQ(files_in_index(repo), (Files{{"a.md", "a1\n"}, {"n.md", "n\n"}}));
}

TEST_F(GitRepoTest, NoChangeIsNoCommit) {
    // Unborn, and the path is missing: nothing to commit, still unborn.
    EXPECT_FALSE(repo.commit_paths({"a.md"}, "nothing").has_value());
    EXPECT_FALSE(repo.commit_paths({}, "nothing").has_value());
    EXPECT_FALSE(repo.head().has_value());

    const std::string first = commit_files({{"a.md", "a1\n"}, {"b.md", "b1\n"}}, "start");
    write("b.md", "b2\n"); // a change elsewhere does not count
    EXPECT_FALSE(repo.commit_paths({"a.md"}, "again").has_value());
    EXPECT_FALSE(repo.commit_paths({"never.md"}, "missing, never tracked").has_value());
    EXPECT_FALSE(repo.commit_paths({}, "no paths").has_value());
    EXPECT_EQ(repo.head()->id, first);
    EXPECT_EQ(commit_count(repo), 1u);
    // The user's unstaged change to b.md stays unstaged.
    EXPECT_EQ(status_of(repo), (std::map<std::string, unsigned>{{"b.md", GIT_STATUS_WT_MODIFIED}}));
    EXPECT_TRUE(fsck_clean(repo));
}

TEST_F(GitRepoTest, MessageAndAuthorReadBack) {
    write("a.md", "a\n");
    const std::int64_t before = static_cast<std::int64_t>(std::time(nullptr));
    auto id = repo.commit_paths({"a.md"}, "add ann\n\nfrom the meetup\n\n\n");
    const std::int64_t after = static_cast<std::int64_t>(std::time(nullptr));
    ASSERT_TRUE(id.has_value());
    auto head = repo.head();
    ASSERT_TRUE(head.has_value());
    EXPECT_EQ(head->id, *id);
    EXPECT_EQ(head->summary, "add ann");
    EXPECT_EQ(head->message, "add ann\n\nfrom the meetup\n");
    EXPECT_EQ(head->author, "Ann Example <ann@example.com>");
    EXPECT_GE(head->time, before);
    EXPECT_LE(head->time, after);

    CommitPtr c = commit_of(repo, *id);
    const git_signature* committer = git_commit_committer(c.get());
    EXPECT_STREQ(committer->name, "Ann Example");
    EXPECT_STREQ(committer->email, "ann@example.com");
    EXPECT_EQ(committer->when.time, git_commit_author(c.get())->when.time);
    EXPECT_EQ(head->offset_minutes, git_commit_author(c.get())->when.offset);
    EXPECT_TRUE(fsck_clean(repo));
}

TEST_F(GitRepoTest, EmptyMessageThrows) {
    write("a.md", "a\n");
    EXPECT_THROW(repo.commit_paths({"a.md"}, " \n\n"), GitError);
    EXPECT_FALSE(repo.head().has_value());
}

TEST_F(GitRepoTest, IdentityFromTheEnvironmentWins) {
    EnvVar name("GIT_AUTHOR_NAME", "Env Person");
    EnvVar email("GIT_AUTHOR_EMAIL", "env@example.com");
    Identity who = repo.identity();
    EXPECT_EQ(who.name, "Env Person");
    EXPECT_EQ(who.email, "env@example.com");
    write("a.md", "a\n");
    ASSERT_TRUE(repo.commit_paths({"a.md"}, "by env").has_value());
    EXPECT_EQ(repo.head()->author, "Env Person <env@example.com>");
}

TEST_F(GitRepoTest, IdentityNeedsBothEnvironmentVariables) {
    EnvVar name("GIT_AUTHOR_NAME", "Env Person");
    Identity who = repo.identity();
    EXPECT_EQ(who.name, "Ann Example");
    EXPECT_EQ(who.email, "ann@example.com");
}

TEST(GitIdentity, MissingIdentityThrowsWithTheFix) {
    IsolatedGitConfig isolated;
    TempDir dir;
    Repo repo = Repo::init(dir.path());
    write_file(dir.path() / "a.md", "a\n");
    try {
        repo.identity();
        FAIL() << "no GitError";
    } catch (const GitError& e) {
        const std::string m = e.what();
        EXPECT_TRUE(contains(m, "git config --global user.name \"Your Name\"")) << m;
        EXPECT_TRUE(contains(m, "git config --global user.email you@example.com")) << m;
        EXPECT_TRUE(m.rfind("cannot ", 0) == 0) << m;
        EXPECT_NE(m.back(), '.') << m;
    }
    EXPECT_THROW(repo.commit_paths({"a.md"}, "add a"), GitError);
    EXPECT_FALSE(repo.head().has_value());
    EXPECT_TRUE(files_in_index(repo).empty());

    // Only a name is not enough either.
    git_config* c = nullptr;
    ASSERT_EQ(git_repository_config(&c, repo.raw()), 0);
    ConfigPtr cfg(c);
    ASSERT_EQ(git_config_set_string(cfg.get(), "user.name", "Ann"), 0);
    EXPECT_THROW(repo.identity(), GitError);
    ASSERT_EQ(git_config_set_string(cfg.get(), "user.email", "ann@example.com"), 0);
    Identity who = repo.identity();
    EXPECT_EQ(who.name, "Ann");
    EXPECT_EQ(who.email, "ann@example.com");
}

TEST_F(GitRepoTest, FileModeFollowsTheDisk) {
    write("run.sh", "#!/bin/sh\n");
    ::chmod(at("run.sh").c_str(), 0755);
    write("plain.md", "p\n");
    auto id = repo.commit_paths({"run.sh", "plain.md"}, "add");
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(mode_in_commit(repo, *id, "run.sh"), static_cast<unsigned>(GIT_FILEMODE_BLOB_EXECUTABLE));
    EXPECT_EQ(mode_in_commit(repo, *id, "plain.md"), static_cast<unsigned>(GIT_FILEMODE_BLOB));
    EXPECT_TRUE(status_of(repo).empty());

    // A mode change alone is a change.
    ::chmod(at("run.sh").c_str(), 0644);
    EXPECT_TRUE(repo.differs_from_head("run.sh"));
    auto id2 = repo.commit_paths({"run.sh"}, "not executable");
    ASSERT_TRUE(id2.has_value());
    EXPECT_EQ(mode_in_commit(repo, *id2, "run.sh"), static_cast<unsigned>(GIT_FILEMODE_BLOB));
    EXPECT_FALSE(repo.differs_from_head("run.sh"));
    EXPECT_TRUE(status_of(repo).empty());
    if (auto st = porcelain(repo)) {
        EXPECT_EQ(*st, "");
    }
    EXPECT_TRUE(fsck_clean(repo));
}

TEST_F(GitRepoTest, SymbolicLinksAreCommittedAsLinks) {
    write("a.md", "a\n");
    fs::create_symlink("a.md", at("link.md"));
    auto id = repo.commit_paths({"a.md", "link.md"}, "link");
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(mode_in_commit(repo, *id, "link.md"), static_cast<unsigned>(GIT_FILEMODE_LINK));
    EXPECT_EQ(repo.read_in_head("link.md"), std::optional<std::string>("a.md"));
    EXPECT_FALSE(repo.differs_from_head("link.md"));
    EXPECT_TRUE(status_of(repo).empty());
    EXPECT_TRUE(fsck_clean(repo));
}

TEST_F(GitRepoTest, WorkTreeFiltersApplyAsInGitAdd) {
    {
        git_config* c = nullptr;
        ASSERT_EQ(git_repository_config(&c, repo.raw()), 0);
        ConfigPtr cfg(c);
        ASSERT_EQ(git_config_set_bool(cfg.get(), "core.autocrlf", 1), 0);
    }
    Repo fresh = std::move(*Repo::discover(dir.path())); // reads the new config
    write("a.md", "line\r\n");
    auto id = fresh.commit_paths({"a.md"}, "crlf");
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(fresh.read_in_head("a.md"), std::optional<std::string>("line\n"));
    EXPECT_FALSE(fresh.differs_from_head("a.md"));
    EXPECT_FALSE(fresh.commit_paths({"a.md"}, "again").has_value());
    EXPECT_TRUE(status_of(fresh).empty());
    EXPECT_TRUE(fsck_clean(fresh));
}

TEST_F(GitRepoTest, BadPathsThrow) {
    write("a.md", "a\n");
    fs::create_directories(at("folder"));
    for (const std::string p : {"", "/a.md", "../a.md", "x/../a.md", "./a.md", "x//a.md", ".git/config", "folder"})
        EXPECT_THROW(repo.commit_paths({p}, "bad"), GitError) << '"' << p << '"';
    EXPECT_FALSE(repo.head().has_value());
}

TEST(GitCommit, VaultNestedInABiggerRepository) {
    IsolatedGitConfig isolated;
    TempDir dir;
    {
        Repo outer = Repo::init(dir.path());
        set_identity(outer, "Ann Example", "ann@example.com");
        write_file(dir.path() / "README.md", "outer\n");
        ASSERT_TRUE(outer.commit_paths({"README.md"}, "outer").has_value());
    }
    const fs::path vault = dir.path() / "notes" / "vault";
    write_file(vault / "people" / "ann.md", "ann\n");
    auto repo = Repo::discover(vault);
    ASSERT_TRUE(repo.has_value());
    const std::string rel = repo->relative(vault / "people" / "ann.md");
    EXPECT_EQ(rel, "notes/vault/people/ann.md");
    auto id = repo->commit_paths({rel}, "add ann");
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(files_in_commit(*repo, *id), (Files{{"README.md", "outer\n"}, {rel, "ann\n"}}));
    EXPECT_EQ(repo->history(rel).size(), 1u);
    EXPECT_TRUE(status_of(*repo).empty());
    EXPECT_TRUE(fsck_clean(*repo));
}

TEST_F(GitRepoTest, DetachedHeadMovesHead) {
    const std::string first = commit_files({{"a.md", "a1\n"}}, "start");
    git_oid oid = oid_of(first);
    ASSERT_EQ(git_repository_set_head_detached(repo.raw(), &oid), 0) << last_error();
    write("a.md", "a2\n");
    auto id = repo.commit_paths({"a.md"}, "detached");
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(repo.head()->id, *id);
    EXPECT_EQ(git_repository_head_detached(repo.raw()), 1);
    // main did not move.
    git_reference* r = nullptr;
    ASSERT_EQ(git_reference_lookup(&r, repo.raw(), "refs/heads/main"), 0);
    RefPtr main(r);
    EXPECT_EQ(hex_of(*git_reference_target(main.get())), first);
    EXPECT_TRUE(fsck_clean(repo));
}

// --- history -------------------------------------------------------------------

/// A commit made directly with libgit2: HEAD's tree with `files` written in,
/// on `parents`, moving `ref` (or none).
std::string raw_commit(Repo& repo, const std::vector<std::string>& parents, const Files& files, const char* ref,
                       const std::string& message) {
    git_repository* r = repo.raw();
    git_index* i = nullptr;
    EXPECT_EQ(git_index_new(&i), 0);
    IndexPtr index(i);
    std::vector<CommitPtr> owned;
    std::vector<const git_commit*> ps;
    for (const auto& p : parents) {
        owned.push_back(commit_of(repo, p));
        ps.push_back(owned.back().get());
    }
    if (!owned.empty()) {
        git_tree* t = nullptr;
        EXPECT_EQ(git_commit_tree(&t, owned.front().get()), 0);
        TreePtr tree(t);
        EXPECT_EQ(git_index_read_tree(index.get(), tree.get()), 0);
    }
    for (const auto& [path, text] : files) {
        git_index_entry e{};
        e.mode = GIT_FILEMODE_BLOB;
        e.path = path.c_str();
        EXPECT_EQ(git_blob_create_from_buffer(&e.id, r, text.data(), text.size()), 0) << last_error();
        EXPECT_EQ(git_index_add(index.get(), &e), 0) << last_error();
    }
    git_oid tree_id, id;
    EXPECT_EQ(git_index_write_tree_to(&tree_id, index.get(), r), 0) << last_error();
    git_tree* t = nullptr;
    EXPECT_EQ(git_tree_lookup(&t, r, &tree_id), 0);
    TreePtr tree(t);
    git_signature* s = nullptr;
    EXPECT_EQ(git_signature_now(&s, "Side", "side@example.com"), 0);
    SigPtr sig(s);
    EXPECT_EQ(git_commit_create(&id, r, ref, sig.get(), sig.get(), nullptr, message.c_str(), tree.get(), ps.size(),
                                ps.data()),
              0)
        << last_error();
    return hex_of(id);
}

TEST_F(GitRepoTest, HistoryOfAPath) {
    const std::string c1 = commit_files({{"a.md", "1\n"}}, "add a");
    const std::string c2 = commit_files({{"b.md", "1\n"}}, "add b");
    const std::string c3 = commit_files({{"a.md", "2\n"}}, "edit a");
    const std::string c4 = commit_files({{"b.md", "2\n"}}, "edit b");
    fs::remove(at("a.md"));
    const std::string c5 = repo.commit_paths({"a.md"}, "delete a").value_or("");
    const std::string c6 = commit_files({{"a.md", "3\n"}}, "a again");

    EXPECT_EQ(ids(repo.history("a.md")), (Strings{c6, c5, c3, c1}));
    EXPECT_EQ(ids(repo.history("b.md")), (Strings{c4, c2}));
    EXPECT_EQ(ids(repo.history("a.md", 2)), (Strings{c6, c5}));
    EXPECT_EQ(ids(repo.history("a.md", 1)), (Strings{c6}));
    EXPECT_TRUE(repo.history("never.md").empty());
    auto h = repo.history("a.md");
    ASSERT_EQ(h.size(), 4u);
    EXPECT_EQ(h[0].summary, "a again");
    EXPECT_EQ(h[1].summary, "delete a");
    EXPECT_EQ(h[3].author, "Ann Example <ann@example.com>");
    EXPECT_TRUE(fsck_clean(repo));
}

TEST_F(GitRepoTest, HistoryFollowsFirstParents) {
    const std::string base = commit_files({{"a.md", "1\n"}, {"b.md", "1\n"}}, "start");
    // A side branch changes a.md; main changes b.md; the merge brings a.md in.
    const std::string side = raw_commit(repo, {base}, {{"a.md", "side\n"}}, "refs/heads/side", "side edit");
    const std::string mainline = commit_files({{"b.md", "2\n"}}, "edit b");
    const std::string merge =
        raw_commit(repo, {mainline, side}, {{"a.md", "side\n"}}, "HEAD", "merge side");
    EXPECT_EQ(repo.head()->id, merge);
    // The side commit is not on the first-parent line; the merge is what changed a.md there.
    EXPECT_EQ(ids(repo.history("a.md")), (Strings{merge, base}));
    EXPECT_EQ(ids(repo.history("b.md")), (Strings{mainline, base}));
    EXPECT_EQ(repo.head_changed_paths(), (Strings{"a.md"}));
    EXPECT_EQ(repo.read_in_head_parent("a.md"), std::optional<std::string>("1\n"));
    EXPECT_TRUE(fsck_clean(repo));
}

// --- head_changed_paths, read_in_head, read_in_head_parent -----------------------

TEST_F(GitRepoTest, HeadChangedPaths) {
    commit_files({{"z.md", "z\n"}, {"people/ann.md", "a\n"}, {"b.md", "b\n"}}, "root");
    EXPECT_EQ(repo.head_changed_paths(), (Strings{"b.md", "people/ann.md", "z.md"}));
    write("people/ann.md", "a2\n");
    fs::remove(at("b.md"));
    write("people/new/c.md", "c\n");
    write("z.md", "z2\n"); // not committed
    ASSERT_TRUE(repo.commit_paths({"people/ann.md", "b.md", "people/new/c.md"}, "mixed").has_value());
    EXPECT_EQ(repo.head_changed_paths(), (Strings{"b.md", "people/ann.md", "people/new/c.md"}));
}

TEST_F(GitRepoTest, ReadInHeadAndItsParent) {
    commit_files({{"a.md", "one\n"}, {"people/x.md", "x\n"}}, "first");
    EXPECT_EQ(repo.read_in_head("a.md"), std::optional<std::string>("one\n"));
    EXPECT_EQ(repo.read_in_head("people/x.md"), std::optional<std::string>("x\n"));
    EXPECT_FALSE(repo.read_in_head("missing.md").has_value());
    EXPECT_FALSE(repo.read_in_head("people").has_value()); // a folder is no file
    EXPECT_FALSE(repo.read_in_head_parent("a.md").has_value()); // a root commit has no parent

    commit_files({{"a.md", "two\n"}, {"new.md", "n\n"}}, "second");
    write("a.md", "three, on disk only\n");
    EXPECT_EQ(repo.read_in_head("a.md"), std::optional<std::string>("two\n"));
    EXPECT_EQ(repo.read_in_head_parent("a.md"), std::optional<std::string>("one\n"));
    EXPECT_EQ(repo.read_in_head("new.md"), std::optional<std::string>("n\n"));
    EXPECT_FALSE(repo.read_in_head_parent("new.md").has_value());
    EXPECT_EQ(repo.read_in_head_parent("people/x.md"), std::optional<std::string>("x\n"));

    // Bytes come back as they are.
    const std::string binary("\0\x01\xff\r\nend", 8);
    commit_files({{"bin.dat", binary}}, "binary");
    EXPECT_EQ(repo.read_in_head("bin.dat"), std::optional<std::string>(binary));
}

// --- differs_from_head -----------------------------------------------------------

TEST_F(GitRepoTest, DiffersFromHead) {
    write("a.md", "a\n");
    EXPECT_TRUE(repo.differs_from_head("a.md")); // unborn, new
    EXPECT_FALSE(repo.differs_from_head("none.md"));
    commit_files({{"a.md", "a\n"}, {"b.md", "b\n"}}, "start");
    EXPECT_FALSE(repo.differs_from_head("a.md"));
    EXPECT_FALSE(repo.differs_from_head("none.md"));

    write("a.md", "a2\n");
    EXPECT_TRUE(repo.differs_from_head("a.md"));
    stage(repo, "a.md"); // staged or not, it differs from HEAD
    EXPECT_TRUE(repo.differs_from_head("a.md"));
    write("a.md", "a\n"); // back as in HEAD (the index still differs, HEAD does not)
    EXPECT_FALSE(repo.differs_from_head("a.md"));

    fs::remove(at("b.md"));
    EXPECT_TRUE(repo.differs_from_head("b.md"));
    write("u.md", "u\n");
    EXPECT_TRUE(repo.differs_from_head("u.md"));
    write("s.md", "s\n");
    stage(repo, "s.md");
    EXPECT_TRUE(repo.differs_from_head("s.md"));
}

// --- busy --------------------------------------------------------------------------

TEST_F(GitRepoTest, BusyDuringAMerge) {
    const std::string first = commit_files({{"a.md", "a\n"}}, "start");
    std::string what;
    EXPECT_FALSE(repo.busy(what));
    write(".git/MERGE_HEAD", first + "\n");
    EXPECT_TRUE(repo.busy(what));
    EXPECT_TRUE(contains(what, "merge")) << what;
    fs::remove(at(".git/MERGE_HEAD"));
    what.clear();
    EXPECT_FALSE(repo.busy(what));

    fs::create_directories(at(".git/rebase-merge"));
    EXPECT_TRUE(repo.busy(what));
    EXPECT_TRUE(contains(what, "rebase")) << what;
    fs::remove_all(at(".git/rebase-merge"));

    write(".git/CHERRY_PICK_HEAD", first + "\n");
    EXPECT_TRUE(repo.busy(what));
    EXPECT_TRUE(contains(what, "cherry-pick")) << what;
    fs::remove(at(".git/CHERRY_PICK_HEAD"));

    write(".git/REVERT_HEAD", first + "\n");
    EXPECT_TRUE(repo.busy(what));
    EXPECT_TRUE(contains(what, "revert")) << what;
    fs::remove(at(".git/REVERT_HEAD"));
    EXPECT_FALSE(repo.busy(what));
}

TEST_F(GitRepoTest, BusyWithIndexConflicts) {
    commit_files({{"a.md", "a\n"}}, "start");
    {
        git_index* i = nullptr;
        ASSERT_EQ(git_repository_index(&i, repo.raw()), 0);
        IndexPtr index(i);
        git_oid base, ours, theirs;
        ASSERT_EQ(git_blob_create_from_buffer(&base, repo.raw(), "base\n", 5), 0);
        ASSERT_EQ(git_blob_create_from_buffer(&ours, repo.raw(), "ours\n", 5), 0);
        ASSERT_EQ(git_blob_create_from_buffer(&theirs, repo.raw(), "theirs\n", 7), 0);
        git_index_entry a{}, o{}, t{};
        a.mode = o.mode = t.mode = GIT_FILEMODE_BLOB;
        a.path = o.path = t.path = "c.md";
        a.id = base;
        o.id = ours;
        t.id = theirs;
        ASSERT_EQ(git_index_conflict_add(index.get(), &a, &o, &t), 0) << last_error();
        ASSERT_EQ(git_index_write(index.get()), 0) << last_error();
    }
    // A repository opened afresh sees the conflicts as well.
    auto fresh = Repo::discover(repo.workdir());
    ASSERT_TRUE(fresh.has_value());
    for (const Repo* r : {&repo, &*fresh}) {
        std::string what;
        EXPECT_TRUE(r->busy(what));
        EXPECT_TRUE(contains(what, "conflict")) << what;
    }
}

} // namespace
