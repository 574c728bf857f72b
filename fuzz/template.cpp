// Fuzz target: the checks of a vault template (check_template, as HTML and as
// Markdown) and of the HTML page it makes (check_html_page). Invariants: every
// diagnostic names the file and one of its lines; the Markdown rules are a
// subset of the HTML ones; a template that passes stays passing with a chart
// appended (charts are always allowed).

#include "fuzz_support.hpp"

#include "kith/render/template_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kith;
    const std::string_view text = fuzz::as_text(data, size);
    const int last_line = 1 + fuzz::line_breaks(text);
    const std::string path = "templates/review.html";
    auto placed = [&](const Diagnostics& ds) {
        for (const Diagnostic& d : ds)
            fuzz::require(d.file == path && d.line >= 1 && d.line <= last_line && d.level == Level::Error,
                          "diagnostic names the template and one of its lines");
    };
    const Diagnostics html = check_template(path, text, TemplateKind::Html);
    const Diagnostics markdown = check_template(path, text, TemplateKind::Markdown);
    placed(html);
    placed(markdown);
    placed(check_html_page(path, text));
    fuzz::require(markdown.size() <= html.size(), "Markdown refuses no more than HTML");
    if (html.empty() && text.find_first_of("{}") == std::string_view::npos)
        fuzz::require(check_template(path, std::string(text) + "{{{tiers_svg}}}", TemplateKind::Html).empty(),
                      "a chart is allowed unescaped");
    return 0;
}
