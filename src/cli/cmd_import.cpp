#include "commands.hpp"
#include "interchange_support.hpp"
#include "template_support.hpp"
#include "write_support.hpp"

#include "../adapters/fs_source.hpp"
#include "kith/edit/edit.hpp"
#include "kith/index/layout_check.hpp"
#include "kith/interchange/vcard.hpp"
#include "kith/parse/text.hpp"
#include "kith/templates.hpp"

#include <mstch/mstch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>

namespace kith::cli {
namespace {

namespace fs = std::filesystem;

/// A .vcf file larger than this is refused before it is read.
constexpr std::uintmax_t k_max_vcf_bytes = 256ull * 1024 * 1024;

enum class Prefer { Ask, Card, Vault };

void options(po::options_description& o) {
    o.add_options()("dry-run", po::bool_switch(), "say what would change, write nothing")(
        "prefer", po::value<std::string>()->value_name("card|vault"),
        "when a card and a contact disagree on a value: take the card's, or keep the vault's without "
        "listing it (default: keep the vault's and list the difference)");
}

/// One card's outcome, a row of the report.
struct Row {
    std::string action; ///< created, updated, unchanged, skipped
    std::string id, name, file;
    std::string source;
    int line = 1;
    std::vector<std::string> changes, conflicts;
    std::string reason; ///< why it was skipped
};

/// A contact file the import creates or changes.
struct Target {
    std::string id, rel;
    std::optional<std::string> before; ///< nullopt: a new file
    std::string text;
    Contact contact; ///< `text` parsed
};

std::string phone_key(std::string_view p) {
    std::string out;
    for (char c : p)
        if (std::isdigit(static_cast<unsigned char>(c)) || (c == '+' && out.empty())) out += c;
    return out.empty() ? std::string(p) : out;
}

std::string joined(const std::vector<std::string>& v, const char* sep = ", ") {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
    return out;
}

std::string birthday_text(const Birthday& b) {
    auto two = [](int n) { return std::string(n < 10 ? "0" : "") + std::to_string(n); };
    if (!b.year) return "--" + two(b.month) + "-" + two(b.day);
    return Date::from_ymd(*b.year, b.month, b.day)->iso();
}

/// The files to read: FILE, or every *.vcf under DIR in path order. Each with
/// the name diagnostics use.
std::vector<std::pair<fs::path, std::string>> input_files(const Context& ctx, const std::string& arg) {
    const fs::path path = absolute_from(ctx, arg);
    std::error_code ec;
    if (!fs::exists(path, ec)) throw Failure("no such file or folder: " + arg);
    std::vector<std::pair<fs::path, std::string>> out;
    if (!fs::is_directory(path, ec)) {
        out.emplace_back(path, arg);
        return out;
    }
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        if (ascii_lower(it->path().extension().string()) != ".vcf") continue;
        std::string shown = arg;
        if (!shown.empty() && shown.back() != '/') shown += '/';
        out.emplace_back(it->path(), shown + fs::relative(it->path(), path, ec).generic_string());
    }
    if (ec) throw Failure("cannot read the folder " + arg + ": " + ec.message());
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    if (out.empty()) throw Failure("no .vcf files in " + arg);
    return out;
}

std::string read_whole(const fs::path& p, const std::string& shown) {
    std::error_code ec;
    const auto size = fs::file_size(p, ec);
    if (ec) throw Failure("cannot read " + shown + ": " + ec.message());
    if (size > k_max_vcf_bytes) throw Failure(shown + ":1: error: the file is over the 256 MiB import size limit; nothing was imported");
    std::ifstream in(p, std::ios::binary);
    std::string bytes(static_cast<std::size_t>(size), '\0');
    if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) throw Failure("cannot read " + shown);
    return bytes;
}

class Importer {
public:
    Importer(Context& ctx, Prefer prefer) : m_ctx(ctx), m_prefer(prefer) {
        for (const ContactRecord& rec : ctx.index->contacts()) {
            m_files[rec.contact->id] = rec.contact->file;
            index_keys(rec.contact->id, *rec.contact);
        }
        // Ids are taken by every contact file, also ones kith could not read.
        for (const auto& [id, path] : contact_file_ids(ctx.vault, ctx.index->config().contact_folders)) m_taken.insert(id);
        m_template = std::string(templates::k_contact_md);
        if (auto t = ctx.writer->read("templates/contact.md")) {
            refuse_bad_template(ctx, "templates/contact.md", *t, TemplateKind::Markdown);
            m_template = *t;
        }
    }

    void add(const vcard::Card& card, const std::string& source) {
        Row row;
        row.source = source;
        row.line = card.line;
        row.name = card.name;
        if (trim(card.name).empty()) {
            skip(row, "the card has no name (FN or N)");
            return;
        }
        std::string why;
        auto id = match(card, why);
        if (!why.empty()) {
            skip(row, why);
            return;
        }
        if (id) update(*id, card, row);
        else create(card, row);
    }

    const std::vector<Row>& rows() const { return m_rows; }

    /// Checks every changed file, then (unless `dry_run`) writes them all.
    std::size_t write(bool dry_run) {
        std::size_t n = 0;
        for (const std::string& id : m_order) {
            Target& t = m_targets.at(id);
            if (t.before && *t.before == t.text) continue;
            check_edit(t.rel, FileKind::Contact, t.before, t.text);
            ++n;
        }
        if (dry_run) return n;
        std::vector<std::pair<std::string, std::string>> files;
        for (const std::string& id : m_order) {
            Target& t = m_targets.at(id);
            if (t.before && *t.before == t.text) continue;
            files.emplace_back(t.rel, std::move(t.text));
        }
        m_ctx.writer->write_all(files);
        return n;
    }

private:
    void skip(Row& row, std::string why) {
        row.action = "skipped";
        row.reason = std::move(why);
        m_rows.push_back(std::move(row));
    }

    static void push_unique(std::vector<std::string>& ids, const std::string& id) {
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }

    void index_keys(const std::string& id, const Contact& c) {
        if (auto uid = vcard::contact_uid(c)) push_unique(m_by_uid[*uid], id);
        for (const auto& e : c.emails) push_unique(m_by_email[ascii_lower(e)], id);
        push_unique(m_by_name[ascii_lower(trim(c.name.value))], id);
        // An alias names the contact as links do (`[[Wang Wei]]` for 王伟).
        for (const auto& a : c.aliases) push_unique(m_by_alias[ascii_lower(trim(a))], id);
    }

    /// The contact a card belongs to: by UID, then email, then exact name,
    /// then alias (the order links resolve in).
    /// `why` is set when the card matches several.
    std::optional<std::string> match(const vcard::Card& card, std::string& why) {
        auto one = [&](const std::vector<std::string>& ids, const std::string& by) -> std::optional<std::string> {
            if (ids.size() == 1) return ids[0];
            why = "the card matches several contacts by " + by + ": " + joined(ids);
            return std::nullopt;
        };
        if (!card.uid.empty())
            if (auto it = m_by_uid.find(card.uid); it != m_by_uid.end()) return one(it->second, "UID");
        std::vector<std::string> by_email;
        for (const auto& e : card.emails)
            if (auto it = m_by_email.find(ascii_lower(e)); it != m_by_email.end())
                for (const auto& id : it->second) push_unique(by_email, id);
        if (!by_email.empty()) return one(by_email, "email");
        if (auto it = m_by_name.find(ascii_lower(trim(card.name))); it != m_by_name.end()) return one(it->second, "name");
        if (auto it = m_by_alias.find(ascii_lower(trim(card.name))); it != m_by_alias.end()) return one(it->second, "alias");
        return std::nullopt;
    }

    Target& target(const std::string& id) {
        if (auto it = m_targets.find(id); it != m_targets.end()) return it->second;
        Target t;
        t.id = id;
        t.rel = m_files.at(id);
        t.before = m_ctx.writer->read(t.rel);
        if (!t.before) throw Failure(t.rel + " has disappeared since kith read the vault; retry");
        t.text = *t.before;
        ParsedFile parsed = parse_file(t.rel, t.text, FileKind::Contact);
        if (!parsed.contact) throw Failure("kith cannot read " + t.rel + " any more; retry");
        t.contact = std::move(*parsed.contact);
        m_order.push_back(id);
        return m_targets.emplace(id, std::move(t)).first->second;
    }

    void set_key(Target& t, const std::string& key, const std::string& yaml) {
        try {
            t.text = edit::set_key(t.text, key, yaml);
        } catch (const edit::EditError& e) {
            throw Failure(t.rel + ": " + e.what());
        }
        ParsedFile parsed = parse_file(t.rel, t.text, FileKind::Contact);
        if (!parsed.contact) throw Failure("setting '" + key + "' would make " + t.rel + " unreadable; nothing was imported");
        t.contact = std::move(*parsed.contact);
    }

    void merge_scalar(Target& t, Row& row, const std::string& key, const std::string& vault, const std::string& card) {
        if (card.empty() || vault == card) return;
        if (vault.empty()) {
            set_key(t, key, edit::yaml_scalar(card));
            row.changes.push_back(key + " \"" + card + "\"");
        } else if (m_prefer == Prefer::Card) {
            set_key(t, key, edit::yaml_scalar(card));
            row.changes.push_back(key + " \"" + vault + "\" -> \"" + card + "\"");
        } else if (m_prefer == Prefer::Ask) {
            row.conflicts.push_back(key + ": the vault has \"" + vault + "\", the card \"" + card + "\"");
        }
    }

    template <class Key>
    void merge_list(Target& t, Row& row, const std::string& key, const std::vector<std::string>& vault,
                    const std::vector<std::string>& card, Key norm, bool scalar_if_one) {
        std::vector<std::string> all = vault, added;
        std::set<std::string> have;
        for (const auto& v : vault) have.insert(norm(v));
        for (const auto& v : card)
            if (have.insert(norm(v)).second) {
                all.push_back(v);
                added.push_back(v);
            }
        if (added.empty()) return;
        set_key(t, key, scalar_if_one && all.size() == 1 ? edit::yaml_scalar(all[0]) : edit::yaml_list(all));
        for (const auto& a : added) row.changes.push_back(key + " +\"" + a + "\"");
    }

    /// The card's birthday as text, or empty when it is after today (noted).
    std::string card_birthday(const vcard::Card& card, Row& row) {
        if (!card.birthday) return {};
        const Birthday& b = *card.birthday;
        if (b.year && *Date::from_ymd(*b.year, b.month, b.day) > m_ctx.today) {
            row.changes.push_back("left out the birthday: it is after today");
            return {};
        }
        return birthday_text(b);
    }

    std::vector<std::string> card_aliases(const vcard::Card& card) {
        std::vector<std::string> out;
        for (const auto& n : card.nicknames)
            if (ascii_lower(n) != ascii_lower(card.name)) out.push_back(n);
        return out;
    }

    void update(const std::string& id, const vcard::Card& card, Row& row) {
        Target& t = target(id);
        const std::string before = t.text;
        row.id = id;
        row.file = t.rel;
        auto lower = [](const std::string& s) { return ascii_lower(s); };
        merge_scalar(t, row, "name", t.contact.name.value, card.name);
        merge_scalar(t, row, "uid", vcard::contact_uid(t.contact).value_or(""), card.uid);
        merge_scalar(t, row, "company", t.contact.company, card.org);
        merge_scalar(t, row, "title", t.contact.title, card.title);
        merge_scalar(t, row, "location", t.contact.location, card.location);
        const std::string bday = card_birthday(card, row);
        merge_scalar(t, row, "birthday", t.contact.birthday ? birthday_text(t.contact.birthday->value) : "", bday);
        merge_list(t, row, "email", t.contact.emails, card.emails, lower, true);
        merge_list(t, row, "phone", t.contact.phones, card.phones, phone_key, true);
        merge_list(t, row, "aliases", t.contact.aliases, card_aliases(card), lower, false);
        merge_list(t, row, "tags", t.contact.tags, card.categories, lower, false);
        row.action = t.text == before ? "unchanged" : "updated";
        row.name = t.contact.name.value;
        index_keys(id, t.contact);
        m_rows.push_back(std::move(row));
    }

    std::string new_id(const std::string& name) {
        std::string base = edit::slugify(name);
        if (base.empty()) base = "contact";
        std::string id = base;
        // A name Windows reserves (con, aux, com1...) counts as taken, as
        // `add` refuses it: a card named "Con" becomes con-2.
        for (int n = 2; m_taken.count(id) || is_windows_reserved(id); ++n) id = base + "-" + std::to_string(n);
        m_taken.insert(id);
        return id;
    }

    void create(const vcard::Card& card, Row& row) {
        const std::string id = new_id(card.name);
        const std::string rel = m_ctx.index->config().contact_folders.front() + "/" + id + ".md";
        if (m_ctx.writer->read(rel)) throw Failure(rel + " exists already");
        mstch::map m;
        auto scalar = [&](const std::string& key, const std::string& value) {
            m[key] = value;
            m[key + "_yaml"] = value.empty() ? std::string() : edit::yaml_scalar(value);
        };
        auto list = [&](const std::string& key, const std::vector<std::string>& values, bool scalar_if_one) {
            m[key] = joined(values);
            m[key + "_yaml"] = values.empty()                             ? std::string()
                               : (scalar_if_one && values.size() == 1) ? edit::yaml_scalar(values[0])
                                                                       : edit::yaml_list(values);
        };
        scalar("name", card.name);
        m["id"] = id;
        m["today"] = m_ctx.today.iso();
        scalar("tier", "");
        scalar("company", card.org);
        scalar("title", card.title);
        scalar("location", card.location);
        list("email", card.emails, true);
        list("phone", card.phones, true);
        list("aliases", card_aliases(card), false);
        list("tags", card.categories, false);
        scalar("met", "");
        scalar("birthday", card_birthday(card, row));
        scalar("introduced_by", "");
        mstch::config::escape = [](const std::string& s) { return s; }; // Markdown, not HTML
        Target t;
        t.id = id;
        t.rel = rel;
        t.text = mstch::render(m_template, m);
        ParsedFile parsed = parse_file(rel, t.text, FileKind::Contact);
        if (!parsed.contact)
            throw Failure("the template makes a contact kith cannot read for \"" + card.name +
                          "\"; check templates/contact.md (nothing was imported)");
        t.contact = std::move(*parsed.contact);
        if (!card.uid.empty()) set_key(t, "uid", edit::yaml_scalar(card.uid));
        row.action = "created";
        row.id = id;
        row.file = rel;
        m_files[id] = rel;
        index_keys(id, t.contact);
        m_order.push_back(id);
        m_targets.emplace(id, std::move(t));
        m_rows.push_back(std::move(row));
    }

    Context& m_ctx;
    Prefer m_prefer;
    std::string m_template;
    std::unordered_map<std::string, std::string> m_files; ///< id -> file
    std::unordered_map<std::string, std::vector<std::string>> m_by_uid, m_by_email, m_by_name, m_by_alias;
    std::set<std::string> m_taken; ///< lowercase ids
    std::unordered_map<std::string, Target> m_targets;
    std::vector<std::string> m_order; ///< targets in the order first touched
    std::vector<Row> m_rows;
};

std::string list_for_commit(const std::vector<std::string>& ids) {
    constexpr std::size_t k_max = 40;
    std::string out;
    for (std::size_t i = 0; i < ids.size() && i < k_max; ++i) out += (i ? ", " : "") + ids[i];
    if (ids.size() > k_max) out += " and " + std::to_string(ids.size() - k_max) + " more";
    return out;
}

int run(Context& ctx) {
    auto args = ctx.args();
    if (args.empty()) throw UsageError("say what to import: vcard FILE|DIR");
    if (args[0] != "vcard") throw UsageError("cannot import '" + args[0] + "': kith imports vcard");
    if (args.size() != 2) throw UsageError("give one .vcf file or a folder of them");
    Prefer prefer = Prefer::Ask;
    if (auto p = ctx.opt<std::string>("prefer")) {
        if (*p == "card") prefer = Prefer::Card;
        else if (*p == "vault") prefer = Prefer::Vault;
        else throw UsageError("--prefer takes card or vault, not \"" + *p + "\"");
    }
    const bool dry_run = ctx.flag("dry-run");

    // Every file is read and checked before anything is written: one bad
    // card anywhere and nothing is imported.
    std::vector<std::pair<std::string, vcard::ParseResult>> parsed;
    bool errors = false;
    for (const auto& [path, shown] : input_files(ctx, args[1])) {
        vcard::ParseResult r = vcard::parse_vcards(read_whole(path, shown), shown);
        for (const Diagnostic& d : r.diagnostics) ctx.err << format_diagnostic(d) << '\n';
        errors = errors || r.has_errors();
        parsed.emplace_back(shown, std::move(r));
    }
    if (errors) throw Failure("the cards above are broken; nothing was imported");

    Importer importer(ctx, prefer);
    for (const auto& [shown, r] : parsed)
        for (const vcard::Card& card : r.cards) importer.add(card, shown);
    const std::size_t files = importer.write(dry_run);

    std::map<std::string, std::size_t> counts;
    std::size_t conflicts = 0;
    std::vector<std::string> created, updated;
    for (const Row& r : importer.rows()) {
        ++counts[r.action];
        conflicts += r.conflicts.size();
        if (r.action == "created") created.push_back(r.id);
        if (r.action == "updated" && std::find(updated.begin(), updated.end(), r.id) == updated.end()) updated.push_back(r.id);
    }
    std::optional<std::string> commit;
    if (!dry_run && files > 0) {
        std::string note;
        std::string message = "import: " + std::to_string(created.size()) + " created, " +
                              std::to_string(updated.size()) + " updated from " + short_text(args[1]) + "\n\n";
        if (!created.empty()) message += "Created: " + list_for_commit(created) + "\n";
        if (!updated.empty()) message += "Updated: " + list_for_commit(updated) + "\n";
        message += std::string("\n") + k_commit_trailer + "import\n";
        commit = ctx.writer->commit(message, ctx.index->config().autocommit, note);
        if (!note.empty()) ctx.err << note << '\n';
    }

    Json items = Json::array();
    TextTable table({"action", "id", "name", "details"});
    for (const Row& r : importer.rows()) {
        std::vector<std::string> details = r.changes;
        for (const auto& c : r.conflicts) details.push_back("differs: " + c);
        if (!r.reason.empty()) details.push_back(r.reason);
        items.push_back(Json{{"action", r.action},
                             {"id", r.id.empty() ? Json(nullptr) : Json(r.id)},
                             {"name", r.name},
                             {"changes", r.changes},
                             {"conflicts", r.conflicts},
                             {"reason", r.reason.empty() ? Json(nullptr) : Json(r.reason)},
                             {"file", r.file.empty() ? Json(nullptr) : Json(r.file)},
                             {"source", r.source},
                             {"line", r.line}});
        const bool quiet = r.action == "unchanged" && r.conflicts.empty();
        if (!quiet)
            table.add_row({r.action, r.id.empty() ? "-" : r.id, r.name, joined(details, "; ")},
                          r.action == "skipped" || !r.conflicts.empty() ? "33" : "");
    }
    switch (ctx.render.format) {
    case Format::Json:
        write_json(Json{{"dry_run", dry_run},
                        {"created", counts["created"]},
                        {"updated", counts["updated"]},
                        {"unchanged", counts["unchanged"]},
                        {"skipped", counts["skipped"]},
                        {"conflicts", conflicts},
                        {"commit", commit ? Json(*commit) : Json(nullptr)},
                        {"items", items}},
                   ctx.out);
        break;
    case Format::Csv:
        write_csv(items, {"action", "id", "name", "changes", "conflicts", "reason", "file", "source", "line"}, ctx.out);
        break;
    case Format::Table:
        if (!table.empty()) table.print(ctx.out, ctx.render.color);
        ctx.out << (dry_run ? "would import: " : "imported: ") << counts["created"] << " created, " << counts["updated"]
                << " updated, " << counts["unchanged"] << " unchanged, " << counts["skipped"] << " skipped";
        if (commit) ctx.out << " [" << commit->substr(0, 7) << "]";
        ctx.out << '\n';
        if (conflicts)
            ctx.out << conflicts << " value" << (conflicts == 1 ? "" : "s")
                    << " differ; the vault's were kept (--prefer card takes the card's)\n";
        if (dry_run) ctx.out << "dry run: nothing was written\n";
        break;
    }
    return k_exit_ok;
}

} // namespace

const Command k_cmd_import{
    "import", "contacts from vCard files (a phone's export, or a folder of .vcf)",
    "vcard FILE|DIR [--dry-run] [--prefer card|vault]",
    "Each card is matched to a contact by UID, then email, then exact name, then\n"
    "alias (any case). A match gets the card's values for keys it does not have,\n"
    "and the card's emails, phones, nicknames and categories added to its lists; a value\n"
    "that differs is listed and the vault's kept, unless --prefer says otherwise.\n"
    "Other cards become new contacts (from templates/contact.md). Every card is\n"
    "checked first: one broken card and nothing is written. All changes are one\n"
    "commit. vCard 2.1, 3.0 and 4.0 are read, quoted-printable included.\n"
    "Example: kith import vcard ~/Downloads/contacts.vcf --dry-run",
    Needs::Write, options, 2, run};

} // namespace kith::cli
