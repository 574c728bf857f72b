#pragma once
/// Work over a large index split into consecutive parts, one thread each.
/// Each part writes only its own output; joined in part order, the outputs
/// are what one thread going from first to last would have written, so the
/// result is the same whatever the thread count.

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace kith {

/// The least number of contacts or notes worth a thread of its own: a thread
/// costs tens of microseconds to start, a contact about a microsecond.
constexpr std::size_t k_min_part = 2048;

/// How many parts `n` items make on `threads` threads, none smaller than
/// `min_part` (threads cost more to start than a small part saves): 1 to
/// `threads`.
inline std::size_t part_count(std::size_t n, unsigned threads, std::size_t min_part) {
    return std::clamp<std::size_t>(n / std::max<std::size_t>(min_part, 1), 1, std::max(threads, 1u));
}

/// Calls `part(k, first, end)` for consecutive ranges [first, end) covering
/// [0, n), in `parts` parts (see part_count), part 0 on the calling thread. Returns when
/// every part is done; an exception in a part is thrown again here (the first
/// by part order).
///
/// A part should gather its output in a local and move it to its slot at the
/// end: slots side by side share cache lines, and threads growing them in
/// place fight over those lines at every change.
template <class Part> void in_parts(std::size_t n, std::size_t parts, Part&& part) {
    parts = std::max<std::size_t>(parts, 1);
    auto bounds = [&](std::size_t k) { return n * k / parts; };
    if (parts == 1) {
        part(std::size_t{0}, std::size_t{0}, n);
        return;
    }
    std::vector<std::exception_ptr> failed(parts);
    auto run = [&](std::size_t k) {
        try {
            part(k, bounds(k), bounds(k + 1));
        } catch (...) {
            failed[k] = std::current_exception();
        }
    };
    {
        std::vector<std::jthread> pool;
        pool.reserve(parts - 1);
        for (std::size_t k = 1; k < parts; ++k) pool.emplace_back(run, k);
        run(0);
    }
    for (const std::exception_ptr& e : failed)
        if (e) std::rethrow_exception(e);
}

/// Calls `each(i, out)` for every i in [0, n), in parts on up to `threads`
/// threads (parts of at least `min_part`), each part appending to its own
/// vector; returns what they appended, in the order of i.
template <class T, class Each>
std::vector<T> gather_in_parts(std::size_t n, unsigned threads, std::size_t min_part, Each&& each) {
    std::vector<std::vector<T>> parts(part_count(n, threads, min_part));
    in_parts(n, parts.size(), [&](std::size_t k, std::size_t first, std::size_t end) {
        std::vector<T> out;
        for (std::size_t i = first; i < end; ++i) each(i, out);
        parts[k] = std::move(out);
    });
    if (parts.size() == 1) return std::move(parts.front());
    std::size_t total = 0;
    for (const auto& p : parts) total += p.size();
    std::vector<T> out;
    out.reserve(total);
    for (auto& p : parts)
        for (T& t : p) out.push_back(std::move(t));
    return out;
}

} // namespace kith
