// Appends text and numbers to a fixed buffer without printf: the reports written on every solve.
#pragma once

#include <charconv>
#include <cmath>
#include <cstddef>
#include <string_view>
#include <system_error>

namespace entropyk::detail {

/// Writes into buf[0, cap) after whatever NUL-terminated text is already there, keeping it
/// NUL-terminated and cut at cap - 1 characters; length() is the length the whole text needs
/// (excluding the NUL), like snprintf's return value. Never allocates.
///
/// Why not snprintf: a warm HIL step writes a short report (status line, counters, the three
/// largest residuals with their names) and a one-line message, and glibc's vsnprintf took ~10 % of
/// such a step (≈ 3 µs of 30). std::to_chars (C++17, Ryu-based in libstdc++) formats a double in
/// a fraction of that, and its output is specified as printf's for the same conversion
/// ([charconv.to.chars]: "as if by printf in the C locale"), so every report reads exactly as before.
class TextWriter {
  public:
    TextWriter(char* buf, std::size_t cap) noexcept : buf_(buf), cap_(cap) {
        while (buf_ != nullptr && used_ + 1 < cap_ && buf_[used_] != '\0') ++used_;
        length_ = used_;
    }

    TextWriter& str(std::string_view s) noexcept {
        for (const char c : s) put(c);
        terminate();
        return *this;
    }
    /// printf's %d / %ld.
    TextWriter& integer(long v) noexcept {
        char tmp[24];
        const auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
        return str({tmp, static_cast<std::size_t>(r.ptr - tmp)});
    }
    /// printf's %.<precision>e, or %+.<precision>e with plus.
    TextWriter& sci(double v, int precision, bool plus = false) noexcept {
        return number(v, std::chars_format::scientific, precision, plus);
    }
    /// printf's %.<precision>f.
    TextWriter& fixed(double v, int precision) noexcept {
        return number(v, std::chars_format::fixed, precision, false);
    }

    [[nodiscard]] std::size_t length() const noexcept { return length_; }

  private:
    TextWriter& number(double v, std::chars_format f, int precision, bool plus) noexcept {
        char tmp[352]; // fixed notation of the largest double with a few decimals
        char* first = tmp;
        if (plus && !std::signbit(v)) *first++ = '+';
        const auto r = std::to_chars(first, tmp + sizeof tmp, v, f, precision);
        if (r.ec != std::errc{}) return str("?");
        return str({tmp, static_cast<std::size_t>(r.ptr - tmp)});
    }
    void put(char c) noexcept {
        if (buf_ != nullptr && used_ + 1 < cap_) buf_[used_++] = c;
        ++length_;
    }
    void terminate() noexcept {
        if (buf_ != nullptr && cap_ > 0) buf_[used_] = '\0';
    }

    char* buf_;
    std::size_t cap_;
    std::size_t used_ = 0;   ///< characters in buf_
    std::size_t length_ = 0; ///< characters the whole text needs
};

} // namespace entropyk::detail
