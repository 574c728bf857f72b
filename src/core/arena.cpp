#include "kith/vault/arena.hpp"

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <new>

#include <sys/mman.h>

#if defined(__SANITIZE_ADDRESS__)
#define KITH_ARENA 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KITH_ARENA 0
#endif
#endif
#ifndef KITH_ARENA
#define KITH_ARENA 1
#endif

namespace kith {
namespace {

// Address space only: pages are backed when first touched. Exhausting it
// (a vault far beyond a million contacts) falls back to malloc.
constexpr std::size_t k_reserve = std::size_t{16} << 30;
// What a thread takes from the region at a time.
constexpr std::size_t k_block = std::size_t{2} << 20;
constexpr std::size_t k_align = __STDCPP_DEFAULT_NEW_ALIGNMENT__;

std::once_flag g_once;
std::atomic<char*> g_base{nullptr}; // null until reserved, then fixed
std::atomic<std::size_t> g_next{0}; // offset of the next block to hand out

thread_local int t_depth = 0;
thread_local char* t_cur = nullptr;
thread_local char* t_end = nullptr;

void reserve() {
    // MAP_NORESERVE: no commit charge for untouched pages. Where the kernel
    // refuses (strict overcommit), there is no arena and malloc does it all.
    void* p = ::mmap(nullptr, k_reserve, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) return;
    // No MADV_HUGEPAGE: right after another large run had freed its memory,
    // huge-page faults made a cached 100k-contact run take 0.6 to 0.7 s
    // instead of 0.4 s, with free 2 MB blocks to spare, so not for want of
    // compaction (docs/performance.md, "Huge pages").
    g_base.store(static_cast<char*>(p), std::memory_order_release);
}

/// Memory from the current thread's block, or null (arena off, full or absent).
void* bump(std::size_t n) {
    n = (n + k_align - 1) & ~(k_align - 1);
    if (n == 0) n = k_align;
    if (static_cast<std::size_t>(t_end - t_cur) < n) {
        char* base = g_base.load(std::memory_order_acquire);
        if (!base || n > k_block) return nullptr;
        const std::size_t off = g_next.fetch_add(k_block, std::memory_order_relaxed);
        if (off > k_reserve - k_block) return nullptr;
        t_cur = base + off;
        t_end = t_cur + k_block;
    }
    void* p = t_cur;
    t_cur += n;
    return p;
}

void* checked_malloc(std::size_t n) {
    for (;;) {
        if (void* p = std::malloc(n ? n : 1)) return p;
        std::new_handler handler = std::get_new_handler();
        if (!handler) throw std::bad_alloc();
        handler();
    }
}

} // namespace

bool arena_owns(const void* p) {
    const char* base = g_base.load(std::memory_order_acquire);
    const char* c = static_cast<const char*>(p);
    return base && c >= base && c < base + k_reserve;
}

std::size_t arena_bytes_used() { return g_next.load(std::memory_order_relaxed); }

ArenaScope::ArenaScope() : m_outer(t_depth == 0) {
    if (KITH_ARENA) std::call_once(g_once, reserve);
    ++t_depth;
}

ArenaScope::~ArenaScope() {
    --t_depth;
    // The rest of the block is not given to anyone else: a later scope on
    // this thread goes on filling it.
    (void)m_outer;
}

namespace detail {

void* arena_operator_new(std::size_t n) {
    if (KITH_ARENA && t_depth > 0)
        if (void* p = bump(n)) return p;
    return checked_malloc(n);
}

void arena_operator_delete(void* p) noexcept {
    if (!p || arena_owns(p)) return; // arena memory lives until the process exits
    std::free(p);
}

} // namespace detail
} // namespace kith

#if KITH_ARENA
// The replaceable global allocation functions ([new.delete]). The aligned
// forms keep their library versions: they use aligned_alloc and free, never
// the arena.
void* operator new(std::size_t n) { return kith::detail::arena_operator_new(n); }
void* operator new[](std::size_t n) { return kith::detail::arena_operator_new(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
    try {
        return kith::detail::arena_operator_new(n);
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
    try {
        return kith::detail::arena_operator_new(n);
    } catch (...) {
        return nullptr;
    }
}
void operator delete(void* p) noexcept { kith::detail::arena_operator_delete(p); }
void operator delete[](void* p) noexcept { kith::detail::arena_operator_delete(p); }
void operator delete(void* p, std::size_t) noexcept { kith::detail::arena_operator_delete(p); }
void operator delete[](void* p, std::size_t) noexcept { kith::detail::arena_operator_delete(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { kith::detail::arena_operator_delete(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { kith::detail::arena_operator_delete(p); }
#endif
