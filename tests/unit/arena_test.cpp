// The bump allocator behind cache decoding: memory handed out inside a scope
// comes from the arena, is aligned, survives the scope, and can be freed
// anywhere without harm; everything else still goes to malloc.
#include "kith/vault/arena.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace kith {
namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool k_arena_built = false;
#else
constexpr bool k_arena_built = true;
#endif

// A macro: GTEST_SKIP only leaves the function it is written in.
#define SKIP_WITHOUT_ARENA()                                                                                  \
    if (!k_arena_built) GTEST_SKIP() << "the arena is off under AddressSanitizer"

TEST(Arena, OnlyInsideAScope) {
    SKIP_WITHOUT_ARENA();
    auto before = std::make_unique<std::string>(100, 'a');
    EXPECT_FALSE(arena_owns(before.get()));
    std::unique_ptr<std::string> inside;
    {
        ArenaScope scope;
        inside = std::make_unique<std::string>(100, 'b');
        EXPECT_TRUE(arena_owns(inside.get()));
        EXPECT_TRUE(arena_owns(inside->data())) << "the string's own buffer too";
    }
    auto after = std::make_unique<std::string>(100, 'c');
    EXPECT_FALSE(arena_owns(after.get()));
    // Values made inside outlive the scope, and freeing them is harmless.
    EXPECT_EQ(*inside, std::string(100, 'b'));
    inside.reset();
}

TEST(Arena, ScopesNest) {
    SKIP_WITHOUT_ARENA();
    ArenaScope outer;
    {
        ArenaScope inner;
    }
    auto p = std::make_unique<int>(7);
    EXPECT_TRUE(arena_owns(p.get())) << "the outer scope is still on";
}

TEST(Arena, AlignedForAnyType) {
    SKIP_WITHOUT_ARENA();
    ArenaScope scope;
    std::vector<void*> ptrs;
    for (std::size_t n : {1, 3, 8, 15, 16, 17, 31, 100, 4095, 4097})
        ptrs.push_back(::operator new(n));
    for (void* p : ptrs) {
        EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % __STDCPP_DEFAULT_NEW_ALIGNMENT__, 0u);
        ::operator delete(p);
    }
    void* zero = ::operator new(0);
    void* next = ::operator new(0);
    EXPECT_NE(zero, next) << "each allocation is distinct, even of 0 bytes";
    ::operator delete(zero);
    ::operator delete(next);
}

TEST(Arena, LargeAllocationsGoToMalloc) {
    SKIP_WITHOUT_ARENA();
    ArenaScope scope;
    std::vector<char> big(std::size_t{8} << 20, 'x'); // more than a block
    EXPECT_FALSE(arena_owns(big.data()));
    EXPECT_EQ(big.back(), 'x');
}

TEST(Arena, ThreadsGetDisjointMemory) {
    SKIP_WITHOUT_ARENA();
    // Two threads fill many small blocks with their own byte; neither sees
    // the other's writes, and memory is freed on the main thread afterwards.
    constexpr int n = 20000;
    std::vector<std::string*> a(n), b(n);
    auto fill = [](std::vector<std::string*>& out, char c) {
        ArenaScope scope;
        for (auto& s : out) s = new std::string(40, c);
    };
    std::thread ta(fill, std::ref(a), 'a'), tb(fill, std::ref(b), 'b');
    ta.join();
    tb.join();
    for (int i = 0; i < n; ++i) {
        ASSERT_TRUE(arena_owns(a[i]) && arena_owns(b[i]));
        ASSERT_EQ(*a[i], std::string(40, 'a'));
        ASSERT_EQ(*b[i], std::string(40, 'b'));
    }
    for (int i = 0; i < n; ++i) {
        delete a[i];
        delete b[i];
    }
}

TEST(Arena, OtherThreadsAreUnaffected) {
    SKIP_WITHOUT_ARENA();
    ArenaScope scope; // on this thread only
    bool owned = true;
    std::thread t([&] {
        auto p = std::make_unique<int>(1);
        owned = arena_owns(p.get());
    });
    t.join();
    EXPECT_FALSE(owned);
}

} // namespace
} // namespace kith
