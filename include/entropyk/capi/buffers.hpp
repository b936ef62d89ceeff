// Copy-out into caller-owned memory (LabVIEW and PLC runtimes own their buffers):
// - strings: (char* buffer, size_t capacity, size_t* out_len). *out_len always receives the full
//   length without the terminating NUL. When capacity > *out_len the text is copied with its NUL;
//   otherwise ENTROPYK_BUFFER_TOO_SMALL is returned and, if capacity > 0, the buffer holds a
//   NUL-terminated prefix. buffer == NULL with capacity == 0 is a size query and returns ENTROPYK_OK.
// - arrays of doubles: (double* buffer, size_t capacity, size_t* out_len) with the same rules,
//   counted in elements (nothing is written when the buffer is too small).
// - versioned output structs: the caller sets struct_size; only the bytes that fit are written.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>

#include "entropyk/capi/errors.hpp"
#include "entropyk/capi/handle.hpp"
#include "entropyk/core/result.hpp"

namespace entropyk::capi {

/// Copies `text` into (buffer, capacity) and its length into *out_len (see the file comment).
inline Result<void> copy_out_string(std::string_view text, char* buffer, std::size_t capacity, std::size_t* out_len) {
    require_not_null(out_len, "out_len");
    if (buffer == nullptr && capacity != 0)
        raise(Errc::null_pointer, "'buffer' is NULL but 'capacity' is %zu", capacity);
    *out_len = text.size();
    if (buffer == nullptr) return {}; // size query
    if (capacity > text.size()) {
        std::memcpy(buffer, text.data(), text.size());
        buffer[text.size()] = '\0';
        return {};
    }
    if (capacity > 0) {
        std::memcpy(buffer, text.data(), capacity - 1);
        buffer[capacity - 1] = '\0';
    }
    return ThermoError::format(Errc::buffer_too_small,
                               "the text needs %zu bytes (%zu characters and the NUL), capacity is %zu",
                               text.size() + 1, text.size(), capacity);
}

/// Copies `values` into (buffer, capacity) and their count into *out_len (see the file comment).
inline Result<void> copy_out_array(std::span<const double> values, double* buffer, std::size_t capacity,
                                   std::size_t* out_len) {
    require_not_null(out_len, "out_len");
    if (buffer == nullptr && capacity != 0)
        raise(Errc::null_pointer, "'buffer' is NULL but 'capacity' is %zu", capacity);
    *out_len = values.size();
    if (buffer == nullptr) return {}; // size query
    if (capacity < values.size())
        return ThermoError::format(Errc::buffer_too_small, "%zu values to copy, capacity is %zu", values.size(),
                                   capacity);
    std::copy(values.begin(), values.end(), buffer);
    return {};
}

/// Checks the caller-set struct_size of a versioned struct (at least the struct_size field and one
/// more 32-bit field, i.e. the fixed 8-byte header of every Entropyk struct).
template <class S>
void require_struct_size(const S* s, const char* name) {
    require_not_null(s, name);
    static_assert(offsetof(S, struct_size) == 0 && sizeof(s->struct_size) == 4);
    if (s->struct_size < 8)
        raise(Errc::invalid_argument,
              "'%s->struct_size' is %u: set it to sizeof the struct (use the _init function or the _INIT macro)", name,
              static_cast<unsigned>(s->struct_size));
}

/// Writes `value` into the caller's versioned struct `out`: every byte after struct_size that fits
/// into the caller's out->struct_size (older, smaller callers get the prefix they know about).
template <class S>
void copy_out_struct(const S& value, S* out) {
    const std::size_t n = std::min<std::size_t>(out->struct_size, sizeof(S));
    std::memcpy(reinterpret_cast<unsigned char*>(out) + sizeof(std::uint32_t),
                reinterpret_cast<const unsigned char*>(&value) + sizeof(std::uint32_t), n - sizeof(std::uint32_t));
}

/// entropyk_<struct>_init: sets *s to `defaults`, which the generated shim builds from the
/// generated ENTROPYK_<STRUCT>_INIT macro (so C callers, LabVIEW callers and the library share
/// one set of defaults, written in the API description).
template <class S>
Result<void> init_struct(S* s, const S& defaults) {
    require_not_null(s, "struct pointer");
    *s = defaults;
    return {};
}

/// Reads a caller's versioned input struct: the fields that fit into in->struct_size, `defaults`
/// for the rest (an older, smaller caller gets the defaults of the fields it does not know).
template <class S>
[[nodiscard]] S read_versioned(const S* in, const S& defaults, const char* name) {
    if (in == nullptr) return defaults;
    require_struct_size(in, name);
    S out = defaults;
    const std::size_t n = std::min<std::size_t>(in->struct_size, sizeof(S));
    std::memcpy(reinterpret_cast<unsigned char*>(&out) + sizeof(std::uint32_t),
                reinterpret_cast<const unsigned char*>(in) + sizeof(std::uint32_t), n - sizeof(std::uint32_t));
    out.struct_size = sizeof(S);
    return out;
}

/// entropyk_<object>_last_error for every handle kind (called with Record::no: reading the detail
/// never overwrites it).
template <Handle H>
Result<void> last_error_of(const H& self, char* buffer, std::size_t capacity, std::size_t* out_len) {
    const ThermoError e = self.last_error.load();
    return copy_out_string(e.message(), buffer, capacity, out_len);
}

} // namespace entropyk::capi
