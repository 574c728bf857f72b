#include "kith/index/vault_index.hpp"

#include "kith/index/parallel.hpp"
#include "kith/model/sort.hpp"
#include "kith/parse/text.hpp"
#include "kith/vault/arena.hpp"

#include <algorithm>
#include <numeric>

namespace kith {

std::optional<Date> ContactRecord::last_interaction(Date today) const {
    std::optional<Date> last;
    auto consider = [&](Date d) {
        if (d <= today && (!last || d > *last)) last = d;
    };
    for (const EntryRef& e : entries) consider(e.entry->date);
    for (Date d : note_dates) consider(d);
    if (contact->met) consider(contact->met->value);
    return last;
}

const VaultIndex::Names& VaultIndex::names() const {
    // Thread-safe: the build resolves links on several threads.
    std::call_once(m_names->built, [this] {
        std::size_t aliases = 0;
        for (const ContactRecord& r : m_records) aliases += r.contact->aliases.size();
        KeyTable& by_name = m_names->by_name;
        KeyTable& by_alias = m_names->by_alias;
        by_name.reserve(m_records.size());
        by_alias.reserve(aliases);
        for (std::size_t i = 0; i < m_records.size(); ++i) {
            const Contact& c = *m_records[i].contact;
            const auto at = static_cast<std::uint32_t>(i);
            by_name.add(c.name.value, at);
            for (const std::string& a : c.aliases) by_alias.add(trim(a), at);
        }
    });
    return *m_names;
}

bool VaultIndex::has_errors() const {
    return std::any_of(m_diagnostics.begin(), m_diagnostics.end(),
                       [](const Diagnostic& d) { return d.level == Level::Error; });
}

Resolution VaultIndex::resolve(std::string_view target) const {
    Resolution r;
    const std::string_view key = trim(target);
    if (auto ids = m_by_id.find(key); !ids.empty()) {
        r.contact = ids.front();
        return r;
    }
    const Names& n = names();
    for (const KeyTable* table : {&n.by_name, &n.by_alias}) {
        const auto found = table->find(key);
        if (found.empty()) continue;
        if (found.size() == 1) r.contact = found.front();
        else r.candidates.assign(found.begin(), found.end());
        return r;
    }
    return r;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), 0);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

std::vector<std::string> VaultIndex::suggestions(std::string_view query, std::size_t max) const {
    const std::string q = ascii_lower(query);
    std::vector<std::pair<std::size_t, std::string>> scored;
    for (const ContactRecord& r : m_records) {
        const Contact& c = *r.contact;
        std::size_t best = edit_distance(q, ascii_lower(c.id));
        best = std::min(best, edit_distance(q, ascii_lower(c.name.value)));
        const std::string lname = ascii_lower(c.name.value);
        if (!q.empty() && (lname.find(q) != std::string::npos || ascii_lower(c.id).find(q) != std::string::npos))
            best = std::min<std::size_t>(best, 1);
        if (best <= std::max<std::size_t>(2, q.size() / 3)) scored.emplace_back(best, c.id);
    }
    std::sort(scored.begin(), scored.end());
    std::vector<std::string> out;
    for (auto& s : scored) {
        if (out.size() == max) break;
        out.push_back(std::move(s.second));
    }
    return out;
}

namespace {

/// Adds `i` to a contact list once.
void add_unique(std::vector<std::size_t>& v, std::size_t i) {
    if (std::find(v.begin(), v.end(), i) == v.end()) v.push_back(i);
}

/// Whether an undated note looks meant as a dated one: its file name holds
/// a year (`November 12, 2026.md`, `12.11.2026.md`). Other undated notes (a
/// project page or a list of ideas that names people) are fine as they are.
bool looks_like_journal(std::string_view file) {
    const std::size_t slash = file.rfind('/');
    const std::string_view name = slash == std::string_view::npos ? file : file.substr(slash + 1);
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    for (std::size_t i = 0; i + 4 <= name.size(); ++i) {
        if (i > 0 && digit(name[i - 1])) continue;
        if (!(name.substr(i, 2) == "19" || name.substr(i, 2) == "20")) continue;
        if (digit(name[i + 2]) && digit(name[i + 3]) && (i + 4 == name.size() || !digit(name[i + 4]))) return true;
    }
    return false;
}

/// For a tier that differs from a known one only in case: what to write.
std::string tier_hint(const std::string& tier, const Config& config) {
    for (const auto& [name, cadence] : config.tiers)
        if (ascii_lower(name) == ascii_lower(tier)) return "; tiers are case-sensitive: did you mean \"" + name + "\"?";
    return "";
}

/// Problems that depend on the config or today, not on the file alone: the
/// values at fault are taken out of the contact (into `taken`) and reported.
/// Returns whether anything was taken.
template <class Undo> bool validate(Contact& c, const Config& config, Date today, Diagnostics& out, Undo& taken) {
    bool any = false;
    if (c.tier && !config.tiers.count(c.tier->value)) {
        out.push_back({c.file, c.tier->line, Level::Error,
                       "'tier' names an unknown tier: \"" + c.tier->value + "\" (tiers: " + config.tier_list() +
                           ")" + tier_hint(c.tier->value, config)});
        taken.tier = std::move(c.tier);
        c.tier.reset();
        any = true;
    }
    if (c.birthday && c.birthday->value.year) {
        const Birthday& b = c.birthday->value;
        auto d = Date::from_ymd(*b.year, b.month, b.day);
        if (d && *d > today) {
            out.push_back({c.file, c.birthday->line, Level::Error,
                           "'birthday' is after today: \"" + d->iso() + "\""});
            taken.birthday = std::move(c.birthday);
            c.birthday.reset();
            any = true;
        }
    }
    return any;
}

/// Sorts `v` by the string `key_of` gives, moving each element once: the
/// elements are large (a contact holds dozens of strings), so swapping them
/// during the sort cost more than the rest of the index. Already sorted input
/// (files come in path order) costs one pass.
template <class T, class Key> void sort_moving_once(std::vector<T>& v, Key key_of) {
    std::vector<std::pair<std::string_view, std::size_t>> keys;
    keys.reserve(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) keys.emplace_back(key_of(v[i]), i);
    if (std::is_sorted(keys.begin(), keys.end())) return;
    std::sort(keys.begin(), keys.end());
    std::vector<T> sorted;
    sorted.reserve(v.size());
    for (const auto& k : keys) sorted.push_back(std::move(v[k.second]));
    v = std::move(sorted);
}

/// Puts the refs of `pairs` (contact, ref) into `out` grouped by contact,
/// keeping their order within a contact, and returns where each contact's
/// group starts (with one more element: the end of the last).
template <class Ref>
std::vector<std::size_t> group_by_contact(const std::vector<std::pair<std::uint32_t, Ref>>& pairs, std::size_t contacts,
                                          std::vector<Ref>& out) {
    std::vector<std::size_t> start(contacts + 1, 0);
    for (const auto& p : pairs) ++start[p.first + 1];
    for (std::size_t i = 1; i <= contacts; ++i) start[i] += start[i - 1];
    std::vector<std::size_t> next(start.begin(), start.end() - 1);
    out.resize(pairs.size());
    for (const auto& p : pairs) out[next[p.first]++] = p.second;
    return start;
}

std::optional<std::int32_t> cadence_of(const Contact& c, const Config& config) {
    if (c.cadence) return c.cadence->value.days;
    if (c.tier) return config.tiers.at(c.tier->value);
    return config.default_cadence;
}

} // namespace

VaultIndex VaultIndex::build(std::vector<ParsedFile> files, Config config, Date today, unsigned threads) {
    // The index lives as long as the run: its tables and lists are bump-allocated.
    ArenaScope arena;
    VaultIndex ix;
    ix.m_config = std::move(config);
    ix.m_threads = std::max(threads, 1u);
    sort_moving_once(files, [](const ParsedFile& f) -> std::string_view { return f.file; });
    ix.m_files = std::move(files);

    // 1. Contacts, first by path winning a shared id; notes in path order.
    //    The id table maps to the file for now, to the record once sorted.
    struct Winner {
        std::string_view id;
        Contact* contact;
        std::uint32_t file;
    };
    std::vector<Winner> winners;
    std::size_t n_notes = 0;
    for (const ParsedFile& pf : ix.m_files) n_notes += pf.note.has_value();
    ix.m_notes.reserve(n_notes);
    ix.m_by_id.reserve(ix.m_files.size() - n_notes);
    const auto u32 = [](std::size_t i) { return static_cast<std::uint32_t>(i); };
    for (std::size_t f = 0; f < ix.m_files.size(); ++f) {
        ParsedFile& pf = ix.m_files[f];
        // Copied, not moved: the files stay as they came (see release_files).
        ix.m_diagnostics.insert(ix.m_diagnostics.end(), pf.diagnostics.begin(), pf.diagnostics.end());
        if (pf.contact) {
            if (auto first = ix.m_by_id.insert(pf.contact->id, u32(f))) {
                ix.m_diagnostics.push_back({pf.file, 1, Level::Error,
                                            "duplicate contact id \"" + pf.contact->id + "\": " +
                                                ix.m_files[*first].file + " already has it; this file is skipped"});
                continue;
            }
            if (Undo taken{f, {}, {}}; validate(*pf.contact, ix.m_config, today, ix.m_diagnostics, taken))
                ix.m_undo.push_back(std::move(taken));
            winners.push_back({pf.contact->id, &*pf.contact, u32(f)});
        } else if (pf.note) {
            ix.m_notes.push_back(std::move(*pf.note));
            ix.m_note_files.push_back(u32(f));
        }
    }
    // Files come in path order, which is rarely id order: sort the small
    // records, never the contacts.
    {
        std::vector<PrefixKeyed> keys;
        keys.reserve(winners.size());
        for (std::size_t i = 0; i < winners.size(); ++i) keys.push_back(PrefixKeyed::of(winners[i].id, i));
        std::sort(keys.begin(), keys.end());
        std::vector<Winner> sorted;
        sorted.reserve(winners.size());
        for (const PrefixKeyed& k : keys) sorted.push_back(winners[k.index]);
        winners = std::move(sorted);
    }

    // 2. The records, and the id table renumbered to them in one pass over
    //    its slots, instead of looking every id up again. (The name and
    //    alias tables wait for a lookup that needs them: see names().)
    ix.m_records.resize(winners.size());
    {
        std::vector<std::uint32_t> record_of(ix.m_files.size(), UINT32_MAX); // by file
        for (std::size_t i = 0; i < winners.size(); ++i) {
            const Contact& c = *winners[i].contact;
            ContactRecord& r = ix.m_records[i];
            r.contact = &c;
            r.cadence_days = cadence_of(c, ix.m_config);
            record_of[winners[i].file] = u32(i);
        }
        ix.m_by_id.remap(record_of);
    }

    // 3. Resolve every link once per occurrence, warning about the ones that
    //    lead nowhere. Steps 4 and 5 only read the tables: they run in parts
    //    over the records and over the notes, each part with its own
    //    warnings, joined in order.
    auto resolve_warn = [&](const std::string& file, const LinkRef& link,
                            Diagnostics& out) -> std::optional<std::size_t> {
        Resolution res = ix.resolve(link.target);
        if (res.contact) return res.contact;
        if (res.candidates.empty()) {
            out.push_back({file, link.line, Level::Warning,
                           "unresolved link [[" + std::string(link.target) + "]]: no contact has this id, name or alias"});
        } else {
            std::string who;
            for (std::size_t k : res.candidates) who += (who.empty() ? "" : ", ") + ix.m_records[k].contact->id;
            out.push_back({file, link.line, Level::Warning,
                           "ambiguous link [[" + std::string(link.target) + "]]: matches " + who});
        }
        return std::nullopt;
    };
    auto future_warning = [&](const std::string& file, const Entry& e, Diagnostics& out) {
        if (e.date > today)
            out.push_back({file, e.line, Level::Warning,
                           "entry dated after today (" + e.date.iso() + "): a plan, it counts for nothing yet"});
    };

    // 4. A contact's own entries and follow-ups: the records read them where
    //    they are.
    std::vector<Diagnostics> own_warnings(part_count(ix.m_records.size(), ix.m_threads, k_min_part));
    in_parts(ix.m_records.size(), own_warnings.size(), [&](std::size_t part, std::size_t first, std::size_t end) {
        ArenaScope part_arena;
        Diagnostics out; // moved in at the end (see in_parts)
        for (std::size_t i = first; i < end; ++i) {
            ContactRecord& r = ix.m_records[i];
            const Contact& c = *r.contact;
            for (const Entry& e : c.body.entries) future_warning(c.file, e, out);
            for (const LinkRef& l : c.body.links)
                if (auto k = resolve_warn(c.file, l, out); k && *k != i) add_unique(r.links, *k);
            if (c.introduced_by_link) {
                if (auto k = resolve_warn(c.file, {*c.introduced_by_link, c.introduced_by->line}, out); k && *k != i)
                    add_unique(r.links, *k);
            }
            std::sort(r.links.begin(), r.links.end());
        }
        own_warnings[part] = std::move(out);
    });

    // 5. Notes: an entry or follow-up counts for every contact it links.
    //    Gathered first, then grouped by contact in one pass (in path order
    //    within each contact), rather than grown contact by contact.
    struct NotePart {
        Diagnostics warnings;
        std::vector<std::pair<std::uint32_t, EntryRef>> entries;
        std::vector<std::pair<std::uint32_t, TaskRef>> tasks;
        std::vector<std::pair<std::uint32_t, Date>> dates; // a dated note's day, for each contact it links
    };
    std::vector<NotePart> note_parts(part_count(ix.m_notes.size(), ix.m_threads, k_min_part));
    in_parts(ix.m_notes.size(), note_parts.size(), [&](std::size_t part, std::size_t first, std::size_t end) {
        ArenaScope part_arena;
        NotePart out; // moved in at the end (see in_parts)
        // The note's links as resolved, for its entries and follow-ups,
        // whose links are among them, to look up again (a few, so a scan;
        // a note with more resolves the rest in the tables).
        constexpr std::size_t k_memo = 32;
        std::vector<std::pair<std::string_view, std::optional<std::size_t>>> memo;
        std::vector<std::size_t> who;
        auto contacts_of = [&](const Words& targets) {
            who.clear();
            for (std::string_view t : targets) {
                auto seen = std::find_if(memo.begin(), memo.end(), [&](const auto& m) { return m.first == t; });
                if (auto k = seen != memo.end() ? seen->second : ix.resolve(t).contact) add_unique(who, *k);
            }
            return std::span<const std::size_t>(who);
        };
        std::vector<std::size_t> linked; // every contact linked anywhere in a note
        for (std::size_t j = first; j < end; ++j) {
            const Note& n = ix.m_notes[j];
            linked.clear();
            memo.clear();
            for (const LinkRef& l : n.body.links) {
                const auto k = resolve_warn(n.file, l, out.warnings);
                if (k) add_unique(linked, *k);
                if (memo.size() < k_memo) memo.emplace_back(l.target, k);
            }
            for (const Entry& e : n.body.entries) {
                const auto to = contacts_of(e.links());
                if (!to.empty()) future_warning(n.file, e, out.warnings);
                for (std::size_t k : to) out.entries.push_back({u32(k), {&e, &n.file, false}});
            }
            // A follow-up that links contacts is theirs; one without any
            // link is a follow-up of every contact the note links (VAULT.md:
            // "a task item in a note that links contacts"). One whose links
            // lead nowhere (unresolved, ambiguous) stays nobody's.
            for (const Task& t : n.body.tasks) {
                const auto to = contacts_of(t.links);
                for (std::size_t k : t.links.empty() ? std::span<const std::size_t>(linked) : to)
                    out.tasks.push_back({u32(k), {&t, &n.file, false}});
            }
            if (n.date)
                for (std::size_t k : linked) out.dates.push_back({u32(k), *n.date});
            else if (!linked.empty() && looks_like_journal(n.file))
                out.warnings.push_back({n.file, 1, Level::Warning,
                                        "note links contacts but has no date, so they get no interaction from it: "
                                        "start its file name with YYYY-MM-DD or add 'date: YYYY-MM-DD' to its "
                                        "front matter"});
        }
        note_parts[part] = std::move(out);
    });
    for (const Diagnostics& w : own_warnings) ix.m_diagnostics.insert(ix.m_diagnostics.end(), w.begin(), w.end());
    std::vector<std::pair<std::uint32_t, EntryRef>> note_entries;
    std::vector<std::pair<std::uint32_t, TaskRef>> note_tasks;
    for (NotePart& p : note_parts) {
        ix.m_diagnostics.insert(ix.m_diagnostics.end(), p.warnings.begin(), p.warnings.end());
        note_entries.insert(note_entries.end(), p.entries.begin(), p.entries.end());
        note_tasks.insert(note_tasks.end(), p.tasks.begin(), p.tasks.end());
        for (const auto& [k, d] : p.dates) ix.m_records[k].note_dates.push_back(d);
    }
    const auto entry_at = group_by_contact(note_entries, ix.m_records.size(), ix.m_linked_entries);
    const auto task_at = group_by_contact(note_tasks, ix.m_records.size(), ix.m_linked_tasks);
    for (std::size_t i = 0; i < ix.m_records.size(); ++i) {
        ContactRecord& r = ix.m_records[i];
        const Contact& c = *r.contact;
        r.entries = EntryRefs(c.body.entries, c.file,
                              std::span(ix.m_linked_entries).subspan(entry_at[i], entry_at[i + 1] - entry_at[i]));
        r.tasks = TaskRefs(c.body.tasks, c.file,
                           std::span(ix.m_linked_tasks).subspan(task_at[i], task_at[i + 1] - task_at[i]));
    }

    sort_diagnostics(ix.m_diagnostics);
    return ix;
}

std::vector<ParsedFile> VaultIndex::release_files() && {
    for (std::size_t j = 0; j < m_notes.size(); ++j) m_files[m_note_files[j]].note = std::move(m_notes[j]);
    for (Undo& u : m_undo) {
        Contact& c = *m_files[u.file].contact;
        if (u.tier) c.tier = std::move(u.tier);
        if (u.birthday) c.birthday = std::move(u.birthday);
    }
    m_records.clear();
    m_notes.clear();
    return std::move(m_files);
}

void VaultIndex::add_diagnostics(Diagnostics ds) {
    if (ds.empty()) return;
    m_diagnostics.insert(m_diagnostics.end(), std::make_move_iterator(ds.begin()), std::make_move_iterator(ds.end()));
    sort_diagnostics(m_diagnostics);
}

} // namespace kith
