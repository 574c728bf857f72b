// KeyTable: the case-insensitive lookup behind link resolution.
#include "kith/index/key_table.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kith {
namespace {

std::vector<std::uint32_t> values(const KeyTable& t, std::string_view key) {
    const auto found = t.find(key);
    return {found.begin(), found.end()};
}

TEST(KeyTable, AnEmptyTableFindsNothing) {
    KeyTable t;
    EXPECT_TRUE(t.find("ada").empty());
    EXPECT_TRUE(t.find("").empty());
    EXPECT_EQ(t.size(), 0u);
}

TEST(KeyTable, KeysMatchWhateverTheirAsciiCase) {
    KeyTable t;
    EXPECT_EQ(t.insert("Ada-Lovelace", 7), std::nullopt);
    EXPECT_EQ(values(t, "ada-lovelace"), (std::vector<std::uint32_t>{7}));
    EXPECT_EQ(values(t, "ADA-LOVELACE"), (std::vector<std::uint32_t>{7}));
    EXPECT_TRUE(t.find("ada lovelace").empty());
}

TEST(KeyTable, OnlyAsciiLettersFoldCase) {
    KeyTable t;
    t.add("Émile", 1);
    EXPECT_EQ(values(t, "ÉMILE"), (std::vector<std::uint32_t>{1})) << "the ASCII letters fold";
    EXPECT_TRUE(t.find("émile").empty()) << "other letters are compared as bytes";
}

TEST(KeyTable, InsertKeepsTheFirstValueAndReportsIt) {
    KeyTable t;
    EXPECT_EQ(t.insert("bob", 1), std::nullopt);
    EXPECT_EQ(t.insert("BOB", 2), std::optional<std::uint32_t>(1));
    EXPECT_EQ(values(t, "bob"), (std::vector<std::uint32_t>{1}));
    EXPECT_EQ(t.size(), 1u);
}

TEST(KeyTable, AddGathersEveryValueOnceInOrder) {
    KeyTable t;
    t.add("Sam", 4);
    t.add("sam", 2);
    t.add("SAM", 4);
    t.add("sam", 9);
    EXPECT_EQ(values(t, "sam"), (std::vector<std::uint32_t>{4, 2, 9}));
}

TEST(KeyTable, RemapRenumbersEveryValueSingleOrShared) {
    KeyTable t;
    t.insert("b", 1);
    t.add("x", 2);
    t.add("x", 0);
    for (std::uint32_t i = 0; i < 100; ++i) t.insert("k" + std::to_string(i), 3 + i % 2); // grown past its first size
    std::vector<std::uint32_t> to{30, 10, 20, 7, 8};
    t.remap(to);
    EXPECT_EQ(values(t, "B"), (std::vector<std::uint32_t>{10}));
    EXPECT_EQ(values(t, "x"), (std::vector<std::uint32_t>{20, 30})); // order kept
    EXPECT_EQ(values(t, "k0"), (std::vector<std::uint32_t>{7}));
    EXPECT_EQ(values(t, "k99"), (std::vector<std::uint32_t>{8}));
    EXPECT_TRUE(t.find("missing").empty());
}

TEST(KeyTable, TheEmptyKeyIsAKeyLikeAnyOther) {
    KeyTable t;
    t.add("", 3);
    EXPECT_EQ(values(t, ""), (std::vector<std::uint32_t>{3}));
    EXPECT_TRUE(t.find("a").empty());
}

TEST(KeyTable, LongKeysAreFoldedToo) {
    KeyTable t;
    const std::string upper(1000, 'Q');
    const std::string lower(1000, 'q');
    t.add(upper, 8);
    EXPECT_EQ(values(t, lower), (std::vector<std::uint32_t>{8}));
    EXPECT_TRUE(t.find(lower.substr(1)).empty());
}

TEST(KeyTable, GrowsPastAnyReserveAndKeepsEveryKey) {
    KeyTable t;
    t.reserve(4);
    for (std::uint32_t i = 0; i < 5000; ++i) t.add("Key-" + std::to_string(i), i);
    ASSERT_EQ(t.size(), 5000u);
    for (std::uint32_t i = 0; i < 5000; ++i) ASSERT_EQ(values(t, "key-" + std::to_string(i)), (std::vector<std::uint32_t>{i}));
    EXPECT_TRUE(t.find("key-5000").empty());
}

} // namespace
} // namespace kith
