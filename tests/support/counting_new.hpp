// Replaces the global operator new/delete with versions that count allocations in
// g_allocations, for the "no allocation in a solve" tests. Include it in exactly ONE translation
// unit of a test binary (the replacements are ordinary, non-inline definitions), and not under
// AddressSanitizer, which refuses a second replacement of operator new.
#pragma once

#include <atomic>
#include <cstdlib>
#include <new>

// The replacements pair malloc with free; once inlined into library code (the tables' vectors),
// g++ 12 cannot see that the pair is consistent and warns.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

inline std::atomic<long> g_allocations{0};

void* operator new(std::size_t n) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
