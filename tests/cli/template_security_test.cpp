// Templates from the vault are data, not code (docs/security.md): kith writes
// the HTML page's head and policy itself, and refuses the template tags and
// page parts a policy cannot stop. The page in a browser: review_chromium.sh.

#include "support.hpp"

#include "kith/render/template_check.hpp"

namespace fs = std::filesystem;
using namespace kith;
using namespace kith::test;

namespace {

class Templates : public ::testing::Test {
protected:
    void SetUp() override {
        m_vault = copy_sample_vault(m_tmp);
        ASSERT_EQ(shell("cd " + test::quoted(m_vault) + " && git init -q -b main && git add -A && "
                        "git -c user.name=Setup -c user.email=setup@example.com commit -qm initial"),
                  0);
    }
    KithRun kith(std::vector<std::string> args) { return run_kith(vault_args(m_vault, args), {}, m_tmp.path()); }
    fs::path html() const { return m_tmp.path() / "review.html"; }

    TempDir m_tmp;
    fs::path m_vault;
};

bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

} // namespace

TEST_F(Templates, TheHtmlReviewStartsWithKithsPolicyWhateverTheTemplate) {
    ASSERT_EQ(kith({"review", "--out", html().string()}).status, 0);
    EXPECT_EQ(read_text(html()).rfind(html_prologue(), 0), 0u);
    write_file(m_vault / "templates/review.html",
               "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"script-src *\">"
               "</head><body>{{today}}</body></html>");
    KithRun r = kith({"review", "--out", html().string(), "--force"});
    ASSERT_EQ(r.status, 0) << r.err;
    const std::string page = read_text(html());
    EXPECT_EQ(page.rfind(html_prologue(), 0), 0u);
    EXPECT_TRUE(has(page, "<body>2026-11-22</body>")) << page;
}

TEST_F(Templates, TripleMustacheInTheVaultsHtmlTemplateIsRefusedAtItsLine) {
    write_file(m_vault / "templates/review.html", "<h1>{{today}}</h1>\n{{#dormant}}<p>{{{name}}}</p>{{/dormant}}\n");
    KithRun r = kith({"review", "--out", html().string()});
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.err, "templates/review.html:2: error: \"{{{name}}}\" writes a value unescaped, which an HTML template "
                     "may do only for kith's charts (tiers_svg, months_svg, favours_svg); write {{name}}\n"
                     "kith: error: templates/review.html cannot be used; fix it, or remove it to use the built-in "
                     "template\n");
    EXPECT_FALSE(fs::exists(html()));
}

TEST_F(Templates, VaultTextIsEscapedInTheHtmlReviewEvenInsideAChartsSection) {
    write_file(m_vault / "contacts/evil.md", "---\nname: \"<img src=x onerror=alert(1)>\"\ntier: core\n---\n");
    write_file(m_vault / "templates/review.html",
               "{{#dormant}}<p>{{name}}</p>{{/dormant}}{{#charts}}{{#dormant}}[{{name}}]{{/dormant}}{{/charts}}");
    KithRun r = kith({"review", "--out", html().string(), "--dormant", "100"});
    ASSERT_EQ(r.status, 0) << r.err;
    const std::string page = read_text(html());
    EXPECT_FALSE(has(page, "<img")) << page;
    EXPECT_TRUE(has(page, "<p>&lt;img src=x onerror=alert(1)&gt;</p>")) << page;
}

TEST_F(Templates, MetaRefreshInTheVaultsHtmlTemplateIsRefused) {
    write_file(m_vault / "templates/review.html",
               "<html><head>\n<meta http-equiv=\"refresh\" content=\"0;url=https://example.com/?{{today}}\">\n");
    KithRun r = kith({"review", "--out", html().string()});
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(has(r.err, "templates/review.html:2: error: templates may not use <meta http-equiv=\"refresh\">"))
        << r.err;
    EXPECT_FALSE(fs::exists(html()));
}

TEST_F(Templates, AMetaRefreshPutTogetherByMustacheIsFoundInThePage) {
    // A comment tag splits the attribute name in the template; the page has it whole.
    write_file(m_vault / "templates/review.html", "<p>\n<meta {{! x }}http-equiv=refresh content=0;url=//example.com>\n");
    KithRun r = kith({"review", "--out", html().string()});
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(has(r.err, "templates/review.html:1: error: templates may not use <meta http-equiv=\"refresh\">"))
        << r.err;
    EXPECT_TRUE(has(r.err, "(line 2 of the page it makes)")) << r.err;
}

TEST_F(Templates, LinkInTheVaultsHtmlTemplateIsRefused) {
    write_file(m_vault / "templates/review.html", "<link rel=\"preconnect\" href=\"https://example.com\">{{today}}");
    KithRun r = kith({"review", "--out", html().string()});
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(has(r.err, "templates/review.html:1: error: templates may not use <link>")) << r.err;
}

TEST_F(Templates, PartialsInTheVaultsMarkdownReviewAreRefused) {
    write_file(m_vault / "templates/review.md", "# Review\n{{> /etc/passwd}}\n");
    KithRun r = kith({"review"});
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(has(r.err, "templates/review.md:2: error: \"{{> /etc/passwd}}\" is a partial")) << r.err;
    EXPECT_EQ(r.out, "");
}

TEST_F(Templates, UnescapedOutputIsAllowedInTheMarkdownReview) {
    write_file(m_vault / "templates/review.md", "{{{today}}} {{& today}}\n");
    KithRun r = kith({"review"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, "2026-11-22 2026-11-22\n");
}

TEST_F(Templates, PartialsAndDelimiterChangesInTheContactTemplateAreRefusedByAdd) {
    for (const std::string tmpl : {"---\nname: {{name_yaml}}\n---\n{{>notes}}\n", "{{=<% %>=}}\n---\nname: <%name%>\n---\n"}) {
        write_file(m_vault / "templates/contact.md", tmpl);
        KithRun r = kith({"add", "Grace", "Hopper"});
        EXPECT_EQ(r.status, 1) << tmpl;
        EXPECT_TRUE(has(r.err, "templates/contact.md:")) << r.err;
        EXPECT_TRUE(has(r.err, "kith: error: templates/contact.md cannot be used")) << r.err;
        EXPECT_FALSE(fs::exists(m_vault / "contacts/grace-hopper.md"));
    }
}

TEST_F(Templates, PartialsInTheContactTemplateAreRefusedByImport) {
    write_file(m_vault / "templates/contact.md", "---\nname: {{name_yaml}}\n---\n{{> ../../.git/config}}\n");
    write_file(m_tmp.path() / "card.vcf", "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Grace Hopper\r\nEND:VCARD\r\n");
    KithRun r = kith({"import", "vcard", (m_tmp.path() / "card.vcf").string()});
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(has(r.err, "templates/contact.md:4: error: \"{{> ../../.git/config}}\" is a partial")) << r.err;
    EXPECT_FALSE(fs::exists(m_vault / "contacts/grace-hopper.md"));
}

TEST_F(Templates, UnescapedOutputIsAllowedInTheContactTemplate) {
    write_file(m_vault / "templates/contact.md", "---\nname: {{{name_yaml}}}\ncompany: {{& company_yaml}}\n---\n");
    KithRun r = kith({"add", "Grace", "Hopper", "--company", "Navy & Co"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(has(read_text(m_vault / "contacts/grace-hopper.md"), "Navy & Co")) << r.err;
}
