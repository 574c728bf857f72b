#pragma once
// Helpers shared by the tests: build an index from files held in memory, run
// the CLI in-process, and copy sample-vault to a temporary folder.

#include "cli/cli.hpp"
#include "kith/index/vault_index.hpp"
#include "kith/parse/file.hpp"
#include "kith/vault/load.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace kith::test {

inline Date day(const char* iso) {
    auto d = Date::parse(iso);
    EXPECT_TRUE(d.has_value()) << iso;
    return d.value_or(Date{});
}

/// An index over `files` (vault-relative path -> content), computed for `today`.
inline VaultIndex index_of(std::map<std::string, std::string> files, const char* today = "2026-11-22") {
    MemorySource src(std::move(files));
    return load_vault(src, day(today), LoadOptions{1});
}

/// The JSON of remind, dormant and reciprocity, then every diagnostic, a
/// line each: what two loads of the same vault must agree on.
inline std::string all_reports(const VaultIndex& ix, Date today) {
    std::string out;
    for (const auto& j : {to_json(remind(ix, today, {})), to_json(dormant(ix, today, {})),
                          to_json(reciprocity(ix, today, {}))})
        out += j.dump() + "\n";
    for (const Diagnostic& d : ix.diagnostics()) out += format_diagnostic(d) + "\n";
    return out;
}

/// Front matter plus body for a contact file.
inline std::string contact(const std::string& front, const std::string& body = "") {
    return "---\n" + front + "\n---\n" + body;
}

/// The result of one in-process `kith ...` run.
struct KithRun {
    int status = -1;
    std::string out;
    std::string err;
};

/// Runs kith with `args` in `cwd`; `env` replaces the process environment.
inline KithRun run_kith(std::vector<std::string> args, std::map<std::string, std::string> env = {},
                    std::filesystem::path cwd = std::filesystem::current_path(), bool tty = false) {
    std::ostringstream out, err;
    cli::Environment e{out, err, tty,
                       [&env](const char* name) -> const char* {
                           auto it = env.find(name);
                           return it == env.end() ? nullptr : it->second.c_str();
                       },
                       std::move(cwd)};
    KithRun r;
    r.status = cli::run(args, e);
    r.out = out.str();
    r.err = err.str();
    return r;
}

/// A fresh temporary folder, removed when the object goes away.
class TempDir {
public:
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "kith-test-XXXXXX").string();
        if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
        m_path = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

inline std::filesystem::path source_dir() { return KITH_SOURCE_DIR; }

/// Copies sample-vault into `dir`/vault and returns that path.
inline std::filesystem::path copy_sample_vault(const TempDir& dir) {
    auto to = dir.path() / "vault";
    std::filesystem::copy(source_dir() / "sample-vault", to, std::filesystem::copy_options::recursive);
    std::filesystem::remove_all(to / ".kith" / "cache"); // git-ignored; left by a run on sample-vault
    return to;
}

inline void write_file(const std::filesystem::path& p, const std::string& content) {
    std::filesystem::create_directories(p.parent_path());
    FILE* f = std::fopen(p.c_str(), "wb");
    ASSERT_NE(f, nullptr) << p;
    std::fwrite(content.data(), 1, content.size(), f);
    std::fclose(f);
}

inline std::string read_text(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// `--vault VAULT --today 2026-11-22`, then `rest`: how the CLI tests run
/// kith on their copy of a vault.
inline std::vector<std::string> vault_args(const std::filesystem::path& vault, const std::vector<std::string>& rest) {
    std::vector<std::string> full{"--vault", vault.string(), "--today", "2026-11-22"};
    full.insert(full.end(), rest.begin(), rest.end());
    return full;
}

/// The entry texts of a contact file, as kith parses them.
inline std::vector<std::string> entries_of(const std::string& rel, const std::string& text) {
    ParsedFile pf = parse_file(rel, text, FileKind::Contact);
    std::vector<std::string> out;
    if (pf.contact)
        for (const Entry& e : pf.contact->body.entries) out.emplace_back(e.text());
    return out;
}

/// Compares `actual` with `tests/cli/golden/NAME`; with KITH_UPDATE_GOLDEN
/// set, rewrites the golden file instead (then review the diff in git).
inline void expect_golden(const std::string& name, const std::string& actual) {
    const std::filesystem::path golden = source_dir() / "tests/cli/golden" / name;
    if (const char* u = std::getenv("KITH_UPDATE_GOLDEN"); u && *u) write_file(golden, actual);
    ASSERT_TRUE(std::filesystem::exists(golden)) << "missing golden file " << golden;
    EXPECT_EQ(actual, read_text(golden)) << "golden " << name;
}

/// Runs `cmd` with /bin/sh; its exit status, or -1 when it did not exit.
inline int shell(const std::string& cmd) {
    int rc = std::system(cmd.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

/// `p` in single quotes for the shell (test paths hold no quote).
inline std::string quoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

/// Sets (or with nullptr unsets) an environment variable for the life of the object.
class EnvVar {
public:
    EnvVar(const char* name, const char* value) : m_name(name) {
        if (const char* old = std::getenv(name)) m_old = old;
        if (value) ::setenv(name, value, 1);
        else ::unsetenv(name);
    }
    ~EnvVar() {
        if (m_old) ::setenv(m_name, m_old->c_str(), 1);
        else ::unsetenv(m_name);
    }
    EnvVar(const EnvVar&) = delete;
    EnvVar& operator=(const EnvVar&) = delete;

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

/// Starts the kith binary with `args`, its output going to `log` (appended);
/// returns the child's pid.
inline pid_t spawn_kith(const std::vector<std::string>& args, const std::string& log = "/dev/null") {
    std::vector<std::string> argv{KITH_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    pid_t pid = ::fork();
    if (pid == 0) {
        int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) {
            ::dup2(fd, 1);
            ::dup2(fd, 2);
        }
        std::vector<char*> raw;
        for (auto& a : argv) raw.push_back(a.data());
        raw.push_back(nullptr);
        ::execv(raw[0], raw.data());
        ::_exit(127);
    }
    return pid;
}

/// Waits for `pid`: its exit status, or 128 + the signal that ended it.
inline int wait_for(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/// Copies sample-vault into `dir`/vault and makes it a git repository with one commit.
inline std::filesystem::path git_sample_vault(const TempDir& dir) {
    auto v = copy_sample_vault(dir);
    EXPECT_EQ(shell("cd " + quoted(v) + " && git init -q -b main && git add -A && "
                    "git -c user.name=Setup -c user.email=setup@example.com commit -qm initial"),
              0);
    return v;
}

/// Whether `git fsck --full` finds nothing wrong in the repository at `repo`.
inline bool git_fsck_clean(const std::filesystem::path& repo) {
    return shell("cd " + quoted(repo) + " && git fsck --full --no-progress --no-dangling >/dev/null 2>&1") == 0;
}

/// What a crashed writer could leave behind: kith's temporary files anywhere
/// under `root` (`.NAME.kith-XXXXXX`), and git lock files and libgit2
/// temporary files under `.git`. Vault-relative paths.
inline std::vector<std::string> leftovers(const std::filesystem::path& root) {
    std::vector<std::string> out;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const std::string rel = it->path().lexically_relative(root).generic_string();
        const bool in_git = rel.rfind(".git/", 0) == 0;
        const bool temp = name.size() > 12 && name.front() == '.' && name.find(".kith-") == name.size() - 12;
        const bool git_junk = in_git && (it->path().extension() == ".lock" || name.find("_git2_") != std::string::npos ||
                                         name == "kith-in-progress");
        if (temp || git_junk) out.push_back(rel);
    }
    return out;
}

/// A tmpfs of `size` (e.g. "8m") mounted on `dir` for the life of the object;
/// mounted() is false (and error() says why) where mounting is not allowed
/// (not root, no CAP_SYS_ADMIN): tests skip then.
class TmpfsMount {
public:
    TmpfsMount(const std::filesystem::path& dir, const char* size) : m_dir(dir) {
        std::filesystem::create_directories(dir);
        const std::string opts = std::string("size=") + size;
        if (::mount("tmpfs", dir.c_str(), "tmpfs", 0, opts.c_str()) == 0) m_mounted = true;
        else m_error = std::strerror(errno);
    }
    ~TmpfsMount() {
        if (m_mounted) ::umount2(m_dir.c_str(), MNT_DETACH);
    }
    TmpfsMount(const TmpfsMount&) = delete;
    TmpfsMount& operator=(const TmpfsMount&) = delete;
    bool mounted() const { return m_mounted; }
    const std::string& error() const { return m_error; }

    /// Fills the file system but for about `free_bytes`, with the file `filler`.
    void fill(const std::filesystem::path& filler, std::uint64_t free_bytes) const {
        struct statvfs st {};
        ASSERT_EQ(::statvfs(m_dir.c_str(), &st), 0);
        const std::uint64_t avail = std::uint64_t{st.f_bavail} * st.f_frsize;
        int fd = ::open(filler.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ASSERT_GE(fd, 0);
        const std::string block(4096, 'x');
        std::uint64_t left = avail > free_bytes ? avail - free_bytes : 0;
        while (left > 0) {
            ssize_t n = ::write(fd, block.data(), std::min<std::uint64_t>(left, block.size()));
            if (n <= 0) break;
            left -= static_cast<std::uint64_t>(n);
        }
        ::close(fd);
    }

private:
    std::filesystem::path m_dir;
    bool m_mounted = false;
    std::string m_error;
};

/// How many lines of `text` contain `needle`.
inline int count_lines_with(const std::string& text, const std::string& needle) {
    int n = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t nl = text.find('\n', pos);
        if (nl == std::string::npos) nl = text.size();
        if (std::string_view(text).substr(pos, nl - pos).find(needle) != std::string_view::npos) ++n;
        pos = nl + 1;
    }
    return n;
}

/// The lines of `after` that are not in `before`, when `after` is `before`
/// with lines inserted; nullopt when a line of `before` was changed or lost.
inline std::optional<std::vector<std::string>> lines_added(const std::string& before, const std::string& after) {
    auto split = [](const std::string& s) {
        std::vector<std::string> out;
        std::size_t pos = 0;
        while (pos < s.size()) {
            std::size_t nl = s.find('\n', pos);
            out.push_back(s.substr(pos, nl == std::string::npos ? std::string::npos : nl + 1 - pos));
            if (nl == std::string::npos) break;
            pos = nl + 1;
        }
        return out;
    };
    auto a = split(before), b = split(after);
    std::vector<std::string> extra;
    std::size_t i = 0;
    for (const auto& line : b) {
        if (i < a.size() && a[i] == line) ++i;
        else extra.push_back(line);
    }
    if (i != a.size()) return std::nullopt;
    return extra;
}

} // namespace kith::test
