// The sorting helpers behind the reports and the index: same order as a
// plain sort of the values, stable, and prefix keys that order like bytes.
#include "kith/model/sort.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace kith {
namespace {

std::string random_text(std::mt19937& rng) {
    // Short strings over a tiny alphabet, NUL and high bytes included, so
    // that shared prefixes, padding and ties all happen often.
    static constexpr char alphabet[] = {'\0', 'a', 'b', '\xff', '-'};
    std::string s(rng() % 20, 'a');
    for (char& c : s) c = alphabet[rng() % sizeof alphabet];
    return s;
}

TEST(Sort, PrefixKeysOrderLikeBytes) {
    std::mt19937 rng(7);
    for (int i = 0; i < 20000; ++i) {
        const std::string a = random_text(rng), b = random_text(rng);
        const PrefixKeyed ka = PrefixKeyed::of(a, 0), kb = PrefixKeyed::of(b, 1);
        ASSERT_EQ(ka < kb, a < b) << "'" << a << "' vs '" << b << "'";
        if (prefix_key(a) < prefix_key(b)) ASSERT_LT(a, b);
    }
    EXPECT_EQ(prefix_key(""), 0u);
    // Strings sharing their first 8 bytes or more, decided by the second key
    // or by the text past 16 bytes.
    for (int i = 0; i < 20000; ++i) {
        const std::string a = "ada-adey" + random_text(rng), b = "ada-adey" + random_text(rng);
        const PrefixKeyed ka = PrefixKeyed::of(a, 0), kb = PrefixKeyed::of(b, 1);
        ASSERT_EQ(ka < kb, a < b) << "'" << a << "' vs '" << b << "'";
        ASSERT_EQ(kb < ka, b < a) << "'" << a << "' vs '" << b << "'";
    }
}

TEST(Sort, SortIndirectIsAStableSort) {
    std::mt19937 rng(11);
    struct Item {
        int key;
        std::string payload;
    };
    for (int round = 0; round < 50; ++round) {
        std::vector<Item> items(rng() % 300);
        for (std::size_t i = 0; i < items.size(); ++i) items[i] = {static_cast<int>(rng() % 20), std::to_string(i)};
        auto expected = items;
        auto less = [](const Item& a, const Item& b) { return a.key < b.key; };
        std::stable_sort(expected.begin(), expected.end(), less);
        sort_indirect(items, less);
        ASSERT_EQ(items.size(), expected.size());
        for (std::size_t i = 0; i < items.size(); ++i) {
            EXPECT_EQ(items[i].key, expected[i].key);
            EXPECT_EQ(items[i].payload, expected[i].payload) << "ties keep their order";
        }
    }
}

TEST(Sort, SortedInputIsLeftAlone) {
    std::vector<std::string> v{"a", "b", "b", "c"};
    const char* data = v[1].data();
    sort_indirect(v, std::less<>());
    EXPECT_EQ(v, (std::vector<std::string>{"a", "b", "b", "c"}));
    EXPECT_EQ(v[1].data(), data) << "no element moved";
}

} // namespace
} // namespace kith
