#include "commands.hpp"

#include "kith/render/terminal.hpp"
#include "kith/report/reports.hpp"

#include <algorithm>

namespace kith::cli {
namespace {

void options(po::options_description& o) {
    o.add_options()("entries", po::value<int>()->default_value(10)->value_name("N"), "recent entries to show");
}

std::string join(const std::vector<std::string>& v, const char* sep = ", ") {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
    return out;
}

int run(Context& ctx) {
    auto args = ctx.args();
    if (args.empty()) throw UsageError("which contact? give an id, a name or an alias");
    const VaultIndex& ix = *ctx.index;
    const ContactRecord& rec = find_contact(ix, args[0]);
    const Contact& c = *rec.contact;
    const Date T = ctx.today;
    const int max_entries = std::max(0, ctx.opt<int>("entries").value_or(10));

    const std::optional<Date> last = rec.last_interaction(T);
    std::vector<EntryRef> past = entries_until(rec, T);
    std::stable_sort(past.begin(), past.end(),
                     [](const EntryRef& a, const EntryRef& b) { return a.entry->date > b.entry->date; });
    std::vector<EntryRef> plans;
    for (const EntryRef& e : rec.entries)
        if (e.entry->date > T) plans.push_back(e);
    std::vector<TaskRef> open;
    for (const TaskRef& t : rec.tasks)
        if (!t.task->done) open.push_back(t);

    // Give and take over all time, with the same rules as `kith reciprocity`.
    ReciprocityItem balance;
    {
        auto rep = reciprocity(ix, T, {});
        for (auto& i : rep.items)
            if (i.id == c.id) balance = i;
    }
    std::optional<Date> due;
    if (rec.cadence_days && last) due = *last + *rec.cadence_days;

    std::vector<std::string> linked;
    for (std::size_t k : rec.links) linked.push_back(ix.contacts()[k].contact->id);

    if (ctx.render.format != Format::Table) {
        Json j;
        j["id"] = c.id;
        j["name"] = c.name.value;
        j["aliases"] = c.aliases;
        j["tier"] = c.tier ? Json(c.tier->value) : Json(nullptr);
        j["cadence_days"] = rec.cadence_days ? Json(*rec.cadence_days) : Json(nullptr);
        j["company"] = c.company;
        j["title"] = c.title;
        j["location"] = c.location;
        j["emails"] = c.emails;
        j["phones"] = c.phones;
        j["tags"] = c.tags;
        j["archived"] = c.archived;
        j["last"] = last ? Json(last->iso()) : Json(nullptr);
        j["next_due"] = due ? Json(due->iso()) : Json(nullptr);
        j["gave"] = balance.gave;
        j["got"] = balance.got;
        j["thanks"] = balance.thanks;
        j["unthanked"] = balance.unthanked;
        j["balance"] = balance.balance;
        Json fu = Json::array();
        for (const TaskRef& t : open)
            fu.push_back(Json{{"due", t.task->due ? Json(t.task->due->iso()) : Json(nullptr)},
                              {"text", t.task->text}, {"file", *t.file}, {"line", t.task->line}});
        j["followups"] = fu;
        Json es = Json::array();
        for (std::size_t i = 0; i < past.size() && static_cast<int>(i) < max_entries; ++i)
            es.push_back(Json{{"date", past[i].entry->date.iso()}, {"text", past[i].entry->text()},
                              {"tags", past[i].entry->tags().strings()}, {"file", *past[i].file}, {"line", past[i].entry->line}});
        j["entries"] = es;
        j["links"] = linked;
        j["file"] = c.file;
        j["line"] = nullptr;
        if (ctx.render.format == Format::Json) {
            write_json(j, ctx.out);
        } else {
            Json flat = j;
            for (const char* k : {"followups", "entries"}) flat[k] = static_cast<int>(j[k].size());
            write_csv(Json::array({flat}), {"id", "name", "tier", "cadence_days", "company", "title", "location",
                                            "emails", "phones", "tags", "archived", "last", "next_due", "gave",
                                            "got", "thanks", "unthanked", "balance", "followups", "entries",
                                            "links", "file"},
                      ctx.out);
        }
        return k_exit_ok;
    }

    auto& out = ctx.out;
    const bool color = ctx.render.color;
    out << styled("1", printable(c.name.value), color) << "  (" << printable(c.id) << ")"
        << (c.archived ? "  [archived]" : "") << '\n';
    auto field = [&](const char* key, const std::string& value) {
        if (!value.empty()) out << "  " << printable(key) << std::string(11 - std::string(key).size(), ' ') << printable(value) << '\n';
    };
    field("file", c.file);
    field("aliases", join(c.aliases));
    std::string tier = c.tier ? c.tier->value : "-";
    tier += rec.cadence_days ? " (every " + std::to_string(*rec.cadence_days) + "d)" : " (no cadence)";
    field("tier", tier);
    field("company", c.company + (c.title.empty() ? "" : (c.company.empty() ? "" : ", ") + c.title));
    field("location", c.location);
    field("email", join(c.emails));
    field("phone", join(c.phones));
    field("tags", join(c.tags));
    if (c.birthday) {
        const Birthday& b = c.birthday->value;
        char buf[16];
        std::snprintf(buf, sizeof buf, "%02d-%02d", b.month, b.day);
        field("birthday", (b.year ? std::to_string(*b.year) + "-" : std::string("--")) + buf);
    }
    if (c.met) field("met", c.met->value.iso());
    if (c.introduced_by) field("introduced", c.introduced_by->value);
    if (c.reviewed) field("reviewed", c.reviewed->value.iso());
    for (const auto& [k, v] : c.extra)
        if (k.size() < 11) field(k.c_str(), v);
    if (last) {
        std::string status = last->iso() + " (" + std::to_string(T - *last) + " days ago)";
        if (due) status += *due < T ? ", overdue since " + due->iso() : ", next by " + due->iso();
        field("last", status);
    } else {
        field("last", "never");
    }
    field("give/take", "gave " + std::to_string(balance.gave) + ", got " + std::to_string(balance.got) +
                           ", thanks " + std::to_string(balance.thanks) +
                           (balance.unthanked ? ", unthanked " + std::to_string(balance.unthanked) : ""));
    field("links", join(linked));
    if (!open.empty()) {
        out << "\nopen follow-ups:\n";
        for (const TaskRef& t : open)
            out << "  " << (t.task->due ? t.task->due->iso() : std::string("          ")) << "  " << printable(t.task->text)
                << (t.task->due && *t.task->due < T ? "  (overdue)" : "") << '\n';
    }
    if (!plans.empty()) {
        out << "\nplanned:\n";
        for (const EntryRef& e : plans) out << "  " << e.entry->date.iso() << "  " << printable(e.entry->text()) << '\n';
    }
    if (!past.empty() && max_entries > 0) {
        out << "\nrecent entries:\n";
        for (std::size_t i = 0; i < past.size() && static_cast<int>(i) < max_entries; ++i)
            out << "  " << past[i].entry->date.iso() << "  " << printable(past[i].entry->text())
                << (past[i].own ? "" : "  (" + *past[i].file + ")") << '\n';
    }
    return k_exit_ok;
}

} // namespace

const Command k_cmd_show{"show", "everything known about one person", "ID|NAME|ALIAS [--entries N]",
                         "Fields, last interaction and cadence status, open follow-ups, give and\n"
                         "take, plans and recent entries. Example: kith show alice",
                         Needs::Vault, options, 1, run};

} // namespace kith::cli
