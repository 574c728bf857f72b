#include "commands.hpp"

#include <ctime>

namespace kith::cli {
namespace {

void options(po::options_description& o) {
    o.add_options()("limit", po::value<long long>()->value_name("N"), "show at most N commits");
}

std::string commit_date(const CommitInfo& c) {
    std::time_t t = static_cast<std::time_t>(c.time + std::int64_t{c.offset_minutes} * 60);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

int run(Context& ctx) {
    auto args = ctx.args();
    if (args.size() != 1) throw UsageError("which contact? give an id, a name or an alias");
    const ContactRecord& who = find_contact(*ctx.index, args[0]);
    std::size_t limit = 0;
    if (auto l = ctx.opt<long long>("limit")) {
        if (*l < 0) throw UsageError("--limit must be 0 or more");
        limit = static_cast<std::size_t>(*l);
        if (limit == 0) return k_exit_ok;
    }
    auto repo = Repo::discover(ctx.vault);
    if (!repo) throw Failure("the vault is not in a git repository, so there is no history (run 'git init' to start one)");
    const std::string path = repo->relative(ctx.vault / who.contact->file);
    // Under --at, the history up to that commit.
    const auto commits = repo->history(path, limit, ctx.at ? ctx.at->commit : std::string());
    Json items = Json::array();
    TextTable table({"date", "commit", "author", "change"});
    for (const CommitInfo& c : commits) {
        items.push_back(Json{{"commit", c.id}, {"date", commit_date(c)}, {"author", c.author}, {"summary", c.summary}});
        table.add_row({commit_date(c), c.id.substr(0, 7), c.author.substr(0, c.author.find(" <")), c.summary});
    }
    switch (ctx.render.format) {
    case Format::Json: write_json(Json{{"id", who.contact->id}, {"file", who.contact->file}, {"items", items}}, ctx.out); break;
    case Format::Csv: write_csv(items, {"commit", "date", "author", "summary"}, ctx.out); break;
    case Format::Table:
        if (commits.empty()) ctx.out << "no commits touch " << who.contact->file << " yet\n";
        else table.print(ctx.out, ctx.render.color);
    }
    return k_exit_ok;
}

} // namespace

const Command k_cmd_history{"history", "the git history of one contact's file, newest first", "WHO [--limit N]",
                            "Example: kith history alice --limit 5", Needs::Vault, options, 1, run};

} // namespace kith::cli
