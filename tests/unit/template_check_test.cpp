// A template from the vault is data, not code (docs/security.md): the tags
// kith refuses in it, and what it refuses in the HTML page it makes.

#include "support.hpp"

#include "kith/render/template_check.hpp"

#include <string>

using namespace kith;

namespace {

std::string messages(const Diagnostics& ds) {
    std::string out;
    for (const Diagnostic& d : ds) out += format_diagnostic(d) + "\n";
    return out;
}

std::string html(std::string_view text) {
    return messages(check_template("templates/review.html", text, TemplateKind::Html));
}

std::string markdown(std::string_view text) {
    return messages(check_template("templates/review.md", text, TemplateKind::Markdown));
}

std::string page(std::string_view text) { return messages(check_html_page("templates/review.html", text)); }

} // namespace

TEST(TemplateCheck, TripleMustacheIsRefusedInHtmlTemplatesAtItsLine) {
    EXPECT_EQ(html("<p>\n{{{name}}}</p>"),
              "templates/review.html:2: error: \"{{{name}}}\" writes a value unescaped, which an HTML template may do "
              "only for kith's charts (tiers_svg, months_svg, favours_svg); write {{name}}\n");
}

TEST(TemplateCheck, AmpersandTagsAreRefusedInHtmlTemplatesWithOrWithoutSpaces) {
    for (const char* t : {"{{&name}}", "{{& name}}", "{{ &name }}", "{{\t& name}}"})
        EXPECT_NE(html(t).find("writes a value unescaped"), std::string::npos) << t;
}

TEST(TemplateCheck, KithsOwnChartsMayBeWrittenUnescaped) {
    EXPECT_EQ(html("{{#charts}}{{{tiers_svg}}}{{{ months_svg }}}{{& favours_svg}}{{/charts}}{{{charts.tiers_svg}}}"), "");
}

TEST(TemplateCheck, EscapedTagsAndLookAlikesPass) {
    // mstch reads "{{{x}}" and "{{ {x} }}" as escaped variables named "{x" and "{x}".
    EXPECT_EQ(html("{{name}} {{#dormant}}{{text}}{{/dormant}} {{^x}}none{{/x}} {{! a comment }} {{{x}} {{ {x} }}"), "");
}

TEST(TemplateCheck, UnescapedOutputIsAllowedInMarkdownTemplates) {
    EXPECT_EQ(markdown("{{{name}}} {{&text}}"), "");
}

TEST(TemplateCheck, PartialsAreRefusedInEveryTemplate) {
    const std::string want = "templates/review.md:3: error: \"{{> /etc/passwd}}\" is a partial, which templates may "
                             "not use (kith has none to include); write the text in this template\n";
    EXPECT_EQ(markdown("a\nb\n{{> /etc/passwd}}"), want);
    EXPECT_NE(html("{{ >x}}").find("is a partial"), std::string::npos);
}

TEST(TemplateCheck, SetDelimiterTagsAreRefusedAndStopTheCheck) {
    // After "{{=<% %>=}}", "<%{name}%>" would be an unescaped tag this check cannot see.
    EXPECT_EQ(html("ok\n{{=<% %>=}}\n<%{name}%> {{{more}}}"),
              "templates/review.html:2: error: \"{{=<% %>=}}\" changes the tag delimiters, which templates may not "
              "do; keep {{ and }}\n");
    EXPECT_NE(markdown("{{ =| |=}}").find("changes the tag delimiters"), std::string::npos);
}

TEST(TemplateCheck, EveryProblemIsReportedAtItsOwnLine) {
    EXPECT_EQ(html("{{{a}}}\n{{> b}}\n{{&c}}").size(), html("{{{a}}}").size() + html("\n{{> b}}").size() +
                                                                   html("\n\n{{&c}}").size());
}

TEST(TemplateCheck, TheBuiltInTemplatesPass) {
    // Embedded in the binary; the source files are the same text.
    for (const char* name : {"review.html", "review.md", "contact.md"}) {
        const std::string text = test::read_text(std::filesystem::path(KITH_SOURCE_DIR) / "templates" / name);
        const TemplateKind kind = std::string(name) == "review.html" ? TemplateKind::Html : TemplateKind::Markdown;
        EXPECT_EQ(messages(check_template(name, text, kind)), "") << name;
        if (kind == TemplateKind::Html) {
            EXPECT_EQ(page(text), "") << name;
        }
    }
}

TEST(TemplateCheck, MetaRefreshIsRefusedInThePage) {
    EXPECT_EQ(page("<p>\n<meta http-equiv=\"refresh\" content=\"0;url=https://example.com/\">"),
              "templates/review.html:2: error: templates may not use <meta http-equiv=\"refresh\">: kith sets the "
              "page's policy itself and a refresh would take the page elsewhere\n");
}

TEST(TemplateCheck, MetaHttpEquivIsFoundInEverySpelling) {
    for (const char* t : {"<META HTTP-EQUIV=Refresh content=0>", "<meta/http-equiv='refresh'>",
                          "<meta content=\"a>b\" http-equiv=refresh>", "<meta\nname=x\nhttp-equiv\n=\nrefresh>",
                          "<meta http-equiv=\"&#114;efresh\">", "<meta http-equiv=\"content-security-policy\" "
                                                               "http-equiv=\"refresh\">",
                          // inside a value the first <meta reads as text; the browser sees the second as a tag
                          "<style><meta content=\"</style><meta http-equiv=refresh content='0'>\"></style>",
                          "<!-- <meta http-equiv=set-cookie> -->", "<meta http-equiv"})
        EXPECT_NE(page(t).find("templates may not use <meta http-equiv"), std::string::npos) << t;
}

TEST(TemplateCheck, PolicyAndContentTypeMetasPass) {
    // A second policy can only add restrictions; the charset is kith's.
    EXPECT_EQ(page("<meta http-equiv=\"Content-Security-Policy\" content=\"script-src *\">"
                   "<meta http-equiv=Content-Type content=\"text/html; charset=utf-8\"><meta charset=utf-8>"
                   "<meta name=viewport content=x><metadata http-equiv=refresh></metadata>"),
              "");
}

TEST(TemplateCheck, LinkIsRefusedInThePage) {
    for (const char* t : {"<link rel=stylesheet href=https://example.com/a.css>", "<LINK rel=dns-prefetch href=//x>",
                          "<link/rel=preconnect href=http://127.0.0.1:1>"})
        EXPECT_NE(page(t).find("templates may not use <link>"), std::string::npos) << t;
    EXPECT_EQ(page("<linkage>"), "");
}

TEST(TemplateCheck, ThePrologueCarriesThePolicyFirstInTheHead) {
    const std::string p = html_prologue();
    EXPECT_EQ(p.rfind("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n"
                      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:;",
                      0),
              0u)
        << p;
    for (const char* directive : {"base-uri 'none'", "form-action 'none'", "object-src 'none'", "frame-src 'none'"})
        EXPECT_NE(p.find(directive), std::string::npos) << directive;
    EXPECT_EQ(p.find("script-src"), std::string::npos); // default-src 'none' covers script
    EXPECT_EQ(p.find("unsafe-eval"), std::string::npos);
}
