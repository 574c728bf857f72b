// The compact item model: Words, TextStore, and bodies that own the bytes
// their entries, follow-ups and links view.
#include "support.hpp"

#include "kith/parse/body.hpp"
#include "kith/vault/cache.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

using namespace kith;
using namespace kith::test;

namespace {

Words packed_words(std::string& buffer, const std::vector<std::string>& words) {
    std::string packed;
    for (const std::string& w : words) Words::append(packed, w);
    buffer = Words::with_length(packed);
    return Words::at(buffer.data());
}

} // namespace

TEST(Words, EmptyHasNoWords) {
    const Words w;
    EXPECT_TRUE(w.empty());
    EXPECT_EQ(w.size(), 0u);
    EXPECT_EQ(w.begin(), w.end());
    EXPECT_FALSE(w.contains(""));
    EXPECT_EQ(w, std::vector<std::string>{});
}

TEST(Words, ReadBackWhatWasAppendedInOrder) {
    std::string buf;
    const Words w = packed_words(buf, {"gave", "", "intro", "a longer word with spaces"});
    EXPECT_EQ(w.size(), 4u);
    EXPECT_EQ(w.strings(), (std::vector<std::string>{"gave", "", "intro", "a longer word with spaces"}));
    EXPECT_TRUE(w.contains("intro"));
    EXPECT_TRUE(w.contains(""));
    EXPECT_FALSE(w.contains("int"));
    EXPECT_EQ(w, (std::vector<std::string>{"gave", "", "intro", "a longer word with spaces"}));
    EXPECT_FALSE(w == (std::vector<std::string>{"gave", "", "intro"}));
}

TEST(Words, BytesOfAnyValueSurvive) {
    std::string buf;
    const std::string odd("\0\xff[[x]]\n", 8);
    const Words w = packed_words(buf, {odd});
    ASSERT_EQ(w.size(), 1u);
    EXPECT_EQ(*w.begin(), odd);
}

TEST(Words, WellFormedAcceptsWholeWordsOnly) {
    std::string stored;
    const std::string buf(packed_words(stored, {"ab", "c"}).packed());
    EXPECT_EQ(stored.size(), 4 + buf.size()); // the encoding after its length
    EXPECT_TRUE(Words::well_formed(buf));
    EXPECT_TRUE(Words::well_formed(""));
    for (std::size_t cut = 1; cut < buf.size(); ++cut)
        EXPECT_EQ(Words::well_formed(std::string_view(buf).substr(0, cut)), cut == 6) << "cut at " << cut; // 6: after "ab"
    std::string too_long = buf;
    too_long[0] = 100; // the first word claims more bytes than there are
    EXPECT_FALSE(Words::well_formed(too_long));
}

TEST(TextStore, ViewsStayGoodAsTheStoreGrows) {
    TextStore store;
    std::vector<std::string_view> kept;
    for (int i = 0; i < 5000; ++i) kept.push_back(store.keep("item " + std::to_string(i)));
    const std::string big(200000, 'x'); // larger than any chunk
    const std::string_view big_kept = store.keep(big);
    for (int i = 0; i < 5000; ++i) ASSERT_EQ(kept[static_cast<std::size_t>(i)], "item " + std::to_string(i));
    EXPECT_EQ(big_kept, big);
    EXPECT_TRUE(store.keep("").empty());
    const Words w = store.keep_words({"a", "bc"});
    EXPECT_EQ(w, (std::vector<std::string>{"a", "bc"}));
    EXPECT_TRUE(store.keep_words({}).empty());
}

TEST(BodyStorage, ACopyOutlivesTheBodyItCameFrom) {
    Diagnostics ds;
    std::optional<Body> original = parse_body("- 2026-11-01 #coffee with [[bob]]\n- [ ] call [[carol]]\n", 1, "x.md", ds);
    const Body copy = *original;
    original.reset();
    ASSERT_EQ(copy.entries.size(), 1u);
    EXPECT_EQ(copy.entries[0].text(), "#coffee with [[bob]]");
    EXPECT_EQ(copy.entries[0].tags(), (std::vector<std::string>{"coffee"}));
    EXPECT_EQ(copy.entries[0].links(), (std::vector<std::string>{"bob"}));
    ASSERT_EQ(copy.tasks.size(), 1u);
    EXPECT_EQ(copy.tasks[0].text, "call [[carol]]");
    ASSERT_EQ(copy.links.size(), 2u);
    EXPECT_EQ(copy.links[1].target, "carol");
}

TEST(BodyStorage, DecodedBodiesKeepTheCacheBytesAlive) {
    const ParsedFile pf = parse_file("contacts/a.md", contact("name: A", "- 2026-11-01 #gave x [[b]]\n"), FileKind::Contact);
    const std::string bytes = encode_cache({1, 2}, {{FileKind::Contact, {1, 2, 3, 4}, &pf}});
    std::optional<CachedFiles> files;
    {
        const CacheStore::Blob blob = CacheStore::Blob::copy_of(bytes, 0);
        files = decode_cache(blob, {1, 2});
    } // the blob's own reference is gone; the decoded body holds the bytes
    ASSERT_TRUE(files);
    const Entry& e = files->parsed.at(0).contact->body.entries.at(0);
    EXPECT_EQ(e.text(), "#gave x [[b]]");
    EXPECT_EQ(e.tags(), (std::vector<std::string>{"gave"}));
    EXPECT_EQ(e.links(), (std::vector<std::string>{"b"}));
}

TEST(BodyStorage, ACacheWithMalformedWordsIsRefusedWhateverItsChecksum) {
    ParsedFile pf = parse_file("contacts/a.md", contact("name: A", "- 2026-11-01 #gave x\n"), FileKind::Contact);
    ASSERT_EQ(pf.contact->body.entries.size(), 1u);
    static const char bad[] = "\x09\x00\x00\x00gave"; // claims 9 bytes, holds 4
    static const std::string block = Entry::block_of("x", std::string_view(bad, sizeof bad - 1), "");
    Entry& e = pf.contact->body.entries[0];
    e = Entry(e.date, e.line, block.data(), e.marks); // the tags are not read here
    ASSERT_EQ(e.tags().packed(), std::string_view(bad, sizeof bad - 1));
    const std::string bytes = encode_cache({1, 2}, {{FileKind::Contact, {1, 2, 3, 4}, &pf}});
    EXPECT_FALSE(decode_cache(bytes, {1, 2}));
}

TEST(Box, BehavesLikeAnOptionalWithItsValueOnTheHeap) {
    Box<std::string> empty;
    EXPECT_FALSE(empty.has_value());
    EXPECT_FALSE(empty);
    Box<std::string> a = std::string("ada");
    ASSERT_TRUE(a);
    EXPECT_EQ(*a, "ada");
    EXPECT_EQ(a->size(), 3u);

    Box<std::string> copy = a; // deep: changing one leaves the other
    *copy += "!";
    EXPECT_EQ(*a, "ada");
    EXPECT_EQ(*copy, "ada!");

    const std::string* where = &*a;
    Box<std::string> moved = std::move(a);
    EXPECT_EQ(&*moved, where) << "a move keeps the value where it is";

    moved = std::string("bob"); // assigning a value reuses the box
    EXPECT_EQ(&*moved, where);
    EXPECT_EQ(*moved, "bob");
    copy = moved;
    EXPECT_EQ(*copy, "bob");
    EXPECT_NE(&*copy, &*moved);

    EXPECT_EQ(empty.emplace(3, 'x'), "xxx");
    empty.reset();
    EXPECT_FALSE(empty.has_value());
    copy = empty;
    EXPECT_FALSE(copy.has_value());
}

TEST(EntryMarks, TheCountedTagsAreMarkedWhereverTheEntryComesFrom) {
    const ParsedFile pf =
        parse_file("contacts/a.md", contact("name: A", "- 2026-11-01 #Gave #intro #other x\n- 2026-11-02 #thanks #got\n- 2026-11-03 plain\n"),
                   FileKind::Contact);
    const std::string bytes = encode_cache({1, 2}, {{FileKind::Contact, {1, 2, 3, 4}, &pf}});
    const auto decoded = decode_cache(bytes, {1, 2});
    ASSERT_TRUE(decoded);
    for (const ParsedFile* f : {&pf, &decoded->parsed.at(0)}) {
        const auto& es = f->contact->body.entries;
        ASSERT_EQ(es.size(), 3u);
        EXPECT_EQ(es[0].marks, Entry::mark_of("gave") | Entry::mark_of("intro"));
        EXPECT_TRUE(es[0].has_tag("gave"));
        EXPECT_TRUE(es[0].has_tag("other")) << "other tags are looked up in the list";
        EXPECT_FALSE(es[0].has_tag("got"));
        EXPECT_EQ(es[1].marks, Entry::mark_of("thanks") | Entry::mark_of("got"));
        EXPECT_TRUE(es[1].has_tag("thanks") && es[1].has_tag("got"));
        EXPECT_EQ(es[2].marks, 0);
        for (const Entry& e : es) EXPECT_EQ(e.marks, Entry::marks_of(e.tags()));
    }
}
