// Monotonic clock. The platform layer is the one place that talks to the operating system;
// every wall-clock budget in the library reads time through here.
#pragma once

#include <chrono>
#include <cstdint>

namespace entropyk::platform {

/// Nanoseconds since an arbitrary fixed origin, from a clock that never goes backwards.
[[nodiscard]] inline std::int64_t monotonic_ns() noexcept {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/// Seconds elapsed since a monotonic_ns() reading.
[[nodiscard]] inline double seconds_since(std::int64_t start_ns) noexcept {
    return static_cast<double>(monotonic_ns() - start_ns) * 1e-9;
}

} // namespace entropyk::platform
