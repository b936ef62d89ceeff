// Floating-point environment guard for every C entry point (the CoolProp lesson): on entry the
// caller's environment is saved, the status flags are cleared and every trap is masked (non-stop
// mode), so a host that enables FP traps (some PLC runtimes, Delphi, Fortran hosts) never gets a
// SIGFPE from inside the library; on exit the caller's environment, flags included, is restored
// exactly. The library itself never enables traps.
//
// Cost. The portable way (feholdexcept + fesetenv) saves and reloads the whole environment, x87
// control/status words included (fnstenv/fldenv are microcoded), which measured about 110 ns per
// call on the reference x86-64 machine: more than the table property call it protects. On x86-64
// the library's arithmetic is SSE2 only (the System V and Windows x64 ABIs pass and compute
// `double` in XMM registers; the library uses no `long double` at run time -- the only ones are
// the unit literals' compile-time parameters in core/units.hpp), so the environment it can touch
// is MXCSR alone: trap masks, sticky flags, rounding mode, FTZ/DAZ. The guard saves MXCSR with one
// stmxcsr, loads a masked, flag-free copy only when the caller's differs (the usual host already
// masks everything and has no flags set, so nothing is loaded), and on exit reloads the caller's
// value only when the library changed it (a raised flag): a few nanoseconds instead of ~110.
// The rounding mode and FTZ/DAZ are the caller's, exactly as with feholdexcept. Other targets
// (AArch64, 32-bit x86 with x87 math) keep the portable feholdexcept/fesetenv pair.
#pragma once

#include <cfenv>

#if defined(__x86_64__) || defined(_M_X64)
#include <xmmintrin.h>
#define ENTROPYK_FP_GUARD_MXCSR 1
#else
#define ENTROPYK_FP_GUARD_MXCSR 0
#endif

namespace entropyk::capi {

#if ENTROPYK_FP_GUARD_MXCSR

/// MXCSR bits: the six sticky exception flags (IE DE ZE OE UE PE) and their six mask bits.
inline constexpr unsigned mxcsr_flags = 0x003Fu;
inline constexpr unsigned mxcsr_masks = 0x1F80u;

class FpGuard {
  public:
    FpGuard() noexcept : saved_(_mm_getcsr()), inside_((saved_ | mxcsr_masks) & ~mxcsr_flags) {
        if (inside_ != saved_) _mm_setcsr(inside_);
    }
    ~FpGuard() {
        // Anything raised inside (a flag) or the masking on entry is undone; the caller's own
        // flags are back exactly as they were.
        if (_mm_getcsr() != saved_) _mm_setcsr(saved_);
    }
    FpGuard(const FpGuard&) = delete;
    FpGuard& operator=(const FpGuard&) = delete;

  private:
    unsigned saved_;
    unsigned inside_;
};

#else

class FpGuard {
  public:
    FpGuard() noexcept { std::feholdexcept(&saved_); }
    ~FpGuard() { std::fesetenv(&saved_); }
    FpGuard(const FpGuard&) = delete;
    FpGuard& operator=(const FpGuard&) = delete;

  private:
    std::fenv_t saved_{};
};

#endif

} // namespace entropyk::capi
