#include "adapters/clone.hpp"

#include "adapters/credentials.hpp"
#include "adapters/git_support.hpp"
#include "adapters/vault_writer.hpp"

namespace fs = std::filesystem;

namespace kith {

using namespace kith::git;

std::string clone_dir_name(const std::string& url) {
    std::string s = url;
    while (!s.empty() && s.back() == '/') s.pop_back();
    if (s.size() > 4 && s.compare(s.size() - 4, 4, ".git") == 0) s.erase(s.size() - 4);
    while (!s.empty() && s.back() == '/') s.pop_back();
    const auto cut = s.find_last_of("/:");
    std::string name = cut == std::string::npos ? s : s.substr(cut + 1);
    if (name == "." || name == ".." || name.find('\0') != std::string::npos) name.clear();
    return name;
}

namespace {

/// The remote's default branch ("main"), asked right after a fetch (the
/// listing is still there, as for git_clone).
std::string default_branch(git_remote* remote, const std::string& url) {
    Buf name;
    const int rc = git_remote_default_branch(&name.buf, remote);
    if (rc == GIT_ENOTFOUND || rc == GIT_ERROR) {
        git_error_clear();
        throw GitError("cannot clone " + url + ": it has no branches yet; on the machine that has the vault run "
                       "'kith sync --add-remote " + url + "' first");
    }
    check(rc, "find the default branch of " + url);
    std::string ref(name.buf.ptr, name.buf.size);
    if (ref.rfind("refs/heads/", 0) != 0) throw GitError("cannot clone " + url + ": its HEAD is not a branch");
    return ref.substr(11);
}

CloneReport clone_into(const std::string& url, const fs::path& dir) {
    CloneReport out;
    out.dir = dir;
    Repo repo = Repo::init(dir);
    git_remote* raw = nullptr;
    check(git_remote_create(&raw, repo.raw(), "origin", url.c_str()), "add the remote " + url);
    RemotePtr remote(raw);
    CallbackState state;
    state.workdir = repo.workdir();
    git_fetch_options fopts = GIT_FETCH_OPTIONS_INIT;
    fopts.callbacks = callbacks_for(state);
    if (git_remote_fetch(remote.get(), nullptr, &fopts, "kith clone: fetch") < 0) fail("fetch from " + url);
    out.branch = default_branch(remote.get(), url);
    check(git_repository_set_head(repo.raw(), ("refs/heads/" + out.branch).c_str()), "point HEAD at " + out.branch);

    // The files come in through sync: the same transports, the same checks
    // of what a remote's tree may hold, the upstream set.
    SyncOptions o;
    o.remote = "origin";
    o.branch = out.branch;
    o.add_remote_url = url;
    o.fetch = false; // just done
    {
        VaultWriter::GitGuard guard(repo);
        out.sync = run_sync(repo, repo.workdir(), o);
    }
    std::error_code ec;
    out.is_vault = fs::exists(dir / ".kith" / "config.yaml", ec) || fs::is_directory(dir / "contacts", ec);
    return out;
}

} // namespace

CloneReport clone_vault(const std::string& url, const fs::path& dir) {
    ensure_init();
    std::error_code ec;
    bool made = false;
    if (fs::exists(fs::symlink_status(dir, ec))) {
        if (!fs::is_directory(dir, ec) || !fs::is_empty(dir, ec))
            throw GitError("cannot clone into " + dir.string() + ": it exists and is not an empty folder");
    } else {
        fs::create_directories(dir, ec);
        if (ec) throw GitError("cannot create " + dir.string() + ": " + ec.message());
        made = true;
    }
    const fs::path real = fs::canonical(dir, ec);
    try {
        return clone_into(url, ec ? dir : real);
    } catch (...) {
        // Nothing half-made stays behind.
        if (made) {
            fs::remove_all(dir, ec);
        } else {
            for (const auto& e : fs::directory_iterator(dir, ec)) fs::remove_all(e.path(), ec);
        }
        throw;
    }
}

} // namespace kith
