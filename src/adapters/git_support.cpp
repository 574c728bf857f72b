#include "adapters/git_support.hpp"

#include "adapters/ssh_transport.hpp"

namespace kith::git {

void ensure_init() {
    static const int once = [] {
        int rc = git_libgit2_init();
        if (rc < 0) fail("initialise libgit2");
        register_ssh_transport(); // the system's ssh, as git uses it
        return rc;
    }();
    (void)once;
}

void fail(const std::string& action) {
    const git_error* e = git_error_last();
    std::string why = e && e->message && *e->message ? e->message : "unknown error";
    // libgit2 messages sometimes end with a full stop; git style has none.
    while (!why.empty() && (why.back() == '.' || why.back() == '\n')) why.pop_back();
    throw GitError("cannot " + action + ": " + why);
}

std::string hex(const git_oid& id) {
    char s[GIT_OID_HEXSZ + 1];
    git_oid_tostr(s, sizeof s, &id);
    return s;
}

} // namespace kith::git
