// The two call shapes of the generated extern "C" functions. Each generated body is exactly one
// call to one of these templates with the capi helper (`Impl`) that does the work:
//
//   guarded_call<Impl>(api_name, args...)   for functions returning EntropykErrorCode
//   direct_call<Impl>(args...)              for the few that cannot fail (free, version, names)
//
// guarded_call, in order: masks FP traps (FpGuard); sets every out handle (an `H**` argument,
// H a handle type) that is not NULL to NULL, so that every failure path leaves *out == NULL (the
// helper stores the new handle only once it exists); if the first argument is a handle, checks it
// (NULL -> ENTROPYK_NULL_POINTER, wrong/freed -> ENTROPYK_INVALID_HANDLE) and passes it to Impl as
// a reference; runs Impl inside try/catch; turns a returned error or any exception into its code
// (ApiError -> its code, std::bad_alloc and every other exception -> ENTROPYK_INTERNAL_ERROR);
// stores "api_name: message" in the handle's last-error slot. Nothing crosses the C boundary.
#pragma once

#include <type_traits>

#include <entropyk.h>

#include "entropyk/capi/errors.hpp"
#include "entropyk/capi/fp_guard.hpp"
#include "entropyk/capi/handle.hpp"
#include "entropyk/core/result.hpp"

namespace entropyk::capi {

/// Whether a failing call records its message in the receiver's last-error slot. The last-error
/// getters use Record::no so that reading the detail never overwrites it.
enum class Record { yes, no };

namespace detail {

template <class T>
inline constexpr bool is_out_handle = false;
template <Handle H>
inline constexpr bool is_out_handle<H**> = true;

/// `*out = NULL` for an out-handle argument; nothing for the others.
template <class T>
void clear_if_out_handle(T arg) noexcept {
    if constexpr (is_out_handle<T>) {
        if (arg != nullptr) *arg = nullptr;
    }
}

template <Record R, class H>
EntropykErrorCode failed(H* self, const char* api_name, const ThermoError& e) noexcept {
    if constexpr (R == Record::yes) {
        if (self != nullptr) self->last_error.store(with_function_name(api_name, e));
    }
    return to_c(e.code());
}

} // namespace detail

template <auto Impl, Record R = Record::yes, class First, class... Rest>
EntropykErrorCode guarded_call(const char* api_name, First first, Rest... rest) noexcept {
    FpGuard fp;
    detail::clear_if_out_handle(first);
    (detail::clear_if_out_handle(rest), ...);
    if constexpr (is_handle_pointer<First>) {
        using H = std::remove_pointer_t<First>;
        H* self = nullptr;
        try {
            H& receiver = checked_handle(first);
            self = &receiver;
            const Result<void> r = Impl(receiver, rest...);
            return r ? ENTROPYK_OK : detail::failed<R>(self, api_name, r.error());
        } catch (...) {
            return detail::failed<R>(self, api_name, current_exception_error());
        }
    } else {
        try {
            const Result<void> r = Impl(first, rest...);
            return r ? ENTROPYK_OK : to_c(r.error().code());
        } catch (...) {
            return to_c(current_exception_error().code());
        }
    }
}

/// For functions that cannot fail (free, version, error strings): Impl must be noexcept.
template <auto Impl, class... Args>
auto direct_call(Args... args) noexcept {
    static_assert(noexcept(Impl(args...)), "direct_call needs a noexcept capi helper; use guarded_call otherwise");
    return Impl(args...);
}

} // namespace entropyk::capi
