#pragma once
/// SSH for libgit2 through the system's OpenSSH client, the way git does it:
/// `ssh [-p PORT] [USER@]HOST "git-upload-pack '/path'"`, with the user's own
/// agent, keys, known_hosts and ~/.ssh/config. Internal to src/adapters/.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace kith::git {

/// Registers the transport for ssh://, ssh+git://, git+ssh:// and scp-like
/// `[user@]host:path` URLs (once per process; called by ensure_init).
void register_ssh_transport();

/// The parts of an SSH remote URL.
struct SshTarget {
    std::string user; ///< empty: ssh decides (~/.ssh/config, the login name)
    std::string host;
    std::string port; ///< empty: ssh decides
    std::string path; ///< as the server's git-upload-pack gets it
};

/// Parses `ssh://[user@]host[:port]/path` (also ssh+git://, git+ssh://) and
/// `[user@]host:path`. nullopt with `why` set for a URL it refuses: a host or
/// path that ssh would read as an option (CVE-2017-1000117), a port that is
/// not a number.
std::optional<SshTarget> parse_ssh_url(const std::string& url, std::string& why);

/// `'text'` for a POSIX shell, as git's sq_quote_buf makes it.
std::string shell_quote(const std::string& text);

/// The argument vector kith runs for `service` ("git-upload-pack" or
/// "git-receive-pack"): `ssh_command` (from $GIT_SSH_COMMAND or core.sshCommand,
/// run by `sh -c`), else `ssh_program` ($GIT_SSH, run as it is), else `ssh`.
std::vector<std::string> ssh_argv(const SshTarget& target, const std::string& service, const std::string& ssh_command,
                                  const std::string& ssh_program);

/// write(2) to a pipe whose reader may be gone: EPIPE instead of SIGPIPE
/// killing kith (the signal is blocked for this thread while writing, and one
/// it raised is taken off the pending set).
long write_without_sigpipe(int fd, const char* data, std::size_t len);

} // namespace kith::git
