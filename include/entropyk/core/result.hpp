// Result<T>: a value or a ThermoError (C++20 has no std::expected). Never allocates by itself.
#pragma once

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

#include "entropyk/core/error.hpp"

namespace entropyk {

/// Wraps an error so that `return fail(...)` converts to any Result<T>.
struct Failure {
    ThermoError error;
};

inline Failure fail(Errc code, std::string_view message) noexcept { return Failure{ThermoError{code, message}}; }
inline Failure fail(ThermoError e) noexcept { return Failure{e}; }

template <class T>
class [[nodiscard]] Result {
  public:
    using value_type = T;

    Result(const T& v) : data_(std::in_place_index<0>, v) {}
    Result(T&& v) : data_(std::in_place_index<0>, std::move(v)) {}
    Result(Failure f) noexcept : data_(std::in_place_index<1>, f.error) {}
    Result(const ThermoError& e) noexcept : data_(std::in_place_index<1>, e) {}

    [[nodiscard]] bool has_value() const noexcept { return data_.index() == 0; }
    explicit operator bool() const noexcept { return has_value(); }

    [[nodiscard]] T& value() & {
        assert(has_value());
        return *std::get_if<0>(&data_);
    }
    [[nodiscard]] const T& value() const& {
        assert(has_value());
        return *std::get_if<0>(&data_);
    }
    [[nodiscard]] T&& value() && {
        assert(has_value());
        return std::move(*std::get_if<0>(&data_));
    }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T&& operator*() && { return std::move(value()); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    [[nodiscard]] const ThermoError& error() const {
        assert(!has_value());
        return *std::get_if<1>(&data_);
    }

  private:
    std::variant<T, ThermoError> data_;
};

/// Result<void>: success or an error.
template <>
class [[nodiscard]] Result<void> {
  public:
    Result() noexcept = default;
    Result(Failure f) noexcept : ok_(false), error_(f.error) {}
    Result(const ThermoError& e) noexcept : ok_(false), error_(e) {}
    [[nodiscard]] bool has_value() const noexcept { return ok_; }
    explicit operator bool() const noexcept { return ok_; }
    [[nodiscard]] const ThermoError& error() const {
        assert(!ok_);
        return error_;
    }

  private:
    bool ok_ = true;
    ThermoError error_{};
};

} // namespace entropyk
