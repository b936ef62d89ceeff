// Floating-point environment guard for every C entry point (the CoolProp lesson): on entry the
// caller's environment is saved, the status flags are cleared and every trap is masked (non-stop
// mode), so a host that enables FP traps (some PLC runtimes, Delphi, Fortran hosts) never gets a
// SIGFPE from inside the library; on exit the caller's environment, flags included, is restored
// exactly. The library itself never enables traps.
#pragma once

#include <cfenv>

namespace entropyk::capi {

class FpGuard {
  public:
    FpGuard() noexcept { std::feholdexcept(&saved_); }
    ~FpGuard() { std::fesetenv(&saved_); }
    FpGuard(const FpGuard&) = delete;
    FpGuard& operator=(const FpGuard&) = delete;

  private:
    std::fenv_t saved_{};
};

} // namespace entropyk::capi
