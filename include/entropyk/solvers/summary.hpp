// What a solve reports: a status, counters, the final residual norm, the solve time and the three
// largest scaled residuals with their names. Fixed-size storage only: a Summary never allocates.
#pragma once

#include "entropyk/core/detail/text_writer.hpp"
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
        // Written without printf (detail::TextWriter: the same text, a fraction of the time of a
        // HIL step). buf's existing text is replaced.
        if (buf != nullptr && cap > 0) buf[0] = '\0';
        entropyk::detail::TextWriter w(buf, cap);
        w.str("status: ").str(to_string(status)).str(": ").str(message).str("\n");
        w.str("iterations: ").integer(iterations).str(" (Picard ").integer(picard_iterations);
        w.str(", chord ").integer(chord_steps).str("), residual evaluations: ").integer(residual_evaluations);
        w.str(", Jacobians: ").integer(jacobian_evaluations).str("\n");
        w.str("residual max-norm: ").sci(residual_norm, 3).str(", time: ").fixed(solve_time_s, 6).str(" s\n");
        if (worst[0].index >= 0) {
            w.str("largest scaled residuals:\n");
            for (const WorstResidual& e : worst)
                if (e.index >= 0)
                    w.str("  r[")
                        .integer(static_cast<long>(e.index))
                        .str("] = ")
                        .sci(e.value, 3, true)
                        .str("  ")
                        .str(e.name)
                        .str("\n");
        }
        return w.length();
    }
};

} // namespace entropyk::solvers
