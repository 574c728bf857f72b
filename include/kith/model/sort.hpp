#pragma once
/// Sorting large values cheaply: compare through indices, then move each
/// value once. Report items and parsed files hold several strings, and
/// swapping them during a sort cost more than the comparisons.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <numeric>
#include <string_view>
#include <vector>

namespace kith {

/// Puts `v` in the order `order` gives (a permutation of its positions: the
/// element at order[0] first), moving each element once.
template <class T, class Index> void apply_order(std::vector<T>& v, const std::vector<Index>& order) {
    std::vector<T> out;
    out.reserve(v.size());
    for (Index i : order) out.push_back(std::move(v[i]));
    v = std::move(out);
}

/// Sorts `v` by `less`, stably, moving each element at most once. Input that
/// is already sorted costs one pass and no moves.
template <class T, class Less> void sort_indirect(std::vector<T>& v, Less less) {
    auto by_index = [&](std::size_t a, std::size_t b) { return less(v[a], v[b]); };
    bool sorted = true;
    for (std::size_t i = 1; i < v.size() && sorted; ++i) sorted = !less(v[i], v[i - 1]);
    if (sorted) return;
    std::vector<std::size_t> order(v.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), by_index);
    apply_order(v, order);
}

/// The first 8 bytes of `s` as a number that orders like the bytes do
/// (shorter strings padded with zero bytes): comparing these first settles
/// most string comparisons without a call to memcmp.
inline std::uint64_t prefix_key(std::string_view s) {
    unsigned char b[8] = {};
    if (!s.empty()) std::memcpy(b, s.data(), std::min<std::size_t>(8, s.size()));
    std::uint64_t k = 0;
    for (unsigned char c : b) k = (k << 8) | c;
    return k;
}

/// Byte order of strings, through the prefix keys of their first 16 bytes
/// first (ids often share their first 8: "ada-adeyemi-2", "ada-adeyemi-31").
struct PrefixKeyed {
    std::uint64_t key;  ///< bytes 0 to 7
    std::uint64_t key2; ///< bytes 8 to 15
    std::string_view text;
    std::size_t index;
    static PrefixKeyed of(std::string_view text, std::size_t index) {
        return {prefix_key(text), text.size() > 8 ? prefix_key(text.substr(8)) : 0, text, index};
    }
    friend bool operator<(const PrefixKeyed& a, const PrefixKeyed& b) {
        if (a.key != b.key) return a.key < b.key;
        if (a.key2 != b.key2) return a.key2 < b.key2;
        return a.text < b.text;
    }
};

} // namespace kith
