// Warnings: what a solve noticed that does not make its answer wrong but that an engineer must
// see (a state extrapolated beyond the equation of state's published range, a compressor map read
// outside its rated envelope, a discharge temperature above the oil's limit, a control pinned at a
// bound). A result carries them beside its status; they never fail a solve. Fixed-capacity storage
// (no allocation): a solve that notices more than `capacity` keeps the first ones and counts the rest.
#pragma once

#include <array>
#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

namespace entropyk {

/// Warning codes. The numeric values are the C API's EntropykWarningCode values and never change:
/// new codes are appended, never renumbered.
enum class WarningCode : std::int32_t {
    extrapolated_state = 1,    ///< a connection state lies beyond the EOS's published temperature range
    map_envelope = 2,          ///< a compressor map is evaluated outside its rated envelope
    discharge_temperature = 3, ///< the compressor discharge is hotter than the settable limit
    control_saturated = 4,     ///< a controller (valve, ...) is pinned at a bound
};

constexpr std::string_view to_string(WarningCode c) noexcept {
    switch (c) {
    case WarningCode::extrapolated_state: return "extrapolated state";
    case WarningCode::map_envelope: return "outside the compressor map envelope";
    case WarningCode::discharge_temperature: return "discharge temperature above the limit";
    case WarningCode::control_saturated: return "control saturated";
    }
    return "warning";
}

/// Index of "no particular component" in Warning::component.
inline constexpr std::int32_t no_component = -1;

struct Warning {
    static constexpr std::size_t message_capacity = 192;
    WarningCode code = WarningCode::extrapolated_state;
    std::int32_t component = no_component; ///< index in the order the components were added, or -1
    char message[message_capacity] = {};
};

/// The warnings of one solve.
class Warnings {
  public:
    static constexpr std::size_t capacity = 16;

    void clear() noexcept {
        count_ = 0;
        dropped_ = 0;
    }
    /// Adds a warning (printf-style message, cut to the capacity). Beyond `capacity` only counts it.
    [[gnu::format(printf, 4, 5)]] void add(WarningCode code, std::int32_t component, const char* fmt, ...) noexcept {
        if (count_ == capacity) {
            ++dropped_;
            return;
        }
        Warning& w = items_[count_++];
        w.code = code;
        w.component = component;
        std::va_list args;
        va_start(args, fmt);
        const int n = std::vsnprintf(w.message, sizeof w.message, fmt, args);
        va_end(args);
        if (n < 0) w.message[0] = '\0';
    }
    /// True if a warning with this code (and component, unless no_component) is already held.
    [[nodiscard]] bool has(WarningCode code, std::int32_t component = no_component) const noexcept {
        for (std::size_t i = 0; i < count_; ++i)
            if (items_[i].code == code && (component == no_component || items_[i].component == component)) return true;
        return false;
    }

    [[nodiscard]] std::size_t size() const noexcept { return count_; }
    [[nodiscard]] bool empty() const noexcept { return count_ == 0; }
    /// Warnings noticed beyond `capacity` (not stored).
    [[nodiscard]] std::size_t dropped() const noexcept { return dropped_; }
    [[nodiscard]] const Warning& operator[](std::size_t i) const noexcept { return items_[i]; }
    [[nodiscard]] const Warning* begin() const noexcept { return items_.data(); }
    [[nodiscard]] const Warning* end() const noexcept { return items_.data() + count_; }

  private:
    std::array<Warning, capacity> items_{};
    std::size_t count_ = 0;
    std::size_t dropped_ = 0;
};

} // namespace entropyk
