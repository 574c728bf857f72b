#pragma once
/// One containment rule for every path kith reads or writes in a vault.
///
/// Two halves. The rules are pure functions of strings (no disk, no libgit2,
/// so a fuzz target can call them): which names git itself refuses to check
/// out on any platform (its `verify_path` with the NTFS and HFS+ protections
/// on), and whether a list of incoming tree entries may be applied to a work
/// tree at all. The file system half opens, reads and writes vault-relative
/// paths one component at a time with `openat(O_NOFOLLOW)`, so that no
/// symbolic link, on the way or at the end, takes a read or a write somewhere
/// else, and refuses FIFOs, devices and sockets with an error instead of
/// blocking on them. See docs/security.md.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace kith::safe {

/// A path the rules refuse, or a file that is a link or not a regular file;
/// the message is for the user and names the path.
struct PathError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// ------------------------------------------------------------------- rules

/// Whether one path component names the repository folder on some file
/// system: `.git` in any case, with trailing spaces or dots, followed by an
/// NTFS stream (`.git::$INDEX_ALLOCATION`), its 8.3 short name `git~1`, or
/// with HFS+'s ignored code points inside (U+200C..U+200F, U+202A..U+202E,
/// U+206A..U+206F, U+FEFF).
bool is_dotgit(std::string_view component);

/// The same for `.gitmodules` (and NTFS's short names `gitmod~N`, `gi7eba~N`).
bool is_dotgitmodules(std::string_view component);

/// Why git would refuse `name` as one component of a checked-out path, or
/// nullopt when it is fine: empty, `.`, `..`, a `/` or NUL inside, a `.git`
/// in any spelling (also after a backslash, which NTFS reads as a
/// separator), and `.gitmodules` in any spelling when it is a link.
std::optional<std::string> component_problem(std::string_view name, bool is_link = false);

/// component_problem for each `/`-separated component of `rel`.
std::optional<std::string> path_problem(std::string_view rel, bool is_link = false);

/// Git's file modes as stored in trees.
inline constexpr std::uint32_t k_mode_tree = 0040000;
inline constexpr std::uint32_t k_mode_blob = 0100644;
inline constexpr std::uint32_t k_mode_exec = 0100755;
inline constexpr std::uint32_t k_mode_link = 0120000;
inline constexpr std::uint32_t k_mode_gitlink = 0160000;

/// One entry of an incoming tree, flattened: its full path (components
/// joined by `/`), its own name as the tree stores it (which may hold a `/`,
/// so that the path alone would hide it), its mode, and for a link the link's
/// target.
struct TreeItem {
    std::string path;
    std::string name;
    std::uint32_t mode = k_mode_blob;
    std::string target;
};

/// Why a tree is refused: the entry's path and the reason.
struct Refusal {
    std::string path;
    std::string why;
};

/// Whether a whole tree may be written to a work tree; the first problem in
/// entry order, or nullopt. Refused: names git refuses (component_problem),
/// two entries with the same path (also differing only in ASCII case when
/// one of them is a link), an entry whose folder is a link in the same tree,
/// submodules (gitlinks), `.gitmodules`, modes other than file, executable,
/// link and folder, and links whose target is empty, absolute, holds a
/// backslash or NUL, leaves `bound` (a folder prefix such as "notes/": links
/// under it must stay under it; links elsewhere must stay in the tree), or
/// leads into a `.git` (through any chain of links in the tree, at most 40).
std::optional<Refusal> check_tree(const std::vector<TreeItem>& items, std::string_view bound = "");

// ------------------------------------------------------------- file system

/// An owned file descriptor.
class Fd {
public:
    Fd() = default;
    explicit Fd(int fd) : m_fd(fd) {}
    Fd(Fd&& o) noexcept : m_fd(o.release()) {}
    Fd& operator=(Fd&& o) noexcept;
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd();
    int get() const { return m_fd; }
    int release() {
        int fd = m_fd;
        m_fd = -1;
        return fd;
    }
    explicit operator bool() const { return m_fd >= 0; }

private:
    int m_fd = -1;
};

/// How the folders on the way to a file are opened.
enum class Folders {
    NoLinks,     ///< a link anywhere on the way is refused
    LinksInside, ///< a link is followed when it leads to a folder inside the root and under no dot-name (.git)
};

/// Opens the folder `rel_dir` (vault-relative, "" for the root) below `root`
/// component by component. Missing folders are created when `create`, else
/// the result is empty (no error). PathError when a component is a link
/// (NoLinks), leads out (LinksInside), or is not a folder; `shown` is the path
/// named in messages.
Fd open_folder(const std::filesystem::path& root, std::string_view rel_dir, bool create, Folders folders,
               std::string_view shown);

/// Reads `root`/`rel` whole when it is a regular file of at most `max_bytes`;
/// nullopt when it does not exist. PathError when the file or a folder on the
/// way is a link, when it is a FIFO, device, socket or folder (never blocks),
/// or when it is larger (the message names the limit); `what` names the file
/// in messages ("the config", "the template templates/review.md").
std::optional<std::string> read_contained(const std::filesystem::path& root, std::string_view rel,
                                          std::size_t max_bytes, std::string_view what = {},
                                          Folders folders = Folders::NoLinks);

/// Replaces `root`/`rel` with `bytes` atomically (a temporary file in the same
/// folder, flushed, renamed over it, the folder flushed), creating missing
/// folders. Never through a link: the folders on the way are opened as
/// `folders` says and a link at `rel` itself is replaced, not followed.
/// `mode`: the permissions of a new file (the umask applied); an existing
/// file keeps its own unless `force_mode`. `before_rename` runs right before
/// the rename (throwing from it writes nothing).
void write_contained(const std::filesystem::path& root, std::string_view rel, std::string_view bytes,
                     Folders folders = Folders::NoLinks, mode_t mode = 0666, bool force_mode = false,
                     const std::function<void()>& before_rename = {});

/// Makes `root`/`rel` a symbolic link to `target` (replacing what is there
/// atomically), with the folders on the way opened without following links.
void symlink_contained(const std::filesystem::path& root, std::string_view rel, const std::string& target);

/// Removes the file or link `root`/`rel` (not a folder), then each folder on
/// the way that is left empty, up to the root. Missing is fine. Never follows
/// a link on the way.
void remove_contained(const std::filesystem::path& root, std::string_view rel);

/// The first folder on the way to `rel` (a proper prefix of it) that is a
/// symbolic link on disk below `root`, or nullopt. One lstat per existing
/// component; stops at the first missing one.
std::optional<std::string> linked_prefix(const std::filesystem::path& root, std::string_view rel);

} // namespace kith::safe
