#include "commands.hpp"

#include "kith/index/layout_check.hpp"
#include "kith/render/terminal.hpp"

namespace kith::cli {
namespace {

std::string plural(std::size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

int run(Context& ctx) {
    Diagnostics ds = ctx.index->diagnostics();
    for (Diagnostic& d : layout_warnings(*ctx.index)) ds.push_back(std::move(d));
    int errors = 0, warnings = 0;
    for (const Diagnostic& d : ds) (d.level == Level::Error ? errors : warnings)++;
    if (ctx.render.format == Format::Table) {
        for (const Diagnostic& d : ds) {
            const std::string line = format_diagnostic(d);
            if (ctx.render.color) ctx.out << styled(d.level == Level::Error ? "31" : "33", line, true) << '\n';
            else ctx.out << line << '\n';
        }
        ctx.err << errors << (errors == 1 ? " error, " : " errors, ") << warnings
                << (warnings == 1 ? " warning" : " warnings") << " in " << plural(ctx.index->contacts().size(), "contact")
                << " and " << plural(ctx.index->notes().size(), "note") << '\n';
    } else {
        Json items = Json::array();
        for (const Diagnostic& d : ds)
            items.push_back(Json{{"file", d.file}, {"line", d.line}, {"level", level_name(d.level)}, {"message", d.message}});
        if (ctx.render.format == Format::Json) {
            Json out;
            out["errors"] = errors;
            out["warnings"] = warnings;
            out["items"] = std::move(items);
            write_json(out, ctx.out);
        } else {
            write_csv(items, {"file", "line", "level", "message"}, ctx.out);
        }
    }
    return errors > 0 ? k_exit_failure : k_exit_ok;
}

} // namespace

const Command k_cmd_check{
    "check", "every problem in the vault, as path:line: level: message",
    "",
    "Errors (exit 1): files that cannot be read or parsed, a missing name, bad\n"
    "dates, durations or tiers, keys given twice, duplicate ids, merge-conflict\n"
    "markers. Warnings: unresolved or ambiguous links, entries dated after today,\n"
    "impossible dates in items, follow-ups whose due date cannot be read, file\n"
    "names Windows reserves (con, aux...), ids that differ only in accents or\n"
    "Unicode normalisation (one file on macOS).",
    Needs::Vault, nullptr, 0, run};

} // namespace kith::cli
