// Files, contacts, notes, links and the config: the index rules of VAULT.md.
#include "support.hpp"

#include "adapters/fs_source.hpp"
#include "kith/parse/file.hpp"

#include <thread>
#include <unistd.h>

using namespace kith;
using namespace kith::test;

namespace {

using Strings = std::vector<std::string>;
using Files = std::map<std::string, std::string>;

constexpr int k_any_line = -1;

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::string dump(const Diagnostics& ds) {
    std::string out;
    for (const auto& d : ds) out += format_diagnostic(d) + "\n";
    return out;
}

/// Whether `ds` holds a diagnostic at file:line (any line with k_any_line),
/// of `level`, whose message contains every one of `words`.
::testing::AssertionResult has_diag(const Diagnostics& ds, const std::string& file, int line, Level level,
                                    std::initializer_list<std::string> words) {
    for (const Diagnostic& d : ds) {
        if (d.file != file || d.level != level) continue;
        if (line != k_any_line && d.line != line) continue;
        bool all = true;
        for (const std::string& w : words) all = all && contains(d.message, w);
        if (all) return ::testing::AssertionSuccess();
    }
    std::string want;
    for (const std::string& w : words) want += " \"" + w + "\"";
    return ::testing::AssertionFailure() << "no " << level_name(level) << " at " << file << ":" << line
                                         << " with" << want << "; got:\n"
                                         << dump(ds);
}

std::size_t count_level(const Diagnostics& ds, Level level) {
    std::size_t n = 0;
    for (const Diagnostic& d : ds) n += d.level == level;
    return n;
}

/// The record of contact `id`, or nullptr.
const ContactRecord* rec(const VaultIndex& ix, std::string_view id) {
    for (const ContactRecord& r : ix.contacts())
        if (r.contact->id == id) return &r;
    return nullptr;
}

/// The index of contact `id` in ix.contacts(), or SIZE_MAX.
std::size_t pos(const VaultIndex& ix, std::string_view id) {
    for (std::size_t i = 0; i < ix.contacts().size(); ++i)
        if (ix.contacts()[i].contact->id == id) return i;
    return SIZE_MAX;
}

Strings ids(const VaultIndex& ix) {
    Strings out;
    for (const ContactRecord& r : ix.contacts()) out.push_back(r.contact->id);
    return out;
}

/// Parses one contact file, expecting it to be usable.
ParsedFile contact_file(const std::string& front, const std::string& body = "",
                        const std::string& path = "contacts/alice.md") {
    return parse_file(path, contact(front, body), FileKind::Contact);
}

std::optional<std::int32_t> cadence_of(const std::string& front, const Files& extra = {}) {
    Files files = extra;
    files["contacts/alice.md"] = contact(front);
    auto ix = index_of(files);
    const ContactRecord* r = rec(ix, "alice");
    EXPECT_NE(r, nullptr) << dump(ix.diagnostics());
    return r ? r->cadence_days : std::optional<std::int32_t>(-999);
}

using Days = std::optional<std::int32_t>;

} // namespace

// ===========================================================================
// Layout: "Contacts are the `*.md` files under `contacts/` (any depth). Every
// other `*.md` in the vault is a note, except under `templates/`, which holds
// neither. Files and folders whose name starts with `.` are skipped."

TEST(FileLayout, ContactsAreMdFilesUnderContactsAtAnyDepth) {
    EXPECT_EQ(classify_path("contacts/alice-chen.md"), std::optional<FileKind>(FileKind::Contact));
    EXPECT_EQ(classify_path("contacts/work/acme/bob.md"), std::optional<FileKind>(FileKind::Contact));

    auto ix = index_of({{"contacts/alice.md", contact("name: Alice")},
                        {"contacts/work/acme/bob.md", contact("name: Bob")}});
    EXPECT_EQ(ids(ix), (Strings{"alice", "bob"}));
}

TEST(FileLayout, OtherMdFilesAreNotes) {
    EXPECT_EQ(classify_path("journal/2026-11-02.md"), std::optional<FileKind>(FileKind::Note));
    EXPECT_EQ(classify_path("meeting.md"), std::optional<FileKind>(FileKind::Note));
    EXPECT_EQ(classify_path("projects/x/plan.md"), std::optional<FileKind>(FileKind::Note));

    auto ix = index_of({{"contacts/alice.md", contact("name: Alice")},
                        {"journal/2026-11-02.md", "Saw [[alice]].\n"},
                        {"readme.md", "# My network\n"}});
    EXPECT_EQ(ids(ix), (Strings{"alice"}));
    EXPECT_EQ(ix.notes().size(), 2u);
}

TEST(FileLayout, TemplatesHoldNeither) {
    EXPECT_EQ(classify_path("templates/contact.md"), std::nullopt);
    EXPECT_EQ(classify_path("templates/sub/note.md"), std::nullopt);

    auto ix = index_of({{"templates/contact.md", contact("name: {{name}}", "- 2026-11-02 [[alice]]\n")},
                        {"contacts/alice.md", contact("name: Alice")}});
    EXPECT_EQ(ids(ix), (Strings{"alice"}));
    EXPECT_TRUE(ix.notes().empty());
    EXPECT_TRUE(ix.diagnostics().empty()) << dump(ix.diagnostics());
}

TEST(FileLayout, OnlyMdFilesCount) {
    EXPECT_EQ(classify_path("contacts/alice.txt"), std::nullopt);
    EXPECT_EQ(classify_path("contacts/alice.md.bak"), std::nullopt);
    EXPECT_EQ(classify_path("journal/photo.png"), std::nullopt);
    auto ix = index_of({{"contacts/alice.txt", contact("name: Alice")}});
    EXPECT_TRUE(ix.contacts().empty());
}

TEST(FileLayout, DotNamesSkipped) {
    EXPECT_EQ(classify_path("contacts/.draft.md"), std::nullopt);
    EXPECT_EQ(classify_path(".obsidian/workspace.md"), std::nullopt);
    EXPECT_EQ(classify_path(".kith/notes.md"), std::nullopt);
    EXPECT_EQ(classify_path("contacts/.archive/bob.md"), std::nullopt);
    EXPECT_EQ(classify_path("journal/.trash/2026-11-02.md"), std::nullopt);

    auto ix = index_of({{"contacts/.draft.md", contact("name: Draft")},
                        {"contacts/.archive/bob.md", contact("name: Bob")},
                        {".trash/2026-11-02.md", "[[nobody]]\n"},
                        {"contacts/alice.md", contact("name: Alice")}});
    EXPECT_EQ(ids(ix), (Strings{"alice"}));
    EXPECT_TRUE(ix.notes().empty());
    EXPECT_TRUE(ix.diagnostics().empty()) << dump(ix.diagnostics());
}

// "A symlink is followed only when it stays inside the vault, and each real
// file is read once."

TEST(FileLayout, SymlinkInsideVaultFollowed) {
    TempDir dir;
    auto vault = dir.path() / "vault";
    write_file(vault / "data" / "bob.txt", contact("name: Bob"));
    std::filesystem::create_directories(vault / "contacts");
    std::filesystem::create_symlink("../data/bob.txt", vault / "contacts" / "bob.md");
    FsSource src(vault);
    auto ix = load_vault(src, day("2026-11-22"), LoadOptions{1});
    EXPECT_EQ(ids(ix), (Strings{"bob"}));
}

TEST(FileLayout, SymlinkLeavingVaultNotFollowed) {
    TempDir dir;
    auto vault = dir.path() / "vault";
    write_file(dir.path() / "outside" / "eve.md", contact("name: Eve"));
    write_file(vault / "contacts" / "alice.md", contact("name: Alice"));
    std::filesystem::create_symlink(dir.path() / "outside" / "eve.md", vault / "contacts" / "eve.md");
    std::filesystem::create_directory_symlink(dir.path() / "outside", vault / "contacts" / "more");
    FsSource src(vault);
    auto ix = load_vault(src, day("2026-11-22"), LoadOptions{1});
    EXPECT_EQ(ids(ix), (Strings{"alice"}));
}

TEST(FileLayout, EachRealFileReadOnce) {
    TempDir dir;
    auto vault = dir.path() / "vault";
    write_file(vault / "contacts" / "alice.md", contact("name: Alice"));
    write_file(vault / "journal" / "2026-11-02.md", "Saw [[alice]].\n");
    // Another name for the same contact file, a folder link, and a loop.
    std::filesystem::create_symlink("alice.md", vault / "contacts" / "zz-alice.md");
    std::filesystem::create_directory_symlink("../journal", vault / "journal" / "again");
    std::filesystem::create_directory_symlink("..", vault / "contacts" / "loop");
    FsSource src(vault);
    auto ix = load_vault(src, day("2026-11-22"), LoadOptions{1});
    EXPECT_EQ(ids(ix), (Strings{"alice"}));
    ASSERT_EQ(ix.notes().size(), 1u);
    EXPECT_EQ(ix.notes()[0].file, "journal/2026-11-02.md");
    const ContactRecord* a = rec(ix, "alice");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->note_dates, (std::vector<Date>{day("2026-11-02")}));
    EXPECT_EQ(count_level(ix.diagnostics(), Level::Error), 0u) << dump(ix.diagnostics());
}

TEST(FileLayout, AHardLinkedFileIsReadOnceUnderItsFirstPath) {
    TempDir dir;
    auto vault = dir.path() / "vault";
    write_file(vault / "contacts" / "mm.md", contact("name: Mo"));
    std::filesystem::create_hard_link(vault / "contacts" / "mm.md", vault / "contacts" / "aa.md");
    std::filesystem::create_hard_link(vault / "contacts" / "mm.md", vault / "contacts" / "zz.md");
    write_file(vault / "contacts" / "solo.md", contact("name: Solo"));
    FsSource src(vault);
    Diagnostics layout;
    const auto listed = src.list(layout);
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0].path, "contacts/aa.md");
    EXPECT_EQ(listed[1].path, "contacts/solo.md");
}

TEST(FileLayout, ASymlinkBeforeItsTargetKeepsTheFileOnce) {
    // The link sorts first, and the target has a link count of one.
    TempDir dir;
    auto vault = dir.path() / "vault";
    write_file(vault / "contacts" / "zz-target.md", contact("name: Zed"));
    std::filesystem::create_symlink("zz-target.md", vault / "contacts" / "aa-link.md");
    FsSource src(vault);
    Diagnostics layout;
    const auto listed = src.list(layout);
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].path, "contacts/aa-link.md");
}

TEST(FileLayout, TheListingIsInPathByteOrderAcrossFolders) {
    // Names that are prefixes of folder names: '-' and '.' sort before '/',
    // '0' and letters after it, whatever order the folder is read in.
    TempDir dir;
    auto vault = dir.path() / "vault";
    const std::vector<std::string> paths{"contacts/a-b.md", "contacts/a.md",   "contacts/a/x.md", "contacts/a/y/z.md",
                                         "contacts/a0.md",  "contacts/ab.md",  "contacts/b.md",   "journal/2026-01-01.md",
                                         "journal/x/2026-01-02.md", "people.md/c.md"};
    for (auto it = paths.rbegin(); it != paths.rend(); ++it) write_file(vault / *it, contact("name: X"));
    FsSource src(vault);
    Diagnostics layout;
    std::vector<std::string> listed;
    for (const SourceEntry& e : src.list(layout)) listed.push_back(e.path);
    std::vector<std::string> sorted = listed;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(listed, sorted);
    for (const std::string& p : {"contacts/a-b.md", "contacts/a/y/z.md", "contacts/a0.md", "journal/x/2026-01-02.md"})
        EXPECT_NE(std::find(listed.begin(), listed.end(), p), listed.end()) << p;
}

TEST(FileLayout, AFolderSeenTwiceIsWalkedThroughItsFirstPathByName) {
    // Whatever order the folder is listed in, contacts/ comes before notes/up
    // (a link to it), so alice stays a contact and is read once.
    for (const char* link : {"notes/up", "aa-up"}) {
        TempDir dir;
        auto vault = dir.path() / "vault";
        write_file(vault / "contacts" / "alice.md", contact("name: Alice"));
        std::filesystem::create_directories((vault / link).parent_path());
        std::filesystem::create_directory_symlink(std::string(link) == "aa-up" ? "contacts" : "../contacts", vault / link);
        FsSource src(vault);
        Diagnostics layout;
        auto listed = src.list(layout);
        ASSERT_EQ(listed.size(), 1u) << link;
        EXPECT_EQ(listed[0].path, std::string(link) == "aa-up" ? "aa-up/alice.md" : "contacts/alice.md");
        EXPECT_EQ(listed[0].kind, std::string(link) == "aa-up" ? FileKind::Note : FileKind::Contact);
    }
}

// ===========================================================================
// Ids: "The contact id is the file stem (`alice-chen`). Ids, names and aliases
// compare case-insensitively. Two files with the same id: the first by
// vault-relative path (byte order) is used, the other is an error."

TEST(FileId, IdIsTheFileStem) {
    ParsedFile pf = parse_file("contacts/team/Alice-Chen.md", contact("name: Alice Chen"), FileKind::Contact);
    ASSERT_TRUE(pf.contact.has_value()) << dump(pf.diagnostics);
    EXPECT_EQ(pf.contact->id, "Alice-Chen");
    EXPECT_EQ(pf.contact->file, "contacts/team/Alice-Chen.md");
    ParsedFile dotted = parse_file("contacts/j.r.r.md", contact("name: J"), FileKind::Contact);
    ASSERT_TRUE(dotted.contact.has_value());
    EXPECT_EQ(dotted.contact->id, "j.r.r");
}

TEST(FileId, IdsNamesAndAliasesCompareCaseInsensitively) {
    auto ix = index_of({{"contacts/Alice-Chen.md", contact("name: Alice Chen\naliases: [Ali]")},
                        {"contacts/bob.md", contact("name: Bob", "- 2026-11-01 with [[ALICE-CHEN]], [[alice chen]], [[aLi]]\n")}});
    const std::size_t alice = pos(ix, "Alice-Chen");
    ASSERT_NE(alice, SIZE_MAX);
    EXPECT_EQ(ix.resolve("alice-chen").contact, std::optional<std::size_t>(alice));
    EXPECT_EQ(ix.resolve("ALICE CHEN").contact, std::optional<std::size_t>(alice));
    EXPECT_EQ(ix.resolve("ALI").contact, std::optional<std::size_t>(alice));
    const ContactRecord* bob = rec(ix, "bob");
    ASSERT_NE(bob, nullptr);
    EXPECT_EQ(bob->links, (std::vector<std::size_t>{alice}));
    EXPECT_EQ(count_level(ix.diagnostics(), Level::Warning), 0u) << dump(ix.diagnostics());
}

TEST(FileId, DuplicateIdFirstByPathInByteOrderWins) {
    // Byte order: "contacts/Zed/..." < "contacts/alpha/..." ('Z' < 'a'), and the
    // ids "BOB" and "bob" are the same id.
    auto ix = index_of({{"contacts/alpha/bob.md", contact("name: Alpha Bob")},
                        {"contacts/Zed/BOB.md", contact("name: Zed Bob")}});
    ASSERT_EQ(ix.contacts().size(), 1u);
    EXPECT_EQ(ix.contacts()[0].contact->name.value, "Zed Bob");
    EXPECT_EQ(ix.contacts()[0].contact->file, "contacts/Zed/BOB.md");
    EXPECT_TRUE(has_diag(ix.diagnostics(), "contacts/alpha/bob.md", 1, Level::Error, {"bob"}));
    EXPECT_EQ(count_level(ix.diagnostics(), Level::Error), 1u) << dump(ix.diagnostics());
}

TEST(FileId, DuplicateIdInSubfolder) {
    auto ix = index_of({{"contacts/x/bob.md", contact("name: Second")},
                        {"contacts/bob.md", contact("name: First")}});
    ASSERT_EQ(ix.contacts().size(), 1u);
    EXPECT_EQ(ix.contacts()[0].contact->name.value, "First");
    EXPECT_TRUE(has_diag(ix.diagnostics(), "contacts/x/bob.md", 1, Level::Error, {"bob"}));
}

TEST(FileId, ASkippedDuplicateIsNotValidated) {
    // Only the contact that is kept has its tier checked: the skipped one
    // gets one error, that it is skipped.
    auto ix = index_of({{"contacts/x/bob.md", contact("name: Second\ntier: nonsense")},
                        {"contacts/bob.md", contact("name: First\ntier: bogus")}});
    ASSERT_EQ(ix.contacts().size(), 1u);
    EXPECT_TRUE(has_diag(ix.diagnostics(), "contacts/bob.md", 3, Level::Error, {"unknown tier", "bogus"}));
    EXPECT_TRUE(has_diag(ix.diagnostics(), "contacts/x/bob.md", 1, Level::Error, {"duplicate contact id"}));
    EXPECT_EQ(count_level(ix.diagnostics(), Level::Error), 2u) << dump(ix.diagnostics());
}

// ===========================================================================
// Front matter of files: "An unclosed block, or one that is not a mapping, is a
// parse error and the file is skipped. Dates are `YYYY-MM-DD` scalars, quoted
// or not."

TEST(FileFrontMatter, UnclosedBlockSkipsTheFile) {
    ParsedFile pf = parse_file("contacts/alice.md", "---\nname: Alice\n- 2026-11-02 x\n", FileKind::Contact);
    EXPECT_FALSE(pf.contact.has_value());
    EXPECT_FALSE(pf.note.has_value());
    EXPECT_TRUE(has_diag(pf.diagnostics, "contacts/alice.md", k_any_line, Level::Error, {"not closed"}));

    ParsedFile note = parse_file("journal/2026-11-02.md", "---\ndate: 2026-11-02\n[[alice]]\n", FileKind::Note);
    EXPECT_FALSE(note.note.has_value());
    EXPECT_EQ(count_level(note.diagnostics, Level::Error), 1u) << dump(note.diagnostics);
}

TEST(FileFrontMatter, NotAMappingSkipsTheFile) {
    ParsedFile pf = parse_file("contacts/alice.md", "---\n- name\n- Alice\n---\n", FileKind::Contact);
    EXPECT_FALSE(pf.contact.has_value());
    EXPECT_TRUE(has_diag(pf.diagnostics, "contacts/alice.md", 2, Level::Error, {"mapping"}));

    ParsedFile scalar = parse_file("contacts/alice.md", "---\nAlice\n---\n", FileKind::Contact);
    EXPECT_FALSE(scalar.contact.has_value());
    EXPECT_TRUE(has_diag(scalar.diagnostics, "contacts/alice.md", 2, Level::Error, {"mapping"}));

    ParsedFile note = parse_file("journal/x.md", "---\n- a\n---\n[[alice]]\n", FileKind::Note);
    EXPECT_FALSE(note.note.has_value());
    EXPECT_TRUE(has_diag(note.diagnostics, "journal/x.md", 2, Level::Error, {"mapping"}));
}

TEST(FileFrontMatter, InvalidYamlSkipsTheFileWithItsLine) {
    ParsedFile pf = parse_file("contacts/alice.md", "---\nname: Alice\ncompany: Acme: Inc\n---\n", FileKind::Contact);
    EXPECT_FALSE(pf.contact.has_value());
    EXPECT_TRUE(has_diag(pf.diagnostics, "contacts/alice.md", 3, Level::Error, {}));
}

TEST(FileFrontMatter, AfterOptionalBom) {
    ParsedFile pf = parse_file("contacts/alice.md", "\xEF\xBB\xBF---\nname: Alice\n---\n- 2026-11-02 x\n",
                               FileKind::Contact);
    ASSERT_TRUE(pf.contact.has_value()) << dump(pf.diagnostics);
    EXPECT_EQ(pf.contact->name.value, "Alice");
    ASSERT_EQ(pf.contact->body.entries.size(), 1u);
    EXPECT_EQ(pf.contact->body.entries[0].line, 4);
}

TEST(FileFrontMatter, CrlfFile) {
    ParsedFile pf = parse_file("contacts/alice.md",
                               "---\r\nname: Alice\r\ntier: core\r\n---\r\n## Log\r\n- 2026-11-02 coffee #call\r\n",
                               FileKind::Contact);
    ASSERT_TRUE(pf.contact.has_value()) << dump(pf.diagnostics);
    EXPECT_TRUE(pf.diagnostics.empty()) << dump(pf.diagnostics);
    EXPECT_EQ(pf.contact->name.value, "Alice");
    ASSERT_TRUE(pf.contact->tier.has_value());
    EXPECT_EQ(pf.contact->tier->value, "core");
    ASSERT_EQ(pf.contact->body.entries.size(), 1u);
    EXPECT_EQ(pf.contact->body.entries[0].line, 6);
    EXPECT_EQ(pf.contact->body.entries[0].tags(), (Strings{"call"}));
}

TEST(FileFrontMatter, ClosedByDots) {
    ParsedFile pf = parse_file("contacts/alice.md", "---\nname: Alice\n...\n- 2026-11-02 x\n", FileKind::Contact);
    ASSERT_TRUE(pf.contact.has_value()) << dump(pf.diagnostics);
    ASSERT_EQ(pf.contact->body.entries.size(), 1u);
    EXPECT_EQ(pf.contact->body.entries[0].line, 4);
}

TEST(FileFrontMatter, BodyLinesCountFromTheFileStart) {
    ParsedFile pf = contact_file("name: Alice\ntier: core", "\n## Log\n- 2026-11-02 x with [[bob]]\n- [ ] call\n");
    ASSERT_TRUE(pf.contact.has_value()) << dump(pf.diagnostics);
    // Lines: 1 ---, 2 name, 3 tier, 4 ---, 5 blank, 6 heading, 7 entry, 8 task.
    ASSERT_EQ(pf.contact->body.entries.size(), 1u);
    EXPECT_EQ(pf.contact->body.entries[0].line, 7);
    ASSERT_EQ(pf.contact->body.tasks.size(), 1u);
    EXPECT_EQ(pf.contact->body.tasks[0].line, 8);
    ASSERT_EQ(pf.contact->body.links.size(), 1u);
    EXPECT_EQ(pf.contact->body.links[0].line, 7);
}

TEST(FileFrontMatter, DatesQuotedOrNot) {
    ParsedFile pf = contact_file("name: Alice\nmet: \"2026-01-05\"\nreviewed: 2026-02-01");
    ASSERT_TRUE(pf.contact.has_value());
    EXPECT_TRUE(pf.diagnostics.empty()) << dump(pf.diagnostics);
    ASSERT_TRUE(pf.contact->met.has_value());
    EXPECT_EQ(pf.contact->met->value, day("2026-01-05"));
    ASSERT_TRUE(pf.contact->reviewed.has_value());
    EXPECT_EQ(pf.contact->reviewed->value, day("2026-02-01"));
}

// ===========================================================================
// Contact keys.

TEST(FileContact, NameRequired) {
    auto ix = index_of({{"contacts/alice.md", contact("company: Acme", "- 2026-11-02 x\n")},
                        {"contacts/bob.md", contact("name: Bob")}});
    EXPECT_EQ(ids(ix), (Strings{"bob"}));
    EXPECT_TRUE(has_diag(ix.diagnostics(), "contacts/alice.md", k_any_line, Level::Error, {"'name'"}));
}

TEST(FileContact, EmptyNameIsNoName) {
    ParsedFile pf = contact_file("name:\ncompany: Acme");
    EXPECT_FALSE(pf.contact.has_value());
    EXPECT_TRUE(has_diag(pf.diagnostics, "contacts/alice.md", k_any_line, Level::Error, {"'name'"}));
}

TEST(FileContact, ContactWithoutFrontMatterSkipped) {
    ParsedFile pf = parse_file("contacts/alice.md", "# Alice\n- 2026-11-02 x\n", FileKind::Contact);
    EXPECT_FALSE(pf.contact.has_value());
    EXPECT_TRUE(has_diag(pf.diagnostics, "contacts/alice.md", 1, Level::Error, {"'name'"}));
}

TEST(FileContact, NameMustBeAString) {
    ParsedFile pf = contact_file("name: [Alice, Al]");
    EXPECT_FALSE(pf.contact.has_value());
    EXPECT_TRUE(has_diag(pf.diagnostics, "contacts/alice.md", 2, Level::Error, {"'name'"}));
}

TEST(FileContact, NameIsDisplayName) {
    ParsedFile pf = contact_file("name: Alice Chen");
    ASSERT_TRUE(pf.contact.has_value());
    EXPECT_EQ(pf.contact->name.value, "Alice Chen");
    EXPECT_EQ(pf.contact->name.line, 2);
}

TEST(FileContact, AliasesListOrSingleString) {
    ParsedFile list = contact_file("name: Alice\naliases: [Ali, \"A. Chen\"]");
    ASSERT_TRUE(list.contact.has_value());
    EXPECT_EQ(list.contact->aliases, (Strings{"Ali", "A. Chen"}));
    ParsedFile block = contact_file("name: Alice\naliases:\n  - Ali\n  - Chenny");
    ASSERT_TRUE(block.contact.has_value());
    EXPECT_EQ(block.contact->aliases, (Strings{"Ali", "Chenny"}));
    ParsedFile single = contact_file("name: Alice\naliases: Ali");
    ASSERT_TRUE(single.contact.has_value());
    EXPECT_EQ(single.contact->aliases, (Strings{"Ali"}));
    EXPECT_TRUE(list.diagnostics.empty() && block.diagnostics.empty() && single.diagnostics.empty());
}

TEST(FileContact, AliasesWrongTypeIsAnError) {
    ParsedFile pf = contact_file("name: Alice\naliases:\n  a: b\ncompany: Acme");
    ASSERT_TRUE(pf.contact.has_value());
    EXPECT_TRUE(pf.contact->aliases.empty());
    EXPECT_EQ(pf.contact->company, "Acme");
    EXPECT_TRUE(has_diag(pf.diagnostics, "contacts/alice.md", k_any_line, Level::Error, {"'aliases'"}));
    bool line_ok = false;
    for (const auto& d : pf.diagnostics) line_ok = line_ok || d.line == 3 || d.line == 4;
    EXPECT_TRUE(line_ok) << dump(pf.diagnostics);
}

TEST(FileContact, BuiltInTiers) {
    EXPECT_EQ(cadence_of("name: Alice\ntier: core"), Days(30));
    EXPECT_EQ(cadence_of("name: Alice\ntier: close"), Days(90));
    EXPECT_EQ(cadence_of("name: Alice\ntier: network"), Days(180));
}

TEST(FileContact, TierNamesAreCaseSensitive) {
    auto ix = index_of({{"contacts/alice.md", contact("name: Alice\ntier: Core\ncompany: Acme")}});
    const ContactRecord* r = rec(ix, "alice");
    ASSERT_NE(r, nullptr);
    EXPECT_FALSE(r->contact->tier.has_value());
    EXPECT_EQ(r->cadence_days, Days(365)); // default_cadence, as if no tier
    EXPECT_EQ(r->contact->company, "Acme");
    EXPECT_TRUE(has_diag(ix.diagnostics(), "contacts/alice.md", 3, Level::Error, {"'tier'", "Core"}));
}

TEST(FileContact, UnknownTierIsAnError) {
    auto ix = index_of({{"contacts/alice.md", contact("name: Alice\ncompany: Acme\ntier: vip\ncadence: 10d")}});
    const ContactRecord* r = rec(ix, "alice");
    ASSERT_NE(r, nullptr);
    EXPECT_FALSE(r->contact->tier.has_value());
    EXPECT_EQ(r->cadence_days, Days(10));
    EXPECT_TRUE(has_diag(ix.diagnostics(), "contacts/alice.md", 4, Level::Error, {"'tier'", "vip"}));
}

TEST(FileContact, TierFromConfig) {
    Files cfg{{".kith/config.yaml", "tiers:\n  mentors: 60d\n"}};
    EXPECT_EQ(cadence_of("name: Alice\ntier: mentors", cfg), Days(60));
    auto ix = index_of({{".kith/config.yaml", "tiers:\n  mentors: 60d\n"},
                        {"contacts/alice.md", contact("name: Alice\ntier: mentors")}});
    EXPECT_TRUE(ix.diagnostics().empty()) << dump(ix.diagnostics());
}

TEST(FileContact, CadenceOverridesTier) {
    EXPECT_EQ(cadence_of("name: Alice\ntier: core\ncadence: 45d"), Days(45));
    EXPECT_EQ(cadence_of("name: Alice\ncadence: 6w\ntier: network"), Days(42));
    EXPECT_EQ(cadence_of("name: Alice\ntier: close\ncadence: 3m"), Days(90));
    EXPECT_EQ(cadence_of("name: Alice\ncadence: 1y"), Days(365));
    EXPECT_EQ(cadence_of("name: Alice\ncadence: 2w"), Days(14));
}

TEST(FileContact, CadenceNone) {
    EXPECT_EQ(cadence_of("name: Alice\ntier: core\ncadence: none"), Days());
    EXPECT_EQ(cadence_of("name: Alice\ncadence: none"), Days());
}

TEST(FileContact, CadenceBelowOneDayIsAnError) {
    auto ix = index_of({{"contacts/alice.md", contact("name: Alice\ntier: core\ncadence: 0d")}});
    const ContactRecord* r = rec(ix, "alice");
    ASSERT_NE(r, nullptr);
    EXPECT_FALSE(r->contact->cadence.has_value());
    EXPECT_EQ(r->cadence_days, Days(30)); // the tier's
    EXPECT_TRUE(has_diag(ix.diagnostics(), "contacts/alice.md", 4, Level::Error, {"'cadence'"}));
}

TEST(FileContact, MalformedCadenceIsAnError) {
    for (const char* bad : {"45D", "\"45 d\"", "monthly", "None", "-3d", "1.5w"}) {
        auto ix = index_of({{"contacts/alice.md", contact(std::string("name: Alice\ncadence: ") + bad)}});
        const ContactRecord* r = rec(ix, "alice");
        ASSERT_NE(r, nullptr) << bad;
        EXPECT_FALSE(r->contact->cadence.has_value()) << bad;
        EXPECT_EQ(r->cadence_days, Days(365)) << bad;
        EXPECT_TRUE(has_diag(ix.diagnostics(), "contacts/alice.md", 3, Level::Error, {"'cadence'"})) << bad;
    }
}

TEST(FileContact, CompanyTitleLocationStrings) {
    ParsedFile pf = contact_file("name: Alice\ncompany: Acme\ntitle: CTO\nlocation: Oslo, Norway");
    ASSERT_TRUE(pf.contact.has_value());
    EXPECT_TRUE(pf.diagnostics.empty()) << dump(pf.diagnostics);
    EXPECT_EQ(pf.contact->company, "Acme");
    EXPECT_EQ(pf.contact->title, "CTO");
    EXPECT_EQ(pf.contact->location, "Oslo, Norway");
}

TEST(FileContact, CompanyMustBeAString) {
    ParsedFile pf = contact_file("name: Alice\ncompany: [Acme, Initech]\ntitle: CTO");
    ASSERT_TRUE(pf.contact.has_value());
    EXPECT_EQ(pf.contact->company, "");
    EXPECT_EQ(pf.contact->title, "CTO");
    EXPECT_TRUE(has_diag(pf.diagnostics, "contacts/alice.md", 3, Level::Error, {"'company'"}));
}

TEST(FileContact, EmailAndPhoneStringOrList) {
    ParsedFile one = contact_file("name: Alice\nemail: alice@example.org\nphone: \"+47 555 12 345\"");
    ASSERT_TRUE(one.contact.has_value());
    EXPECT_EQ(one.contact->emails, (Strings{"alice@example.org"}));
    EXPECT_EQ(one.contact->phones, (Strings{"+47 555 12 345"}));
    ParsedFile many = contact_file("name: Alice\nemail: [a@x.org, b@y.org]\nphone:\n  - \"1\"\n  - \"2\"");
    ASSERT_TRUE(many.contact.has_value());
    EXPECT_EQ(many.contact->emails, (Strings{"a@x.org", "b@y.org"}));
    EXPECT_EQ(many.contact->phones, (Strings{"1", "2"}));
    EXPECT_TRUE(one.diagnostics.empty() && many.diagnostics.empty());
}

TEST(FileContact, NumbersAreReadAsTheirText) {
    ParsedFile pf = contact_file("name: 42\nphone: 5551234\ncompany: 1984\ntitle: 1.50\nemail: [0047, 12]");
    ASSERT_TRUE(pf.contact.has_value()) << dump(pf.diagnostics);
    EXPECT_TRUE(pf.diagnostics.empty()) << dump(pf.diagnostics);
    EXPECT_EQ(pf.contact->name.value, "42");
    EXPECT_EQ(pf.contact->phones, (Strings{"5551234"}));
    EXPECT_EQ(pf.contact->company, "1984");
    EXPECT_EQ(pf.contact->title, "1.50");
    EXPECT_EQ(pf.contact->emails, (Strings{"0047", "12"}));
}

TEST(FileContact, BirthdayFullDate) {
    auto ix = index_of({{"contacts/alice.md", contact("name: Alice\nbirthday: 1990-05-17")}});
    const ContactRecord* r = rec(ix, "alice");
    ASSERT_NE(r, nullptr);
    ASSERT_TRUE(r->contact->birthday.has_value());
    EXPECT_EQ(r->contact->birthday->value.year, std::optional<int>(1990));
    EXPECT_EQ(r->contact->birthday->value.month, 5);
    EXPECT_EQ(r->contact->birthday->value.day, 17);
    EXPECT_EQ(r->contact->birthday->line, 3);
    EXPECT_TRUE(ix.diagnostics().empty()) << dump(ix.diagnostics());
}

TEST(FileContact, BirthdayWithoutYear) {
    for (const char* v : {"--05-17", "\"--05-17\"", "'--05-17'"}) {
        ParsedFile pf = contact_file(std::string("name: Alice\nbirthday: ") + v);
        ASSERT_TRUE(pf.contact.has_value()) << v;
        EXPECT_TRUE(pf.diagnostics.empty()) << v << "\n" << dump(pf.diagnostics);
        ASSERT_TRUE(pf.contact->birthday.has_value()) << v;
        EXPECT_FALSE(pf.contact->birthday->value.year.has_value()) << v;
        EXPECT_EQ(pf.contact->birthday->value.month, 5) << v;
        EXPECT_EQ(pf.contact->birthday->value.day, 17) << v;
    }
    ParsedFile leap = contact_file("name: Alice\nbirthday: --02-29");
    ASSERT_TRUE(leap.contact.has_value());
    ASSERT_TRUE(leap.contact->birthday.has_value()) << dump(leap.diagnostics);
    EXPECT_EQ(leap.contact->birthday->value.day, 29);
}

TEST(FileContact, BirthdayAfterTodayIsABadValue) {
    // today is 2026-11-22
    auto ix = index_of({{"contacts/alice.md", contact("name: Alice\nbirthday: 2026-12-01\ncompany: Acme")},
                        {"contacts/bob.md", contact("name: Bob\nbirthday: 2026-11-22")},
                        {"contacts/carol.md", contact("name: Carol\nbirthday: --12-01")}});
    const ContactRecord* a = rec(ix, "alice");
    ASSERT_NE(a, nullptr);
    EXPECT_FALSE(a->contact->birthday.has_value());
    EXPECT_EQ(a->contact->company, "Acme");
    EXPECT_TRUE(has_diag(ix.diagnostics(), "contacts/alice.md", 3, Level::Error, {"'birthday'"}));
    const ContactRecord* b = rec(ix, "bob");
    ASSERT_NE(b, nullptr);
    EXPECT_TRUE(b->contact->birthday.has_value()); // today is not after today
    const ContactRecord* c = rec(ix, "carol");
    ASSERT_NE(c, nullptr);
    EXPECT_TRUE(c->contact->birthday.has_value()); // no year: never in the future
    EXPECT_EQ(count_level(ix.diagnostics(), Level::Error), 1u) << dump(ix.diagnostics());
}

TEST(FileContact, BirthdayImpossibleDateIsABadValue) {
    for (const char* bad : {"1990-02-30", "1990-13-01", "--02-30", "17.05.1990", "1990-02-29"}) {
        ParsedFile pf = contact_file(std::string("name: Alice\nbirthday: ") + bad);
        ASSERT_TRUE(pf.contact.has_value()) << bad;
        EXPECT_FALSE(pf.contact->birthday.has_value()) << bad;
        EXPECT_TRUE(has_diag(pf.diagnostics, "contacts/alice.md", 3, Level::Error, {"'birthday'"})) << bad;
    }
}

TEST(FileContact, MetIsADateThatCountsAsAnInteraction) {
    auto ix = index_of({{"contacts/alice.md", contact("name: Alice\nmet: 2026-10-01")}});
    const ContactRecord* r = rec(ix, "alice");
    ASSERT_NE(r, nullptr);
    ASSERT_TRUE(r->contact->met.has_value());
    EXPECT_EQ(r->contact->met->value, day("2026-10-01"));
    EXPECT_EQ(r->contact->met->line, 3);
    EXPECT_EQ(r->last_interaction(day("2026-11-22")), std::optional<Date>(day("2026-10-01")));
    EXPECT_EQ(r->last_interaction(day("2026-09-30")), std::nullopt);
}

TEST(FileContact, MetImpossibleDateIsABadValue) {
    ParsedFile pf = contact_file("name: Alice\nmet: 2026-02-30\ncompany: Acme");
    ASSERT_TRUE(pf.contact.has_value());
    EXPECT_FALSE(pf.contact->met.has_value());
    EXPECT_EQ(pf.contact->company, "Acme");
    EXPECT_TRUE(has_diag(pf.diagnostics, "contacts/alice.md", 3, Level::Error, {"'met'"}));
}

TEST(FileContact, IntroducedByQuotedLink) {
    auto ix = index_of({{"contacts/alice.md", contact("name: Alice\nintroduced_by: \"[[bob]]\"")},
                        {"contacts/bob.md", contact("name: Bob")}});
    const ContactRecord* a = rec(ix, "alice");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->contact->introduced_by_link, std::optional<std::string>("bob"));
    ASSERT_TRUE(a->contact->introduced_by.has_value());
    EXPECT_EQ(a->contact->introduced_by->line, 3);
    EXPECT_EQ(a->links, (std::vector<std::size_t>{pos(ix, "bob")}));
    EXPECT_TRUE(ix.diagnostics().empty()) << dump(ix.diagnostics());
}

TEST(FileContact, IntroducedByUnquotedYamlLink) {
    // Unquoted, YAML reads `[[bob]]` as a list holding a list.
    ParsedFile pf = contact_file("name: Alice\nintroduced_by: [[bob]]");
    ASSERT_TRUE(pf.contact.has_value());
    EXPECT_TRUE(pf.diagnostics.empty()) << dump(pf.diagnostics);
    EXPECT_EQ(pf.contact->introduced_by_link, std::optional<std::string>("bob"));
    ParsedFile labelled = contact_file("name: Alice\nintroduced_by: \"[[contacts/bob.md|Bob]]\"");
    ASSERT_TRUE(labelled.contact.has_value());
    EXPECT_EQ(labelled.contact->introduced_by_link, std::optional<std::string>("bob"));
}

TEST(FileContact, IntroducedByPlainString) {
    ParsedFile pf = contact_file("name: Alice\nintroduced_by: Carol at PyCon");
    ASSERT_TRUE(pf.contact.has_value());
    EXPECT_TRUE(pf.diagnostics.empty()) << dump(pf.diagnostics);
    ASSERT_TRUE(pf.contact->introduced_by.has_value());
    EXPECT_EQ(pf.contact->introduced_by->value, "Carol at PyCon");
    EXPECT_FALSE(pf.contact->introduced_by_link.has_value());
}

TEST(FileContact, IntroducedByUnresolvedLinkIsAWarning) {
    auto ix = index_of({{"contacts/alice.md", contact("name: Alice\nintroduced_by: \"[[nobody]]\"")}});
    EXPECT_TRUE(has_diag(ix.diagnostics(), "contacts/alice.md", 3, Level::Warning, {"nobody"}));
}

TEST(FileContact, TagsListOrSingleString) {
    ParsedFile list = contact_file("name: Alice\ntags: [mentor, hiring]");
    ASSERT_TRUE(list.contact.has_value());
    EXPECT_EQ(list.contact->tags, (Strings{"mentor", "hiring"}));
    ParsedFile single = contact_file("name: Alice\ntags: mentor");
    ASSERT_TRUE(single.contact.has_value());
    EXPECT_EQ(single.contact->tags, (Strings{"mentor"}));
}

TEST(FileContact, ReviewedIsADate) {
    ParsedFile pf = contact_file("name: Alice\nreviewed: 2026-03-04");
    ASSERT_TRUE(pf.contact.has_value());
    ASSERT_TRUE(pf.contact->reviewed.has_value());
    EXPECT_EQ(pf.contact->reviewed->value, day("2026-03-04"));
    EXPECT_EQ(pf.contact->reviewed->line, 3);
    ParsedFile bad = contact_file("name: Alice\nreviewed: last week");
    ASSERT_TRUE(bad.contact.has_value());
    EXPECT_FALSE(bad.contact->reviewed.has_value());
    EXPECT_TRUE(has_diag(bad.diagnostics, "contacts/alice.md", 3, Level::Error, {"'reviewed'"}));
}

TEST(FileContact, ArchivedIsABool) {
    ParsedFile yes = contact_file("name: Alice\narchived: true");
    ASSERT_TRUE(yes.contact.has_value());
    EXPECT_TRUE(yes.contact->archived);
    ParsedFile no = contact_file("name: Alice\narchived: false");
    ASSERT_TRUE(no.contact.has_value());
    EXPECT_FALSE(no.contact->archived);
    ParsedFile absent = contact_file("name: Alice");
    ASSERT_TRUE(absent.contact.has_value());
    EXPECT_FALSE(absent.contact->archived);
    EXPECT_TRUE(yes.diagnostics.empty() && no.diagnostics.empty());
}

TEST(FileContact, ArchivedNotABoolIsAnError) {
    // YAML 1.2 core schema: `yes` and a quoted "true" are strings.
    for (const char* bad : {"yes", "\"true\"", "1", "[true]"}) {
        ParsedFile pf = contact_file(std::string("name: Alice\narchived: ") + bad);
        ASSERT_TRUE(pf.contact.has_value()) << bad;
        EXPECT_FALSE(pf.contact->archived) << bad;
        EXPECT_TRUE(has_diag(pf.diagnostics, "contacts/alice.md", 3, Level::Error, {"'archived'"})) << bad;
    }
}

TEST(FileContact, EmptyValueIsAbsentKey) {
    auto ix = index_of({{"contacts/alice.md",
                         contact("name: Alice\naliases:\ntier:\ncadence:\ncompany:\ntitle: ~\nlocation: null\n"
                                 "email:\nphone:\nbirthday:\nmet:\nintroduced_by:\ntags:\nreviewed:\narchived:")}});
    EXPECT_TRUE(ix.diagnostics().empty()) << dump(ix.diagnostics());
    const ContactRecord* r = rec(ix, "alice");
    ASSERT_NE(r, nullptr);
    const Contact& c = *r->contact;
    EXPECT_TRUE(c.aliases.empty());
    EXPECT_FALSE(c.tier.has_value());
    EXPECT_FALSE(c.cadence.has_value());
    EXPECT_EQ(c.company, "");
    EXPECT_EQ(c.title, "");
    EXPECT_EQ(c.location, "");
    EXPECT_TRUE(c.emails.empty());
    EXPECT_TRUE(c.phones.empty());
    EXPECT_FALSE(c.birthday.has_value());
    EXPECT_FALSE(c.met.has_value());
    EXPECT_FALSE(c.introduced_by.has_value());
    EXPECT_TRUE(c.tags.empty());
    EXPECT_FALSE(c.reviewed.has_value());
    EXPECT_FALSE(c.archived);
    EXPECT_EQ(r->cadence_days, Days(365));
}

TEST(FileContact, BadValueKeyAbsentRestOfContactCounts) {
    auto ix = index_of({{"contacts/alice.md",
                         contact("name: Alice\nbirthday: 2026-02-30\ntier: core\ncompany: Acme",
                                 "- 2026-11-02 coffee #call\n")}});
    const ContactRecord* r = rec(ix, "alice");
    ASSERT_NE(r, nullptr);
    EXPECT_FALSE(r->contact->birthday.has_value());
    EXPECT_EQ(r->contact->company, "Acme");
    EXPECT_EQ(r->cadence_days, Days(30));
    EXPECT_EQ(r->entries.size(), 1u);
    EXPECT_TRUE(has_diag(ix.diagnostics(), "contacts/alice.md", 3, Level::Error, {"'birthday'", "2026-02-30"}));
    EXPECT_EQ(count_level(ix.diagnostics(), Level::Error), 1u) << dump(ix.diagnostics());
}

TEST(FileContact, KeyGivenTwiceIsAnErrorAndAbsent) {
    ParsedFile pf = contact_file("name: Alice\ncompany: A\ntitle: CTO\ncompany: B");
    ASSERT_TRUE(pf.contact.has_value());
    EXPECT_EQ(pf.contact->company, "");
    EXPECT_EQ(pf.contact->title, "CTO");
    EXPECT_TRUE(has_diag(pf.diagnostics, "contacts/alice.md", 5, Level::Error, {"'company'"}));
    EXPECT_EQ(count_level(pf.diagnostics, Level::Error), 1u) << dump(pf.diagnostics);

    auto ix = index_of({{"contacts/alice.md", contact("name: Alice\ntier: core\ntier: close")}});
    const ContactRecord* r = rec(ix, "alice");
    ASSERT_NE(r, nullptr);
    EXPECT_FALSE(r->contact->tier.has_value());
    EXPECT_EQ(r->cadence_days, Days(365));
    EXPECT_TRUE(has_diag(ix.diagnostics(), "contacts/alice.md", 4, Level::Error, {"'tier'"}));
}

TEST(FileContact, UnknownKeysKept) {
    ParsedFile pf = contact_file("name: Alice\nlinkedin: alice-c\ngithub: [a, b]");
    ASSERT_TRUE(pf.contact.has_value());
    EXPECT_TRUE(pf.diagnostics.empty()) << dump(pf.diagnostics);
    ASSERT_EQ(pf.contact->extra.size(), 2u);
    EXPECT_EQ(pf.contact->extra[0].first, "linkedin");
    EXPECT_EQ(pf.contact->extra[0].second, "alice-c");
    EXPECT_EQ(pf.contact->extra[1].first, "github");
}

// ===========================================================================
// Contact body as the index sees it.

TEST(VaultEntries, OwnEntriesAreInteractions) {
    auto ix = index_of({{"contacts/alice.md", contact("name: Alice", "## Log\n- 2026-11-02 coffee #coffee\n- 2026-10-01 call\n")}});
    const ContactRecord* r = rec(ix, "alice");
    ASSERT_NE(r, nullptr);
    ASSERT_EQ(r->entries.size(), 2u);
    EXPECT_TRUE(r->entries[0].own);
    EXPECT_EQ(*r->entries[0].file, "contacts/alice.md");
    EXPECT_EQ(r->entries[0].entry->date, day("2026-11-02"));
    EXPECT_EQ(r->last_interaction(day("2026-11-22")), std::optional<Date>(day("2026-11-02")));
}

TEST(VaultEntries, EntriesAfterTodayAreIgnored) {
    auto ix = index_of({{"contacts/alice.md",
                         contact("name: Alice", "- 2026-12-01 dinner planned\n- 2026-11-01 lunch\n")}});
    const ContactRecord* r = rec(ix, "alice");
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->last_interaction(day("2026-11-22")), std::optional<Date>(day("2026-11-01")));
}

TEST(VaultEntries, ImpossibleDateIsACheckWarning) {
    auto ix = index_of({{"contacts/alice.md", contact("name: Alice", "- 2026-02-30 coffee\n")}});
    const ContactRecord* r = rec(ix, "alice");
    ASSERT_NE(r, nullptr);
    EXPECT_TRUE(r->entries.empty());
    EXPECT_TRUE(has_diag(ix.diagnostics(), "contacts/alice.md", 4, Level::Warning, {"2026-02-30"}));
}

TEST(VaultEntries, OwnTasksAreFollowUps) {
    auto ix = index_of({{"contacts/alice.md", contact("name: Alice", "- [ ] 2026-11-30 send the paper\n- [x] done\n")}});
    const ContactRecord* r = rec(ix, "alice");
    ASSERT_NE(r, nullptr);
    ASSERT_EQ(r->tasks.size(), 2u);
    EXPECT_FALSE(r->tasks[0].task->done);
    EXPECT_EQ(r->tasks[0].task->due, std::optional<Date>(day("2026-11-30")));
    EXPECT_TRUE(r->tasks[1].task->done);
}

TEST(VaultEntries, LinkInOwnEntryConnectsButIsNoInteraction) {
    auto ix = index_of({{"contacts/alice.md", contact("name: Alice", "- 2026-11-01 lunch with [[bob]] #gave\n")},
                        {"contacts/bob.md", contact("name: Bob")}});
    const ContactRecord* a = rec(ix, "alice");
    const ContactRecord* b = rec(ix, "bob");
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->links, (std::vector<std::size_t>{pos(ix, "bob")}));
    EXPECT_EQ(a->entries.size(), 1u);
    EXPECT_TRUE(b->entries.empty());
    EXPECT_TRUE(b->note_dates.empty());
    EXPECT_EQ(b->last_interaction(day("2026-11-22")), std::nullopt);
}

// ===========================================================================
// Links: "It resolves case-insensitively against ids, then names, then
// aliases, stopping at the first of those three that matches; a name or alias
// shared by several contacts resolves to nobody. An unresolved or ambiguous
// link is a `check` warning."

TEST(VaultLinks, IdsBeforeNames) {
    auto ix = index_of({{"contacts/sam.md", contact("name: Samuel Ode")},
                        {"contacts/other.md", contact("name: Sam")},
                        {"contacts/zed.md", contact("name: Zed", "- 2026-11-01 lunch with [[Sam]]\n")}});
    EXPECT_EQ(ix.resolve("Sam").contact, std::optional<std::size_t>(pos(ix, "sam")));
    const ContactRecord* z = rec(ix, "zed");
    ASSERT_NE(z, nullptr);
    EXPECT_EQ(z->links, (std::vector<std::size_t>{pos(ix, "sam")}));
    EXPECT_TRUE(ix.diagnostics().empty()) << dump(ix.diagnostics());
}

TEST(VaultLinks, NamesBeforeAliases) {
    auto ix = index_of({{"contacts/p1.md", contact("name: Max")},
                        {"contacts/p2.md", contact("name: Maximilian\naliases: [Max]")},
                        {"contacts/p3.md", contact("name: Other\naliases: [Max]")},
                        {"journal/2026-11-02.md", "- 2026-11-02 call with [[max]]\n"}});
    Resolution res = ix.resolve("max");
    EXPECT_EQ(res.contact, std::optional<std::size_t>(pos(ix, "p1")));
    EXPECT_TRUE(res.candidates.empty());
    const ContactRecord* p1 = rec(ix, "p1");
    ASSERT_NE(p1, nullptr);
    EXPECT_EQ(p1->entries.size(), 1u);
    EXPECT_TRUE(ix.diagnostics().empty()) << dump(ix.diagnostics());
}

TEST(VaultLinks, AliasesResolveWhenNoIdOrName) {
    auto ix = index_of({{"contacts/alice-chen.md", contact("name: Alice Chen\naliases: [Ali, \"A. C.\"]")}});
    EXPECT_EQ(ix.resolve("ali").contact, std::optional<std::size_t>(pos(ix, "alice-chen")));
    EXPECT_EQ(ix.resolve("a. c.").contact, std::optional<std::size_t>(pos(ix, "alice-chen")));
}

TEST(VaultLinks, NamesAndAliasesResolveOnFirstNeedFromManyThreadsAfterAMove) {
    // Every link names an id, so the build never needs the name and alias
    // tables; the first lookups by name come later, from several threads at
    // once, on an index that has been moved since.
    auto built = index_of({{"contacts/ada.md", contact("name: Ada Byron\naliases: [Countess]")},
                           {"contacts/bo.md", contact("name: Bo Ek", "- 2026-11-01 call with [[ada]]\n")}});
    const VaultIndex ix = std::move(built);
    std::vector<std::optional<std::size_t>> by_name(8), by_alias(8);
    {
        std::vector<std::jthread> pool;
        for (std::size_t t = 0; t < by_name.size(); ++t)
            pool.emplace_back([&, t] {
                by_name[t] = ix.resolve(t % 2 ? "ADA BYRON" : "bo ek").contact;
                by_alias[t] = ix.resolve("countess").contact;
            });
    }
    for (std::size_t t = 0; t < by_name.size(); ++t) {
        EXPECT_EQ(by_name[t], std::optional<std::size_t>(pos(ix, t % 2 ? "ada" : "bo"))) << t;
        EXPECT_EQ(by_alias[t], std::optional<std::size_t>(pos(ix, "ada"))) << t;
    }
    EXPECT_EQ(rec(ix, "bo")->links, (std::vector<std::size_t>{pos(ix, "ada")}));
}

TEST(VaultLinks, StopsAtFirstMatchingClassEvenWhenAmbiguous) {
    // Two contacts share the name "Kim"; a third has it as an alias. The name
    // class matches, so aliases are not consulted and the link goes nowhere.
    auto ix = index_of({{"contacts/kim-a.md", contact("name: Kim")},
                        {"contacts/kim-b.md", contact("name: kim")},
                        {"contacts/kimberly.md", contact("name: Kimberly\naliases: [Kim]")}});
    Resolution res = ix.resolve("Kim");
    EXPECT_FALSE(res.contact.has_value());
    auto c = res.candidates;
    std::sort(c.begin(), c.end());
    EXPECT_EQ(c, (std::vector<std::size_t>{pos(ix, "kim-a"), pos(ix, "kim-b")}));
}

TEST(VaultLinks, SharedNameResolvesToNobodyWithAmbiguousWarning) {
    auto ix = index_of({{"contacts/jo-1.md", contact("name: Jo")},
                        {"contacts/jo-2.md", contact("name: Jo")},
                        {"journal/2026-11-02.md", "Standup.\n\n- 2026-11-02 call with [[Jo]] #call\n"}});
    const ContactRecord* a = rec(ix, "jo-1");
    const ContactRecord* b = rec(ix, "jo-2");
    ASSERT_TRUE(a && b);
    EXPECT_TRUE(a->entries.empty());
    EXPECT_TRUE(b->entries.empty());
    EXPECT_TRUE(a->note_dates.empty());
    EXPECT_TRUE(has_diag(ix.diagnostics(), "journal/2026-11-02.md", 3, Level::Warning, {"ambiguous", "Jo"}));
}

TEST(VaultLinks, SharedAliasResolvesToNobodyWithAmbiguousWarning) {
    auto ix = index_of({{"contacts/a.md", contact("name: Anna\naliases: [Boss]")},
                        {"contacts/b.md", contact("name: Bert\naliases: [boss]")},
                        {"contacts/c.md", contact("name: Cy", "\nMet [[BOSS]] today.\n")}});
    EXPECT_FALSE(ix.resolve("boss").contact.has_value());
    EXPECT_EQ(ix.resolve("boss").candidates.size(), 2u);
    const ContactRecord* c = rec(ix, "c");
    ASSERT_NE(c, nullptr);
    EXPECT_TRUE(c->links.empty());
    EXPECT_TRUE(has_diag(ix.diagnostics(), "contacts/c.md", 5, Level::Warning, {"ambiguous", "BOSS"}));
}

TEST(VaultLinks, ANoteWithManyLinksCreditsEachEntryToItsOwn) {
    // More links than a note's entries look up by scanning: the entries
    // near the end link contacts that only the tables can answer for.
    Files files;
    std::string note = "Linked: ";
    for (int i = 0; i < 40; ++i) {
        files["contacts/p" + std::to_string(i) + ".md"] = contact("name: Person " + std::to_string(i));
        note += "[[p" + std::to_string(i) + "]] ";
    }
    note += "\n\n- 2026-11-02 call with [[p39]]\n- 2026-11-03 lunch with [[Person 38]] and [[p0]]\n";
    files["journal/2026-11-02.md"] = note;
    auto ix = index_of(files);
    for (int i = 0; i < 40; ++i) {
        const ContactRecord* r = rec(ix, "p" + std::to_string(i));
        ASSERT_NE(r, nullptr);
        const std::size_t want = i == 39 || i == 38 || i == 0 ? 1 : 0;
        EXPECT_EQ(r->entries.size(), want) << i;
        EXPECT_EQ(r->note_dates.size(), 1u) << i;
    }
    EXPECT_TRUE(ix.diagnostics().empty()) << dump(ix.diagnostics());
}

TEST(VaultLinks, UnresolvedLinkIsAWarning) {
    auto ix = index_of({{"contacts/alice.md", contact("name: Alice", "- 2026-11-01 lunch with [[nobody-here]]\n")},
                        {"journal/ideas.md", "# Ideas\n\nAsk [[Ghost]] about it.\n"}});
    EXPECT_TRUE(has_diag(ix.diagnostics(), "contacts/alice.md", 4, Level::Warning, {"nobody-here"}));
    EXPECT_TRUE(has_diag(ix.diagnostics(), "journal/ideas.md", 3, Level::Warning, {"Ghost"}));
    EXPECT_EQ(count_level(ix.diagnostics(), Level::Error), 0u);
    EXPECT_FALSE(ix.has_errors());
}

TEST(VaultLinks, LinkFormsResolve) {
    auto ix = index_of({{"contacts/bob.md", contact("name: Bob Stone")},
                        {"journal/2026-11-02.md",
                         "- 2026-11-02 [[contacts/bob.md#Work|Bob]]\n- 2026-11-01 ![[Bob Stone]]\n"
                         "- 2026-10-31 [[ bob ^x]]\n"}});
    const ContactRecord* b = rec(ix, "bob");
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(b->entries.size(), 3u);
    EXPECT_TRUE(ix.diagnostics().empty()) << dump(ix.diagnostics());
}

TEST(VaultLinks, LinksInCodeIgnored) {
    auto ix = index_of({{"contacts/alice.md", contact("name: Alice", "Use `[[nobody]]` syntax.\n\n```\n[[ghost]]\n```\n")}});
    EXPECT_TRUE(ix.diagnostics().empty()) << dump(ix.diagnostics());
}

// ===========================================================================
// Notes: "A dated list item in a note that links contacts is an interaction
// entry of each linked contact on that date, and all its tags apply to each of
// them. A task item in a note that links contacts is a follow-up of each of
// them. A note is dated when its front matter has `date:` (it wins) or else its
// file name starts with `YYYY-MM-DD`. Every contact linked anywhere in a dated
// note's body (outside code) has an interaction on that date. That interaction
// is not an entry: it has no tags and no text."

TEST(VaultNotes, NoteEntryAppliesToEveryLinkedContactWithAllTags) {
    auto ix = index_of({{"contacts/alice.md", contact("name: Alice")},
                        {"contacts/bob.md", contact("name: Bob")},
                        {"contacts/carol.md", contact("name: Carol")},
                        {"journal/ideas.md", "- 2026-11-01 dinner with [[alice]] and [[Bob]] #got #intro\n"}});
    for (const char* id : {"alice", "bob"}) {
        const ContactRecord* r = rec(ix, id);
        ASSERT_NE(r, nullptr) << id;
        ASSERT_EQ(r->entries.size(), 1u) << id;
        const EntryRef& e = r->entries[0];
        EXPECT_FALSE(e.own) << id;
        EXPECT_EQ(*e.file, "journal/ideas.md");
        EXPECT_EQ(e.entry->date, day("2026-11-01"));
        EXPECT_TRUE(e.entry->has_tag("got")) << id;
        EXPECT_TRUE(e.entry->has_tag("intro")) << id;
        EXPECT_EQ(r->last_interaction(day("2026-11-22")), std::optional<Date>(day("2026-11-01")));
    }
    const ContactRecord* c = rec(ix, "carol");
    ASSERT_NE(c, nullptr);
    EXPECT_TRUE(c->entries.empty());
}

TEST(VaultNotes, NoteEntryWithoutLinksBelongsToNobody) {
    auto ix = index_of({{"contacts/alice.md", contact("name: Alice")},
                        {"journal/log.md", "- 2026-11-01 dentist #call\n\nLater: [[alice]]\n"}});
    const ContactRecord* a = rec(ix, "alice");
    ASSERT_NE(a, nullptr);
    EXPECT_TRUE(a->entries.empty());
}

TEST(VaultNotes, NoteTaskIsAFollowUpOfEachLinkedContact) {
    auto ix = index_of({{"contacts/alice.md", contact("name: Alice", "- [ ] own task\n")},
                        {"contacts/bob.md", contact("name: Bob")},
                        {"contacts/carol.md", contact("name: Carol")},
                        {"journal/plan.md", "- [ ] 2026-11-30 send [[alice]] and [[bob]] the deck\n- [x] thank [[bob]]\n"}});
    const ContactRecord* a = rec(ix, "alice");
    const ContactRecord* b = rec(ix, "bob");
    const ContactRecord* c = rec(ix, "carol");
    ASSERT_TRUE(a && b && c);
    ASSERT_EQ(a->tasks.size(), 2u);
    EXPECT_EQ(*a->tasks[0].file, "contacts/alice.md"); // own follow-ups first
    EXPECT_EQ(*a->tasks[1].file, "journal/plan.md");
    EXPECT_EQ(a->tasks[1].task->due, std::optional<Date>(day("2026-11-30")));
    ASSERT_EQ(b->tasks.size(), 2u);
    EXPECT_FALSE(b->tasks[0].task->done);
    EXPECT_TRUE(b->tasks[1].task->done);
    EXPECT_TRUE(c->tasks.empty());
}

TEST(VaultNotes, DatedByFileName) {
    auto ix = index_of({{"contacts/alice.md", contact("name: Alice")},
                        {"contacts/bob.md", contact("name: Bob")},
                        {"journal/2026-11-02.md", "Coffee with [[alice]].\n"},
                        {"journal/2026-11-05-standup.md", "# Standup\n\n[[bob]] presented.\n"}});
    const ContactRecord* a = rec(ix, "alice");
    const ContactRecord* b = rec(ix, "bob");
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->note_dates, (std::vector<Date>{day("2026-11-02")}));
    EXPECT_EQ(b->note_dates, (std::vector<Date>{day("2026-11-05")}));
    EXPECT_EQ(a->last_interaction(day("2026-11-22")), std::optional<Date>(day("2026-11-02")));
    EXPECT_EQ(date_from_file_name("journal/2026-11-02.md"), std::optional<Date>(day("2026-11-02")));
    EXPECT_EQ(date_from_file_name("2026-11-05-standup.md"), std::optional<Date>(day("2026-11-05")));
}

TEST(VaultNotes, FileNameMustStartWithARealDate) {
    EXPECT_EQ(date_from_file_name("journal/20261102.md"), std::nullopt);
    EXPECT_EQ(date_from_file_name("journal/2026-02-30.md"), std::nullopt);
    EXPECT_EQ(date_from_file_name("journal/standup-2026-11-02.md"), std::nullopt);
    auto ix = index_of({{"contacts/alice.md", contact("name: Alice")},
                        {"journal/standup-2026-11-02.md", "[[alice]]\n"}});
    const ContactRecord* a = rec(ix, "alice");
    ASSERT_NE(a, nullptr);
    EXPECT_TRUE(a->note_dates.empty());
}

TEST(VaultNotes, FrontMatterDateWinsOverFileName) {
    auto ix = index_of({{"contacts/alice.md", contact("name: Alice")},
                        {"journal/2026-11-02.md", "---\ndate: 2026-10-30\n---\nWith [[alice]].\n"},
                        {"journal/trip.md", "---\ndate: \"2026-09-01\"\n---\nWith [[alice]].\n"}});
    const ContactRecord* a = rec(ix, "alice");
    ASSERT_NE(a, nullptr);
    auto dates = a->note_dates;
    std::sort(dates.begin(), dates.end());
    EXPECT_EQ(dates, (std::vector<Date>{day("2026-09-01"), day("2026-10-30")}));
    ASSERT_EQ(ix.notes().size(), 2u);
    for (const Note& n : ix.notes())
        if (n.file == "journal/2026-11-02.md") EXPECT_EQ(n.date, std::optional<Date>(day("2026-10-30")));
}

TEST(VaultNotes, UndatedNoteGivesNoInteraction) {
    auto ix = index_of({{"contacts/alice.md", contact("name: Alice")},
                        {"journal/ideas.md", "Ask [[alice]] about the job.\n"}});
    const ContactRecord* a = rec(ix, "alice");
    ASSERT_NE(a, nullptr);
    EXPECT_TRUE(a->note_dates.empty());
    EXPECT_EQ(a->last_interaction(day("2026-11-22")), std::nullopt);
    ASSERT_EQ(ix.notes().size(), 1u);
    EXPECT_FALSE(ix.notes()[0].date.has_value());
}

TEST(VaultNotes, DatedNoteInteractionHasNoTagsOrText) {
    auto ix = index_of({{"contacts/alice.md", contact("name: Alice")},
                        {"contacts/bob.md", contact("name: Bob")},
                        {"journal/2026-11-02.md", "# Party #gave\n\nTalked to [[alice]] #got all night.\n\n"
                                                  "> Quote from [[bob]]\n"}});
    for (const char* id : {"alice", "bob"}) {
        const ContactRecord* r = rec(ix, id);
        ASSERT_NE(r, nullptr);
        EXPECT_TRUE(r->entries.empty()) << id; // not an entry: no tags, no text
        EXPECT_EQ(r->note_dates, (std::vector<Date>{day("2026-11-02")})) << id;
    }
}

TEST(VaultNotes, DatedNoteLinksInEntriesAndTasksCountToo) {
    auto ix = index_of({{"contacts/alice.md", contact("name: Alice")},
                        {"contacts/bob.md", contact("name: Bob")},
                        {"journal/2026-11-02.md", "- 2026-11-01 met [[alice]]\n- [ ] ping [[bob]]\n"}});
    const ContactRecord* a = rec(ix, "alice");
    const ContactRecord* b = rec(ix, "bob");
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->note_dates, (std::vector<Date>{day("2026-11-02")}));
    EXPECT_EQ(b->note_dates, (std::vector<Date>{day("2026-11-02")}));
    EXPECT_EQ(a->entries.size(), 1u);
}

TEST(VaultNotes, LinksInCodeOfADatedNoteDoNotCount) {
    auto ix = index_of({{"contacts/alice.md", contact("name: Alice")},
                        {"contacts/bob.md", contact("name: Bob")},
                        {"journal/2026-11-02.md", "Syntax: `[[alice]]`\n\n```\n[[bob]]\n```\n"}});
    const ContactRecord* a = rec(ix, "alice");
    const ContactRecord* b = rec(ix, "bob");
    ASSERT_TRUE(a && b);
    EXPECT_TRUE(a->note_dates.empty());
    EXPECT_TRUE(b->note_dates.empty());
}

TEST(VaultNotes, DatedNoteAfterTodayCountsForNothing) {
    auto ix = index_of({{"contacts/alice.md", contact("name: Alice")},
                        {"journal/2026-12-24.md", "Dinner with [[alice]].\n"}});
    const ContactRecord* a = rec(ix, "alice");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->last_interaction(day("2026-11-22")), std::nullopt);
}

// ===========================================================================
// Config `.kith/config.yaml`: "Every key is optional; the values above are the
// defaults. A tier's cadence may be `none`. A config that cannot be parsed, or
// that holds a bad value, is fatal."

TEST(ConfigFile, DefaultsWithoutConfig) {
    auto ix = index_of({{"contacts/alice.md", contact("name: Alice")}});
    const Config& c = ix.config();
    EXPECT_EQ(c.tiers.size(), 3u);
    EXPECT_EQ(c.tiers.at("core"), Days(30));
    EXPECT_EQ(c.tiers.at("close"), Days(90));
    EXPECT_EQ(c.tiers.at("network"), Days(180));
    EXPECT_EQ(c.default_cadence, Days(365));
    EXPECT_EQ(c.remind_within, 14);
    EXPECT_EQ(c.thank_within, 3);
    EXPECT_TRUE(c.autocommit);
    EXPECT_EQ(rec(ix, "alice")->cadence_days, Days(365));
}

TEST(ConfigFile, EmptyConfigKeepsDefaults) {
    auto ix = index_of({{".kith/config.yaml", "# nothing yet\n"}});
    EXPECT_EQ(ix.config().default_cadence, Days(365));
    EXPECT_EQ(ix.config().tiers.size(), 3u);
    EXPECT_EQ(ix.config().remind_within, 14);
}

TEST(ConfigFile, TiersAddToAndOverrideBuiltIns) {
    auto ix = index_of({{".kith/config.yaml", "tiers:\n  core: 14d\n  mentors: 2m\n"},
                        {"contacts/a.md", contact("name: A\ntier: core")},
                        {"contacts/b.md", contact("name: B\ntier: close")},
                        {"contacts/c.md", contact("name: C\ntier: mentors")}});
    const Config& c = ix.config();
    EXPECT_EQ(c.tiers.at("core"), Days(14));
    EXPECT_EQ(c.tiers.at("close"), Days(90));
    EXPECT_EQ(c.tiers.at("network"), Days(180));
    EXPECT_EQ(c.tiers.at("mentors"), Days(60));
    EXPECT_EQ(rec(ix, "a")->cadence_days, Days(14));
    EXPECT_EQ(rec(ix, "b")->cadence_days, Days(90));
    EXPECT_EQ(rec(ix, "c")->cadence_days, Days(60));
    EXPECT_TRUE(ix.diagnostics().empty()) << dump(ix.diagnostics());
}

TEST(ConfigFile, TierCadenceMayBeNone) {
    auto ix = index_of({{".kith/config.yaml", "tiers:\n  dormant: none\n  network: none\n"},
                        {"contacts/a.md", contact("name: A\ntier: dormant")},
                        {"contacts/b.md", contact("name: B\ntier: network")},
                        {"contacts/c.md", contact("name: C\ntier: dormant\ncadence: 10d")}});
    EXPECT_EQ(ix.config().tiers.at("dormant"), Days());
    EXPECT_EQ(rec(ix, "a")->cadence_days, Days());
    EXPECT_EQ(rec(ix, "b")->cadence_days, Days());
    EXPECT_EQ(rec(ix, "c")->cadence_days, Days(10));
    EXPECT_TRUE(ix.diagnostics().empty()) << dump(ix.diagnostics());
}

TEST(ConfigFile, DefaultCadenceAppliesWithoutTierOrCadence) {
    auto ix = index_of({{".kith/config.yaml", "default_cadence: 6m\n"},
                        {"contacts/a.md", contact("name: A")},
                        {"contacts/b.md", contact("name: B\ntier: core")}});
    EXPECT_EQ(rec(ix, "a")->cadence_days, Days(180));
    EXPECT_EQ(rec(ix, "b")->cadence_days, Days(30));
}

TEST(ConfigFile, DefaultCadenceNone) {
    auto ix = index_of({{".kith/config.yaml", "default_cadence: none\n"},
                        {"contacts/a.md", contact("name: A")},
                        {"contacts/b.md", contact("name: B\ntier: close")}});
    EXPECT_EQ(ix.config().default_cadence, Days());
    EXPECT_EQ(rec(ix, "a")->cadence_days, Days());
    EXPECT_EQ(rec(ix, "b")->cadence_days, Days(90));
}

TEST(ConfigFile, OtherKeys) {
    auto ix = index_of({{".kith/config.yaml", "remind_within: 1w\nthank_within: 5d\nautocommit: false\n"}});
    EXPECT_EQ(ix.config().remind_within, 7);
    EXPECT_EQ(ix.config().thank_within, 5);
    EXPECT_FALSE(ix.config().autocommit);
}

TEST(ConfigFile, BadValueIsFatal) {
    const char* bad_configs[] = {
        "default_cadence: soon\n",
        "default_cadence: 30D\n",
        "default_cadence: 0d\n",
        "tiers:\n  core: 30days\n",
        "tiers:\n  core: 0d\n",
        "tiers: [core, close]\n",
        "remind_within: two weeks\n",
        "thank_within: -3d\n",
        "autocommit: maybe\n",
        "autocommit: \"true\"\n",
    };
    for (const char* cfg : bad_configs) {
        MemorySource src(Files{{".kith/config.yaml", cfg}, {"contacts/a.md", contact("name: A")}});
        try {
            load_vault(src, day("2026-11-22"), LoadOptions{1});
            ADD_FAILURE() << "no ConfigError for:\n" << cfg;
        } catch (const ConfigError& e) {
            ASSERT_FALSE(e.diagnostics.empty()) << cfg;
            EXPECT_EQ(e.diagnostics[0].file, ".kith/config.yaml") << cfg;
            EXPECT_EQ(e.diagnostics[0].level, Level::Error) << cfg;
        }
    }
}

TEST(ConfigFile, BadValueNamesItsLine) {
    MemorySource src(Files{{".kith/config.yaml", "tiers:\n  core: 30d\n  close: often\n"}});
    try {
        load_vault(src, day("2026-11-22"), LoadOptions{1});
        ADD_FAILURE() << "no ConfigError";
    } catch (const ConfigError& e) {
        EXPECT_TRUE(has_diag(e.diagnostics, ".kith/config.yaml", 3, Level::Error, {"often"}));
    }
}

TEST(ConfigFile, UnparsableConfigIsFatal) {
    for (const char* cfg : {"tiers: [core\n", "tiers:\n\tcore: 30d\n", "- a\n- b\n", "a: &x 1\nb: *x\n"}) {
        Files files{{".kith/config.yaml", cfg}};
        EXPECT_THROW(index_of(files), ConfigError) << cfg;
    }
}
