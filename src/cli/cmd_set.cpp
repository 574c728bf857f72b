#include "commands.hpp"
#include "write_support.hpp"

#include "kith/edit/edit.hpp"
#include "kith/parse/text.hpp"

#include "kith/render/render.hpp"

#include <algorithm>

namespace kith::cli {
namespace {

bool is_list_key(const std::string& k) { return k == "aliases" || k == "tags"; }
bool is_multi_key(const std::string& k) { return k == "email" || k == "phone"; }

/// Values from the command line for a list key: each argument, split at
/// commas; an argument written as a YAML flow list (`[a, "b c"]`) is read as
/// one: its brackets go and quoted items are unquoted.
std::vector<std::string> split_values(const std::vector<std::string>& args) {
    std::vector<std::string> out;
    for (const auto& arg : args) {
        std::string_view a = trim(arg);
        if (a.size() >= 2 && a.front() == '[' && a.back() == ']') a = a.substr(1, a.size() - 2);
        std::size_t start = 0;
        while (start <= a.size()) {
            std::size_t comma = a.find(',', start);
            std::string_view part = trim(a.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
            if (part.size() >= 2 && (part.front() == '"' || part.front() == '\'') && part.back() == part.front())
                part = part.substr(1, part.size() - 2);
            if (!part.empty()) out.emplace_back(part);
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
    }
    return out;
}

/// The YAML text for KEY given the words after it; UsageError for bad values.
std::string yaml_value_for(Context& ctx, const std::string& key, const std::vector<std::string>& words) {
    const std::string value = joined_text(words, "value");
    if (key == "tier") return edit::yaml_scalar(checked_tier(*ctx.index, value));
    if (key == "cadence") {
        if (!Cadence::parse(value)) throw UsageError("'cadence' takes a duration of at least 1d (45d, 6w, 3m, 1y) or none, not \"" + value + "\"");
        return value;
    }
    if (key == "met" || key == "reviewed") return parse_date_option("'" + key + "'", value).iso();
    if (key == "birthday") {
        auto b = Birthday::parse(value);
        if (!b) throw UsageError("'birthday' takes YYYY-MM-DD or --MM-DD, not \"" + value + "\"");
        if (b->year && *Date::from_ymd(*b->year, b->month, b->day) > ctx.today) throw UsageError("'birthday' is after today");
        return edit::yaml_scalar(value);
    }
    if (key == "archived") {
        if (value != "true" && value != "false") throw UsageError("'archived' takes true or false");
        return value;
    }
    if (key == "introduced_by") {
        const ContactRecord& r = find_contact(*ctx.index, value);
        return edit::yaml_scalar("[[" + r.contact->id + "]]");
    }
    return edit::yaml_scalar(value);
}

void check_key(const std::string& key) {
    if (key == "id") throw UsageError("the id is the file name: rename the file to change it");
    auto ok = [](unsigned char c) { return std::isalnum(c) || c == '_' || c == '-'; };
    if (key.empty() || !std::all_of(key.begin(), key.end(), ok))
        throw UsageError("not a key kith can set: \"" + key + "\" (letters, digits, _ and - only)");
}

int apply(Context& ctx, const ContactRecord& who, const std::string& key, const std::optional<std::string>& yaml,
          const std::string& command, const std::string& subject) {
    const std::string& rel = who.contact->file;
    auto before = ctx.writer->read(rel);
    if (!before) throw Failure(rel + " has disappeared since kith read the vault; retry");
    std::string after;
    try {
        after = yaml ? edit::set_key(*before, key, *yaml) : edit::unset_key(*before, key);
    } catch (const edit::EditError& e) {
        throw Failure(rel + ": " + e.what());
    }
    if (after == *before) {
        ctx.out << "nothing to change in " << rel << '\n';
        return k_exit_ok;
    }
    check_edit(rel, FileKind::Contact, before, after);
    ctx.writer->write(rel, after);
    return finish_write(ctx, command, subject, command == "set" ? "set " + key + " in " + rel : "removed " + key + " from " + rel);
}

void set_options(po::options_description& o) {
    o.add_options()("add", po::bool_switch(), "add the values to a list key (aliases, tags, email, phone)")(
        "remove", po::bool_switch(), "remove the values from a list key");
}

/// A list key: the values replace the list (saying what went), or with
/// --add / --remove, are added or removed one by one.
int set_list(Context& ctx, const ContactRecord& who, const std::string& key, const std::vector<std::string>& words) {
    std::vector<std::string> values = split_values(words);
    if (values.empty()) throw UsageError("no value for '" + key + "'");
    if (key == "tags")
        for (std::string& v : values) v = checked_tag(v);
    const edit::ListOp op = ctx.flag("add") ? edit::ListOp::Add : ctx.flag("remove") ? edit::ListOp::Remove : edit::ListOp::Replace;
    const std::string& rel = who.contact->file;
    auto before = ctx.writer->read(rel);
    if (!before) throw Failure(rel + " has disappeared since kith read the vault; retry");
    std::string after;
    std::vector<std::string> old_values;
    try {
        after = edit::edit_list(*before, key, op, values, is_multi_key(key), &old_values);
    } catch (const edit::EditError& e) {
        throw Failure(rel + ": " + e.what());
    }
    if (after == *before) {
        ctx.out << "nothing to change in " << rel << '\n';
        return k_exit_ok;
    }
    if (op == edit::ListOp::Replace) {
        std::vector<std::string> gone;
        for (const std::string& o : old_values)
            if (std::none_of(values.begin(), values.end(), [&](const std::string& v) { return ascii_lower(v) == ascii_lower(o); }))
                gone.push_back(o);
        if (!gone.empty()) {
            ctx.err << "note: " << key << " no longer has ";
            for (std::size_t i = 0; i < gone.size(); ++i) ctx.err << (i ? ", " : "") << printable(gone[i]);
            ctx.err << " (use --add to add a value and keep the others)\n";
        }
    }
    check_edit(rel, FileKind::Contact, before, after);
    ctx.writer->write(rel, after);
    std::string joined;
    for (const std::string& v : values) joined += (joined.empty() ? "" : ", ") + v;
    const char* verb = op == edit::ListOp::Add ? "added" : op == edit::ListOp::Remove ? "removed" : "set";
    const std::string done = op == edit::ListOp::Add      ? "added " + joined + " to " + key + " in " + rel
                             : op == edit::ListOp::Remove ? "removed " + joined + " from " + key + " in " + rel
                                                          : "set " + key + " in " + rel;
    const std::string shown = op != edit::ListOp::Replace ? std::string(" ") + verb + " " + joined
                              : "=" + (is_multi_key(key) && values.size() == 1 ? edit::yaml_scalar(values[0]) : edit::yaml_list(values));
    return finish_write(ctx, "set", who.contact->id + " " + key + short_text(shown), done);
}

int run_set(Context& ctx) {
    auto args = ctx.args();
    if (args.size() < 3) throw UsageError("give a contact, a key and a value");
    const ContactRecord& who = find_contact(*ctx.index, args[0]);
    const std::string key = args[1];
    check_key(key);
    if (ctx.flag("add") && ctx.flag("remove")) throw UsageError("--add and --remove exclude each other");
    if (is_list_key(key) || is_multi_key(key)) return set_list(ctx, who, key, {args.begin() + 2, args.end()});
    if (ctx.flag("add") || ctx.flag("remove"))
        throw UsageError("--add and --remove are for the list keys (aliases, tags, email, phone), not '" + key + "'");
    const std::string yaml = yaml_value_for(ctx, key, {args.begin() + 2, args.end()});
    return apply(ctx, who, key, yaml, "set", who.contact->id + " " + key + "=" + short_text(yaml));
}

int run_unset(Context& ctx) {
    auto args = ctx.args();
    if (args.size() != 2) throw UsageError("give a contact and a key");
    const ContactRecord& who = find_contact(*ctx.index, args[0]);
    const std::string key = args[1];
    check_key(key);
    if (key == "name") throw UsageError("every contact needs a name: use 'kith set' to change it");
    return apply(ctx, who, key, std::nullopt, "unset", who.contact->id + " " + key);
}

} // namespace

const Command k_cmd_set{"set", "change one front-matter key, leaving every other line as it was",
                        "WHO KEY VALUE... [--add|--remove]",
                        "Known keys are checked (tier, cadence, dates, archived, introduced_by...).\n"
                        "aliases, tags, email and phone take a list (several values, commas, or\n"
                        "[a, b]): it replaces the list (kith says which values went); --add adds\n"
                        "values and --remove removes them, keeping the others. A block list keeps\n"
                        "its comments and every item that stays. Examples:\n"
                        "kith set alice tier core\n"
                        "kith set alice email --add alice@work.example",
                        Needs::Write, set_options, -1, run_set};

const Command k_cmd_unset{"unset", "remove one front-matter key", "WHO KEY",
                          "Example: kith unset alice company", Needs::Write, nullptr, 2, run_unset};

} // namespace kith::cli
