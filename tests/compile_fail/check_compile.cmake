# Compiles one source with -fsyntax-only and checks the outcome (docs/cpp-api.md, "How the refusals are tested").
#   -DCOMPILER=<c++> -DSOURCE=<file> -DPROJECT_INCLUDE=<dir> -DINCLUDES=<dir|dir|...> -DEXPECT=fail|pass
# fail: the compilation must fail, and the FIRST "error:" line of the compiler's output must match
#       the regex on the source's "// EXPECT: <regex>" line (so a case cannot pass because of an
#       unrelated error, and the message a user reads first names the rule).
# pass: the compilation must succeed without warnings (the harness sees valid code compile).
string(REPLACE "|" ";" include_dirs "${INCLUDES}")
set(flags -std=c++20 -fsyntax-only -I${PROJECT_INCLUDE})
foreach(dir IN LISTS include_dirs)
  list(APPEND flags -isystem ${dir})
endforeach()
if(EXPECT STREQUAL "pass")
  list(APPEND flags -Wall -Wextra -Wpedantic -Werror)
endif()
execute_process(COMMAND ${COMPILER} ${flags} ${SOURCE} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(log "${out}${err}")

if(EXPECT STREQUAL "pass")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${SOURCE} should compile but did not:\n${log}")
  endif()
  message(STATUS "compiled as expected: ${SOURCE}")
  return()
endif()

file(STRINGS ${SOURCE} expect_lines REGEX "^// EXPECT: ")
if(NOT expect_lines)
  message(FATAL_ERROR "${SOURCE}: no '// EXPECT: <regex>' line")
endif()
list(GET expect_lines 0 expect_line)
string(REGEX REPLACE "^// EXPECT: " "" expect "${expect_line}")

if(rc EQUAL 0)
  message(FATAL_ERROR "${SOURCE} compiled, but it must be refused with: ${expect}")
endif()
string(REGEX MATCH "[^\n]*error:[^\n]*" first_error "${log}")
if(NOT first_error MATCHES "${expect}")
  message(FATAL_ERROR "${SOURCE} failed for another reason than the intended one.\n"
                      "expected the first error to match: ${expect}\nfirst error: ${first_error}\n"
                      "full output:\n${log}")
endif()
message(STATUS "refused as intended: ${first_error}")
