#pragma once
/// What kith answers when a remote asks who it is: HTTP user names and
/// passwords from the environment or git's credential helpers (SSH logs in
/// through the system's ssh, see ssh_transport.hpp), and the callback that
/// turns a server's refusal of a pushed reference into an error. Internal to
/// src/adapters/.

#include <git2.h>

#include <filesystem>
#include <string>
#include <vector>

namespace kith::git {

/// What libgit2's callbacks share (one payload serves every callback).
struct CallbackState {
    int attempts = 0;
    int max_attempts = 3;
    std::filesystem::path workdir; ///< where `git credential fill` runs (its repository's helpers)
    std::string source;            ///< where the last user name and password came from, for messages
    std::vector<std::string> rejected; ///< references the server refused, with its reason
};

/// The environment variables kith reads for HTTP credentials.
inline constexpr const char* k_user_variable = "KITH_GIT_USERNAME";
inline constexpr const char* k_password_variable = "KITH_GIT_PASSWORD";

/// Callbacks for a fetch or push that use `state`.
git_remote_callbacks callbacks_for(CallbackState& state);

/// The request `git credential fill` reads for `url` (protocol, host, path,
/// username lines, then a blank line), as git's own HTTP transport asks.
std::string credential_request(const std::string& url);

} // namespace kith::git
