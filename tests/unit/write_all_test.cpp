// VaultWriter::write_all: several files replaced with one flush, every check
// made before anything is written.

#include "support.hpp"

#include "adapters/vault_writer.hpp"

namespace fs = std::filesystem;
using namespace kith;
using namespace kith::test;

namespace {

std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir)) out.push_back(fs::relative(e.path(), dir).string());
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

TEST(WriteAll, WritesEveryFileAndLeavesNoTemporaryFile) {
    TempDir tmp;
    write_file(tmp.path() / "contacts/a.md", "old a\n");
    VaultWriter w(tmp.path());
    ASSERT_EQ(w.read("contacts/a.md"), std::optional<std::string>("old a\n"));
    ASSERT_EQ(w.read("contacts/new/b.md"), std::nullopt);
    w.write_all({{"contacts/a.md", "new a\n"}, {"contacts/new/b.md", "b\n"}});
    EXPECT_EQ(read_text(tmp.path() / "contacts/a.md"), "new a\n");
    EXPECT_EQ(read_text(tmp.path() / "contacts/new/b.md"), "b\n");
    EXPECT_EQ(names_in(tmp.path()), (std::vector<std::string>{"contacts", "contacts/a.md", "contacts/new", "contacts/new/b.md"}));
    EXPECT_EQ(w.written(), (std::vector<std::string>{"contacts/a.md", "contacts/new/b.md"}));
}

TEST(WriteAll, APathOutsideTheVaultMeansNothingIsWritten) {
    TempDir tmp;
    fs::create_directories(tmp.path() / "vault/contacts");
    VaultWriter w(tmp.path() / "vault");
    EXPECT_THROW(w.write_all({{"contacts/a.md", "a\n"}, {"../escape.md", "x\n"}}), WriteError);
    EXPECT_FALSE(fs::exists(tmp.path() / "vault/contacts/a.md"));
    EXPECT_FALSE(fs::exists(tmp.path() / "escape.md"));
    EXPECT_EQ(names_in(tmp.path() / "vault"), std::vector<std::string>{"contacts"});
}

TEST(WriteAll, AFileChangedSinceItWasReadMeansNothingIsWritten) {
    TempDir tmp;
    write_file(tmp.path() / "contacts/a.md", "a\n");
    write_file(tmp.path() / "contacts/b.md", "b\n");
    VaultWriter w(tmp.path());
    w.read("contacts/a.md");
    w.read("contacts/b.md");
    write_file(tmp.path() / "contacts/b.md", "edited meanwhile\n");
    EXPECT_THROW(w.write_all({{"contacts/a.md", "new a\n"}, {"contacts/b.md", "new b\n"}}), WriteError);
    EXPECT_EQ(read_text(tmp.path() / "contacts/a.md"), "a\n");
    EXPECT_EQ(read_text(tmp.path() / "contacts/b.md"), "edited meanwhile\n");
}
