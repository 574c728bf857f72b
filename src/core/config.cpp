#include "kith/parse/config.hpp"
#include "kith/parse/sync_config.hpp"

#include "kith/parse/file.hpp"
#include "kith/parse/headings.hpp"
#include "kith/parse/front_matter.hpp"
#include "kith/parse/text.hpp"

#include <algorithm>

namespace kith {
namespace {

bool heading_ok(std::string_view t) {
    return !t.empty() && t.find_first_of("\r\n") == std::string_view::npos && t.front() != '#';
}

} // namespace

Headings parse_headings(std::string_view config_text) {
    Headings h;
    Diagnostics ignored;
    if (config_text.find('\0') != std::string_view::npos || first_invalid_utf8_line(config_text)) return h;
    auto root = parse_yaml(config_text, 1, k_config_path, ignored);
    if (!root || root->kind != YamlNode::Kind::Map) return h;
    for (std::size_t i = 0; i + 1 < root->items.size(); i += 2) {
        const YamlNode& k = root->items[i];
        const YamlNode& v = root->items[i + 1];
        if (!k.is_scalar() || !v.is_scalar() || !heading_ok(trim(v.scalar))) continue;
        if (k.scalar == "log_heading") h.log = std::string(trim(v.scalar));
        if (k.scalar == "todo_heading") h.todo = std::string(trim(v.scalar));
    }
    return h;
}

std::string Config::tier_list() const {
    std::string out;
    for (const auto& [name, days] : tiers) out += (out.empty() ? "" : ", ") + name;
    return out;
}

std::optional<std::string> contact_folder(std::string_view written, std::string& why) {
    std::string_view f = written;
    while (!f.empty() && (f.front() == ' ' || f.front() == '\t')) f.remove_prefix(1);
    while (!f.empty() && (f.back() == ' ' || f.back() == '\t')) f.remove_suffix(1);
    while (f.starts_with("./")) f.remove_prefix(2);
    while (f.ends_with("/")) f.remove_suffix(1);
    if (f.empty()) {
        why = "it is empty";
        return std::nullopt;
    }
    if (written.find_first_of("/") == 0) {
        why = "give a folder inside the vault, relative to it";
        return std::nullopt;
    }
    if (f.find('\\') != std::string_view::npos || f.find('\0') != std::string_view::npos) {
        why = "separate folders with '/'";
        return std::nullopt;
    }
    std::size_t start = 0;
    bool first = true;
    while (start <= f.size()) {
        const std::size_t slash = f.find('/', start);
        const std::string_view part = f.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        if (part.empty() || part.front() == '.') {
            why = "a folder whose name is empty or starts with '.' is never read";
            return std::nullopt;
        }
        if (first && part == "templates") {
            why = "templates/ holds templates, neither contacts nor notes";
            return std::nullopt;
        }
        first = false;
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return std::string(f);
}

Config parse_config(std::string_view text, Diagnostics& out) {
    Config cfg;
    const std::string file = k_config_path;
    if (std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
        int line = 1;
        for (std::size_t i = 0; i < nul; ++i) line += text[i] == '\n';
        out.push_back({file, line, Level::Error, "the config contains a NUL byte (is it a binary file?)"});
        return cfg;
    }
    if (int bad = first_invalid_utf8_line(text)) {
        out.push_back({file, bad, Level::Error, "the config is not valid UTF-8"});
        return cfg;
    }
    auto root = parse_yaml(text, 1, file, out);
    if (!root) return cfg;
    if (root->is_null()) return cfg;
    if (root->kind != YamlNode::Kind::Map) {
        out.push_back({file, root->line, Level::Error,
                       std::string("the config must be a mapping (key: value lines), not ") + root->kind_name()});
        return cfg;
    }
    auto error = [&](int line, std::string m) { out.push_back({file, line, Level::Error, std::move(m)}); };
    auto scalar = [&](const std::string& key, const YamlNode& v) -> std::optional<std::string> {
        if (v.is_scalar()) return v.scalar;
        error(v.line, "'" + key + "' must be a single value, not " + v.kind_name());
        return std::nullopt;
    };
    // Cadence-like values: a duration (at least 1d) or, where allowed, none.
    // Returns false (after reporting) when the value is not usable.
    auto cadence = [&](const std::string& key, const YamlNode& v, bool allow_none,
                       std::optional<std::int32_t>& into) {
        auto s = scalar(key, v);
        if (!s) return false;
        if (*s == "none" && allow_none) {
            into = std::nullopt;
            return true;
        }
        auto d = Duration::parse(*s);
        if (!d || d->days < 1) {
            error(v.line, "'" + key + "' is not a duration: \"" + *s + "\" (expected e.g. 30d, 6w, 3m, 1y" +
                              (allow_none ? " or none)" : ")"));
            return false;
        }
        into = d->days;
        return true;
    };
    std::map<std::string, int> seen;
    for (std::size_t i = 0; i + 1 < root->items.size(); i += 2) {
        const YamlNode& k = root->items[i];
        const YamlNode& v = root->items[i + 1];
        if (!k.is_scalar()) {
            error(k.line, "config keys must be strings");
            continue;
        }
        const std::string& key = k.scalar;
        if (seen.count(key)) {
            error(k.line, "'" + key + "' is given more than once (lines " + std::to_string(seen[key]) + " and " +
                              std::to_string(k.line) + ")");
            continue;
        }
        seen[key] = k.line;
        if (v.is_null()) continue; // empty: the default stays
        if (key == "tiers") {
            if (v.kind != YamlNode::Kind::Map) {
                error(v.line, std::string("'tiers' must be a mapping of tier name to cadence, not ") + v.kind_name());
                continue;
            }
            std::map<std::string, int> tier_seen;
            for (std::size_t j = 0; j + 1 < v.items.size(); j += 2) {
                const YamlNode& tk = v.items[j];
                if (!tk.is_scalar() || tk.scalar.empty()) {
                    error(tk.line, "tier names must be strings");
                    continue;
                }
                if (tier_seen.count(tk.scalar)) {
                    error(tk.line, "tier '" + tk.scalar + "' is given more than once");
                    continue;
                }
                tier_seen[tk.scalar] = tk.line;
                std::optional<std::int32_t> days;
                if (v.items[j + 1].is_null()) {
                    error(v.items[j + 1].line, "tier '" + tk.scalar + "' needs a cadence (e.g. 30d) or none");
                    continue;
                }
                if (cadence("tiers." + tk.scalar, v.items[j + 1], true, days)) cfg.tiers[tk.scalar] = days;
            }
        } else if (key == "default_cadence") {
            cadence(key, v, true, cfg.default_cadence);
        } else if (key == "remind_within" || key == "thank_within") {
            auto s = scalar(key, v);
            if (!s) continue;
            auto d = Duration::parse(*s);
            if (!d) {
                error(v.line, "'" + key + "' is not a duration: \"" + *s + "\" (expected e.g. 14d, 2w)");
                continue;
            }
            (key == "remind_within" ? cfg.remind_within : cfg.thank_within) = d->days;
        } else if (key == "autocommit") {
            auto s = scalar(key, v);
            if (!s) continue;
            if (v.plain && (*s == "true" || *s == "True" || *s == "TRUE")) cfg.autocommit = true;
            else if (v.plain && (*s == "false" || *s == "False" || *s == "FALSE")) cfg.autocommit = false;
            else error(v.line, "'autocommit' must be true or false, not \"" + *s + "\"");
        } else if (key == "sync_ignore") {
            // Read by sync alone (sync_ignore_patterns); checked here.
            if (v.is_scalar()) continue;
            if (v.kind != YamlNode::Kind::Sequence) {
                error(v.line, std::string("'sync_ignore' must be a list of patterns, not ") + v.kind_name());
                continue;
            }
            for (const YamlNode& item : v.items)
                if (!item.is_scalar() || item.scalar.empty())
                    error(item.line, "'sync_ignore' holds patterns (strings), not " + std::string(item.kind_name()));
        } else if (key == "contact_folders") {
            std::vector<const YamlNode*> items;
            if (v.is_scalar()) items.push_back(&v);
            else if (v.kind == YamlNode::Kind::Sequence)
                for (const YamlNode& item : v.items) items.push_back(&item);
            else {
                error(v.line, std::string("'contact_folders' must be a list of folders, not ") + v.kind_name());
                continue;
            }
            std::vector<std::string> folders;
            bool ok = true;
            for (const YamlNode* item : items) {
                if (!item->is_scalar()) {
                    error(item->line, "'contact_folders' must be a list of folders, but an item is " +
                                          std::string(item->kind_name()));
                    ok = false;
                    continue;
                }
                std::string why;
                auto folder = contact_folder(item->scalar, why);
                if (!folder) {
                    error(item->line, "'contact_folders' holds a bad folder \"" + item->scalar + "\": " + why);
                    ok = false;
                    continue;
                }
                if (std::find(folders.begin(), folders.end(), *folder) == folders.end()) folders.push_back(*folder);
            }
            if (ok && folders.empty()) error(v.line, "'contact_folders' names no folder (the default is [contacts])");
            else if (ok) cfg.contact_folders = std::move(folders);
        } else if (key == "log_heading" || key == "todo_heading") {
            auto s = scalar(key, v);
            if (!s) continue;
            if (!heading_ok(trim(*s)))
                error(v.line, "'" + key + "' must be a heading's title on one line, without '#', not \"" + *s + "\"");
        } else {
            out.push_back({file, k.line, Level::Warning, "unknown config key '" + key + "' is ignored"});
        }
    }
    return cfg;
}

std::vector<std::string> sync_ignore_patterns(std::string_view text) {
    std::vector<std::string> out;
    Diagnostics ignored;
    if (text.find('\0') != std::string_view::npos || first_invalid_utf8_line(text)) return out;
    auto root = parse_yaml(text, 1, k_config_path, ignored);
    if (!root || root->kind != YamlNode::Kind::Map) return out;
    for (std::size_t i = 0; i + 1 < root->items.size(); i += 2) {
        if (!root->items[i].is_scalar() || root->items[i].scalar != "sync_ignore") continue;
        const YamlNode& v = root->items[i + 1];
        if (v.is_scalar()) out.push_back(v.scalar);
        if (v.kind == YamlNode::Kind::Sequence)
            for (const YamlNode& item : v.items)
                if (item.is_scalar() && !item.scalar.empty()) out.push_back(item.scalar);
        break;
    }
    return out;
}

} // namespace kith
