// Opaque handles. Every object behind a C handle (EntropykFluid, EntropykSystem, ...) starts with a
// HandleHeader {magic, kind}. Entry points check it before touching the object, so a NULL handle
// gives ENTROPYK_NULL_POINTER and a handle of the wrong kind, a foreign pointer or (while its memory
// is still mapped and not reused) a freed handle gives ENTROPYK_INVALID_HANDLE instead of a crash.
// free() poisons the magic before releasing the memory. Each handle also carries its own
// last-error text (no global or thread-local error state).
#pragma once

#include <atomic>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <thread>
#include <type_traits>

#include "entropyk/capi/errors.hpp"
#include "entropyk/core/error.hpp"

namespace entropyk::capi {

/// The kind tag of each C handle type (four ASCII letters, readable in a debugger).
enum class HandleKind : std::uint32_t {
    fluid = 0x44554C46,         // "FLUD"
    system = 0x53595354,        // "TSYS"
    component = 0x504D4F43,     // "COMP"
    solver_result = 0x544C5352, // "RSLT"
};

inline constexpr std::uint32_t live_magic = 0x4B59504Eu; // "NPYK"

/// Handles made by make_handle and not yet released by free_handle, all kinds together
/// (entropyk_live_handles): how bindings and tests prove that nothing leaks. One relaxed atomic
/// add per create/free; nothing else reads it.
inline std::atomic<std::uint32_t> live_handle_count{0};
inline constexpr std::uint32_t dead_magic = 0xDEADF1EEu;

struct HandleHeader {
    std::uint32_t magic;
    HandleKind kind;
};

/// The last-error text of one object. Written only when a call on the object fails, read by
/// entropyk_<object>_last_error. A tiny spin lock makes concurrent failing calls on a shared handle
/// (allowed for fluid handles) race-free; it never allocates and never throws.
class ErrorSlot {
  public:
    void store(const ThermoError& e) noexcept {
        lock();
        error_ = e;
        unlock();
    }
    [[nodiscard]] ThermoError load() const noexcept {
        lock();
        ThermoError copy = error_;
        unlock();
        return copy;
    }

  private:
    void lock() const noexcept {
        while (busy_.test_and_set(std::memory_order_acquire)) std::this_thread::yield();
    }
    void unlock() const noexcept { busy_.clear(std::memory_order_release); }

    mutable std::atomic_flag busy_{};
    ThermoError error_{};
};

/// The owner of a handle's payload: one pointer, deleted with the handle. Unlike std::unique_ptr
/// (a tuple in libstdc++, not standard-layout under clang) it is a standard-layout type, so a
/// handle struct holding it stays standard-layout and `offsetof(H, header)` is well defined.
template <class T>
class Owned {
  public:
    Owned() noexcept = default;
    explicit Owned(T* p) noexcept : p_(p) {}
    Owned(std::unique_ptr<T>&& p) noexcept : p_(p.release()) {} // NOLINT(google-explicit-constructor)
    Owned(Owned&& o) noexcept : p_(o.p_) { o.p_ = nullptr; }
    Owned& operator=(Owned&& o) noexcept {
        if (this != &o) {
            delete p_;
            p_ = o.p_;
            o.p_ = nullptr;
        }
        return *this;
    }
    Owned(const Owned&) = delete;
    Owned& operator=(const Owned&) = delete;
    ~Owned() { delete p_; }

    [[nodiscard]] T* get() const noexcept { return p_; }
    T* operator->() const noexcept { return p_; }
    T& operator*() const noexcept { return *p_; }
    explicit operator bool() const noexcept { return p_ != nullptr; }

  private:
    T* p_ = nullptr;
};

/// A C handle type: a struct whose first member is `HandleHeader header`, with a
/// `static constexpr HandleKind kind`, a `static constexpr const char* c_name` and an ErrorSlot
/// `last_error`. The layout (what is_live relies on) is checked by handle_layout_ok below.
template <class H>
concept Handle = requires(H& h) {
    { H::kind } -> std::convertible_to<HandleKind>;
    { H::c_name } -> std::convertible_to<const char*>;
    { h.header } -> std::same_as<HandleHeader&>;
    { h.last_error } -> std::same_as<ErrorSlot&>;
};

/// What is_live relies on: H is standard-layout (so offsetof is defined and the first member sits
/// at the object's address) and the header is that first member. Each handle type asserts it next
/// to its definition; make_handle asserts it again.
template <Handle H>
[[nodiscard]] consteval bool handle_layout_ok() {
    if constexpr (!std::is_standard_layout_v<H>) {
        return false;
    } else {
        return offsetof(H, header) == 0 && alignof(H) >= alignof(HandleHeader);
    }
}

template <class T>
inline constexpr bool is_handle_pointer = false;
template <Handle H>
inline constexpr bool is_handle_pointer<H*> = true;
template <Handle H>
inline constexpr bool is_handle_pointer<const H*> = true;

/// True when `p` points at a live object of kind H. Reads only the 8-byte header, through memcpy.
template <Handle H>
[[nodiscard]] bool is_live(const H* p) noexcept {
    if (p == nullptr || reinterpret_cast<std::uintptr_t>(p) % alignof(H) != 0) return false;
    HandleHeader h;
    std::memcpy(&h, static_cast<const void*>(p), sizeof h);
    return h.magic == live_magic && h.kind == H::kind;
}

/// The receiver check of every entry point: NULL -> ENTROPYK_NULL_POINTER, anything that is not a
/// live H -> ENTROPYK_INVALID_HANDLE.
template <class H>
requires Handle<std::remove_const_t<H>> H& checked_handle(H* p) {
    if (p == nullptr) raise(Errc::null_pointer, "the %s handle is NULL", H::c_name);
    if (!is_live(p))
        raise(Errc::invalid_handle, "the pointer is not a live %s handle (wrong kind, freed or foreign)", H::c_name);
    return *p;
}

/// Allocates a handle (the header is set by H's default member initialiser).
template <Handle H, class... Args>
[[nodiscard]] H* make_handle(Args&&... args) {
    static_assert(handle_layout_ok<H>(), "a handle is standard-layout with its HandleHeader first");
    H* h = new H{HandleHeader{live_magic, H::kind}, ErrorSlot{}, static_cast<Args&&>(args)...};
    live_handle_count.fetch_add(1, std::memory_order_relaxed);
    return h;
}

/// entropyk_<object>_free: NULL and anything that is not a live H are ignored (free cannot fail).
template <Handle H>
void free_handle(H* p) noexcept {
    if (!is_live(p)) return;
    // Poison the magic through a volatile store so that it is not optimised away as a dead store.
    *static_cast<volatile std::uint32_t*>(&p->header.magic) = dead_magic;
    delete p;
    live_handle_count.fetch_sub(1, std::memory_order_relaxed);
}

} // namespace entropyk::capi
