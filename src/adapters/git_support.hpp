#pragma once
/// libgit2 plumbing shared by the git adapters: initialisation, error
/// checking and RAII owners. Internal to src/adapters/.

#include "adapters/git.hpp"

#include <git2.h>

#include <memory>
#include <string>

namespace kith::git {

/// Initialises libgit2 once per process (never shut down: other objects and
/// threads may still use it, and the process ends soon enough).
void ensure_init();

/// Throws GitError("cannot <action>: <libgit2's message>").
[[noreturn]] void fail(const std::string& action);

inline void check(int rc, const std::string& action) {
    if (rc < 0) fail(action);
}

template <class T, void (*Free)(T*)> struct Deleter {
    void operator()(T* p) const { Free(p); }
};
template <class T, void (*Free)(T*)> using Owned = std::unique_ptr<T, Deleter<T, Free>>;

using RepoPtr = Owned<git_repository, git_repository_free>;
using RefPtr = Owned<git_reference, git_reference_free>;
using CommitPtr = Owned<git_commit, git_commit_free>;
using TreePtr = Owned<git_tree, git_tree_free>;
using EntryPtr = Owned<git_tree_entry, git_tree_entry_free>;
using BlobPtr = Owned<git_blob, git_blob_free>;
using IndexPtr = Owned<git_index, git_index_free>;
using ConfigPtr = Owned<git_config, git_config_free>;
using SignaturePtr = Owned<git_signature, git_signature_free>;
using RevwalkPtr = Owned<git_revwalk, git_revwalk_free>;
using DiffPtr = Owned<git_diff, git_diff_free>;
using RemotePtr = Owned<git_remote, git_remote_free>;
using AnnotatedPtr = Owned<git_annotated_commit, git_annotated_commit_free>;
using StatusPtr = Owned<git_status_list, git_status_list_free>;
using ObjectPtr = Owned<git_object, git_object_free>;

/// A git_buf disposed of on scope exit.
struct Buf {
    git_buf buf = GIT_BUF_INIT;
    Buf() = default;
    Buf(const Buf&) = delete;
    Buf& operator=(const Buf&) = delete;
    ~Buf() { git_buf_dispose(&buf); }
};

std::string hex(const git_oid& id);

} // namespace kith::git
