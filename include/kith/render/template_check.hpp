#pragma once
/// A template from the vault is data, not code (docs/security.md): it may
/// arrive with `kith sync` from anyone with push access. These checks run
/// before kith renders one, and over the HTML page it makes. Pure.

#include "kith/model/diagnostic.hpp"

#include <string>
#include <string_view>

namespace kith {

enum class TemplateKind {
    Markdown, ///< contact.md, review.md: values are written as they are
    Html,     ///< review.html: values are HTML-escaped, the page gets kith's policy
};

/// The mustache tags kith refuses in a template at `path`, one error each, at
/// its line: set-delimiter tags (they would hide the other tags from this
/// check), partials (kith has none; mstch would render them empty) and, in an
/// HTML template, unescaped output (`{{{x}}}`, `{{& x}}`) of anything but the
/// chart SVGs kith builds itself (`tiers_svg`, `months_svg`, `favours_svg`).
/// Tags are found the way mstch finds them (`{{` to the next `}}`).
Diagnostics check_template(const std::string& path, std::string_view text, TemplateKind kind);

/// The Content-Security-Policy of every HTML page kith writes: nothing loads
/// from outside (images from `data:` only), no script, no plugin, no frame,
/// no form submission, no `<base>`.
inline constexpr std::string_view k_html_policy =
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
    "base-uri 'none'; form-action 'none'; frame-src 'none'; object-src 'none'";

/// What kith writes before a template's HTML: the doctype, `<html><head>`,
/// the charset, the policy and DNS prefetching off. A page's first `<meta
/// http-equiv="Content-Security-Policy">` in its head applies to all that
/// follows, and a second one can only add restrictions; the template's own
/// `<!DOCTYPE>`, `<html>` and `<head>` that follow are ignored by the HTML
/// parser (their attributes merge into kith's `<html>`).
std::string html_prologue();

/// The HTML page's problems that a policy cannot stop, one error each at the
/// line of `html` where it starts (`path` names the template): a `<meta
/// http-equiv>` other than `content-security-policy` (which can only tighten)
/// or `content-type` (`refresh` would navigate the page away, to anywhere),
/// and `<link>` (resource hints such as `preconnect` and `dns-prefetch` reach
/// the network outside the policy). Every `<meta` and `<link` is examined as a
/// tag, wherever it is (also inside comments and raw text), so that this errs
/// on the side of refusing.
Diagnostics check_html_page(const std::string& path, std::string_view html);

} // namespace kith
