// The binding helpers of include/entropyk/capi/ in isolation: guarded_call's exception mapping
// (which no real bad call through the C API can reach), handle checks, last-error recording and
// the buffer contract.
#include <cfenv>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>

#include "support/catch.hpp"

#include "entropyk/capi/buffers.hpp"
#include "entropyk/capi/invoke.hpp"

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
