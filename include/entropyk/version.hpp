// Library version (kept equal to project(VERSION) in CMakeLists.txt and to the C header's macros).
#pragma once

#define ENTROPYK_VERSION_MAJOR 0
#define ENTROPYK_VERSION_MINOR 1
#define ENTROPYK_VERSION_PATCH 0
#define ENTROPYK_VERSION_STRING "0.1.0"

namespace entropyk {
inline constexpr const char* version_string = ENTROPYK_VERSION_STRING;
}
