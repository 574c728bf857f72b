#pragma once
/// Checks a template before it is rendered (docs/security.md).

#include "commands.hpp"

#include "kith/render/template_check.hpp"

namespace kith::cli {

/// Prints each problem of the template at `path` and refuses it: a template
/// from the vault may have come from anyone with push access to its remote.
inline void refuse_bad_template(Context& ctx, const std::string& path, std::string_view text, TemplateKind kind) {
    const Diagnostics problems = check_template(path, text, kind);
    if (problems.empty()) return;
    for (const Diagnostic& d : problems) ctx.err << format_diagnostic(d) << '\n';
    throw Failure(path + " cannot be used; fix it, or remove it to use the built-in template");
}

} // namespace kith::cli
