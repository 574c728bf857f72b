#include "kith/parse/config.hpp"

#include "kith/parse/file.hpp"
#include "kith/parse/headings.hpp"
#include "kith/parse/front_matter.hpp"
#include "kith/parse/text.hpp"

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

} // namespace kith
