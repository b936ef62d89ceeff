# cmake -P script: install, then configure + build + run the consumers. Any failure is fatal.
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "command failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(LAST_OUTPUT "${out}" PARENT_SCOPE)
endfunction()

set(prefix ${WORK_DIR}/prefix)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})

# C++ consumer via find_package(entropyk CONFIG). range-v3 is hidden: no installed header uses it,
# so the package must not ask for it.
run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/consumer_cpp -B ${WORK_DIR}/cpp -G ${GENERATOR}
    -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_DISABLE_FIND_PACKAGE_range-v3=ON)
run(${CMAKE_COMMAND} --build ${WORK_DIR}/cpp)
run(${WORK_DIR}/cpp/consumer_cpp)
message(STATUS "C++ consumer: ${LAST_OUTPUT}")

# C consumer via pkg-config (only once the C facade is built)
if(HAS_C_API)
  set(ENV{PKG_CONFIG_PATH} ${prefix}/lib/pkgconfig)
  find_program(PKG_CONFIG pkg-config REQUIRED)
  run(${PKG_CONFIG} --cflags --libs entropyk)
  string(STRIP "${LAST_OUTPUT}" flags)
  separate_arguments(flags UNIX_COMMAND "${flags}")
  run(${C_COMPILER} -std=c99 -Wall -Wextra -Werror ${SOURCE_DIR}/consumer_c/main.c ${flags}
      -Wl,-rpath,${prefix}/lib -o ${WORK_DIR}/consumer_c)
  run(${WORK_DIR}/consumer_c)
  message(STATUS "C consumer: ${LAST_OUTPUT}")

  # The same C program as a C-only CMake project: find_package(entropyk COMPONENTS C) with the C++
  # library's dependencies hidden, as on a machine that has only the C library installed.
  run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/consumer_c -B ${WORK_DIR}/c_cmake -G ${GENERATOR}
      -DCMAKE_C_COMPILER=${C_COMPILER} -DCMAKE_PREFIX_PATH=${prefix}
      -DCMAKE_DISABLE_FIND_PACKAGE_range-v3=ON -DCMAKE_DISABLE_FIND_PACKAGE_Eigen3=ON
      "-DCMAKE_C_FLAGS=-Wall -Wextra -Werror")
  run(${CMAKE_COMMAND} --build ${WORK_DIR}/c_cmake)
  run(${WORK_DIR}/c_cmake/consumer_c)
  if(NOT LAST_OUTPUT MATCHES "^entropyk [0-9]+\\.[0-9]+\\.[0-9]+")
    message(FATAL_ERROR "C-only CMake consumer printed an unexpected line:\n${LAST_OUTPUT}")
  endif()
  message(STATUS "C consumer (CMake, COMPONENTS C, no Eigen or range-v3): ${LAST_OUTPUT}")

  # examples/c exactly as a user builds it: its Makefile, against the installed copy (in a scratch
  # copy of the directory, so the source tree stays clean). Without make, the same compile line.
  file(COPY ${EXAMPLE_C_DIR}/ DESTINATION ${WORK_DIR}/example_c)
  if(MAKE_PROGRAM)
    run(${MAKE_PROGRAM} -C ${WORK_DIR}/example_c CC=${C_COMPILER} "CFLAGS=-std=c99 -O2 -Wall -Wextra -pedantic -Werror")
  else()
    run(${C_COMPILER} -std=c99 -Wall -Wextra -pedantic -Werror ${WORK_DIR}/example_c/example.c ${flags}
        -Wl,-rpath,${prefix}/lib -o ${WORK_DIR}/example_c/example)
  endif()
  run(${WORK_DIR}/example_c/example R134a)
  if(NOT LAST_OUTPUT MATCHES "COP")
    message(FATAL_ERROR "examples/c printed no COP:\n${LAST_OUTPUT}")
  endif()
  message(STATUS "examples/c (installed copy): ${LAST_OUTPUT}")
endif()

# The Python package, installed into <prefix>/<site-packages>: it must load the installed library
# (found relative to the package), not the build tree's, with no ENTROPYK_LIBRARY set.
if(PYTHON AND PYTHON_SITE AND NOT IS_ABSOLUTE "${PYTHON_SITE}")
  unset(ENV{ENTROPYK_LIBRARY})
  set(ENV{PYTHONPATH} ${prefix}/${PYTHON_SITE})
  # No ';' in the code: run() passes its arguments on as a CMake list.
  run(${PYTHON} -B -c "import entropyk, os
p = os.path.realpath(entropyk.LIBRARY_PATH)
assert p.startswith(os.path.realpath('${prefix}')), p
print('python', entropyk.__version__, round(entropyk.Fluid('R134a').state(p=1e6, h=4.2e5).T, 3))")
  if(NOT LAST_OUTPUT MATCHES "^python [0-9.]+ 313\\.275")
    message(FATAL_ERROR "the installed Python package printed an unexpected line:\n${LAST_OUTPUT}")
  endif()
  message(STATUS "Python (installed package): ${LAST_OUTPUT}")
endif()
