# One place for warning flags and sanitizers, applied to the project's own targets only.
function(entropyk_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  # g++ 12 at -O3 reports a false -Wrestrict inside std::string's operator+ (GCC bug 105651).
  target_compile_options(${target} PRIVATE $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
  if(ENTROPYK_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(ENTROPYK_SANITIZE)
    # g++ 12 reports false -Wmaybe-uninitialized in std::function (through Catch2's and the
    # standard library's headers) once sanitizer instrumentation is inlined; the sanitizers
    # themselves check the real thing at run time.
    target_compile_options(${target} PRIVATE -fsanitize=${ENTROPYK_SANITIZE} -fno-omit-frame-pointer
                                             -fno-sanitize-recover=all
                                             $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
    target_link_options(${target} PRIVATE -fsanitize=${ENTROPYK_SANITIZE})
  endif()
endfunction()
