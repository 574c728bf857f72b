#pragma once
/// Which files `kith sync` merges as notes, and what it does with the rest
/// when both machines changed them (docs/sync.md, "files kith does not own").
/// Internal to src/adapters/.

#include <string>
#include <vector>

namespace kith {

/// Editor state that never blocks a sync: Obsidian's window layout and cache,
/// its trash, the file managers' droppings. `sync_ignore` in the config adds
/// patterns.
const std::vector<std::string>& default_sync_ignore();

/// Whether vault-relative `path` matches one of `patterns`: `name/` is a
/// folder anywhere (and everything in it), a pattern without `/` matches a
/// file's name in any folder, any other is matched against the whole path
/// (`*` stops at `/`), all as in .gitignore.
bool matches_sync_ignore(const std::string& path, const std::vector<std::string>& patterns);

enum class Ownership {
    Kith,        ///< Markdown notes and .kith/: merged line by line and key by key, a true conflict stops
    EditorState, ///< matches the ignore list: this machine's version wins, silently
    Other,       ///< anything else (attachments, plugin settings): git's line merge, else ours wins
                 ///< and the remote's version is kept beside it
};

Ownership ownership_of(const std::string& path, const std::vector<std::string>& extra_ignore);

/// Where the remote's version of a file kith does not own goes when both
/// sides changed it and git cannot merge them: `dir/name.conflict-ID.ext`
/// (the extension kept so that it opens as the file does).
std::string conflict_copy_path(const std::string& path, const std::string& short_id);

} // namespace kith
