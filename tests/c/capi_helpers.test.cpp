// The binding helpers of include/entropyk/capi/ in isolation: guarded_call's exception mapping
// (which no real bad call through the C API can reach), handle checks, last-error recording and
// the buffer contract; the result getters on results no real solve can produce yet (a
// non-physical solution, warnings) and the generic out-handle reset.
#include <cfenv>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>

#include "support/catch.hpp"

#include "entropyk/capi/buffers.hpp"
#include "entropyk/capi/invoke.hpp"
#include "entropyk/capi/result.hpp"

namespace {

struct TestHandle {
    static constexpr entropyk::capi::HandleKind kind = entropyk::capi::HandleKind::system;
    static constexpr const char* c_name = "TestHandle";
    entropyk::capi::HandleHeader header;
    mutable entropyk::capi::ErrorSlot last_error;
    int value;
};

std::string last_error(const TestHandle& h) { return std::string{h.last_error.load().message()}; }

entropyk::Result<void> throws_runtime_error(TestHandle&, int) { throw std::runtime_error("boom"); }
entropyk::Result<void> throws_bad_alloc(TestHandle&, int) { throw std::bad_alloc(); }
entropyk::Result<void> throws_int(TestHandle&, int) { throw 42; }
entropyk::Result<void> returns_error(TestHandle& self, int v) {
    if (v < 0) return entropyk::fail(entropyk::Errc::invalid_state, "not now");
    self.value = v;
    return {};
}
entropyk::Result<void> divides_by_zero(TestHandle& self, int) {
    volatile double zero = 0.0;
    self.value = static_cast<int>(1.0 / zero > 0); // raises FE_DIVBYZERO inside
    return {};
}
entropyk::Result<void> free_function(const char* text) {
    entropyk::capi::require_not_null(text, "text");
    throw std::logic_error("no receiver");
}

} // namespace

using entropyk::capi::guarded_call;

TEST_CASE("capi/guarded_call: every exception becomes a code and a message", "[capi][invoke]") {
    TestHandle* h = entropyk::capi::make_handle<TestHandle>(0);
    CHECK(guarded_call<throws_runtime_error>("entropyk_test", h, 1) == ENTROPYK_INTERNAL_ERROR);
    CHECK(last_error(*h) == "entropyk_test: unexpected C++ exception: boom");
    CHECK(guarded_call<throws_bad_alloc>("entropyk_test", h, 1) == ENTROPYK_INTERNAL_ERROR);
    CHECK(last_error(*h) == "entropyk_test: out of memory");
    CHECK(guarded_call<throws_int>("entropyk_test", h, 1) == ENTROPYK_INTERNAL_ERROR);
    CHECK(last_error(*h) == "entropyk_test: unexpected non-standard C++ exception");
    CHECK(guarded_call<returns_error>("entropyk_test", h, -1) == ENTROPYK_INVALID_STATE);
    CHECK(last_error(*h) == "entropyk_test: not now");
    CHECK(guarded_call<returns_error, entropyk::capi::Record::no>("entropyk_other", h, -1) == ENTROPYK_INVALID_STATE);
    CHECK(last_error(*h) == "entropyk_test: not now");
    CHECK(guarded_call<returns_error>("entropyk_test", h, 7) == ENTROPYK_OK);
    CHECK(h->value == 7);
    CHECK(last_error(*h) == "entropyk_test: not now"); // success keeps the last error
    entropyk::capi::free_handle(h);
}

TEST_CASE("capi/guarded_call: handle checks", "[capi][invoke]") {
    CHECK(guarded_call<returns_error>("entropyk_test", static_cast<TestHandle*>(nullptr), 1) == ENTROPYK_NULL_POINTER);
    alignas(TestHandle) unsigned char junk[sizeof(TestHandle)] = {};
    CHECK(guarded_call<returns_error>("entropyk_test", reinterpret_cast<TestHandle*>(junk), 1) ==
          ENTROPYK_INVALID_HANDLE);
    CHECK(guarded_call<free_function>("entropyk_test", static_cast<const char*>(nullptr)) == ENTROPYK_NULL_POINTER);
    CHECK(guarded_call<free_function>("entropyk_test", "x") == ENTROPYK_INTERNAL_ERROR);
}

TEST_CASE("capi/guarded_call: FP traps stay masked inside and the caller's environment is restored",
          "[capi][invoke][fp]") {
    std::feclearexcept(FE_ALL_EXCEPT);
    std::feraiseexcept(FE_INEXACT);
    TestHandle* h = entropyk::capi::make_handle<TestHandle>(0);
    CHECK(guarded_call<divides_by_zero>("entropyk_test", h, 0) == ENTROPYK_OK);
    CHECK(std::fetestexcept(FE_DIVBYZERO) == 0); // the library's flags do not leak out
    CHECK(std::fetestexcept(FE_INEXACT) != 0);   // the caller's flags are kept
    entropyk::capi::free_handle(h);
}

TEST_CASE("capi/buffers: text copy-out contract", "[capi][buffers]") {
    char buf[8];
    std::size_t len = 0;
    CHECK(entropyk::capi::copy_out_string("hello", buf, sizeof buf, &len).has_value());
    CHECK(len == 5);
    CHECK(std::strcmp(buf, "hello") == 0);
    const auto r = entropyk::capi::copy_out_string("0123456789", buf, sizeof buf, &len);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code() == entropyk::Errc::buffer_too_small);
    CHECK(len == 10);
    CHECK(std::strcmp(buf, "0123456") == 0);
    CHECK(entropyk::capi::copy_out_string("", buf, 1, &len).has_value());
    CHECK((len == 0 && buf[0] == '\0'));
    CHECK(entropyk::capi::copy_out_string("abc", nullptr, 0, &len).has_value()); // size query
    CHECK(len == 3);
    double values[2];
    const double src[3] = {1, 2, 3};
    CHECK_FALSE(entropyk::capi::copy_out_array(src, values, 2, &len).has_value());
    CHECK(len == 3);
    CHECK(entropyk::capi::copy_out_array(std::span<const double>(src, 2), values, 2, &len).has_value());
    CHECK((values[0] == 1 && values[1] == 2));
}

namespace {

entropyk::Result<void> makes_then_fails(TestHandle& self, int v, TestHandle** out) {
    if (v > 0) *out = &self; // what a helper that stores its handle last never does; the reset runs first
    return entropyk::fail(entropyk::Errc::invalid_state, "refused");
}

// A result as a solve would leave it, with the given status, report and warnings.
EntropykSolverResult* fake_result(entropyk::SolveStatus status, const char* report) {
    auto data = std::make_unique<entropyk::capi::ResultData>();
    data->results.status = status;
    data->results.cooling_capacity = 1234.5;
    data->results.components.resize(1);
    data->state.assign(3, 1.0);
    data->written = true;
    std::snprintf(data->results.report, sizeof data->results.report, "%s", report);
    return entropyk::capi::make_handle<EntropykSolverResult>(std::move(data));
}

std::string last_error(const EntropykSolverResult& r) { return std::string{r.last_error.load().message()}; }

} // namespace

TEST_CASE("capi/guarded_call: every out handle is NULL after a failure, before any check", "[capi][invoke]") {
    TestHandle* h = entropyk::capi::make_handle<TestHandle>(0);
    TestHandle* out = h;
    // NULL receiver: refused before the helper runs, *out is still reset
    CHECK(guarded_call<makes_then_fails>("entropyk_test", static_cast<TestHandle*>(nullptr), 0, &out) ==
          ENTROPYK_NULL_POINTER);
    CHECK(out == nullptr);
    out = h;
    alignas(TestHandle) unsigned char junk[sizeof(TestHandle)] = {};
    CHECK(guarded_call<makes_then_fails>("entropyk_test", reinterpret_cast<TestHandle*>(junk), 0, &out) ==
          ENTROPYK_INVALID_HANDLE);
    CHECK(out == nullptr);
    out = h;
    CHECK(guarded_call<makes_then_fails>("entropyk_test", h, 0, &out) == ENTROPYK_INVALID_STATE);
    CHECK(out == nullptr);
    CHECK(guarded_call<makes_then_fails>("entropyk_test", h, 0, static_cast<TestHandle**>(nullptr)) ==
          ENTROPYK_INVALID_STATE);
    entropyk::capi::free_handle(h);
}

TEST_CASE("capi/result: a non-physical result's figures say so", "[capi][result]") {
    using namespace entropyk;
    EntropykSolverResult* r =
        fake_result(SolveStatus::non_physical, "component 'scroll' (compressor): the outlet pressure is below the "
                                               "inlet pressure\nstatus: Converged: ...\n");
    double q = 0.0;
    CHECK(capi::guarded_call<capi::result_get_figure<&CycleResults::cooling_capacity>>(
              "entropyk_result_get_cooling_capacity", static_cast<const EntropykSolverResult*>(r), &q) ==
          ENTROPYK_NON_PHYSICAL);
    CHECK(q == 1234.5); // written: the inadmissible solution, for diagnosis
    CHECK(last_error(*r) == "entropyk_result_get_cooling_capacity: the figures are those of a physically "
                            "inadmissible solution, for diagnosis only: component 'scroll' (compressor): the outlet "
                            "pressure is below the inlet pressure");
    EntropykErrorCode status = ENTROPYK_OK;
    CHECK(capi::guarded_call<capi::result_get_status>(
              "entropyk_result_get_status", static_cast<const EntropykSolverResult*>(r), &status) == ENTROPYK_OK);
    CHECK(status == ENTROPYK_NON_PHYSICAL);
    EntropykComponentResult c = ENTROPYK_COMPONENT_RESULT_INIT;
    CHECK(capi::guarded_call<capi::result_get_component>("entropyk_result_get_component",
                                                         static_cast<const EntropykSolverResult*>(r), 0u,
                                                         &c) == ENTROPYK_NON_PHYSICAL);
    // the solve's outcome for the solve functions: the status and the cause
    const Result<void> o = capi::outcome(r->data->results);
    REQUIRE_FALSE(o.has_value());
    CHECK(o.error().code() == Errc::non_physical);
    CHECK(std::string{o.error().message()}.find("component 'scroll' (compressor): the outlet pressure is below") !=
          std::string::npos);
    capi::free_handle(r);

    r = fake_result(SolveStatus::timed_out, "status: TimedOut: budget\n");
    CHECK(capi::guarded_call<capi::result_get_figure<&CycleResults::cooling_capacity>>(
              "entropyk_result_get_cooling_capacity", static_cast<const EntropykSolverResult*>(r), &q) ==
          ENTROPYK_TIMEOUT);
    CHECK(last_error(*r) == "entropyk_result_get_cooling_capacity: the solve timed out: the figures are its last "
                            "iterate (NaN where it has none), not a solution: status: TimedOut: budget");
    capi::free_handle(r);

    r = fake_result(SolveStatus::converged_control_saturation, "status: ConvergedControlSaturation\n");
    CHECK(capi::guarded_call<capi::result_get_figure<&CycleResults::cooling_capacity>>(
              "entropyk_result_get_cooling_capacity", static_cast<const EntropykSolverResult*>(r), &q) == ENTROPYK_OK);
    capi::free_handle(r);
}

TEST_CASE("capi/result: warnings by index, code, component and text", "[capi][result]") {
    using namespace entropyk;
    EntropykSolverResult* r = fake_result(SolveStatus::converged, "status: Converged\n");
    r->data->results.warnings.add(WarningCode::discharge_temperature, 0,
                                  "component 'scroll': discharge temperature %.1f K above the limit %.2f K", 412.3,
                                  408.15);
    r->data->results.warnings.add(WarningCode::extrapolated_state, no_component, "connection 2: T = 160 K");
    const auto* cr = static_cast<const EntropykSolverResult*>(r);
    std::uint32_t n = 0;
    CHECK(capi::guarded_call<capi::result_get_warning_count>("entropyk_result_get_warning_count", cr, &n) ==
          ENTROPYK_OK);
    CHECK(n == 2);
    EntropykWarningCode code = 0;
    char text[256];
    std::size_t len = 0;
    CHECK(capi::guarded_call<capi::result_get_warning>("entropyk_result_get_warning", cr, 0u, &code, text, sizeof text,
                                                       &len) == ENTROPYK_OK);
    CHECK(code == ENTROPYK_WARNING_DISCHARGE_TEMPERATURE);
    CHECK(std::string{text} == "component 'scroll': discharge temperature 412.3 K above the limit 408.15 K");
    CHECK(len == std::strlen(text));
    std::int32_t component = 99;
    CHECK(capi::guarded_call<capi::result_get_warning_component>("entropyk_result_get_warning_component", cr, 0u,
                                                                 &component) == ENTROPYK_OK);
    CHECK(component == 0);
    CHECK(capi::guarded_call<capi::result_get_warning_component>("entropyk_result_get_warning_component", cr, 1u,
                                                                 &component) == ENTROPYK_OK);
    CHECK(component == -1);
    // a short buffer refuses the call and leaves the code alone
    code = 0;
    char small[4];
    CHECK(capi::guarded_call<capi::result_get_warning>("entropyk_result_get_warning", cr, 1u, &code, small,
                                                       sizeof small, &len) == ENTROPYK_BUFFER_TOO_SMALL);
    CHECK(code == 0);
    CHECK(len == std::strlen("connection 2: T = 160 K"));
    CHECK(capi::guarded_call<capi::result_get_warning>("entropyk_result_get_warning", cr, 2u, &code, text, sizeof text,
                                                       &len) == ENTROPYK_INVALID_ARGUMENT);
    CHECK(last_error(*r) == "entropyk_result_get_warning: warning index 2: the result has 2 warnings");
    capi::free_handle(r);
}
