#include "commands.hpp"

#include "kith/parse/text.hpp"

#include <algorithm>

namespace kith::cli {
namespace {

void options(po::options_description& o) {
    o.add_options()("tier", po::value<std::string>()->value_name("TIER"), "only this tier")(
        "tag", po::value<std::vector<std::string>>()->value_name("TAG"), "only contacts with this tag (repeat: all of them)")(
        "company", po::value<std::string>()->value_name("TEXT"), "company contains TEXT (any case)")(
        "text", po::value<std::string>()->value_name("TEXT"),
        "TEXT (any case) appears in a field, an entry or a follow-up")(
        "all", po::bool_switch(), "include archived contacts");
}

bool contains_ci(const std::string& hay, const std::string& lower_needle) {
    return ascii_lower(hay).find(lower_needle) != std::string::npos;
}

bool text_matches(const ContactRecord& rec, const std::string& q) {
    const Contact& c = *rec.contact;
    for (const std::string* s : {&c.id, &c.name.value, &c.company, &c.title, &c.location})
        if (contains_ci(*s, q)) return true;
    for (const auto* list : {&c.aliases, &c.emails, &c.phones, &c.tags})
        for (const std::string& s : *list)
            if (contains_ci(s, q)) return true;
    for (const EntryRef& e : rec.entries)
        if (e.own && contains_ci(e.entry->text, q)) return true;
    for (const TaskRef& t : rec.tasks)
        if (contains_ci(t.task->text, q)) return true;
    return false;
}

int run(Context& ctx) {
    const VaultIndex& ix = *ctx.index;
    std::optional<std::string> tier;
    if (auto t = ctx.opt<std::string>("tier")) tier = checked_tier(ix, *t);
    std::vector<std::string> tags;
    if (auto t = ctx.opt<std::vector<std::string>>("tag"))
        for (const auto& s : *t) tags.push_back(ascii_lower(s));
    std::optional<std::string> company, text;
    if (auto s = ctx.opt<std::string>("company")) company = ascii_lower(*s);
    if (auto s = ctx.opt<std::string>("text")) text = ascii_lower(*s);
    const bool all = ctx.flag("all");

    Json items = Json::array();
    TextTable table({"id", "name", "tier", "company", "last", "tags"});
    for (const ContactRecord& rec : ix.contacts()) {
        const Contact& c = *rec.contact;
        if (c.archived && !all) continue;
        if (tier && (!c.tier || c.tier->value != *tier)) continue;
        bool tags_ok = std::all_of(tags.begin(), tags.end(), [&](const std::string& t) {
            return std::any_of(c.tags.begin(), c.tags.end(), [&](const std::string& ct) { return ascii_lower(ct) == t; });
        });
        if (!tags_ok) continue;
        if (company && !contains_ci(c.company, *company)) continue;
        if (text && !text_matches(rec, *text)) continue;
        const std::optional<Date> last = rec.last_interaction(ctx.today);
        std::string tag_text;
        for (const auto& t : c.tags) tag_text += (tag_text.empty() ? "" : ", ") + t;
        items.push_back(Json{{"id", c.id},
                             {"name", c.name.value},
                             {"tier", c.tier ? Json(c.tier->value) : Json(nullptr)},
                             {"company", c.company},
                             {"title", c.title},
                             {"location", c.location},
                             {"tags", c.tags},
                             {"last", last ? Json(last->iso()) : Json(nullptr)},
                             {"archived", c.archived},
                             {"file", c.file},
                             {"line", nullptr}});
        table.add_row({c.id, c.name.value, c.tier ? c.tier->value : "-", c.company.empty() ? "-" : c.company,
                       last ? last->iso() : "never", tag_text},
                      c.archived ? "2" : "");
    }
    switch (ctx.render.format) {
    case Format::Json: write_json(Json{{"today", ctx.today.iso()}, {"items", items}}, ctx.out); break;
    case Format::Csv:
        write_csv(items, {"id", "name", "tier", "company", "title", "location", "tags", "last", "archived", "file", "line"},
                  ctx.out);
        break;
    case Format::Table:
        if (table.empty()) ctx.out << "no contacts match\n";
        else table.print(ctx.out, ctx.render.color);
        break;
    }
    return k_exit_ok;
}

} // namespace

const Command k_cmd_list{"list", "contacts, filtered by tier, tag, company or text",
                         "[--tier TIER] [--tag TAG]... [--company TEXT] [--text TEXT] [--all]",
                         "Filters combine: every one given must match. Archived contacts are left out\n"
                         "unless --all. Example: kith list --tag hiring --company acme",
                         Needs::Vault, options, 0, run};

} // namespace kith::cli
