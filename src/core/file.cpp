#include "kith/parse/file.hpp"

#include "kith/parse/body.hpp"
#include "kith/parse/front_matter.hpp"
#include "kith/parse/text.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <set>

namespace kith {

std::optional<FileKind> classify_path(std::string_view rel) {
    static const std::vector<std::string> k_default{"contacts"};
    return classify_path(rel, k_default);
}

std::optional<FileKind> classify_path(std::string_view rel, const std::vector<std::string>& contact_folders) {
    if (rel.size() < 4 || rel.substr(rel.size() - 3) != ".md") return std::nullopt;
    std::size_t start = 0;
    bool first = true;
    std::optional<FileKind> kind = FileKind::Note;
    while (start <= rel.size()) {
        std::size_t slash = rel.find('/', start);
        std::string_view part = rel.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        if (part.empty() || part.front() == '.') return std::nullopt;
        bool is_dir = slash != std::string_view::npos;
        if (first && is_dir && part == "templates") return std::nullopt;
        first = false;
        if (!is_dir) break;
        start = slash + 1;
    }
    for (const std::string& f : contact_folders)
        if (rel.size() > f.size() + 1 && rel[f.size()] == '/' && rel.starts_with(f)) return FileKind::Contact;
    return kind;
}

std::optional<Date> date_from_file_name(std::string_view rel) {
    std::size_t slash = rel.rfind('/');
    std::string_view name = slash == std::string_view::npos ? rel : rel.substr(slash + 1);
    if (!looks_like_iso_date(name)) return std::nullopt;
    if (name.size() > 10 && name[10] >= '0' && name[10] <= '9') return std::nullopt;
    return Date::parse(name.substr(0, 10));
}

/// The offset of the first byte that breaks UTF-8, or npos when valid.
static std::size_t first_invalid_utf8(std::string_view s) {
    std::size_t i = 0;
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    while (i < n) {
        // Runs of ASCII, eight bytes at a time.
        while (i + 8 <= n) {
            std::uint64_t w;
            std::memcpy(&w, p + i, 8);
            if (w & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i == n) break;
        unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c == 0xE0) { len = 3; lo = 0xA0; }
        else if (c >= 0xE1 && c <= 0xEC) len = 3;
        else if (c == 0xED) { len = 3; hi = 0x9F; }
        else if (c >= 0xEE && c <= 0xEF) len = 3;
        else if (c == 0xF0) { len = 4; lo = 0x90; }
        else if (c >= 0xF1 && c <= 0xF3) len = 4;
        else if (c == 0xF4) { len = 4; hi = 0x8F; }
        else return i;
        if (i + len > n) return i;
        if (p[i + 1] < lo || p[i + 1] > hi) return i;
        for (std::size_t k = 2; k < len; ++k)
            if (p[i + k] < 0x80 || p[i + k] > 0xBF) return i;
        i += len;
    }
    return std::string_view::npos;
}

/// The 1-based line of the first byte that breaks UTF-8, or 0 when valid.
int first_invalid_utf8_line(std::string_view s) {
    const std::size_t bad = first_invalid_utf8(s);
    if (bad == std::string_view::npos) return 0;
    return 1 + static_cast<int>(std::count(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(bad), '\n'));
}

namespace {

std::string stem_of(std::string_view rel) {
    std::size_t slash = rel.rfind('/');
    std::string_view name = slash == std::string_view::npos ? rel : rel.substr(slash + 1);
    return std::string(name.substr(0, name.size() - 3));
}

/// Git leaves `<<<<<<<`, `=======`, `>>>>>>>` lines in a file after a failed
/// merge; such a file says two things at once.
void check_conflict_markers(std::string_view text, const std::string& file, Diagnostics& out) {
    auto marker = [](std::string_view l, std::string_view m) {
        if (l.substr(0, 7) != m) return false;
        return l.size() == 7 || l[7] == ' ' || l[7] == '\r' || l[7] == '\t';
    };
    int line = 1;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t nl = text.find('\n', pos);
        std::string_view l = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        if (marker(l, "<<<<<<<") || marker(l, ">>>>>>>")) {
            out.push_back({file, line, Level::Error,
                           "merge conflict marker \"" + std::string(l.substr(0, 7)) +
                               "\": resolve the conflict and remove the marker lines"});
            return; // one report per file is enough to send the user there
        }
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
        ++line;
    }
}

std::optional<std::string> link_value(const YamlNode& v);

/// Reads typed values out of a front-matter mapping, reporting bad ones. A
/// value that is exactly one wiki link (`"[[Northwind Labs]]"`, Obsidian's
/// property link, quoted or not) is read as the link's target (VAULT.md v1.2).
class FieldReader {
public:
    FieldReader(const std::string& file, Diagnostics& out) : m_file(file), m_out(out) {}

    void error(int line, std::string message) { m_out.push_back({m_file, line, Level::Error, std::move(message)}); }

    std::optional<std::string> string(const std::string& key, const YamlNode& v) {
        if (v.is_empty()) return std::nullopt;
        if (auto link = link_value(v)) return link;
        if (!v.is_scalar()) {
            error(v.line, "'" + key + "' must be a string, not " + v.kind_name());
            return std::nullopt;
        }
        return v.scalar;
    }

    /// A list of strings, or one string.
    std::optional<std::vector<std::string>> strings(const std::string& key, const YamlNode& v) {
        if (v.is_empty()) return std::nullopt;
        if (auto link = link_value(v)) return std::vector<std::string>{*link};
        if (v.is_scalar()) return std::vector<std::string>{v.scalar};
        if (v.kind != YamlNode::Kind::Sequence) {
            error(v.line, "'" + key + "' must be a list of strings, not " + v.kind_name());
            return std::nullopt;
        }
        std::vector<std::string> out;
        for (const YamlNode& item : v.items) {
            if (item.is_empty()) continue;
            if (!item.is_scalar()) {
                error(item.line, "'" + key + "' must be a list of strings, but an item is " + item.kind_name());
                return std::nullopt;
            }
            if (auto link = link_value(item)) out.push_back(std::move(*link));
            else out.push_back(item.scalar);
        }
        return out;
    }

    std::optional<Date> date(const std::string& key, const YamlNode& v) {
        auto s = string(key, v);
        if (!s) return std::nullopt;
        auto d = Date::parse(*s);
        if (!d) error(v.line, "'" + key + "' is not a date: \"" + *s + "\" (expected YYYY-MM-DD)");
        return d;
    }

    std::optional<bool> boolean(const std::string& key, const YamlNode& v) {
        if (v.is_empty()) return std::nullopt;
        if (v.is_scalar() && v.plain) {
            const std::string& s = v.scalar;
            if (s == "true" || s == "True" || s == "TRUE") return true;
            if (s == "false" || s == "False" || s == "FALSE") return false;
        }
        error(v.line, "'" + key + "' must be true or false, not " +
                          (v.is_scalar() ? "\"" + v.scalar + "\"" : std::string(v.kind_name())));
        return std::nullopt;
    }

private:
    const std::string& m_file;
    Diagnostics& m_out;
};

std::string value_as_text(const YamlNode& v) {
    if (v.is_null()) return "";
    if (v.kind == YamlNode::Kind::Scalar) return v.scalar;
    if (v.kind == YamlNode::Kind::Sequence) {
        std::string out;
        for (const YamlNode& item : v.items) {
            if (!out.empty()) out += ", ";
            out += item.kind == YamlNode::Kind::Scalar ? item.scalar : "...";
        }
        return out;
    }
    return "{...}";
}

/// The keys of a mapping, each with its value, dropping (with an error) keys
/// given more than once and keys that are not strings.
std::vector<std::pair<const YamlNode*, const YamlNode*>> unique_keys(const YamlNode& map,
                                                                   const std::string& file,
                                                                   Diagnostics& out) {
    // The common case, string keys each given once, costs one small sort.
    std::vector<std::string_view> names;
    names.reserve(map.items.size() / 2);
    bool simple = true;
    for (std::size_t i = 0; i + 1 < map.items.size(); i += 2) {
        simple = simple && map.items[i].is_scalar();
        names.push_back(map.items[i].scalar);
    }
    std::sort(names.begin(), names.end());
    if (simple && std::adjacent_find(names.begin(), names.end()) == names.end()) {
        std::vector<std::pair<const YamlNode*, const YamlNode*>> keys;
        keys.reserve(map.items.size() / 2);
        for (std::size_t i = 0; i + 1 < map.items.size(); i += 2) keys.emplace_back(&map.items[i], &map.items[i + 1]);
        return keys;
    }

    std::map<std::string, std::vector<int>> lines;
    for (std::size_t i = 0; i + 1 < map.items.size(); i += 2)
        if (map.items[i].is_scalar()) lines[map.items[i].scalar].push_back(map.items[i].line);
    std::vector<std::pair<const YamlNode*, const YamlNode*>> keys;
    std::set<std::string> reported;
    for (std::size_t i = 0; i + 1 < map.items.size(); i += 2) {
        const YamlNode& k = map.items[i];
        if (!k.is_scalar()) {
            out.push_back({file, k.line, Level::Error, "front matter keys must be strings, not " +
                                                           std::string(k.kind_name())});
            continue;
        }
        const auto& at = lines[k.scalar];
        if (at.size() > 1) {
            if (reported.insert(k.scalar).second) {
                std::string where;
                for (int l : at) where += (where.empty() ? "" : ", ") + std::to_string(l);
                out.push_back({file, at[1], Level::Error,
                               "'" + k.scalar + "' is given more than once (lines " + where +
                                   "); the key is ignored"});
            }
            continue;
        }
        keys.emplace_back(&k, &map.items[i + 1]);
    }
    return keys;
}

/// `[[target]]` (as a string) or the unquoted YAML form `[[target]]`, which
/// YAML reads as a list holding a list.
std::optional<std::string> link_value(const YamlNode& v) {
    if (v.is_scalar() && !v.is_empty()) {
        std::string_view s = trim(v.scalar);
        if (s.size() > 4 && s.substr(0, 2) == "[[" && s.substr(s.size() - 2) == "]]" &&
            s.find("]]") == s.size() - 2)
            return normalise_link_target(s.substr(2, s.size() - 4));
        return std::nullopt;
    }
    if (v.kind == YamlNode::Kind::Sequence && v.items.size() == 1 &&
        v.items[0].kind == YamlNode::Kind::Sequence && v.items[0].items.size() == 1 &&
        v.items[0].items[0].is_scalar())
        return normalise_link_target(v.items[0].items[0].scalar);
    return std::nullopt;
}

/// `tags` and `aliases` as Obsidian also writes them (VAULT.md v1.2): a
/// single string with commas is split on them; with `tag`, a leading `#` is
/// dropped. Blank items go, and repeats (ignoring ASCII case) after the first.
std::vector<std::string> obsidian_list(const YamlNode& v, std::vector<std::string> items, bool tag) {
    if (v.is_scalar() && items.size() == 1 && items[0].find(',') != std::string::npos) {
        std::string one = std::move(items[0]);
        items.clear();
        std::size_t start = 0;
        while (start <= one.size()) {
            std::size_t comma = one.find(',', start);
            items.emplace_back(one.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
    }
    std::vector<std::string> out;
    for (std::string& item : items) {
        std::string_view t = trim(item);
        if (tag && !t.empty() && t.front() == '#') t = trim(t.substr(1));
        if (t.empty()) continue;
        const std::string lower = ascii_lower(t);
        if (std::any_of(out.begin(), out.end(), [&](const std::string& o) { return ascii_lower(o) == lower; }))
            continue;
        out.emplace_back(t);
    }
    return out;
}

/// Keys a contact's front matter gives meaning to.
constexpr std::string_view k_contact_keys[] = {"name",     "aliases", "tier",     "cadence",       "company",
                                               "title",    "location", "email",   "phone",         "birthday",
                                               "met",      "connected", "reviewed", "introduced_by", "tags",
                                               "archived"};

/// Keys people write for one kith reads under another name.
constexpr std::pair<std::string_view, std::string_view> k_key_synonyms[] = {
    {"emails", "email"},         {"mail", "email"},         {"e-mail", "email"},        {"e_mail", "email"},
    {"phones", "phone"},         {"mobile", "phone"},       {"tel", "phone"},           {"telephone", "phone"},
    {"birthdate", "birthday"},   {"birth_date", "birthday"}, {"dob", "birthday"},       {"born", "birthday"},
    {"tag", "tags"},             {"alias", "aliases"},      {"organization", "company"}, {"organisation", "company"},
    {"org", "company"},          {"employer", "company"},   {"role", "title"},          {"job_title", "title"},
    {"position", "title"},       {"city", "location"},      {"introduced", "introduced_by"},
    {"intro", "introduced_by"},  {"referred_by", "introduced_by"}, {"archive", "archived"},
    {"first_met", "met"},        {"met_on", "met"},         {"last_reviewed", "reviewed"},
};

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

} // namespace

std::optional<std::string> known_key_for(std::string_view key) {
    if (key.size() > 40) return std::nullopt;
    std::string k = ascii_lower(trim(key));
    for (char& ch : k)
        if (ch == ' ' || ch == '-') ch = '_';
    for (std::string_view known : k_contact_keys)
        if (k == known) return key == known ? std::nullopt : std::optional<std::string>(known); // case or spelling
    if (k == "last_contact" || k == "last_contacted" || k == "last_seen" || k == "lastcontact")
        return std::string("a dated entry");
    for (const auto& [said, meant] : k_key_synonyms)
        if (k == said) return std::string(meant);
    if (k.size() < 4) return std::nullopt;
    for (std::string_view known : k_contact_keys) {
        if (known.size() < 4) continue;
        const std::size_t most = std::min(k.size(), known.size()) >= 6 ? 2 : 1;
        if (edit_distance(k, known) <= most) return std::string(known);
    }
    return std::nullopt;
}

namespace {

/// `- #tag` in a YAML list, or `tags: #tag`, is a YAML comment: the tag is
/// lost without a word. Said once per line, with what to write instead.
void check_hash_comments(std::string_view yaml, int first_line, const std::string& file, Diagnostics& out) {
    int line = first_line;
    std::size_t pos = 0;
    while (pos < yaml.size()) {
        std::size_t nl = yaml.find('\n', pos);
        std::string_view l = yaml.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        std::string_view t = trim(l);
        std::string_view after;
        if (t.starts_with("- #")) after = t.substr(3);
        else if (t.starts_with("tags: #") || t.starts_with("aliases: #")) after = t.substr(t.find('#') + 1);
        if (!after.empty() && after.front() != ' ' && after.front() != '#') {
            const std::string_view word = after.substr(0, after.find_first_of(" \t,"));
            out.push_back({file, line, Level::Warning,
                           "\"#" + std::string(word) + "\" is a YAML comment here, so the value is lost: quote it (\"#" +
                               std::string(word) + "\") or drop the '#'"});
        }
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
        ++line;
    }
}

void read_contact_fields(Contact& c, const YamlNode& map, const std::string& file, Diagnostics& out) {
    FieldReader r(file, out);
    for (auto [kp, vp] : unique_keys(map, file, out)) {
        const std::string& key = kp->scalar;
        const YamlNode& v = *vp;
        const int line = kp->line;
        if (key == "name") {
            if (auto s = r.string(key, v); s && !trim(*s).empty()) c.name = {std::string(trim(*s)), line};
        } else if (key == "aliases") {
            if (auto l = r.strings(key, v)) c.aliases = obsidian_list(v, std::move(*l), false);
        } else if (key == "tier") {
            if (auto s = r.string(key, v)) c.tier = Located<std::string>{*s, line};
        } else if (key == "cadence") {
            if (auto s = r.string(key, v)) {
                if (auto cad = Cadence::parse(*s)) {
                    c.cadence = Located<Cadence>{*cad, line};
                } else {
                    r.error(v.line, "'cadence' is not a duration: \"" + *s +
                                        "\" (expected a number and d, w, m or y, at least 1d, or none)");
                }
            }
        } else if (key == "company") {
            if (auto s = r.string(key, v)) c.company = *s;
        } else if (key == "title") {
            if (auto s = r.string(key, v)) c.title = *s;
        } else if (key == "location") {
            if (auto s = r.string(key, v)) c.location = *s;
        } else if (key == "email") {
            if (auto l = r.strings(key, v)) c.emails = std::move(*l);
        } else if (key == "phone") {
            if (auto l = r.strings(key, v)) c.phones = std::move(*l);
        } else if (key == "tags") {
            if (auto l = r.strings(key, v)) c.tags = obsidian_list(v, std::move(*l), true);
        } else if (key == "birthday") {
            if (auto s = r.string(key, v)) {
                if (auto b = Birthday::parse(*s)) {
                    c.birthday = Located<Birthday>{*b, line};
                } else {
                    r.error(v.line, "'birthday' is not a date: \"" + *s + "\" (expected YYYY-MM-DD or --MM-DD)");
                }
            }
        } else if (key == "met") {
            if (auto d = r.date(key, v)) c.met = Located<Date>{*d, line};
        } else if (key == "reviewed") {
            if (auto d = r.date(key, v)) c.reviewed = Located<Date>{*d, line};
        } else if (key == "introduced_by") {
            if (auto link = link_value(v)) {
                c.introduced_by = Located<std::string>{"[[" + *link + "]]", line};
                c.introduced_by_link = *link;
            } else if (auto s = r.string(key, v)) {
                c.introduced_by = Located<std::string>{*s, line};
            }
        } else if (key == "archived") {
            if (auto b = r.boolean(key, v)) c.archived = *b;
        } else {
            if (auto meant = known_key_for(key)) {
                if (*meant == "a dated entry")
                    out.push_back({file, line, Level::Warning,
                                   "unknown key '" + key +
                                       "': kith finds the last contact in dated entries (- YYYY-MM-DD ...) and "
                                       "notes, not in a key"});
                else
                    out.push_back({file, line, Level::Warning,
                                   "unknown key '" + key + "': did you mean '" + *meant + "'?"});
            }
            c.extra.emplace_back(key, value_as_text(v));
        }
    }
}

/// parse_body reports only warnings, except when it refuses the whole body.
bool body_refused(const Diagnostics& ds, std::size_t from) {
    return std::any_of(ds.begin() + static_cast<std::ptrdiff_t>(from), ds.end(),
                       [](const Diagnostic& d) { return d.level == Level::Error; });
}

} // namespace

Diagnostic too_large(std::string_view rel_path, std::size_t size) {
    return {std::string(rel_path), 1, Level::Error,
            "file is over the " + std::to_string(k_max_file_bytes / 1024 / 1024) + " MiB file size limit (" +
                std::to_string(size) + " bytes); skipped"};
}

ParsedFile parse_file(std::string_view rel_path, std::string_view bytes, FileKind kind) {
    ParsedFile pf;
    pf.file = std::string(rel_path);
    const std::string& file = pf.file;
    auto fail = [&](int line, std::string message) {
        pf.diagnostics.push_back({file, line, Level::Error, std::move(message)});
        return pf;
    };
    if (bytes.size() > k_max_file_bytes) {
        pf.diagnostics.push_back(too_large(rel_path, bytes.size()));
        return pf;
    }
    if (std::size_t nul = bytes.find('\0'); nul != std::string_view::npos) {
        int line = 1 + static_cast<int>(std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(nul), '\n'));
        return fail(line, "file contains a NUL byte (is it a binary file?); skipped");
    }
    if (int bad = first_invalid_utf8_line(bytes))
        return fail(bad, "file is not valid UTF-8; skipped");

    std::string_view text = bytes;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    check_conflict_markers(text, file, pf.diagnostics);

    Split split = split_front_matter(text);
    if (split.unclosed)
        return fail(1, "front matter is not closed: no '---' line after the opening one; skipped");

    std::optional<YamlNode> fm;
    if (split.yaml.size() > k_max_front_matter_bytes)
        return fail(split.yaml_first_line, "front matter is over the " +
                                               std::to_string(k_max_front_matter_bytes / 1024) +
                                               " KiB front matter size limit (" + std::to_string(split.yaml.size()) +
                                               " bytes); skipped");
    if (split.has_front_matter) {
        const std::size_t before = pf.diagnostics.size();
        fm = parse_yaml(split.yaml, split.yaml_first_line, file, pf.diagnostics);
        if (!fm) {
            for (std::size_t i = before; i < pf.diagnostics.size(); ++i) pf.diagnostics[i].message += "; skipped";
            return pf;
        }
        if (fm->is_null()) {
            fm->kind = YamlNode::Kind::Map; // `---` then `---`: no keys
            fm->items.clear();
        }
        if (fm->kind != YamlNode::Kind::Map)
            return fail(fm->line, std::string("front matter must be a mapping (key: value lines), not ") +
                                      fm->kind_name() + "; skipped");
    }

    if (kind == FileKind::Contact) {
        if (trim(text).empty()) return fail(1, "contact file is empty: it needs at least a 'name'; skipped");
        if (!fm)
            return fail(1, "contact has no front matter: it needs at least a 'name' (---, name: ..., ---); skipped");
        Contact c;
        c.id = stem_of(rel_path);
        c.file = file;
        read_contact_fields(c, *fm, file, pf.diagnostics);
        check_hash_comments(split.yaml, split.yaml_first_line, file, pf.diagnostics);
        if (c.name.value.empty())
            return fail(fm->line, "contact has no 'name'; skipped");
        const std::size_t before_body = pf.diagnostics.size();
        c.body = parse_body(split.body, split.body_first_line, file, pf.diagnostics);
        if (body_refused(pf.diagnostics, before_body)) return pf;
        pf.contact = std::move(c);
        return pf;
    }

    Note n;
    n.file = file;
    if (fm) {
        FieldReader r(file, pf.diagnostics);
        for (auto [kp, vp] : unique_keys(*fm, file, pf.diagnostics)) {
            if (kp->scalar == "date") n.date = r.date("date", *vp);
            else if (ascii_lower(kp->scalar) == "date")
                pf.diagnostics.push_back({file, kp->line, Level::Warning,
                                          "unknown key '" + kp->scalar + "': did you mean 'date'?"});
        }
    }
    if (!n.date) n.date = date_from_file_name(rel_path);
    const std::size_t before_body = pf.diagnostics.size();
    n.body = parse_body(split.body, split.body_first_line, file, pf.diagnostics);
    if (body_refused(pf.diagnostics, before_body)) return pf;
    pf.note = std::move(n);
    return pf;
}

} // namespace kith
