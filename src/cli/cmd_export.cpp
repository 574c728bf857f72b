#include "commands.hpp"
#include "../adapters/safe_path.hpp"
#include "contact_filter.hpp"
#include "interchange_support.hpp"
#include "write_support.hpp"

#include "kith/edit/edit.hpp"
#include "kith/interchange/export_json.hpp"
#include "kith/interchange/ics.hpp"
#include "kith/interchange/vcard.hpp"

#include <sstream>

namespace kith::cli {
namespace {

namespace fs = std::filesystem;

void options(po::options_description& o) {
    o.add_options()("out", po::value<std::string>()->value_name("FILE|DIR"),
                    "write there instead of to standard output (vcard: a folder, or a path ending in /, "
                    "gets one ID.vcf per contact)")(
        "version", po::value<std::string>()->value_name("3.0|4.0"), "vcard: the vCard version (default 3.0)")(
        "no-write", po::bool_switch(),
        "vcard: do not store new UIDs in the contacts (they are derived from the ids instead)")(
        "within", po::value<std::string>()->value_name("DURATION"),
        "ics: leave out one-off events dated after today + DURATION (default 365d)");
    add_contact_filter_options(o);
}

/// Options that only one kind of export takes, refused for the others.
void refuse_options(const Context& ctx, const std::string& kind, std::initializer_list<const char*> names) {
    for (const char* n : names)
        if (ctx.vm.count(n) && !ctx.vm[n].defaulted())
            throw UsageError("--" + std::string(n) + " does not apply to 'kith export " + kind + "'");
}

/// Writes `text` to --out (atomically) or to standard output.
void emit(Context& ctx, const std::string& text, const std::string& what) {
    auto out = ctx.opt<std::string>("out");
    if (!out) {
        ctx.out << text;
        return;
    }
    const fs::path path = absolute_from(ctx, *out);
    std::error_code ec;
    if (fs::is_directory(path, ec)) throw UsageError("--out names a folder: " + path.string());
    write_out(path, text);
    ctx.out << "wrote " << what << " to " << path.string() << '\n';
}

int run_vcard(Context& ctx) {
    refuse_options(ctx, "vcard", {"within"});
    vcard::Version version = vcard::Version::V3;
    if (auto v = ctx.opt<std::string>("version")) {
        auto parsed = vcard::parse_version(*v);
        if (!parsed) throw UsageError("--version takes 3.0 or 4.0, not \"" + *v + "\"");
        version = *parsed;
    }
    const ContactFilter filter(ctx);
    const bool no_write = ctx.flag("no-write");

    // The contacts to export, each with its UID; contacts without a `uid:` key
    // get one, stored in their file so that the next export gives the same.
    struct Item {
        const Contact* contact;
        std::string uid;
        std::optional<Contact> fresh; ///< re-read under the lock when a UID was added
    };
    std::vector<Item> items;
    std::size_t missing = 0;
    for (const ContactRecord& rec : ctx.index->contacts()) {
        if (!filter.matches(rec)) continue;
        auto uid = vcard::contact_uid(*rec.contact);
        if (!uid) ++missing;
        items.push_back({rec.contact, uid.value_or(""), std::nullopt});
    }

    std::optional<VaultWriter> writer;
    if (missing && !no_write) {
        // Locked only now: reading for the export needs no lock, and each
        // file is re-read under the lock before it is changed.
        writer.emplace(ctx.vault);
        for (Item& item : items) {
            if (!item.uid.empty()) continue;
            const std::string& rel = item.contact->file;
            auto before = writer->read(rel);
            if (!before) throw Failure(rel + " has disappeared since kith read the vault; retry");
            ParsedFile now = parse_file(rel, *before, FileKind::Contact);
            if (now.contact) {
                if (auto uid = vcard::contact_uid(*now.contact)) { // added meanwhile
                    item.uid = *uid;
                    item.fresh = std::move(*now.contact);
                    continue;
                }
            }
            item.uid = new_uid();
            std::string after;
            try {
                after = edit::set_key(*before, "uid", edit::yaml_scalar(item.uid));
            } catch (const edit::EditError& e) {
                throw Failure(rel + ": " + e.what());
            }
            check_edit(rel, FileKind::Contact, before, after);
            ParsedFile parsed = parse_file(rel, after, FileKind::Contact);
            if (!parsed.contact) throw Failure("kith cannot read " + rel + " after adding its uid; nothing was written");
            item.fresh = std::move(*parsed.contact);
            writer->write(rel, after);
        }
    } else {
        for (Item& item : items)
            if (item.uid.empty()) item.uid = derived_uid(item.contact->id);
    }
    if (writer && !writer->written().empty()) {
        std::ostream& sink = ctx.opt<std::string>("out") ? ctx.out : ctx.err; // stdout may carry the cards
        const std::size_t n = writer->written().size();
        std::string note;
        const std::string message = "export: uid for " + std::to_string(n) + " contact" + (n == 1 ? "" : "s") +
                                    "\n\nStored so that a later export updates these cards rather than adding them "
                                    "again.\n\n" +
                                    k_commit_trailer + "export\n";
        auto id = writer->commit(message, ctx.index->config().autocommit, note);
        sink << "stored a uid in " << n << " contact" << (n == 1 ? "" : "s");
        if (id) sink << " [" << id->substr(0, 7) << "]";
        sink << '\n';
        if (!note.empty()) ctx.err << note << '\n';
    }

    auto cards_of = [&](const Item& item) {
        return vcard::write_vcard(item.fresh ? *item.fresh : *item.contact, item.uid, version);
    };
    auto out = ctx.opt<std::string>("out");
    if (out) {
        const fs::path path = absolute_from(ctx, *out);
        std::error_code ec;
        const bool folder = fs::is_directory(path, ec) || out->back() == '/';
        if (folder) {
            fs::create_directories(path, ec);
            if (ec) throw Failure("cannot make the folder " + path.string() + ": " + ec.message());
            // One file per contact, named by its id, in the folder only: no
            // link on the way or at the name is followed.
            for (const Item& item : items) {
                try {
                    safe::write_contained(path, item.contact->id + ".vcf", cards_of(item));
                } catch (const safe::PathError& e) {
                    throw Failure(std::string(e.what()) + " (in " + path.string() + ")");
                }
            }
            ctx.out << "wrote " << items.size() << " card" << (items.size() == 1 ? "" : "s") << " to "
                    << path.string() << '\n';
            return k_exit_ok;
        }
    }
    std::string all;
    for (const Item& item : items) all += cards_of(item);
    emit(ctx, all, std::to_string(items.size()) + " card" + (items.size() == 1 ? "" : "s"));
    return k_exit_ok;
}

int run_ics(Context& ctx) {
    refuse_options(ctx, "ics", {"version", "no-write", "tier", "tag", "company", "text", "all"});
    ics::Options options;
    if (auto w = ctx.opt<std::string>("within")) options.within = parse_duration_option("--within", *w);
    const auto events = ics::events(*ctx.index, ctx.today, options);
    const std::string text = ics::to_ical(events, ctx.today);
    const auto problems = ics::validate(text);
    if (!problems.empty()) throw Failure("libical rejects the calendar kith built (a bug in kith): " + problems.front());
    emit(ctx, text, std::to_string(events.size()) + " event" + (events.size() == 1 ? "" : "s"));
    return k_exit_ok;
}

int run_json(Context& ctx) {
    refuse_options(ctx, "json", {"version", "no-write", "within", "tier", "tag", "company", "text", "all"});
    std::ostringstream s;
    write_json(export_json(*ctx.index, ctx.today), s);
    emit(ctx, s.str(), "the index");
    return k_exit_ok;
}

int run(Context& ctx) {
    auto args = ctx.args();
    if (args.empty()) throw UsageError("say what to export: vcard, ics or json");
    if (args[0] == "vcard") return run_vcard(ctx);
    if (args[0] == "ics") return run_ics(ctx);
    if (args[0] == "json") return run_json(ctx);
    throw UsageError("cannot export '" + args[0] + "': use vcard, ics or json");
}

} // namespace

const Command k_cmd_export{
    "export", "contacts as vCards, reminders as an iCalendar feed, or the whole index as JSON",
    "vcard|ics|json [--out FILE|DIR] [--version 3.0|4.0] [--within D] [filters]",
    "vcard: every contact (filters as for 'kith list': --tier, --tag, --company, --text,\n"
    "  --all) as vCard 3.0 or 4.0; --out DIR writes one ID.vcf per contact (what khard\n"
    "  and vdirsyncer read). A contact without a `uid:` key gets one, stored in its\n"
    "  file and committed, so that exporting again updates the cards instead of\n"
    "  duplicating them (--no-write: leave the vault alone).\n"
    "ics: birthdays (yearly), open follow-ups, keep-in-touch dates and thank-yous as\n"
    "  all-day events with an alarm and a stable UID.\n"
    "json: contacts, entries, follow-ups, links and diagnostics (docs/export-json.md).\n"
    "Example: kith export vcard --tag family --out ~/.contacts/kith/",
    Needs::Vault, options, 1, run};

} // namespace kith::cli
