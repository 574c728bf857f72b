#pragma once
// Git repositories with a known history, built in a test: each state of the
// files is written to the work tree and committed through libgit2 with a
// fixed date, and can also be written out as a plain folder (a "checkout")
// to compare what kith says at a commit with what it says about those files.

#include "support.hpp"

#include <git2.h>

#include <map>
#include <string>

namespace kith::test {

/// Path (relative to the repository root) -> content. Content "@link:TARGET"
/// is a symbolic link to TARGET.
using FileMap = std::map<std::string, std::string>;

inline std::string symlink_to(const std::string& target) { return "@link:" + target; }

/// Every file of sample-vault under `prefix/` (dot files included).
inline FileMap sample_files(const std::string& prefix) {
    FileMap files;
    const auto root = source_dir() / "sample-vault";
    for (const auto& e : std::filesystem::recursive_directory_iterator(root))
        // Not the parse cache a run on sample-vault may have left (git-ignored).
        if (e.is_regular_file() && e.path().lexically_relative(root).generic_string().rfind(".kith/cache/", 0) != 0)
            files[prefix + "/" + e.path().lexically_relative(root).generic_string()] = read_text(e.path());
    return files;
}

/// Makes `dir` hold exactly `files` (a `.git` folder is kept).
inline void write_state(const std::filesystem::path& dir, const FileMap& files) {
    std::filesystem::create_directories(dir);
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().filename() != ".git") std::filesystem::remove_all(e.path());
    for (const auto& [path, content] : files) {
        const auto p = dir / path;
        std::filesystem::create_directories(p.parent_path());
        if (content.rfind("@link:", 0) == 0) std::filesystem::create_symlink(content.substr(6), p);
        else write_file(p, content);
    }
}

/// A repository in a temporary folder whose commits are made by the test.
class HistoryRepo {
public:
    HistoryRepo() {
        git_libgit2_init();
        EXPECT_EQ(git_repository_init(&m_repo, root().c_str(), 0), 0);
    }
    ~HistoryRepo() { git_repository_free(m_repo); } // libgit2 stays initialised, as in the adapter
    HistoryRepo(const HistoryRepo&) = delete;
    HistoryRepo& operator=(const HistoryRepo&) = delete;

    std::filesystem::path root() const { return m_dir.path() / "repo"; }
    const TempDir& temp() const { return m_dir; }

    /// Writes `files` to the work tree and commits all of it (deletions too)
    /// on `iso_day` at `hhmm` local time in the zone `offset_minutes` east of
    /// UTC. Returns the commit id.
    std::string commit(const FileMap& files, const std::string& message, const char* iso_day, int hhmm = 1200,
                       int offset_minutes = 0) {
        write_state(root(), files);
        git_index* index = nullptr;
        EXPECT_EQ(git_repository_index(&index, m_repo), 0);
        EXPECT_EQ(git_index_add_all(index, nullptr, 0, nullptr, nullptr), 0);
        EXPECT_EQ(git_index_update_all(index, nullptr, nullptr, nullptr), 0);
        EXPECT_EQ(git_index_write(index), 0);
        git_oid tree_id;
        EXPECT_EQ(git_index_write_tree(&tree_id, index), 0);
        git_index_free(index);
        git_tree* tree = nullptr;
        EXPECT_EQ(git_tree_lookup(&tree, m_repo, &tree_id), 0);

        const std::int64_t local = std::int64_t{day(iso_day).days()} * 86400 + (hhmm / 100) * 3600 + (hhmm % 100) * 60;
        git_signature* sig = nullptr;
        EXPECT_EQ(git_signature_new(&sig, "Test", "test@kith.invalid", local - std::int64_t{offset_minutes} * 60,
                                    offset_minutes),
                  0);
        git_commit* parent = nullptr;
        git_oid head;
        if (git_reference_name_to_id(&head, m_repo, "HEAD") == 0) EXPECT_EQ(git_commit_lookup(&parent, m_repo, &head), 0);
        const git_commit* parents[1] = {parent};
        git_oid id;
        EXPECT_EQ(git_commit_create(&id, m_repo, "HEAD", sig, sig, nullptr, message.c_str(), tree, parent ? 1 : 0,
                                    parent ? parents : nullptr),
                  0);
        git_commit_free(parent);
        git_signature_free(sig);
        git_tree_free(tree);
        char hex[GIT_OID_HEXSZ + 1];
        git_oid_tostr(hex, sizeof hex, &id);
        return hex;
    }

    /// `files` written to a fresh folder (not a repository); returns it.
    std::filesystem::path checkout(const FileMap& files) const {
        const auto dir = m_dir.path() / ("checkout-" + std::to_string(++m_checkouts));
        write_state(dir, files);
        return dir;
    }

private:
    TempDir m_dir;
    git_repository* m_repo = nullptr;
    mutable int m_checkouts = 0;
};

} // namespace kith::test
