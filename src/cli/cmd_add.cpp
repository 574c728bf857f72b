#include "commands.hpp"

#include "kith/index/layout_check.hpp"
#include "template_support.hpp"
#include "write_support.hpp"

#include "../adapters/fs_source.hpp"
#include "kith/edit/edit.hpp"
#include "kith/parse/text.hpp"
#include "kith/templates.hpp"

#include <mstch/mstch.hpp>

namespace kith::cli {
namespace {

void options(po::options_description& o) {
    using strings = std::vector<std::string>;
    o.add_options()
        ("tier", po::value<std::string>()->value_name("TIER"), "a configured tier")
        ("company", po::value<std::string>()->value_name("TEXT"), "where they work")
        ("title", po::value<std::string>()->value_name("TEXT"), "their role")
        ("location", po::value<std::string>()->value_name("TEXT"), "where they live")
        ("email", po::value<strings>()->value_name("ADDRESS"), "repeatable")
        ("phone", po::value<strings>()->value_name("NUMBER"), "repeatable")
        ("alias", po::value<strings>()->value_name("NAME"), "another name links may use; repeatable")
        ("tag", po::value<strings>()->value_name("TAG"), "repeatable")
        ("met", po::value<std::string>()->value_name("YYYY-MM-DD"), "when you met")
        ("introduced-by", po::value<std::string>()->value_name("WHO"), "who introduced you (id, name or alias)")
        ("birthday", po::value<std::string>()->value_name("DATE"), "YYYY-MM-DD, or --MM-DD without the year");
}

/// Template values: each field as plain text (`name`) and as a ready YAML value
/// (`name_yaml`); lists also as comma-joined text (`tags`, for `[{{tags}}]`).
mstch::map template_values(Context& ctx, const std::string& name, const std::string& id) {
    using strings = std::vector<std::string>;
    mstch::map m;
    auto scalar = [&](const std::string& key, const std::string& value) {
        m[key] = value;
        m[key + "_yaml"] = value.empty() ? std::string() : edit::yaml_scalar(value);
    };
    auto list = [&](const std::string& key, const strings& values, bool scalar_if_one) {
        std::string joined;
        for (const auto& v : values) joined += (joined.empty() ? "" : ", ") + v;
        m[key] = joined;
        m[key + "_yaml"] = values.empty() ? std::string()
                           : (scalar_if_one && values.size() == 1) ? edit::yaml_scalar(values[0])
                                                                   : edit::yaml_list(values);
    };
    scalar("name", name);
    m["id"] = id;
    m["today"] = ctx.today.iso();
    scalar("tier", ctx.opt<std::string>("tier") ? checked_tier(*ctx.index, *ctx.opt<std::string>("tier")) : "");
    for (const char* k : {"company", "title", "location"}) scalar(k, ctx.opt<std::string>(k).value_or(""));
    list("email", ctx.opt<strings>("email").value_or(strings{}), true);
    list("phone", ctx.opt<strings>("phone").value_or(strings{}), true);
    list("aliases", ctx.opt<strings>("alias").value_or(strings{}), false);
    strings tags;
    for (const auto& t : ctx.opt<strings>("tag").value_or(strings{})) tags.push_back(checked_tag(t));
    list("tags", tags, false);
    scalar("met", ctx.opt<std::string>("met") ? parse_date_option("--met", *ctx.opt<std::string>("met")).iso() : "");
    std::string birthday;
    if (auto b = ctx.opt<std::string>("birthday")) {
        auto parsed = Birthday::parse(*b);
        if (!parsed) throw UsageError("--birthday is not a date: \"" + *b + "\" (expected YYYY-MM-DD or --MM-DD)");
        if (parsed->year && *Date::from_ymd(*parsed->year, parsed->month, parsed->day) > ctx.today)
            throw UsageError("--birthday is after today");
        birthday = *b;
    }
    scalar("birthday", birthday);
    std::string intro;
    if (auto who = ctx.opt<std::string>("introduced-by")) intro = "[[" + find_contact(*ctx.index, *who).contact->id + "]]";
    scalar("introduced_by", intro);
    return m;
}

int run(Context& ctx) {
    const std::string name = joined_text(ctx.args(), "name");
    const std::string id = edit::slugify(name);
    if (id.empty()) throw UsageError("cannot make an id from \"" + name + "\": it needs some letters or digits");
    if (is_windows_reserved(id))
        throw Failure("the id '" + id + "' is a reserved file name on Windows, so a copy of the vault there would "
                      "break; give a fuller name (e.g. \"" + name + " Smith\")");

    // The id must be new, also against files kith could not read.
    if (const auto ids = contact_file_ids(ctx.vault, ctx.index->config().contact_folders); ids.count(id))
        throw Failure("a contact with the id '" + id + "' exists already: " + ids.at(id));

    std::string tmpl(templates::k_contact_md);
    const std::string user_template = "templates/contact.md";
    if (auto t = ctx.writer->read(user_template)) {
        refuse_bad_template(ctx, user_template, *t, TemplateKind::Markdown);
        tmpl = *t;
    }
    const mstch::map values = template_values(ctx, name, id);
    mstch::config::escape = [](const std::string& s) { return s; }; // Markdown, not HTML
    const std::string text = mstch::render(tmpl, values);

    // New contacts go in the first of the config's contact folders.
    const std::string rel = ctx.index->config().contact_folders.front() + "/" + id + ".md";
    if (ctx.writer->read(rel)) throw Failure(rel + " exists already");
    try {
        check_edit(rel, FileKind::Contact, std::nullopt, text);
    } catch (const Failure& e) {
        throw Failure(std::string(e.what()) + "\n(the template makes a broken contact; in " + user_template +
                      ", {{name_yaml}} gives a safely quoted value)");
    }
    ParsedFile parsed = parse_file(rel, text, FileKind::Contact);
    if (!parsed.contact) throw Failure("the template makes a contact kith cannot read; check " + user_template);
    ctx.writer->write(rel, text);
    return finish_write(ctx, "add", id + " - " + name, "added " + name + " as " + rel);
}

} // namespace

const Command k_cmd_add{
    "add", "create a contact from the template", "NAME... [--tier T] [--company C] [--tag T]... [options]",
    "The id is the slug of NAME (lowercase ASCII, accents folded). The file is made\n"
    "from templates/contact.md in the vault, else the built-in template (mustache:\n"
    "{{name}}, {{name_yaml}}, {{tier}}, {{tags}}, ...). Refuses an id that exists.\n"
    "Example: kith add Zoë Martín --tier close --company Lumen --tag investor",
    Needs::Write, options, -1, run};

} // namespace kith::cli
