#pragma once
/// An optional value kept on the heap: the interface of std::optional (the
/// part kith uses) for a value too large to keep inline in every element of
/// a large vector. A parsed file holds a contact or a note, rarely both and
/// sometimes neither; inline, every file paid for both (800 bytes), and
/// decoding the cache of a 100,000-contact vault began by zeroing 98 MB of
/// them on one thread. Copies are deep; moves move the pointer.

#include <memory>
#include <optional>
#include <utility>

namespace kith {

template <class T> class Box {
public:
    Box() = default;
    Box(std::nullopt_t) {}
    Box(T value) : m_p(std::make_unique<T>(std::move(value))) {}
    Box(const Box& o) : m_p(o.m_p ? std::make_unique<T>(*o.m_p) : nullptr) {}
    Box(Box&&) noexcept = default;
    Box& operator=(const Box& o) {
        if (this != &o) m_p = o.m_p ? std::make_unique<T>(*o.m_p) : nullptr;
        return *this;
    }
    Box& operator=(Box&&) noexcept = default;
    Box& operator=(T value) {
        if (m_p) *m_p = std::move(value);
        else m_p = std::make_unique<T>(std::move(value));
        return *this;
    }

    template <class... Args> T& emplace(Args&&... args) {
        m_p = std::make_unique<T>(std::forward<Args>(args)...);
        return *m_p;
    }
    void reset() { m_p.reset(); }

    bool has_value() const { return m_p != nullptr; }
    explicit operator bool() const { return has_value(); }
    T& operator*() { return *m_p; }
    const T& operator*() const { return *m_p; }
    T* operator->() { return m_p.get(); }
    const T* operator->() const { return m_p.get(); }

private:
    std::unique_ptr<T> m_p;
};

} // namespace kith
