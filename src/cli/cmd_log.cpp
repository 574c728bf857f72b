#include "commands.hpp"
#include "write_support.hpp"

#include "kith/edit/edit.hpp"
#include "kith/parse/headings.hpp"

namespace kith::cli {
namespace {

void options(po::options_description& o) {
    o.add_options()
        ("date", po::value<std::string>()->value_name("YYYY-MM-DD"), "the day it happened (default today)")
        ("gave", po::bool_switch(), "you did them a favour (#gave)")
        ("got", po::bool_switch(), "they did you a favour (#got)")
        ("intro", po::bool_switch(), "the favour was an introduction (#intro, with --gave or --got)")
        ("thanks", po::bool_switch(), "you thanked them (#thanks)")
        ("tag", po::value<std::vector<std::string>>()->value_name("TAG"), "the kind of interaction (#call, #coffee...); repeatable")
        ("with", po::value<std::vector<std::string>>()->value_name("WHO"),
         "someone else who was there: the entry goes to journal/DATE.md, linking everyone; repeatable");
}

int run(Context& ctx) {
    auto args = ctx.args();
    if (args.empty()) throw UsageError("who? give an id, a name or an alias, then what happened");
    const VaultIndex& ix = *ctx.index;
    const ContactRecord& who = find_contact(ix, args[0]);
    const std::string text = joined_text({args.begin() + 1, args.end()}, "text");
    const Date date = ctx.opt<std::string>("date") ? parse_date_option("--date", *ctx.opt<std::string>("date")) : ctx.today;
    if (ctx.flag("gave") && ctx.flag("got")) throw UsageError("--gave and --got exclude each other: log two entries");
    if (ctx.flag("intro") && !ctx.flag("gave") && !ctx.flag("got"))
        throw UsageError("--intro says what kind of favour: use it with --gave or --got");

    std::string tags;
    auto add_tag = [&](const std::string& t) { tags += "#" + t + " "; };
    if (ctx.flag("gave")) add_tag("gave");
    if (ctx.flag("got")) add_tag("got");
    if (ctx.flag("intro")) add_tag("intro");
    if (ctx.flag("thanks")) add_tag("thanks");
    for (const auto& t : ctx.opt<std::vector<std::string>>("tag").value_or(std::vector<std::string>{})) add_tag(checked_tag(t));

    std::vector<const ContactRecord*> people{&who};
    for (const auto& w : ctx.opt<std::vector<std::string>>("with").value_or(std::vector<std::string>{})) {
        const ContactRecord* r = &find_contact(ix, w);
        if (std::find(people.begin(), people.end(), r) == people.end()) people.push_back(r);
    }
    std::string ids;
    for (const auto* p : people) ids += (ids.empty() ? "" : ", ") + p->contact->id;
    if (date > ctx.today) ctx.err << "note: " << date.iso() << " is after today: the entry is a plan and counts for nothing until then\n";

    VaultWriter& w = *ctx.writer;
    std::string where;
    if (people.size() == 1) {
        const std::string& rel = who.contact->file;
        auto before = w.read(rel);
        if (!before) throw Failure(rel + " has disappeared since kith read the vault; retry");
        const Headings headings = parse_headings(w.read(k_config_path).value_or(""));
        const std::string after = edit::insert_log_entry(*before, date, date.iso() + " " + tags + text, headings.log);
        check_edit(rel, FileKind::Contact, before, after);
        w.write(rel, after);
        where = rel;
    } else {
        std::string links;
        for (std::size_t i = 0; i < people.size(); ++i) {
            links += i == 0 ? "" : (i + 1 == people.size() ? " and " : ", ");
            links += "[[" + people[i]->contact->id + "]]";
        }
        const std::string rel = "journal/" + date.iso() + ".md";
        auto before = w.read(rel);
        const std::string base = before.value_or("# " + date.iso() + "\n");
        const std::string after = edit::append_note_entry(base, date.iso() + " " + tags + text + " (with " + links + ")");
        check_edit(rel, FileKind::Note, before, after);
        w.write(rel, after);
        where = rel;
    }
    return finish_write(ctx, "log", ids + " - " + short_text(tags + text), "logged " + date.iso() + " for " + ids + " in " + where);
}

} // namespace

const Command k_cmd_log{
    "log", "record an interaction: appended to the contact's Log, newest first",
    "WHO TEXT... [--date D] [--gave|--got] [--intro] [--thanks] [--tag T]... [--with WHO]...",
    "Adds '- DATE #tags TEXT' under '## Log' (made if missing), keeping every other\n"
    "byte of the file. With --with, the entry goes to journal/DATE.md and links\n"
    "everyone. Example: kith log alice --tag coffee talked about hiring",
    Needs::Write, options, -1, run};

} // namespace kith::cli
