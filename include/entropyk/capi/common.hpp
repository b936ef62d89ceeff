// capi helpers of the free functions in codegen/api/entropyk.api.yaml: versions and error strings.
#pragma once

#include <cstdint>

#include <entropyk.h>

#include "entropyk/capi/errors.hpp"
#include "entropyk/capi/handle.hpp"
#include "entropyk/capi/invoke.hpp"
#include "entropyk/version.hpp"

namespace entropyk::capi {

// The header's version macros (generated from project(VERSION) in CMakeLists.txt) and the C++
// library's (include/entropyk/version.hpp) must agree; the macros are identical, so both headers
// can be included together.
static_assert(ENTROPYK_VERSION_NUMBER ==
              ENTROPYK_VERSION_MAJOR * 1000000 + ENTROPYK_VERSION_MINOR * 1000 + ENTROPYK_VERSION_PATCH);

[[nodiscard]] inline const char* version() noexcept { return ENTROPYK_VERSION_STRING; }

[[nodiscard]] inline std::uint32_t version_number() noexcept { return ENTROPYK_VERSION_NUMBER; }

/// entropyk_live_handles: a snapshot of the counter kept by make_handle / free_handle.
[[nodiscard]] inline std::uint32_t live_handles() noexcept { return live_handle_count.load(std::memory_order_relaxed); }

} // namespace entropyk::capi
