// The checked JSON access the cycle-file reader is built from: one object at a JSON path, whose
// keys are checked against the ones it accepts and whose values are read typed and range-checked,
// and a refusal that names the file, the path and what was expected ("cycle.json:
// /components/2/ua: expected a positive number in W/K, got -3").
//
// Inside the reader a refusal unwinds as detail::ReadError (nlohmann::json reports its own parse
// errors by exception too); io::read_cycle_json catches it at the layer's boundary and returns
// the message as a value, so no exception leaves the io layer.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "entropyk/io/units.hpp"

namespace entropyk::io::detail {

using json = nlohmann::json;

/// A refused value inside the reader; what() is the complete message.
class ReadError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// How a JSON value reads in an error message: numbers as written, strings quoted.
inline std::string describe(const json& v) {
    switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return v.dump();
    case json::value_t::string: {
        auto s = v.get<std::string>();
        if (s.size() > 40) s = s.substr(0, 37) + "...";
        return "the string \"" + s + "\"";
    }
    case json::value_t::array: return "an array of " + std::to_string(v.size()) + " element(s)";
    case json::value_t::object:
        // A value with its unit reads as written: 68 degF.
        if (v.size() == 2 && v.contains("value") && v.contains("unit") && v["value"].is_number() &&
            v["unit"].is_string())
            return v["value"].dump() + " " + v["unit"].get<std::string>();
        return "an object";
    default: return "a value of an unsupported type";
    }
}

/// "a, b, c" (each item between `quote`s).
template <class Strings>
std::string join(const Strings& items, const char* quote = "") {
    std::string out;
    bool first = true;
    for (const auto& item : items) {
        out += (first ? "" : ", ") + (quote + std::string(item) + quote);
        first = false;
    }
    return out;
}

/// One JSON object at a path: typed, range-checked access by key; unknown keys are refused.
class Obj {
  public:
    Obj(const std::string& source, const json& j, std::string path, std::vector<std::string> allowed, const char* what)
        : source_(source), j_(j), path_(std::move(path)), allowed_(std::move(allowed)) {
        if (!j_.is_object()) fail_at(path_, std::string("expected ") + what + " (a JSON object), got " + describe(j_));
        for (const auto& [key, value] : j_.items()) {
            (void)value;
            if (std::find(allowed_.begin(), allowed_.end(), key) == allowed_.end())
                fail_at(path_ + "/" + key, "unknown key; expected one of: " + join(allowed_));
        }
    }

    [[nodiscard]] const std::string& source() const noexcept { return source_; }
    [[nodiscard]] const std::string& path() const noexcept { return path_; }
    [[nodiscard]] std::string at(const std::string& key) const { return path_ + "/" + key; }
    [[nodiscard]] bool has(const std::string& key) const { return j_.contains(key); }
    [[nodiscard]] const json& raw(const std::string& key) const { return j_.at(key); }

    [[noreturn]] void fail_at(const std::string& path, const std::string& message) const {
        throw ReadError(source_ + ": " + (path.empty() ? std::string("/") : path) + ": " + message);
    }
    [[noreturn]] void fail(const std::string& key, const std::string& expected) const {
        if (!has(key)) fail_at(at(key), "expected " + expected + ", got nothing (the key is missing)");
        fail_at(at(key), "expected " + expected + ", got " + describe(raw(key)));
    }

    /// A required number accepted by `ok`; `expected` says what is accepted ("a positive number in W/K").
    double number(const std::string& key, const std::string& expected, const std::function<bool(double)>& ok) const {
        if (!has(key) || !raw(key).is_number()) fail(key, expected);
        const double v = raw(key).get<double>();
        if (!std::isfinite(v) || !ok(v)) fail(key, expected);
        return v;
    }
    double number_or(const std::string& key, double fallback, const std::string& expected,
                     const std::function<bool(double)>& ok) const {
        return has(key) ? number(key, expected, ok) : fallback;
    }
    /// A number with a unit: bare, it is in the key's documented `unit` (of dimension `d`); as
    /// {"value": x, "unit": "..."} it may be in any unit of `d` (io/units.hpp) and is converted to
    /// `unit`. Returns the value in `unit`, checked by `ok`.
    double quantity(const std::string& key, Dimension d, std::string_view unit, const std::string& expected,
                    const std::function<bool(double)>& ok) const {
        if (!has(key) || !raw(key).is_object()) return number(key, expected, ok);
        const Obj q(source_, raw(key), at(key), {"value", "unit"}, "a value with its unit");
        const double v = q.number("value", "a number", [](double) { return true; });
        const std::string name =
            q.string("unit", "the unit of " + std::string(dimension_name(d)) + ", one of " + unit_list(d));
        const auto u = find_unit(d, name);
        if (!u) q.fail_at(q.at("unit"), unknown_unit_message(d, name));
        const double converted = from_si(to_si(v, *u), find_unit(d, unit).value()); // `unit` is always listed
        if (!std::isfinite(converted) || !ok(converted)) {
            char got[128];
            std::snprintf(got, sizeof got, "%.10g %s (%.10g %s)", v, name.c_str(), converted,
                          std::string(unit).c_str());
            fail_at(at(key), "expected " + expected + ", got " + got);
        }
        return converted;
    }
    double quantity_or(const std::string& key, double fallback, Dimension d, std::string_view unit,
                       const std::string& expected, const std::function<bool(double)>& ok) const {
        return has(key) ? quantity(key, d, unit, expected, ok) : fallback;
    }
    std::string string(const std::string& key, const std::string& expected) const {
        if (!has(key) || !raw(key).is_string() || raw(key).get<std::string>().empty()) fail(key, expected);
        return raw(key).get<std::string>();
    }
    /// One of a fixed set of strings; `fallback` (when not empty) is used when the key is absent.
    std::string choice(const std::string& key, const std::vector<std::string>& options,
                       const std::string& fallback = {}) const {
        if (!has(key) && !fallback.empty()) return fallback;
        const std::string expected = "one of " + join(options, "\"");
        if (!has(key) || !raw(key).is_string()) fail(key, expected);
        const auto v = raw(key).get<std::string>();
        if (std::find(options.begin(), options.end(), v) == options.end()) fail(key, expected);
        return v;
    }
    Obj object(const std::string& key, std::vector<std::string> allowed, const char* what) const {
        if (!has(key)) fail(key, std::string(what) + " (a JSON object)");
        return Obj(source_, raw(key), at(key), std::move(allowed), what);
    }
    const json& array(const std::string& key, const std::string& expected, std::size_t min_size,
                      std::size_t max_size = 1000000) const {
        if (!has(key) || !raw(key).is_array() || raw(key).size() < min_size || raw(key).size() > max_size)
            fail(key, expected);
        return raw(key);
    }

  private:
    const std::string& source_;
    const json& j_;
    std::string path_;
    std::vector<std::string> allowed_;
};

// Value checks and their wording, shared by the readers.
inline bool positive(double x) { return x > 0.0; }
inline bool nonnegative(double x) { return x >= 0.0; }
inline bool fraction(double x) { return x > 0.0 && x <= 1.0; }
inline bool unit_interval(double x) { return x >= 0.0 && x <= 1.0; }
inline bool celsius(double x) { return x > -273.15; }
inline const std::string a_temperature = "a temperature in °C (above -273.15)";
inline std::string positive_in(const char* unit) { return std::string("a positive number in ") + unit; }
inline std::string nonnegative_in(const char* unit) { return std::string("a number >= 0 in ") + unit; }

/// Where a JSON parse stopped, as a JSON pointer: a SAX pass that tracks the path and records it
/// at the parse error (nlohmann's DOM parser reports a number that overflows a double, 1e400, with
/// neither a line nor a path).
class PathAtError : public nlohmann::json_sax<json> {
  public:
    std::string path; ///< of the value being read when the error came
    std::string token;

    bool null() override { return value(); }
    bool boolean(bool) override { return value(); }
    bool number_integer(number_integer_t) override { return value(); }
    bool number_unsigned(number_unsigned_t) override { return value(); }
    bool number_float(number_float_t, const string_t&) override { return value(); }
    bool string(string_t&) override { return value(); }
    bool binary(binary_t&) override { return value(); }
    bool start_object(std::size_t) override {
        frames_.push_back({false, 0, {}});
        return true;
    }
    bool key(string_t& k) override {
        frames_.back().key = k;
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override {
        frames_.push_back({true, 0, {}});
        return true;
    }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t, const std::string& last_token, const nlohmann::detail::exception&) override {
        path.clear();
        for (const Frame& f : frames_) {
            path += '/';
            if (f.array) {
                path += std::to_string(f.index);
            } else {
                for (char ch : f.key)
                    path += ch == '~' ? std::string("~0") : ch == '/' ? std::string("~1") : std::string(1, ch);
            }
        }
        token = last_token;
        return false;
    }

  private:
    struct Frame {
        bool array;
        std::size_t index;
        std::string key;
    };
    std::vector<Frame> frames_;
    bool value() {
        if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
        return true;
    }
    bool close() {
        frames_.pop_back();
        return value();
    }
};

/// Parses `text` (comments allowed); a syntax error or a number that overflows a double is a
/// ReadError naming the source and where.
inline json parse(const std::string& text, const std::string& source) {
    try {
        return json::parse(text, nullptr, true, /*ignore_comments=*/true);
    } catch (const json::parse_error& e) {
        // "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error ..."
        const std::string what = e.what();
        const auto at = what.find("parse error");
        throw ReadError(source + ": not valid JSON: " + (at == std::string::npos ? what : what.substr(at)));
    } catch (const json::out_of_range& e) {
        // 406: a number that overflows a double (1e400). Find its path with a second, SAX pass.
        PathAtError where;
        json::sax_parse(text, &where, json::input_format_t::json, true, /*ignore_comments=*/true);
        throw ReadError(source + ": " + (where.path.empty() ? std::string("/") : where.path) +
                        ": expected a number that fits in a double (at most about 1.8e308 in magnitude), got " +
                        (where.token.empty() ? std::string(e.what()) : where.token));
    }
}

} // namespace entropyk::io::detail
