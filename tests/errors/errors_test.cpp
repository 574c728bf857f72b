// The bad-input catalogue: every file in tests/errors/cases/ is placed in a
// vault next to one good contact (the file name gives its vault path, `__`
// standing for `/`), and `kith check` must print exactly the lines of the
// matching .expected file. The rest of the vault must still load, and a JSON
// report must still print one valid JSON object.

#include "support.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

namespace fs = std::filesystem;
using namespace kith::test;

namespace {

const char* k_good = "---\nname: Good\n---\n\n- 2026-11-01 #coffee fine\n";

std::string vault_path_of(const fs::path& case_file) {
    std::string stem = case_file.stem().string();
    std::string out;
    for (std::size_t i = 0; i < stem.size(); ++i) {
        if (stem.compare(i, 2, "__") == 0) {
            out += '/';
            ++i;
        } else {
            out += stem[i];
        }
    }
    return out + ".md";
}

std::vector<fs::path> cases() {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(source_dir() / "tests/errors/cases"))
        if (e.path().extension() == ".md") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

class BadInput : public ::testing::TestWithParam<fs::path> {};

} // namespace

TEST_P(BadInput, CheckPrintsTheExpectedLinesAndTheRestStillLoads) {
    const fs::path case_file = GetParam();
    fs::path expected_file = case_file;
    expected_file.replace_extension(".expected");
    ASSERT_TRUE(fs::exists(expected_file)) << "missing " << expected_file;
    const std::string expected = read_text(expected_file);

    TempDir tmp;
    const fs::path vault = tmp.path() / "v";
    write_file(vault / "contacts/good.md", k_good);
    fs::create_directories((vault / vault_path_of(case_file)).parent_path());
    fs::copy_file(case_file, vault / vault_path_of(case_file));

    KithRun check = run_kith({"--vault", vault.string(), "--today", "2026-11-22", "check"});
    EXPECT_EQ(check.out, expected) << case_file.filename();
    const bool has_error = expected.find(": error: ") != std::string::npos;
    EXPECT_EQ(check.status, has_error ? 1 : 0);

    // Reports still run on everything else, exit 0, print the errors on
    // stderr, and JSON output stays one valid object.
    KithRun list = run_kith({"--vault", vault.string(), "--today", "2026-11-22", "--format", "json", "list"});
    EXPECT_EQ(list.status, 0);
    auto j = nlohmann::json::parse(list.out, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << list.out;
    bool good_listed = std::any_of(j["items"].begin(), j["items"].end(),
                                   [](const nlohmann::json& i) { return i["id"] == "good"; });
    EXPECT_TRUE(good_listed);
    std::istringstream lines(expected);
    for (std::string line; std::getline(lines, line);)
        if (line.find(": error: ") != std::string::npos) EXPECT_NE(list.err.find(line), std::string::npos) << line;

    // --strict makes any such problem fatal.
    KithRun strict = run_kith({"--vault", vault.string(), "--today", "2026-11-22", "--strict", "list"});
    EXPECT_EQ(strict.status, has_error ? 1 : 0);
}

INSTANTIATE_TEST_SUITE_P(Cases, BadInput, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<fs::path>& info) {
                             std::string n = info.param.stem().string();
                             std::replace_if(n.begin(), n.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
                             return n;
                         });

TEST(BadInputGenerated, FileOverTheSizeCapIsRefusedWithoutReadingIt) {
    TempDir tmp;
    const fs::path vault = tmp.path() / "v";
    write_file(vault / "contacts/good.md", k_good);
    std::string big = "---\nname: Big\n---\n" + std::string(10 * 1024 * 1024, 'x');
    write_file(vault / "journal/huge.md", big);
    KithRun check = run_kith({"--vault", vault.string(), "--today", "2026-11-22", "check"});
    EXPECT_EQ(check.status, 1);
    EXPECT_EQ(check.out, "journal/huge.md:1: error: file is over the 1 MiB file size limit (" + std::to_string(big.size()) +
                             " bytes); skipped\n");
}

TEST(BadInputGenerated, CaseInsensitiveDuplicateIdKeepsTheFirstByPath) {
    TempDir tmp;
    const fs::path vault = tmp.path() / "v";
    write_file(vault / "contacts/Alice.md", "---\nname: Upper\n---\n");
    write_file(vault / "contacts/alice.md", "---\nname: Lower\n---\n");
    KithRun check = run_kith({"--vault", vault.string(), "--today", "2026-11-22", "check"});
    EXPECT_EQ(check.out, "contacts/alice.md:1: error: duplicate contact id \"alice\": contacts/Alice.md already "
                         "has it; this file is skipped\n");
    KithRun show = run_kith({"--vault", vault.string(), "--today", "2026-11-22", "--format", "json", "show", "alice"});
    EXPECT_EQ(nlohmann::json::parse(show.out)["name"], "Upper");
}
