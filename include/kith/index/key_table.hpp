#pragma once
/// A lookup table from case-insensitive keys (contact ids, names, aliases) to
/// contact positions, built once per run and read for every link.
///
/// Open addressing over one flat array; keys are kept lowercase in one
/// buffer. A lookup lowercases its key on the stack and allocates nothing,
/// which matters when a 100,000-contact vault resolves a few hundred thousand
/// links on every run. Keys are compared as bytes after ASCII lowercasing, as
/// REPORTS.md asks of link resolution.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kith {

class KeyTable {
public:
    /// Makes room for `keys` keys without growing.
    void reserve(std::size_t keys);

    /// Adds `key` with `value` when `key` is new and returns nullopt; else
    /// changes nothing and returns the first value under `key`.
    std::optional<std::uint32_t> insert(std::string_view key, std::uint32_t value);

    /// Adds `value` under `key`, unless it is there already.
    void add(std::string_view key, std::uint32_t value);

    /// Replaces every value v by to[v]: one pass over the table, for when
    /// what the values number has been reordered. Every value must be below
    /// to.size().
    void remap(std::span<const std::uint32_t> to);

    /// The values under `key`, in the order they were added; valid until
    /// the next change.
    std::span<const std::uint32_t> find(std::string_view key) const;

    std::size_t size() const { return m_count; }

private:
    static constexpr std::uint32_t k_single = UINT32_MAX; ///< `more` of a key with one value

    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t key_at = 0;  ///< offset of the lowercase key in m_chars
        std::uint32_t key_len = 0; ///< the key's length + 1; 0 marks an empty slot
        std::uint32_t value = 0;
        std::uint32_t more = k_single; ///< else: index into m_more, which holds every value
        bool used() const { return key_len != 0; }
    };

    /// The slot holding `lower`, or the empty slot where it would go.
    std::size_t probe(std::string_view lower, std::uint64_t hash) const;
    /// The slot of `key`, made (with `value`) when the key is new.
    Slot& slot_for(std::string_view key, std::uint32_t value, bool& fresh);
    std::string_view key_of(const Slot& s) const { return {m_chars.data() + s.key_at, s.key_len - 1}; }
    std::span<const std::uint32_t> values_of(const Slot& s) const;
    void grow();

    std::vector<Slot> m_slots; ///< power-of-two size, at most half full
    std::string m_chars;       ///< every key, lowercase, back to back
    std::vector<std::vector<std::uint32_t>> m_more;
    std::size_t m_count = 0;
};

} // namespace kith
