// Fuzz target: the check sync runs on an incoming tree before anything is
// written (safe::check_tree in src/adapters/safe_path.hpp). The input is a
// list of entries, one a line: a first byte choosing the mode (its value
// modulo 6: folder, file, executable, link, submodule, an unknown mode; with
// 0x80 set, the entry's name is the whole path, slashes and all, as a
// hand-made tree may hold), then the path, and for a link a TAB and its
// target. Invariants: no crash or hang; the decision does not depend on the
// order of the entries; an accepted tree has no path git refuses, no entry
// below a link, no two entries with one path, and links whose targets are
// relative and name no .git; the decision is deterministic.

#include "fuzz_support.hpp"

#include "adapters/safe_path.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

using namespace kith::safe;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in = kith::fuzz::as_text(data, size);
    std::vector<TreeItem> items;
    while (!in.empty() && items.size() < 256) {
        const std::size_t nl = in.find('\n');
        std::string_view line = in.substr(0, nl);
        in.remove_prefix(nl == std::string_view::npos ? in.size() : nl + 1);
        if (line.empty()) continue;
        const auto kind = static_cast<unsigned char>(line.front());
        line.remove_prefix(1);
        static const std::uint32_t modes[] = {k_mode_tree, k_mode_blob, k_mode_exec, k_mode_link, k_mode_gitlink, 0100600};
        TreeItem t;
        t.mode = modes[(kind & 0x7F) % 6];
        const std::size_t tab = line.find('\t');
        t.path = std::string(line.substr(0, tab));
        if (t.mode == k_mode_link && tab != std::string_view::npos) t.target = std::string(line.substr(tab + 1));
        const std::size_t slash = t.path.rfind('/');
        t.name = (kind & 0x80) || slash == std::string::npos ? t.path : t.path.substr(slash + 1);
        items.push_back(std::move(t));
    }

    const auto first = check_tree(items);
    const auto again = check_tree(items);
    kith::fuzz::require(first.has_value() == again.has_value() && (!first || first->why == again->why),
                        "check_tree is deterministic");
    std::vector<TreeItem> reversed(items.rbegin(), items.rend());
    kith::fuzz::require(check_tree(reversed).has_value() == first.has_value(),
                        "the decision does not depend on the order of the entries");
    if (first) return 0;

    std::set<std::string> paths, links;
    for (const TreeItem& t : items) {
        kith::fuzz::require(!path_problem(t.path, t.mode == k_mode_link), "an accepted path is one git accepts");
        kith::fuzz::require(!component_problem(t.name, t.mode == k_mode_link), "an accepted name is one git accepts");
        kith::fuzz::require(paths.insert(t.path).second, "no two accepted entries share a path");
        kith::fuzz::require(t.mode != k_mode_gitlink, "no submodule is accepted");
        if (t.mode != k_mode_link) continue;
        links.insert(t.path);
        kith::fuzz::require(!t.target.empty() && t.target.front() != '/', "an accepted link is relative");
        std::size_t start = 0;
        while (start <= t.target.size()) {
            std::size_t end = std::min(t.target.find('/', start), t.target.size());
            kith::fuzz::require(!is_dotgit(std::string_view(t.target).substr(start, end - start)),
                                "an accepted link names no .git");
            start = end + 1;
        }
    }
    for (const TreeItem& t : items)
        for (std::size_t s = t.path.find('/'); s != std::string::npos; s = t.path.find('/', s + 1))
            kith::fuzz::require(!links.count(t.path.substr(0, s)), "no accepted entry lies below a link");
    return 0;
}
