#include "kith/index/layout_check.hpp"

#include "kith/edit/edit.hpp"
#include "kith/parse/text.hpp"

#include <unordered_map>
#include <unordered_set>

namespace kith {

namespace {

std::string_view stem_of(std::string_view path) {
    std::string_view name = path.substr(path.rfind('/') + 1);
    if (const auto dot = name.find('.'); dot != std::string_view::npos) name = name.substr(0, dot);
    return name;
}

/// `id` with accents and case folded and combining marks (U+0300..U+036F)
/// dropped, every other character kept: equal for NFC and NFD forms of a
/// name, and for names that differ only in accents.
std::string fold_marks(std::string_view id) {
    std::string out;
    for (std::size_t i = 0; i < id.size();) {
        const auto c = static_cast<unsigned char>(id[i]);
        const std::size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        const std::string_view ch = id.substr(i, len);
        i += len;
        if (len == 1) {
            out += ascii_lower(ch[0]);
            continue;
        }
        if (len == 2 && ch.size() == 2) {
            const unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(ch[1]) & 0x3Fu);
            if (cp >= 0x300 && cp <= 0x36F) continue; // a combining mark (NFD)
        }
        const std::string folded = edit::slugify(ch);
        out += folded.empty() ? std::string(ch) : folded;
    }
    return out;
}

} // namespace

bool is_windows_reserved(std::string_view stem) {
    if (stem.size() != 3 && stem.size() != 4) return false;
    const std::string s = ascii_lower(stem);
    if (s == "con" || s == "prn" || s == "aux" || s == "nul") return true;
    return s.size() == 4 && (s.rfind("com", 0) == 0 || s.rfind("lpt", 0) == 0) && s[3] >= '1' && s[3] <= '9';
}

Diagnostics layout_warnings(const VaultIndex& index) {
    Diagnostics out;
    auto reserved = [&](const std::string& file) {
        const std::string_view stem = stem_of(file);
        if (is_windows_reserved(stem))
            out.push_back({file, 1, Level::Warning,
                           "'" + std::string(stem) +
                               "' is a reserved file name on Windows: a clone there cannot hold this file; rename it"});
    };
    // Two ids warn only when they fold alike and differ beyond ASCII case,
    // so one of them is not ASCII. Ids whose fold no such id shares cannot
    // warn, and are skipped: most vaults fold nothing at all.
    std::unordered_set<std::string> marked; // folds of the ids that are not ASCII
    for (const ContactRecord& r : index.contacts())
        if (!is_ascii(r.contact->id)) marked.insert(fold_marks(r.contact->id));
    // Contacts come in id order; the first of a pair is the one kept.
    std::unordered_map<std::string, const Contact*> by_slug; // folded id -> first contact
    for (const ContactRecord& r : index.contacts()) {
        const Contact& c = *r.contact;
        reserved(c.file);
        if (marked.empty()) continue;
        std::string fold = fold_marks(c.id);
        if (!marked.contains(fold)) continue;
        auto [it, fresh] = by_slug.emplace(std::move(fold), &c);
        if (fresh || ascii_lower(it->second->id) == ascii_lower(c.id)) continue;
        out.push_back({c.file, 1, Level::Warning,
                       "the id '" + c.id + "' differs from '" + it->second->id + "' (" + it->second->file +
                           ") only in accents or Unicode normalisation; macOS and Windows may store them as one "
                           "file: rename one"});
    }
    for (const Note& n : index.notes()) reserved(n.file);
    // An alias that is another contact's id or name: links with it go to that
    // other contact (ids, then names, resolve before aliases).
    std::unordered_map<std::string, const Contact*> named; // lowercase id or name -> contact
    bool any_alias = false;
    for (const ContactRecord& r : index.contacts()) {
        named.emplace(ascii_lower(trim(r.contact->id)), r.contact);
        named.emplace(ascii_lower(trim(r.contact->name.value)), r.contact);
        any_alias = any_alias || !r.contact->aliases.empty();
    }
    if (any_alias)
        for (const ContactRecord& r : index.contacts())
            for (const std::string& a : r.contact->aliases) {
                auto it = named.find(ascii_lower(trim(a)));
                if (it == named.end() || it->second == r.contact) continue;
                const Contact& other = *it->second;
                const bool is_name = ascii_lower(trim(other.name.value)) == ascii_lower(trim(a));
                out.push_back({r.contact->file, 1, Level::Warning,
                               "the alias '" + a + "' is the " + (is_name ? "name" : "id") + " of " + other.id + " (" +
                                   other.file + "): links [[" + a + "]] go to " + other.id +
                                   ", not here; remove the alias or rename one of them"});
            }
    return out;
}

} // namespace kith
