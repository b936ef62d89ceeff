// Errors as values: the error codes shared by the C++ core and the C facade, and ThermoError,
// a code plus a fixed-capacity message. The message lives inline (no heap) so that an error raised
// inside a solve (a flash refused during a Newton step, say) does not allocate.
#pragma once

#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

namespace entropyk {

/// Error codes. The numeric values are the C API's EntropykErrorCode values and never change:
/// new codes are appended, never renumbered.
enum class Errc : std::int32_t {
    ok = 0,
    non_convergence = 1,
    timeout = 2,
    control_saturation = 3,
    fluid_error = 4,
    invalid_state = 5,
    validation_error = 6,
    null_pointer = 7,
    invalid_argument = 8,
    buffer_too_small = 9,
    internal_error = 10,
    invalid_handle = 11,
    non_physical = 12, ///< a solve converged to a state that violates a physical law (see the message)
};

/// A fixed, human-readable description of each code (the C API's entropyk_error_string).
constexpr std::string_view describe(Errc code) noexcept {
    switch (code) {
    case Errc::ok: return "success";
    case Errc::non_convergence: return "the solver did not converge";
    case Errc::timeout: return "the solver ran out of its wall-clock budget";
    case Errc::control_saturation: return "converged with a control pinned at a bound";
    case Errc::fluid_error: return "fluid property error (input outside the valid range or unknown fluid)";
    case Errc::invalid_state: return "call not allowed in the object's current state";
    case Errc::validation_error: return "the system is not well posed (see the detail message)";
    case Errc::null_pointer: return "a required pointer argument is NULL";
    case Errc::invalid_argument: return "an argument is out of range, NaN or infinite";
    case Errc::buffer_too_small: return "the caller's buffer is too small (the needed length was written)";
    case Errc::internal_error: return "internal error";
    case Errc::invalid_handle: return "the handle is not a live object of the expected kind";
    case Errc::non_physical:
        return "the solver converged to a physically inadmissible state (see the message for the component and law)";
    }
    return "unknown error code";
}

/// An error value: a code and a message of at most `capacity - 1` characters, stored inline.
/// Messages longer than that are cut at a character boundary and end with "...".
class ThermoError {
  public:
    static constexpr std::size_t capacity = 320;

    constexpr ThermoError() noexcept = default;
    ThermoError(Errc code, std::string_view message) noexcept : code_(code) { assign(message); }

    /// printf-style constructor; formatting happens into the inline buffer (no allocation).
    [[gnu::format(printf, 2, 3)]] static ThermoError format(Errc code, const char* fmt, ...) noexcept {
        ThermoError e;
        e.code_ = code;
        std::va_list args;
        va_start(args, fmt);
        const int n = std::vsnprintf(e.text_, capacity, fmt, args);
        va_end(args);
        e.length_ = n < 0 ? 0 : (static_cast<std::size_t>(n) < capacity ? static_cast<std::size_t>(n) : capacity - 1);
        if (n >= static_cast<int>(capacity)) e.mark_truncated();
        return e;
    }

    [[nodiscard]] constexpr Errc code() const noexcept { return code_; }
    [[nodiscard]] std::string_view message() const noexcept { return {text_, length_}; }
    [[nodiscard]] const char* c_str() const noexcept { return text_; }

  private:
    void assign(std::string_view m) noexcept {
        length_ = m.size() < capacity ? m.size() : capacity - 1;
        for (std::size_t i = 0; i < length_; ++i) text_[i] = m[i];
        text_[length_] = '\0';
        if (m.size() >= capacity) mark_truncated();
    }
    void mark_truncated() noexcept {
        for (std::size_t i = capacity - 4; i < capacity - 1; ++i) text_[i] = '.';
        text_[capacity - 1] = '\0';
        length_ = capacity - 1;
    }

    Errc code_ = Errc::ok;
    std::size_t length_ = 0;
    char text_[capacity] = {};
};

} // namespace entropyk
