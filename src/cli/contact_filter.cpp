#include "contact_filter.hpp"

#include "kith/parse/text.hpp"

#include <algorithm>

namespace kith::cli {
namespace {

bool contains_ci(std::string_view hay, const std::string& lower_needle) {
    return ascii_lower(hay).find(lower_needle) != std::string::npos;
}

} // namespace

void add_contact_filter_options(po::options_description& o) {
    o.add_options()("tier", po::value<std::string>()->value_name("TIER"), "only this tier")(
        "tag", po::value<std::vector<std::string>>()->value_name("TAG"), "only contacts with this tag (repeat: all of them)")(
        "company", po::value<std::string>()->value_name("TEXT"), "company contains TEXT (any case)")(
        "text", po::value<std::string>()->value_name("TEXT"),
        "TEXT (any case) appears in a field, an entry or a follow-up")(
        "all", po::bool_switch(), "include archived contacts");
}

ContactFilter::ContactFilter(const Context& ctx) {
    if (auto t = ctx.opt<std::string>("tier")) m_tier = checked_tier(*ctx.index, *t);
    if (auto t = ctx.opt<std::vector<std::string>>("tag"))
        for (const auto& s : *t) m_tags.push_back(ascii_lower(s));
    if (auto s = ctx.opt<std::string>("company")) m_company = ascii_lower(*s);
    if (auto s = ctx.opt<std::string>("text")) m_text = ascii_lower(*s);
    m_all = ctx.flag("all");
}

bool ContactFilter::matches(const ContactRecord& rec) const {
    const Contact& c = *rec.contact;
    if (c.archived && !m_all) return false;
    if (m_tier && (!c.tier || c.tier->value != *m_tier)) return false;
    for (const std::string& t : m_tags)
        if (std::none_of(c.tags.begin(), c.tags.end(), [&](const std::string& ct) { return ascii_lower(ct) == t; }))
            return false;
    if (m_company && !contains_ci(c.company, *m_company)) return false;
    if (!m_text) return true;
    const std::string& q = *m_text;
    for (const std::string* s : {&c.id, &c.name.value, &c.company, &c.title, &c.location})
        if (contains_ci(*s, q)) return true;
    for (const auto* list : {&c.aliases, &c.emails, &c.phones, &c.tags})
        for (const std::string& s : *list)
            if (contains_ci(s, q)) return true;
    for (const EntryRef& e : rec.entries)
        if (e.own && contains_ci(e.entry->text(), q)) return true;
    for (const TaskRef& t : rec.tasks)
        if (contains_ci(t.task->text, q)) return true;
    return false;
}

} // namespace kith::cli
