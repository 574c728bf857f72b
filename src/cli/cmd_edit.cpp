#include "commands.hpp"
#include "write_support.hpp"

#include <cstdlib>
#include <sys/wait.h>

namespace kith::cli {
namespace {

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
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
    // Through the shell, as git does, so that EDITOR="code --wait" works.
    const int rc = std::system((editor + " " + shell_quote(path.string())).c_str());
    if (rc == -1 || !WIFEXITED(rc) || WEXITSTATUS(rc) != 0)
        throw Failure("the editor (" + editor + ") failed; nothing was committed");

    auto after = ctx.writer->read(rel);
    if (after == before) {
        ctx.out << "no changes to " << rel << '\n';
        return k_exit_ok;
    }
    if (after) {
        for (const Diagnostic& d : parse_file(rel, *after, FileKind::Contact).diagnostics) ctx.err << format_diagnostic(d) << '\n';
    }
    ctx.writer->mark_written(rel);
    return finish_write(ctx, "edit", who.contact->id, "edited " + rel);
}

} // namespace

const Command k_cmd_edit{"edit", "open a contact in $VISUAL or $EDITOR, then check and commit it", "WHO",
                         "Example: EDITOR=nano kith edit alice", Needs::Write, nullptr, 1, run};

} // namespace kith::cli
