// Error handling at the C boundary: the C error codes are entropyk::Errc value for value, argument
// checks that raise ApiError, and the translation of any C++ exception into a code and a message.
// Included only by the generated translation units (generated/src/*.cpp) and the other capi helpers.
#pragma once

#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <exception>
#include <new>
#include <string_view>

#include <entropyk.h>

#include "entropyk/core/error.hpp"

namespace entropyk::capi {

// EntropykErrorCode (generated from codegen/api/entropyk.api.yaml) mirrors entropyk::Errc.
static_assert(ENTROPYK_OK == static_cast<int>(Errc::ok));
static_assert(ENTROPYK_NON_CONVERGENCE == static_cast<int>(Errc::non_convergence));
static_assert(ENTROPYK_TIMEOUT == static_cast<int>(Errc::timeout));
static_assert(ENTROPYK_CONTROL_SATURATION == static_cast<int>(Errc::control_saturation));
static_assert(ENTROPYK_FLUID_ERROR == static_cast<int>(Errc::fluid_error));
static_assert(ENTROPYK_INVALID_STATE == static_cast<int>(Errc::invalid_state));
static_assert(ENTROPYK_VALIDATION_ERROR == static_cast<int>(Errc::validation_error));
static_assert(ENTROPYK_NULL_POINTER == static_cast<int>(Errc::null_pointer));
static_assert(ENTROPYK_INVALID_ARGUMENT == static_cast<int>(Errc::invalid_argument));
static_assert(ENTROPYK_BUFFER_TOO_SMALL == static_cast<int>(Errc::buffer_too_small));
static_assert(ENTROPYK_INTERNAL_ERROR == static_cast<int>(Errc::internal_error));
static_assert(ENTROPYK_INVALID_HANDLE == static_cast<int>(Errc::invalid_handle));
static_assert(ENTROPYK_NON_PHYSICAL == static_cast<int>(Errc::non_physical));
static_assert(sizeof(EntropykErrorCode) == sizeof(Errc));

/// The highest code the C API defines (codes are appended, never renumbered).
inline constexpr Errc last_errc = Errc::non_physical;

[[nodiscard]] constexpr EntropykErrorCode to_c(Errc code) noexcept { return static_cast<EntropykErrorCode>(code); }

/// entropyk_error_string: a static, NUL-terminated description; never NULL.
[[nodiscard]] inline const char* error_string(EntropykErrorCode code) noexcept {
    if (code < ENTROPYK_OK || code > static_cast<EntropykErrorCode>(last_errc)) return "unknown error code";
    // describe() returns views of string literals, so data() is NUL-terminated.
    return describe(static_cast<Errc>(code)).data();
}

/// The exception the capi helpers throw for a refused argument. guarded_call catches it; it never
/// crosses the C boundary.
class ApiError : public std::exception {
  public:
    explicit ApiError(const ThermoError& error) noexcept : error_(error) {}
    [[nodiscard]] const char* what() const noexcept override { return error_.c_str(); }
    [[nodiscard]] const ThermoError& error() const noexcept { return error_; }

  private:
    ThermoError error_;
};

/// Throws ApiError(code, printf-style message).
[[noreturn, gnu::format(printf, 2, 3)]] inline void raise(Errc code, const char* fmt, ...) {
    char text[ThermoError::capacity];
    std::va_list args;
    va_start(args, fmt);
    const int n = std::vsnprintf(text, sizeof text, fmt, args);
    va_end(args);
    const std::size_t len = n < 0 ? 0 : static_cast<std::size_t>(n);
    throw ApiError(ThermoError{code, std::string_view{text, len < sizeof text ? len : sizeof text - 1}});
}

/// A required pointer argument: NULL gives ENTROPYK_NULL_POINTER naming the parameter.
template <class T>
void require_not_null(const T* p, const char* name) {
    if (p == nullptr) raise(Errc::null_pointer, "'%s' is NULL", name);
}

/// A number argument: NaN or an infinity gives ENTROPYK_INVALID_ARGUMENT naming the parameter.
inline void require_finite(double v, const char* name) {
    if (std::isnan(v)) raise(Errc::invalid_argument, "'%s' is NaN", name);
    if (std::isinf(v)) raise(Errc::invalid_argument, "'%s' is %sinfinity", name, v > 0 ? "+" : "-");
}

/// The code and message of the exception being handled (call only inside a catch block).
[[nodiscard]] inline ThermoError current_exception_error() noexcept {
    try {
        throw;
    } catch (const ApiError& e) {
        return e.error();
    } catch (const std::bad_alloc&) {
        return ThermoError{Errc::internal_error, "out of memory"};
    } catch (const std::exception& e) {
        return ThermoError::format(Errc::internal_error, "unexpected C++ exception: %s", e.what());
    } catch (...) {
        return ThermoError{Errc::internal_error, "unexpected non-standard C++ exception"};
    }
}

/// "api_name: message", the form every stored last-error text takes.
[[nodiscard]] inline ThermoError with_function_name(const char* api_name, const ThermoError& e) noexcept {
    const std::string_view m = e.message();
    return ThermoError::format(e.code(), "%s: %.*s", api_name, static_cast<int>(m.size()), m.data());
}

} // namespace entropyk::capi
