#include "commands.hpp"
#include "write_support.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <unistd.h>
#include <sys/wait.h>

namespace kith::cli {
namespace {

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

/// The error diagnostics of `after` that `before` did not have (compared by
/// message: an edit moves lines).
std::vector<Diagnostic> new_errors(const std::string& rel, const std::optional<std::string>& before, const std::string& after) {
    std::vector<std::string> old;
    if (before)
        for (const Diagnostic& d : parse_file(rel, *before, FileKind::Contact).diagnostics)
            if (d.level == Level::Error) old.push_back(d.message);
    std::vector<Diagnostic> out;
    for (const Diagnostic& d : parse_file(rel, after, FileKind::Contact).diagnostics)
        if (d.level == Level::Error && std::find(old.begin(), old.end(), d.message) == old.end()) out.push_back(d);
    return out;
}

/// Asks, as visudo does, what to do with a file the editor left with errors:
/// 'e' (edit again), 'k' (keep it uncommitted) or 'x' (discard the changes).
/// Without a terminal on both ends, 'k'.
char ask_what_now(Context& ctx) {
    if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO)) return 'k';
    for (;;) {
        ctx.err << "What now? (e)dit again, (k)eep uncommitted, (x) discard: " << std::flush;
        std::string answer;
        if (!std::getline(std::cin, answer)) return 'k';
        if (answer == "e" || answer == "k" || answer == "x") return answer[0];
    }
}

int run(Context& ctx) {
    auto args = ctx.args();
    if (args.size() != 1) throw UsageError("which contact? give an id, a name or an alias");
    const ContactRecord& who = find_contact(*ctx.index, args[0]);
    const std::string& rel = who.contact->file;
    const auto path = ctx.writer->checked_path(rel);
    auto before = ctx.writer->read(rel);

    std::string editor;
    for (const char* var : {"VISUAL", "EDITOR"})
        if (const char* v = ctx.getenv(var); v && *v) {
            editor = v;
            break;
        }
    if (editor.empty()) editor = "vi";
    for (;;) {
        // Through the shell, as git does, so that EDITOR="code --wait" works.
        const int rc = std::system((editor + " " + shell_quote(path.string())).c_str());
        if (rc == -1 || !WIFEXITED(rc) || WEXITSTATUS(rc) != 0)
            throw Failure("the editor (" + editor + ") failed; nothing was committed");

        auto after = ctx.writer->read(rel);
        if (after == before) {
            ctx.out << "no changes to " << rel << '\n';
            return k_exit_ok;
        }
        if (!after) break; // deleted: committed as such
        for (const Diagnostic& d : parse_file(rel, *after, FileKind::Contact).diagnostics) ctx.err << format_diagnostic(d) << '\n';
        if (new_errors(rel, before, *after).empty()) break;
        const char what = ask_what_now(ctx);
        if (what == 'e') continue;
        if (what == 'x') {
            ctx.writer->write(rel, before.value_or(std::string()));
            ctx.err << "kith: discarded the changes to " << rel << '\n';
            return k_exit_failure;
        }
        throw Failure(rel + " has errors, so it was left as it is, not committed; fix it and run 'kith edit " +
                      who.contact->id + "' again, or discard the changes with 'git checkout -- " + rel + "'");
    }
    ctx.writer->mark_written(rel);
    return finish_write(ctx, "edit", who.contact->id, "edited " + rel);
}

} // namespace

const Command k_cmd_edit{"edit", "open a contact in $VISUAL or $EDITOR, then check and commit it", "WHO",
                         "When the file has new errors after the editor, asks on a terminal what now:\n"
                         "edit again, keep it uncommitted, or discard the changes; without a\n"
                         "terminal it is kept uncommitted (exit status 1). Example: EDITOR=nano kith edit alice", Needs::Write, nullptr, 1, run};

} // namespace kith::cli
