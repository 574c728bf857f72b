#include "kith/interchange/export_json.hpp"

#include <map>
#include <tuple>

namespace kith {
namespace {

Json date_or_null(const std::optional<Date>& d) { return d ? Json(d->iso()) : Json(nullptr); }

std::string birthday_text(const Birthday& b) {
    auto two = [](int n) { return std::string(n < 10 ? "0" : "") + std::to_string(n); };
    if (!b.year) return "--" + two(b.month) + "-" + two(b.day);
    return Date::from_ymd(*b.year, b.month, b.day)->iso();
}

/// (file, line) -> the ids an item counts for, in id order.
using Owners = std::map<std::pair<std::string, int>, std::vector<std::string>>;

Json entry_json(const std::string& file, const Entry& e, const Owners& owners, bool own) {
    auto it = owners.find({file, e.line});
    return Json{{"file", file},
                {"line", e.line},
                {"date", e.date.iso()},
                {"text", e.text()},
                {"tags", e.tags().strings()},
                {"links", e.links().strings()},
                {"contacts", it == owners.end() ? std::vector<std::string>{} : it->second},
                {"in_contact_file", own}};
}

Json task_json(const std::string& file, const Task& t, const Owners& owners) {
    auto it = owners.find({file, t.line});
    return Json{{"file", file},
                {"line", t.line},
                {"done", t.done},
                {"due", date_or_null(t.due)},
                {"text", t.text},
                {"links", t.links.strings()},
                {"contacts", it == owners.end() ? std::vector<std::string>{} : it->second}};
}

} // namespace

Json export_json(const VaultIndex& index, Date today) {
    const Config& cfg = index.config();
    Json tiers = Json::object();
    for (const auto& [name, days] : cfg.tiers) tiers[name] = days ? Json(*days) : Json(nullptr);
    Json out{{"kith_export", k_export_json_version},
             {"today", today.iso()},
             {"config",
              {{"tiers", tiers},
               {"default_cadence", cfg.default_cadence ? Json(*cfg.default_cadence) : Json(nullptr)},
               {"remind_within", cfg.remind_within},
               {"thank_within", cfg.thank_within}}}};

    Owners entry_owners, task_owners;
    for (const ContactRecord& rec : index.contacts()) {
        for (const EntryRef& e : rec.entries) entry_owners[{*e.file, e.entry->line}].push_back(rec.contact->id);
        for (const TaskRef& t : rec.tasks) task_owners[{*t.file, t.task->line}].push_back(rec.contact->id);
    }

    Json contacts = Json::array(), links = Json::array();
    // Items by (file, line), whichever file they are in.
    std::map<std::pair<std::string, int>, Json> entries, followups;
    for (const ContactRecord& rec : index.contacts()) {
        const Contact& c = *rec.contact;
        Json extra = Json::object();
        for (const auto& [k, v] : c.extra) extra[k] = v;
        Json linked = Json::array();
        for (std::size_t k : rec.links) {
            linked.push_back(index.contacts()[k].contact->id);
            links.push_back(Json{{"from", c.id}, {"to", index.contacts()[k].contact->id}, {"file", c.file}});
        }
        Json cadence = nullptr;
        if (c.cadence) cadence = c.cadence->value.days ? Json(*c.cadence->value.days) : Json("none");
        std::optional<std::string> intro_id;
        if (c.introduced_by_link)
            if (auto r = index.resolve(*c.introduced_by_link); r.contact) intro_id = index.contacts()[*r.contact].contact->id;
        const std::optional<Date> last = rec.last_interaction(today);
        contacts.push_back(Json{
            {"id", c.id},
            {"file", c.file},
            {"name", c.name.value},
            {"aliases", c.aliases},
            {"tier", c.tier ? Json(c.tier->value) : Json(nullptr)},
            {"cadence", cadence},
            {"cadence_days", rec.cadence_days ? Json(*rec.cadence_days) : Json(nullptr)},
            {"company", c.company.empty() ? Json(nullptr) : Json(c.company)},
            {"title", c.title.empty() ? Json(nullptr) : Json(c.title)},
            {"location", c.location.empty() ? Json(nullptr) : Json(c.location)},
            {"emails", c.emails},
            {"phones", c.phones},
            {"birthday", c.birthday ? Json(birthday_text(c.birthday->value)) : Json(nullptr)},
            {"met", c.met ? Json(c.met->value.iso()) : Json(nullptr)},
            {"reviewed", c.reviewed ? Json(c.reviewed->value.iso()) : Json(nullptr)},
            {"introduced_by", c.introduced_by ? Json(c.introduced_by->value) : Json(nullptr)},
            {"introduced_by_id", intro_id ? Json(*intro_id) : Json(nullptr)},
            {"tags", c.tags},
            {"archived", c.archived},
            {"extra", extra},
            {"last", date_or_null(last)},
            {"links", linked},
        });
        for (const Entry& e : c.body.entries) entries[{c.file, e.line}] = entry_json(c.file, e, entry_owners, true);
        for (const Task& t : c.body.tasks) followups[{c.file, t.line}] = task_json(c.file, t, task_owners);
    }
    Json notes = Json::array();
    for (const Note& n : index.notes()) {
        notes.push_back(Json{{"file", n.file}, {"date", date_or_null(n.date)}});
        for (const Entry& e : n.body.entries) entries[{n.file, e.line}] = entry_json(n.file, e, entry_owners, false);
        for (const Task& t : n.body.tasks) followups[{n.file, t.line}] = task_json(n.file, t, task_owners);
    }
    Json entry_list = Json::array(), followup_list = Json::array();
    for (auto& [k, v] : entries) entry_list.push_back(std::move(v));
    for (auto& [k, v] : followups) followup_list.push_back(std::move(v));
    Json diagnostics = Json::array();
    for (const Diagnostic& d : index.diagnostics())
        diagnostics.push_back(Json{{"file", d.file}, {"line", d.line}, {"level", level_name(d.level)}, {"message", d.message}});

    out["contacts"] = std::move(contacts);
    out["notes"] = std::move(notes);
    out["entries"] = std::move(entry_list);
    out["followups"] = std::move(followup_list);
    out["links"] = std::move(links);
    out["diagnostics"] = std::move(diagnostics);
    return out;
}

} // namespace kith
