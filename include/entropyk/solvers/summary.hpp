// What a solve reports: a status, counters, the final residual norm, the solve time and the three
// largest scaled residuals with their names. Fixed-size storage only: a Summary never allocates.
#pragma once

#include "entropyk/core/error.hpp"

#include <Eigen/Core>

#include <array>
#include <cstdarg>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <string_view>

namespace entropyk::solvers {

enum class Status {
    Converged,                  ///< max-norm of scaled residuals <= tolerance
    ConvergedControlSaturation, ///< converged, and the system reports a control pinned at a bound
    TimedOut,                   ///< the wall-clock budget ran out first
    NonConvergence,             ///< iteration limit, stall, or no descent: see Summary::message
    InvalidInput,               ///< bad options, wrong sizes, non-finite start, or F not evaluable at the start
};

[[nodiscard]] constexpr std::string_view to_string(Status s) noexcept {
    switch (s) {
    case Status::Converged: return "Converged";
    case Status::ConvergedControlSaturation: return "ConvergedControlSaturation";
    case Status::TimedOut: return "TimedOut";
    case Status::NonConvergence: return "NonConvergence";
    case Status::InvalidInput: return "InvalidInput";
    }
    return "unknown";
}

/// The error code (and C API code) of each status; Converged is Errc::ok.
[[nodiscard]] constexpr Errc to_errc(Status s) noexcept {
    switch (s) {
    case Status::Converged: return Errc::ok;
    case Status::ConvergedControlSaturation: return Errc::control_saturation;
    case Status::TimedOut: return Errc::timeout;
    case Status::NonConvergence: return Errc::non_convergence;
    case Status::InvalidInput: return Errc::invalid_argument;
    }
    return Errc::internal_error;
}

/// One of the largest scaled residuals at the returned point. index < 0: unused slot (n < 3).
struct WorstResidual {
    static constexpr std::size_t name_capacity = 96;
    Eigen::Index index = -1;
    double value = 0.0;            ///< signed scaled residual
    char name[name_capacity] = {}; ///< from s.residual_name(), else "residual <i>"
};

struct Summary {
    static constexpr std::size_t message_capacity = 256;

    Status status = Status::InvalidInput;
    int iterations = 0;        ///< accepted steps, Newton and Picard together
    int picard_iterations = 0; ///< of which Picard passes
    int chord_steps = 0;       ///< of which Newton steps that reused kept LU factors (Options::reuse_jacobian)
    int residual_evaluations = 0;
    int jacobian_evaluations = 0;
    /// max-norm of the scaled residuals at the returned x (+inf if never evaluated).
    double residual_norm = std::numeric_limits<double>::infinity();
    double solve_time_s = 0.0;
    /// The three largest |r_i| at the returned x, largest first. Filled for every status that
    /// evaluated the residuals, so a converged report also shows which equations are tightest.
    std::array<WorstResidual, 3> worst{};
    /// One line saying why the solve stopped ("stalled: ...", "reached max_iterations = 50").
    char message[message_capacity] = {};

    [[nodiscard]] bool converged() const noexcept {
        return status == Status::Converged || status == Status::ConvergedControlSaturation;
    }
    [[nodiscard]] Errc error_code() const noexcept { return to_errc(status); }

    /// A multi-line human-readable report written into buf (NUL-terminated, cut to cap). Returns the
    /// length the full report needs (excluding the NUL), like snprintf. Does not allocate.
    std::size_t report(char* buf, std::size_t cap) const noexcept {
        Writer w{buf, cap, 0};
        const std::string_view st = to_string(status);
        w.put("status: %.*s: %s\n", static_cast<int>(st.size()), st.data(), message);
        w.put("iterations: %d (Picard %d, chord %d), residual evaluations: %d, Jacobians: %d\n", iterations,
              picard_iterations, chord_steps, residual_evaluations, jacobian_evaluations);
        w.put("residual max-norm: %.3e, time: %.6f s\n", residual_norm, solve_time_s);
        if (worst[0].index >= 0) {
            w.put("largest scaled residuals:\n");
            for (const WorstResidual& e : worst)
                if (e.index >= 0) w.put("  r[%ld] = %+.3e  %s\n", static_cast<long>(e.index), e.value, e.name);
        }
        return w.length;
    }

  private:
    struct Writer {
        char* buf;
        std::size_t cap;
        std::size_t length;
        [[gnu::format(printf, 2, 3)]] void put(const char* fmt, ...) noexcept {
            char* dst = (buf != nullptr && length < cap) ? buf + length : nullptr;
            const std::size_t room = dst != nullptr ? cap - length : 0;
            std::va_list args;
            va_start(args, fmt);
            const int n = std::vsnprintf(dst, room, fmt, args);
            va_end(args);
            if (n > 0) length += static_cast<std::size_t>(n);
        }
    };
};

} // namespace entropyk::solvers
