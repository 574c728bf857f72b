#include "commands.hpp"

#include "adapters/sync.hpp"
#include "../adapters/fs_source.hpp"
#include "kith/vault/load.hpp"

#include "kith/parse/sync_config.hpp"

#include <algorithm>
#include <fstream>

namespace kith::cli {
namespace {

void options(po::options_description& o) {
    using strings = std::vector<std::string>;
    o.add_options()
        ("remote", po::value<std::string>()->value_name("NAME"), "the remote to sync with (default origin)")
        ("branch", po::value<std::string>()->value_name("B"), "the branch (default the current one)")
        ("dry-run", po::bool_switch(), "fetch and say what would happen; change nothing, push nothing")
        ("add-remote", po::value<std::string>()->value_name("URL"), "add the remote (a path, file://, ssh or https URL), then sync")
        ("ours", po::value<strings>()->value_name("FILE"), "settle a conflict in FILE by keeping this machine's version")
        ("theirs", po::value<strings>()->value_name("FILE"), "settle a conflict in FILE by taking the remote's version");
}

const char* kind_name(FileChange::Kind k) {
    switch (k) {
    case FileChange::Kind::Added: return "added";
    case FileChange::Kind::Changed: return "changed";
    case FileChange::Kind::Deleted: return "deleted";
    }
    return "?";
}

Json changes_json(const std::vector<FileChange>& changes) {
    Json out = Json::array();
    for (const auto& c : changes)
        out.push_back(Json{{"file", c.path}, {"change", kind_name(c.kind)}, {"items_added", c.items_added}});
    return out;
}

/// "3 files (1 contact added, 2 changed; 5 entries added)"
std::string summary(const std::vector<FileChange>& changes) {
    int added = 0, changed = 0, deleted = 0, items = 0;
    for (const auto& c : changes) {
        (c.kind == FileChange::Kind::Added ? added : c.kind == FileChange::Kind::Deleted ? deleted : changed)++;
        items += c.items_added;
    }
    std::string s = std::to_string(changes.size()) + (changes.size() == 1 ? " file" : " files");
    std::vector<std::string> parts;
    if (added) parts.push_back(std::to_string(added) + " added");
    if (changed) parts.push_back(std::to_string(changed) + " changed");
    if (deleted) parts.push_back(std::to_string(deleted) + " deleted");
    std::string detail;
    for (const auto& p : parts) detail += (detail.empty() ? "" : ", ") + p;
    // Only the parts that say something: no "(; 0 entries ...)".
    if (items) detail += (detail.empty() ? "" : "; ") + std::to_string(items) +
                         (items == 1 ? " entry or follow-up" : " entries and follow-ups") + " added";
    return detail.empty() ? s : s + " (" + detail + ")";
}

int run(Context& ctx) {
    Repo* repo = ctx.writer->repo();
    if (!repo) throw Failure("the vault is not in a git repository: run 'git init' (or 'kith init') first");
    SyncOptions o;
    o.remote = ctx.opt<std::string>("remote");
    o.branch = ctx.opt<std::string>("branch");
    o.dry_run = ctx.flag("dry-run");
    o.add_remote_url = ctx.opt<std::string>("add-remote");
    if (std::ifstream in(ctx.vault / k_config_path, std::ios::binary); in)
        o.ignore = sync_ignore_patterns(std::string(std::istreambuf_iterator<char>(in), {}));
    for (const auto& f : ctx.opt<std::vector<std::string>>("ours").value_or(std::vector<std::string>{})) o.resolve[f] = Side::Ours;
    for (const auto& f : ctx.opt<std::vector<std::string>>("theirs").value_or(std::vector<std::string>{})) {
        if (o.resolve.count(f)) throw UsageError("'" + f + "' is given to both --ours and --theirs");
        o.resolve[f] = Side::Theirs;
    }

    SyncReport r;
    try {
        VaultWriter::GitGuard guard(*repo);
        r = run_sync(*repo, ctx.vault, o);
    } catch (const GitError& e) {
        throw Failure(std::string(e.what()) + "\n(your local changes are committed and kept; sync again when this is fixed)");
    }

    if (ctx.render.format == Format::Json) {
        Json conflicts = Json::array();
        for (const auto& fc : r.conflicts)
            for (const auto& c : fc.conflicts)
                conflicts.push_back(Json{{"file", fc.path}, {"what", c.what}, {"ours", c.ours}, {"theirs", c.theirs}});
        write_json(Json{{"remote", r.remote},
                        {"url", r.url},
                        {"branch", r.branch},
                        {"dry_run", o.dry_run},
                        {"committed", r.committed},
                        {"integration", r.integration},
                        {"incoming", changes_json(r.incoming)},
                        {"outgoing", changes_json(r.outgoing)},
                        {"pushed", r.pushed},
                        {"conflicts", conflicts},
                        {"kept_ours", r.kept_ours},
                        {"conflict_copies", r.conflict_copies},
                        {"adopted", r.adopted},
                        {"upstream_set", r.upstream_set}},
                   ctx.out);
    } else {
        if (!r.committed.empty()) {
            ctx.out << (o.dry_run ? "would commit " : "committed ") << r.committed.size() << " local "
                    << (r.committed.size() == 1 ? "file" : "files") << ":";
            for (const auto& f : r.committed) ctx.out << ' ' << f;
            ctx.out << '\n';
        }
        if (r.adopted)
            ctx.out << (o.dry_run ? "would take " : "took ") << r.remote << "/" << r.branch
                    << "'s history: this vault held only what 'kith init' made\n";
        if (r.integration == "up-to-date" || r.integration == "no-remote-branch") {
            ctx.out << "nothing new from " << r.remote << '\n';
        } else if (r.integration != "conflict") {
            ctx.out << (o.dry_run ? "would bring in " : "brought in ") << summary(r.incoming) << " from " << r.remote
                    << (r.integration == "merge" ? " (merged)" : " (fast-forward)") << '\n';
            for (const auto& c : r.incoming)
                ctx.out << "  " << kind_name(c.kind) << ' ' << c.path
                        << (c.items_added ? " +" + std::to_string(c.items_added) : std::string()) << '\n';
        }
        for (const auto& f : r.kept_ours) {
            ctx.out << "kept this machine's " << f << " (changed on both machines; kith does not merge it)";
            const std::string copy_prefix = f.substr(0, f.rfind('.') == std::string::npos ? f.size() : f.rfind('.'));
            for (const auto& c : r.conflict_copies)
                if (c.rfind(copy_prefix + ".conflict-", 0) == 0) ctx.out << "; the remote's version is " << c;
            ctx.out << '\n';
        }
        if (r.upstream_set) ctx.out << "branch " << r.branch << " now tracks " << r.remote << "/" << r.branch << '\n';
        if (!r.outgoing.empty() || r.pushed)
            ctx.out << (o.dry_run ? "would push " : "pushed ") << summary(r.outgoing) << " to " << r.remote << '/'
                    << r.branch << '\n';
        else if (r.integration != "conflict")
            ctx.out << "nothing to push\n";
    }
    // A config the remote broke stops every other command: say so now, while
    // the user knows where it came from.
    const bool config_came = std::any_of(r.incoming.begin(), r.incoming.end(),
                                         [](const FileChange& c) { return c.path == k_config_path; });
    if (config_came && !o.dry_run) {
        FsSource source(ctx.vault);
        try {
            (void)load_config(source);
        } catch (const ConfigError& e) {
            for (const Diagnostic& d : e.diagnostics) ctx.err << format_diagnostic(d) << '\n';
            ctx.err << "kith: warning: the config brought in from " << r.remote
                    << " cannot be used, so other commands will refuse to run; fix " << k_config_path
                    << " and commit it, or run 'kith sync' again once the remote has fixed it\n";
        }
    }
    if (r.integration == "conflict") {
        std::string msg = "sync stopped on true conflicts; nothing was changed, your local commit is kept:";
        for (const auto& fc : r.conflicts) {
            for (const auto& c : fc.conflicts) {
                msg += "\n  " + fc.path + (c.what.empty() ? std::string() : ": " + c.what);
                if (!c.ours.empty() || !c.theirs.empty())
                    msg += "\n    here:   " + c.ours.substr(0, c.ours.find('\n')) + "\n    remote: " +
                           c.theirs.substr(0, c.theirs.find('\n'));
            }
        }
        msg += "\nsettle each file with 'kith sync --ours FILE' or '--theirs FILE', or edit it to agree, then sync again";
        throw Failure(msg);
    }
    return k_exit_ok;
}

} // namespace

const Command k_cmd_sync{
    "sync", "commit local changes, fetch, merge, push: carry the vault between machines",
    "[--remote NAME] [--branch B] [--dry-run] [--add-remote URL] [--ours FILE]... [--theirs FILE]...",
    "Merges the way a person would: both machines' log entries and follow-ups are\n"
    "kept, front-matter keys merge one by one, and a true conflict (the same key or\n"
    "line changed differently on both sides) stops the sync with nothing changed.\n"
    "Example: kith sync --add-remote ssh://server/srv/network.git",
    Needs::Write, options, 0, run};

} // namespace kith::cli
