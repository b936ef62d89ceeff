# One place for warning flags and sanitizers, applied to the project's own targets only.
function(entropyk_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(ENTROPYK_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(ENTROPYK_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=${ENTROPYK_SANITIZE} -fno-omit-frame-pointer
                                             -fno-sanitize-recover=all)
    target_link_options(${target} PRIVATE -fsanitize=${ENTROPYK_SANITIZE})
  endif()
endfunction()
