#include "commands.hpp"
#include "write_support.hpp"

#include "kith/edit/edit.hpp"
#include "kith/parse/headings.hpp"
#include "kith/parse/text.hpp"

namespace kith::cli {
namespace {

void todo_options(po::options_description& o) {
    o.add_options()("due", po::value<std::string>()->value_name("YYYY-MM-DD"), "when it is due (written as 📅 DATE)");
}

int run_todo(Context& ctx) {
    auto args = ctx.args();
    if (args.empty()) throw UsageError("who? give an id, a name or an alias, then the follow-up");
    const ContactRecord& who = find_contact(*ctx.index, args[0]);
    std::string text = joined_text({args.begin() + 1, args.end()}, "follow-up text");
    if (auto due = ctx.opt<std::string>("due")) text += " \xF0\x9F\x93\x85 " + parse_date_option("--due", *due).iso();
    const std::string& rel = who.contact->file;
    auto before = ctx.writer->read(rel);
    if (!before) throw Failure(rel + " has disappeared since kith read the vault; retry");
    const Headings headings = parse_headings(ctx.writer->read(k_config_path).value_or(""));
    const std::string after = edit::append_follow_up(*before, text, headings.todo);
    check_edit(rel, FileKind::Contact, before, after);
    ctx.writer->write(rel, after);
    return finish_write(ctx, "todo", who.contact->id + " - " + short_text(text), "added a follow-up to " + rel);
}

int run_done(Context& ctx) {
    auto args = ctx.args();
    if (args.empty()) throw UsageError("who? give an id, a name or an alias, and optionally words of the follow-up");
    const ContactRecord& who = find_contact(*ctx.index, args[0]);
    std::string match;
    for (std::size_t i = 1; i < args.size(); ++i) match += (match.empty() ? "" : " ") + args[i];
    const std::string needle = ascii_lower(match);
    std::vector<TaskRef> found;
    for (const TaskRef& t : who.tasks)
        if (!t.task->done && ascii_lower(t.task->text).find(needle) != std::string::npos) found.push_back(t);
    if (found.empty())
        throw Failure("no open follow-up of " + who.contact->id + (match.empty() ? "" : " matches '" + match + "'"));
    if (found.size() > 1) {
        std::string list;
        for (const TaskRef& t : found) list += "\n  " + *t.file + ":" + std::to_string(t.task->line) + ": " + std::string(t.task->text);
        throw Failure("several open follow-ups of " + who.contact->id + " match" +
                      (match.empty() ? "" : " '" + match + "'") + "; say which with more words:" + list);
    }
    const TaskRef t = found.front();
    const std::string& rel = *t.file;
    auto before = ctx.writer->read(rel);
    if (!before) throw Failure(rel + " has disappeared since kith read the vault; retry");
    std::string after;
    try {
        after = edit::complete_task(*before, t.task->line, ctx.today);
    } catch (const edit::EditError& e) {
        throw Failure(rel + ": " + e.what());
    }
    check_edit(rel, classify_path(rel, ctx.index->config().contact_folders).value_or(FileKind::Note), before, after);
    ctx.writer->write(rel, after);
    return finish_write(ctx, "done", who.contact->id + " - " + short_text(t.task->text),
                        "ticked " + rel + ":" + std::to_string(t.task->line) + ": " + std::string(t.task->text));
}

} // namespace

const Command k_cmd_todo{"todo", "add a follow-up to a contact's Follow-ups section", "WHO TEXT... [--due D]",
                         "Adds '- [ ] TEXT 📅 DUE' under '## Follow-ups' (made if missing).\n"
                         "Example: kith todo alice send the paper --due 2026-12-01",
                         Needs::Write, todo_options, -1, run_todo};

const Command k_cmd_done{"done", "tick one open follow-up of a contact", "WHO [WORDS...]",
                         "Ticks the open follow-up whose text contains WORDS (any case), in the\n"
                         "contact's file or a note that links them. When several match, lists them\n"
                         "and changes nothing. An item with Obsidian Tasks dates gets ' ✅ TODAY'; a\n"
                         "recurring one (🔁 every week) gets its next instance above it.\n"
                         "Example: kith done alice paper",
                         Needs::Write, nullptr, -1, run_done};

} // namespace kith::cli
