#include "adapters/sync_policy.hpp"

#include <fnmatch.h>

namespace kith {

const std::vector<std::string>& default_sync_ignore() {
    static const std::vector<std::string> patterns{
        ".obsidian/workspace",  ".obsidian/workspace*.json", ".obsidian/cache", ".obsidian/graph.json",
        ".trash/",              ".DS_Store",                 "Thumbs.db",       "desktop.ini",
        ".kith/cache/",
    };
    return patterns;
}

namespace {

bool matches(const std::string& path, const std::string& pattern) {
    if (pattern.empty()) return false;
    if (pattern.back() == '/') {
        const std::string dir = pattern.front() == '/' ? pattern.substr(1) : pattern;
        if (path.rfind(dir, 0) == 0) return true;
        return pattern.front() != '/' && path.find("/" + dir) != std::string::npos;
    }
    if (pattern.find('/') == std::string::npos) {
        const auto slash = path.rfind('/');
        const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
        return ::fnmatch(pattern.c_str(), name.c_str(), FNM_PERIOD) == 0;
    }
    const std::string p = pattern.front() == '/' ? pattern.substr(1) : pattern;
    // A path pattern also covers everything in the folder it names.
    if (::fnmatch(p.c_str(), path.c_str(), FNM_PATHNAME) == 0) return true;
    for (auto slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1))
        if (::fnmatch(p.c_str(), path.substr(0, slash).c_str(), FNM_PATHNAME) == 0) return true;
    return false;
}

} // namespace

bool matches_sync_ignore(const std::string& path, const std::vector<std::string>& patterns) {
    for (const auto& p : patterns)
        if (matches(path, p)) return true;
    return false;
}

Ownership ownership_of(const std::string& path, const std::vector<std::string>& extra_ignore) {
    if (matches_sync_ignore(path, default_sync_ignore()) || matches_sync_ignore(path, extra_ignore))
        return Ownership::EditorState;
    if (path.rfind(".kith/", 0) == 0) return Ownership::Kith;
    if (path.size() > 3 && path.compare(path.size() - 3, 3, ".md") == 0) return Ownership::Kith;
    return Ownership::Other;
}

std::string conflict_copy_path(const std::string& path, const std::string& short_id) {
    const auto slash = path.rfind('/');
    const std::size_t name_at = slash == std::string::npos ? 0 : slash + 1;
    auto dot = path.rfind('.');
    if (dot == std::string::npos || dot <= name_at) dot = path.size(); // no extension, or a dot-file's name
    return path.substr(0, dot) + ".conflict-" + short_id + path.substr(dot);
}

} // namespace kith
