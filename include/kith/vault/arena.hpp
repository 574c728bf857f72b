#pragma once
/// A bump allocator for building long-lived data in bulk.
///
/// Decoding the parse cache makes hundreds of thousands of small strings and
/// vectors that all live until the process ends. While an `ArenaScope` is
/// alive on a thread, `operator new` on that thread takes memory from a
/// region reserved for the purpose: a pointer bump instead of a trip through
/// malloc, no per-block header. (No huge pages: see the note in arena.cpp.)
/// `operator delete` of such memory does nothing: it is given back
/// when the process exits. Everything else (other threads, or this thread
/// outside a scope) goes to malloc as usual.
///
/// Only for data that lives as long as the process: memory freed inside a
/// scope is not reused. When the region cannot be reserved or is full, scopes
/// silently fall back to malloc. Builds with AddressSanitizer leave
/// `operator new` alone, so that the sanitizer sees every allocation.

#include <cstddef>

namespace kith {

class ArenaScope {
public:
    ArenaScope();
    ~ArenaScope();
    ArenaScope(const ArenaScope&) = delete;
    ArenaScope& operator=(const ArenaScope&) = delete;

private:
    bool m_outer; ///< whether this scope turned the arena on (scopes nest)
};

/// Whether `p` was handed out by the arena (for tests).
bool arena_owns(const void* p);
/// Bytes handed out by the arena so far, over all threads (for tests).
std::size_t arena_bytes_used();

} // namespace kith
