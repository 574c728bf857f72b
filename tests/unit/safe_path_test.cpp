// The containment rules (src/adapters/safe_path.hpp): the names git refuses
// on some file system, the tree check sync runs before writing, and the
// component-by-component file access that never follows a link.
#include "support.hpp"

#include "adapters/safe_path.hpp"

#include <git2.h>
#include <git2/sys/path.h>

#include <sys/stat.h>

namespace fs = std::filesystem;
using namespace kith;
using namespace kith::safe;
using namespace kith::test;

namespace {

TreeItem mk_file(const std::string& path) {
    return {path, path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1), k_mode_blob, ""};
}
TreeItem mk_folder(const std::string& path) {
    TreeItem t = mk_file(path);
    t.mode = k_mode_tree;
    return t;
}
TreeItem mk_link(const std::string& path, const std::string& target) {
    TreeItem t = mk_file(path);
    t.mode = k_mode_link;
    t.target = target;
    return t;
}

std::string why(const std::vector<TreeItem>& items, std::string_view bound = "") {
    auto r = check_tree(items, bound);
    return r ? r->path + ": " + r->why : "";
}

} // namespace

TEST(SafePath, DotGitIsRecognisedInEverySpellingGitRefuses) {
    for (const char* name : {".git", ".GIT", ".Git", ".git ", ".git.", ".git . .", "git~1", "GIT~1", "git~1.",
                             ".git::$INDEX_ALLOCATION", ".git:stream", ".g\u200Cit", "\uFEFF.git", ".git\u200F",
                             ".\u202Ag\u206Ai\u200Dt", "x\\.git", ".git\\x"})
        EXPECT_TRUE(is_dotgit(name)) << name;
    for (const char* name : {"git", ".gitx", ".git-x", "git~2", ".gi", "x.git", ".gitignore", ".gît", ".g\u00A0it",
                             "git~1x", ".git x"})
        EXPECT_FALSE(is_dotgit(name)) << name;
}

TEST(SafePath, GitmodulesMatchesLibgit2sOwnCheck) {
    // libgit2 1.5 exports this one check (git2/sys/path.h): the two must agree.
    git_libgit2_init();
    for (const char* name : {".gitmodules", ".GITMODULES", ".gitmodules ", ".gitmodules.", ".gitmodules:x",
                             "gitmod~1", "GITMOD~4", "gitmod~5", "gi7eba~1", "gi7eba~9", "gi7eb~12", "gi7eba~10",
                             ".gitmodulesx", ".gitmodule", "gitmodules", ".git\u200Cmodules", "gi7ebb~1", "g~1",
                             ".gitmodules\u200D", "x"}) {
        const bool theirs = git_path_is_gitfile(name, std::strlen(name), GIT_PATH_GITFILE_GITMODULES,
                                                GIT_PATH_FS_GENERIC) > 0;
        EXPECT_EQ(is_dotgitmodules(name), theirs) << name;
    }
    git_libgit2_shutdown();
}

TEST(SafePath, ComponentsGitRefusesAreRefused) {
    EXPECT_TRUE(component_problem(""));
    EXPECT_TRUE(component_problem("."));
    EXPECT_TRUE(component_problem(".."));
    EXPECT_TRUE(component_problem("a/b"));
    EXPECT_TRUE(component_problem(std::string_view("a\0b", 3)));
    EXPECT_TRUE(component_problem(".GIT"));
    EXPECT_TRUE(component_problem(".gitmodules", true));
    EXPECT_FALSE(component_problem(".gitmodules", false)); // as a file it is git's business: check_tree refuses it
    EXPECT_FALSE(component_problem("alice-chen.md"));
    EXPECT_FALSE(component_problem("...")); // only . and .. are special
    EXPECT_TRUE(path_problem("contacts//a.md"));
    EXPECT_TRUE(path_problem("contacts/../a.md"));
    EXPECT_FALSE(path_problem("contacts/alice-chen.md"));
}

TEST(SafePath, ATreeWithDuplicatesOrALinkOnTheWayIsRefused) {
    EXPECT_EQ(why({mk_file("a.md"), mk_file("a.md")}), "a.md: two entries with the same name");
    EXPECT_EQ(why({mk_link("j", ".git"), mk_folder("j"), mk_folder("j/hooks"), mk_file("j/hooks/post-commit")}),
              "j: two entries with the same name");
    EXPECT_EQ(why({mk_link("J", "journal"), mk_folder("j"), mk_file("j/x.md")}),
              "j: two entries whose names differ only in case, one a symbolic link");
    EXPECT_EQ(why({mk_link("j", "journal"), mk_file("j/x.md")}), "j/x.md: passes through the symbolic link \"j\"");
    EXPECT_EQ(why({mk_file("A.md"), mk_file("a.md")}), ""); // case twins that are plain files are git's business
}

TEST(SafePath, LinksMustStayInsideAndOutOfDotGit) {
    EXPECT_EQ(why({mk_link("a", "/etc")}), "a: a symbolic link to \"/etc\" (an absolute path)");
    EXPECT_EQ(why({mk_link("a", "")}), "a: a symbolic link to \"\" (empty)");
    EXPECT_EQ(why({mk_link("a", "..")}), "a: a symbolic link to \"..\" that leaves the repository");
    EXPECT_EQ(why({mk_folder("x"), mk_link("x/a", "../../y")}), "x/a: a symbolic link to \"../../y\" that leaves the repository");
    EXPECT_EQ(why({mk_link("a", ".git/hooks")}), "a: a symbolic link to \".git/hooks\" that leads into .git");
    EXPECT_EQ(why({mk_link("a", "x/../.GIT")}), "a: a symbolic link to \"x/../.GIT\" that leads into .git");
    EXPECT_EQ(why({mk_link("a", "b/c"), mk_link("b", "d"), mk_folder("d"), mk_link("d/c", "../.git")}),
              "a: a symbolic link to \"b/c\" that leads into .git");
    EXPECT_EQ(why({mk_link("a", "b"), mk_link("b", "a")}), "a: a symbolic link to \"b\" (a loop of symbolic links)");
    EXPECT_EQ(why({mk_link("a", "b\\..\\..")}), "a: a symbolic link to \"b\\..\\..\" (a NUL or a backslash in it)");
    // Under a vault in a subfolder, a link must stay in the vault.
    EXPECT_EQ(why({mk_folder("notes"), mk_link("notes/a", "../other")}, "notes/"),
              "notes/a: a symbolic link to \"../other\" that leaves the vault");
    EXPECT_EQ(why({mk_folder("notes"), mk_link("notes/a", "../notes/b")}, "notes/"), "");
    EXPECT_EQ(why({mk_link("a", "journal"), mk_link("b", "./contacts/../journal/x.md")}), "");
}

TEST(SafePath, SubmodulesAndGitmodulesAreRefused) {
    TreeItem sub = mk_file("sub");
    sub.mode = k_mode_gitlink;
    EXPECT_EQ(why({sub}), "sub: a submodule (gitlink); kith does not check out submodules");
    EXPECT_EQ(why({mk_file(".gitmodules")}), ".gitmodules: a .gitmodules file; kith does not check out submodules");
    TreeItem odd = mk_file("x");
    odd.mode = 0100600;
    EXPECT_NE(why({odd}), "");
}

TEST(SafePath, ANameWithASlashIsSeenEvenWhenThePathLooksFine) {
    TreeItem t{"a/b", "a/b", k_mode_blob, ""};
    EXPECT_EQ(why({t}), "a/b: a name with a \"/\" in it");
}

// ------------------------------------------------------------- file system

class SafeFs : public ::testing::Test {
protected:
    TempDir m_tmp;
    fs::path root() { return m_tmp.path() / "vault"; }
    fs::path outside() { return m_tmp.path() / "outside"; }
    void SetUp() override {
        fs::create_directories(root() / "sub");
        fs::create_directories(outside());
        write_file(outside() / "secret", "secret\n");
    }
};

TEST_F(SafeFs, ReadsAPlainFileAndNothingThroughALink) {
    write_file(root() / "sub/a.txt", "hello\n");
    EXPECT_EQ(read_contained(root(), "sub/a.txt", 100), "hello\n");
    EXPECT_EQ(read_contained(root(), "sub/missing", 100), std::nullopt);
    EXPECT_EQ(read_contained(root(), "nowhere/missing", 100), std::nullopt);
    fs::create_symlink(outside() / "secret", root() / "leaf");
    EXPECT_THROW(read_contained(root(), "leaf", 100), PathError);
    fs::create_directory_symlink(outside(), root() / "dir");
    EXPECT_THROW(read_contained(root(), "dir/secret", 100), PathError);
    EXPECT_THROW(read_contained(root(), "../outside/secret", 100), PathError);
    EXPECT_THROW(read_contained(root(), "sub/a.txt", 3), PathError); // over the limit
    ASSERT_EQ(::mkfifo((root() / "fifo").c_str(), 0644), 0);
    EXPECT_THROW(read_contained(root(), "fifo", 100), PathError); // and does not block
}

TEST_F(SafeFs, WritesNeverGoThroughALinkedFolder) {
    fs::create_directory_symlink(outside(), root() / "dir");
    EXPECT_THROW(write_contained(root(), "dir/new", "x"), PathError);
    EXPECT_FALSE(fs::exists(outside() / "new"));
    EXPECT_THROW(write_contained(root(), ".git/hooks/post-commit", "x"), PathError);
    EXPECT_THROW(write_contained(root(), ".GIT/config", "x"), PathError);
    // A link at the file itself is replaced, not followed.
    fs::create_symlink(outside() / "secret", root() / "sub/leaf");
    write_contained(root(), "sub/leaf", "mine\n");
    EXPECT_FALSE(fs::is_symlink(root() / "sub/leaf"));
    EXPECT_EQ(read_text(outside() / "secret"), "secret\n");
    write_contained(root(), "deep/er/file", "x");
    EXPECT_EQ(read_text(root() / "deep/er/file"), "x");
    remove_contained(root(), "deep/er/file");
    EXPECT_FALSE(fs::exists(root() / "deep")); // folders left empty go too
    EXPECT_THROW(remove_contained(root(), "dir/secret"), PathError); // "dir" is a link: nothing is opened through it
    EXPECT_TRUE(fs::exists(outside() / "secret"));
}

TEST_F(SafeFs, LinksInsideTheVaultAreFollowedOnlyWhenAsked) {
    fs::create_directory_symlink("sub", root() / "alias");
    write_file(root() / "sub/n.md", "n\n");
    EXPECT_THROW(read_contained(root(), "alias/n.md", 100), PathError);
    EXPECT_EQ(read_contained(root(), "alias/n.md", 100, {}, Folders::LinksInside), "n\n");
    fs::create_directories(root() / ".git/hooks");
    fs::create_directory_symlink(".git", root() / "j");
    EXPECT_THROW(write_contained(root(), "j/hooks/post-commit", "x", Folders::LinksInside), PathError);
    EXPECT_FALSE(fs::exists(root() / ".git/hooks/post-commit"));
    EXPECT_EQ(linked_prefix(root(), "j/hooks/post-commit"), "j");
    EXPECT_EQ(linked_prefix(root(), "sub/n.md"), std::nullopt);
}
