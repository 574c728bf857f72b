#include "kith/index/key_table.hpp"

#include "kith/parse/text.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace kith {
namespace {

/// Calls `f` with `key` lowercased (ASCII), on the stack when it is short.
template <class F> decltype(auto) with_lower(std::string_view key, F&& f) {
    char buf[256];
    if (key.size() > sizeof buf) {
        const std::string lower = ascii_lower(key);
        return f(std::string_view(lower));
    }
    for (std::size_t i = 0; i < key.size(); ++i) buf[i] = ascii_lower(key[i]);
    return f(std::string_view(buf, key.size()));
}

std::uint64_t hash_of(std::string_view lower) { return std::hash<std::string_view>{}(lower); }

} // namespace

void KeyTable::reserve(std::size_t keys) {
    std::size_t want = 16;
    while (want < 2 * keys) want *= 2;
    if (want <= m_slots.size()) return;
    std::vector<Slot> old = std::move(m_slots);
    m_slots.assign(want, Slot{});
    for (const Slot& s : old)
        if (s.used()) m_slots[probe(key_of(s), s.hash)] = s;
}

void KeyTable::grow() { reserve(m_slots.empty() ? 8 : m_slots.size()); }

std::size_t KeyTable::probe(std::string_view lower, std::uint64_t hash) const {
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        const Slot& s = m_slots[i];
        if (!s.used() || (s.hash == hash && key_of(s) == lower)) return i;
    }
}

std::span<const std::uint32_t> KeyTable::values_of(const Slot& s) const {
    if (!s.used()) return {};
    if (s.more == k_single) return {&s.value, 1};
    return m_more[s.more];
}

KeyTable::Slot& KeyTable::slot_for(std::string_view key, std::uint32_t value, bool& fresh) {
    if (2 * (m_count + 1) > m_slots.size()) grow();
    return with_lower(key, [&](std::string_view lower) -> Slot& {
        const std::uint64_t hash = hash_of(lower);
        Slot& s = m_slots[probe(lower, hash)];
        fresh = !s.used();
        if (fresh) {
            if (m_chars.size() + lower.size() >= UINT32_MAX) throw std::length_error("key table full");
            s.hash = hash;
            s.key_at = static_cast<std::uint32_t>(m_chars.size());
            s.key_len = static_cast<std::uint32_t>(lower.size() + 1);
            s.value = value;
            m_chars.append(lower);
            ++m_count;
        }
        return s;
    });
}

std::optional<std::uint32_t> KeyTable::insert(std::string_view key, std::uint32_t value) {
    bool fresh = false;
    const Slot& s = slot_for(key, value, fresh);
    if (fresh) return std::nullopt;
    return values_of(s).front();
}

void KeyTable::add(std::string_view key, std::uint32_t value) {
    bool fresh = false;
    Slot& s = slot_for(key, value, fresh);
    if (fresh) return;
    const std::span<const std::uint32_t> now = values_of(s);
    if (std::find(now.begin(), now.end(), value) != now.end()) return;
    if (s.more == k_single) {
        s.more = static_cast<std::uint32_t>(m_more.size());
        m_more.push_back({s.value});
    }
    m_more[s.more].push_back(value);
}

void KeyTable::remap(std::span<const std::uint32_t> to) {
    for (Slot& s : m_slots)
        if (s.used()) s.value = to[s.value];
    for (std::vector<std::uint32_t>& values : m_more)
        for (std::uint32_t& v : values) v = to[v];
}

std::span<const std::uint32_t> KeyTable::find(std::string_view key) const {
    if (m_slots.empty()) return {};
    return with_lower(key, [&](std::string_view lower) { return values_of(m_slots[probe(lower, hash_of(lower))]); });
}

} // namespace kith
