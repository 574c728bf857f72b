#include "commands.hpp"

#include "kith/index/layout_check.hpp"
#include "kith/render/terminal.hpp"
#include "kith/parse/front_matter.hpp"

#include <fstream>
#include <map>

namespace kith::cli {
namespace {

std::string plural(std::size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

/// Whether the file at `path` has front matter with a `name:` key.
bool has_name_key(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string head(8192, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    std::string_view text = head;
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    const Split split = split_front_matter(text);
    if (!split.has_front_matter || split.unclosed) return false;
    std::size_t pos = 0;
    while (pos < split.yaml.size()) {
        std::size_t nl = split.yaml.find('\n', pos);
        std::string_view l = split.yaml.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        if (l.starts_with("name:")) return true;
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
    return false;
}

/// With no contacts at all: the folders whose notes look like contacts (a
/// `name:` in their front matter), as a hint to set `contact_folders`.
void hint_contact_folders(const Context& ctx, Diagnostics& ds) {
    if (!ctx.index->contacts().empty() || ctx.at) return;
    std::map<std::string, std::pair<std::size_t, std::string>> folders; // folder -> (count, first file)
    for (const Note& n : ctx.index->notes()) {
        const std::size_t slash = n.file.rfind('/');
        if (slash == std::string::npos || !has_name_key(ctx.vault / n.file)) continue;
        auto& [count, first] = folders[n.file.substr(0, slash)];
        if (count++ == 0) first = n.file;
    }
    for (const auto& [folder, found] : folders)
        ds.push_back({found.second, 1, Level::Warning,
                      "no contacts found, but " + std::to_string(found.first) + " note" +
                          (found.first == 1 ? "" : "s") + " in " + folder +
                          "/ have a 'name:' in their front matter: to read them as contacts, add "
                          "'contact_folders: [" + folder + "]' to .kith/config.yaml"});
}

int run(Context& ctx) {
    Diagnostics ds = ctx.index->diagnostics();
    for (Diagnostic& d : layout_warnings(*ctx.index)) ds.push_back(std::move(d));
    hint_contact_folders(ctx, ds);
    int errors = 0, warnings = 0;
    for (const Diagnostic& d : ds) (d.level == Level::Error ? errors : warnings)++;
    if (ctx.render.format == Format::Table) {
        for (const Diagnostic& d : ds) {
            const std::string line = format_diagnostic(d);
            if (ctx.render.color) ctx.out << styled(d.level == Level::Error ? "31" : "33", line, true) << '\n';
            else ctx.out << line << '\n';
        }
        ctx.err << errors << (errors == 1 ? " error, " : " errors, ") << warnings
                << (warnings == 1 ? " warning" : " warnings") << " in " << plural(ctx.index->contacts().size(), "contact")
                << " and " << plural(ctx.index->notes().size(), "note") << '\n';
    } else {
        Json items = Json::array();
        for (const Diagnostic& d : ds)
            items.push_back(Json{{"file", d.file}, {"line", d.line}, {"level", level_name(d.level)}, {"message", d.message}});
        if (ctx.render.format == Format::Json) {
            Json out;
            out["errors"] = errors;
            out["warnings"] = warnings;
            out["items"] = std::move(items);
            write_json(out, ctx.out);
        } else {
            write_csv(items, {"file", "line", "level", "message"}, ctx.out);
        }
    }
    return errors > 0 ? k_exit_failure : k_exit_ok;
}

} // namespace

const Command k_cmd_check{
    "check", "every problem in the vault, as path:line: level: message",
    "",
    "Errors (exit 1): files that cannot be read or parsed, a missing name, bad\n"
    "dates, durations or tiers, keys given twice, duplicate ids, merge-conflict\n"
    "markers. Warnings: unresolved or ambiguous links, entries dated after today,\n"
    "impossible dates in items, follow-ups whose due date cannot be read, file\n"
    "names Windows reserves (con, aux...), ids that differ only in accents or\n"
    "Unicode normalisation (one file on macOS), front-matter keys that look\n"
    "misspelled (emails: for email:), dates kith does not read (2026/10/01),\n"
    "repeat rules it cannot follow, journal notes without a date, and, in a\n"
    "vault with no contacts, folders of notes that look like contacts.",
    Needs::Vault, nullptr, 0, run};

} // namespace kith::cli
