#include "commands.hpp"
#include "contact_filter.hpp"

#include "kith/index/parallel.hpp"
#include "kith/parse/text.hpp"

#include <algorithm>
#include <type_traits>

namespace kith::cli {
namespace {

void options(po::options_description& o) { add_contact_filter_options(o); }

/// One contact's fields, for a Json object or a JsonWriter alike.
template <class Out> void contact_fields(Out& o, const Contact& c, const std::optional<Date>& last) {
    o.field("id", c.id).field("name", c.name.value).field("tier", c.tier ? std::optional(c.tier->value) : std::nullopt);
    o.field("company", c.company).field("title", c.title).field("location", c.location).field("tags", c.tags);
    o.field("last", last).field("archived", c.archived);
    o.field("file", c.file).field("line", nullptr);
}

struct JsonObject {
    Json& j;
    template <class T> JsonObject& field(const char* k, const T& v) {
        j[k] = v;
        return *this;
    }
    template <class T> JsonObject& field(const char* k, const std::optional<T>& v) {
        if constexpr (std::is_same_v<T, Date>) j[k] = v ? Json(v->iso()) : Json(nullptr);
        else j[k] = v ? Json(*v) : Json(nullptr);
        return *this;
    }
};

int run(Context& ctx) {
    const VaultIndex& ix = *ctx.index;
    const ContactFilter filter(ctx);

    using Found = std::pair<const Contact*, std::optional<Date>>;
    const auto found = gather_in_parts<Found>(ix.contacts().size(), ix.threads(), k_min_part,
                                              [&](std::size_t i, std::vector<Found>& out) {
                                                  const ContactRecord& rec = ix.contacts()[i];
                                                  if (filter.matches(rec))
                                                      out.emplace_back(rec.contact, rec.last_interaction(ctx.today));
                                              });
    switch (ctx.render.format) {
    case Format::Json: {
        // Streamed: `list` can print every contact of a large vault.
        stream_json_object(ctx.out, [&](JsonWriter& w) {
            w.field("today", ctx.today).key("items").begin_array();
            w.values_in_parts(found.size(), ctx.render.threads, [&](JsonWriter& part, std::size_t i) {
                part.begin_object();
                contact_fields(part, *found[i].first, found[i].second);
                part.end_object();
            });
            w.end_array();
        });
        break;
    }
    case Format::Csv: {
        Json items = Json::array();
        for (const auto& [c, last] : found) {
            Json j = Json::object();
            JsonObject o{j};
            contact_fields(o, *c, last);
            items.push_back(std::move(j));
        }
        write_csv(items, {"id", "name", "tier", "company", "title", "location", "tags", "last", "archived", "file", "line"},
                  ctx.out);
        break;
    }
    case Format::Table: {
        if (found.empty()) {
            ctx.out << "no contacts match\n";
            break;
        }
        TextTable table({"id", "name", "tier", "company", "last", "tags"});
        for (const auto& [c, last] : found) {
            std::string tag_text;
            for (const auto& t : c->tags) tag_text += (tag_text.empty() ? "" : ", ") + t;
            table.add_row({c->id, c->name.value, c->tier ? c->tier->value : "-", c->company.empty() ? "-" : c->company,
                           last ? last->iso() : "never", tag_text},
                          c->archived ? "2" : "");
        }
        table.print(ctx.out, ctx.render.color);
        break;
    }
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
