#include "kith/model/vault.hpp"

#include <stdexcept>

namespace kith {

void Words::append(std::string& packed, std::string_view word) {
    if (word.size() > UINT32_MAX) throw std::length_error("word too long");
    const auto n = static_cast<std::uint32_t>(word.size());
    packed.append(reinterpret_cast<const char*>(&n), 4);
    packed.append(word);
}

std::string Words::with_length(std::string_view packed) {
    if (packed.size() > UINT32_MAX) throw std::length_error("words too long");
    const auto n = static_cast<std::uint32_t>(packed.size());
    std::string out(reinterpret_cast<const char*>(&n), 4);
    out.append(packed);
    return out;
}

bool Words::well_formed(std::string_view packed) {
    std::size_t at = 0;
    while (at < packed.size()) {
        if (packed.size() - at < 4) return false;
        std::uint32_t n;
        std::memcpy(&n, packed.data() + at, 4);
        at += 4;
        if (packed.size() - at < n) return false;
        at += n;
    }
    return true;
}

std::string Entry::block_of(std::string_view text, std::string_view tags_packed, std::string_view links_packed) {
    std::string block = Words::with_length(text);
    block += Words::with_length(tags_packed);
    block += Words::with_length(links_packed);
    return block;
}

std::string_view TextStore::keep(std::string_view s) {
    if (s.empty()) return {};
    if (s.size() > m_left) {
        // Chunks double (a body's strings are usually a few hundred bytes),
        // and one string too large for the next chunk gets its own.
        const std::size_t size = std::max(m_next_chunk, s.size());
        m_chunks.push_back(std::make_unique_for_overwrite<char[]>(size));
        m_at = m_chunks.back().get();
        m_left = size;
        m_next_chunk = std::min<std::size_t>(m_next_chunk * 2, 64 * 1024);
    }
    std::memcpy(m_at, s.data(), s.size());
    const std::string_view kept(m_at, s.size());
    m_at += s.size();
    m_left -= s.size();
    return kept;
}

Words TextStore::keep_words(const std::vector<std::string>& words) {
    if (words.empty()) return {};
    std::string packed;
    for (const std::string& w : words) Words::append(packed, w);
    return Words::at(keep(Words::with_length(packed)).data());
}

const char* TextStore::keep_entry(std::string_view text, const std::vector<std::string>& tags,
                                  const std::vector<std::string>& links) {
    std::string tags_packed, links_packed;
    for (const std::string& t : tags) Words::append(tags_packed, t);
    for (const std::string& l : links) Words::append(links_packed, l);
    return keep(Entry::block_of(text, tags_packed, links_packed)).data();
}

} // namespace kith
