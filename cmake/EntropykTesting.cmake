# Test helpers. Test binaries stay few: each area of the tree has one Catch2 binary that links
# the shared test main (an object library compiled once).
find_package(Catch2 REQUIRED)
include(Catch)

add_library(entropyk_catch_main OBJECT ${PROJECT_SOURCE_DIR}/tests/support/catch_main.cpp)
target_link_libraries(entropyk_catch_main PUBLIC Catch2::Catch2)
target_compile_features(entropyk_catch_main PUBLIC cxx_std_20)
target_include_directories(entropyk_catch_main PUBLIC ${PROJECT_SOURCE_DIR}/tests)
entropyk_set_warnings(entropyk_catch_main)

# entropyk_add_test_binary(<name> SOURCES a.cpp b.cpp [LIBS ...])
# One Catch2 binary; each TEST_CASE becomes a CTest test. Data files are found through
# ENTROPYK_TEST_DATA_DIR (tests/data).
function(entropyk_add_test_binary name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE entropyk_catch_main entropyk::entropyk ${ARG_LIBS})
  target_compile_definitions(${name} PRIVATE ENTROPYK_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data")
  entropyk_set_warnings(${name})
  catch_discover_tests(${name} TEST_PREFIX "${name}:" DISCOVERY_MODE PRE_TEST)
endfunction()
