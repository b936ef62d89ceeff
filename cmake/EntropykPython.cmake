# The Python package `entropyk` (docs/python.md): ctypes over libentropyk.so, no compiled module.
#   codegen/python/entropyk/*.py          the hand-written layer (Fluid, Cycle, sweep, errors)
#   generated/python/entropyk/_capi.py    the ctypes description rendered by codegen/ from codegen/api
#   _library.py                           written here: where libentropyk.so is
# The build assembles them into <build>/python/entropyk (use PYTHONPATH=<build>/python);
# `cmake --install` puts the package into the interpreter's site-packages for the install prefix
# (ENTROPYK_PYTHON_INSTALL_DIR overrides), with the library found relative to the package.
if(NOT TARGET entropyk_c_shared)
  return()
endif()

# The interpreter is ENTROPYK_PYTHON (Debian's /usr/bin/python3, see EntropykDependencies.cmake):
# the one that has python3-numpy and python3-pandas, not a pyenv/venv python3 earlier on PATH.
execute_process(COMMAND ${ENTROPYK_PYTHON} -c "import numpy, pandas" RESULT_VARIABLE _entropyk_py_deps
                OUTPUT_QUIET ERROR_QUIET)
if(_entropyk_py_deps EQUAL 0)
  set(_entropyk_py_default ON)
else()
  set(_entropyk_py_default OFF)
endif()
option(ENTROPYK_BUILD_PYTHON "Build and install the Python package (needs numpy and pandas for ${ENTROPYK_PYTHON})"
       ${_entropyk_py_default})
if(NOT ENTROPYK_BUILD_PYTHON)
  message(STATUS "entropyk: Python package off (${ENTROPYK_PYTHON} cannot import numpy and pandas)")
  return()
endif()

# site-packages for the install prefix, as the interpreter itself would lay it out: Debian's
# /usr -> /usr/lib/python3/dist-packages, /usr/local -> /usr/local/lib/python3.X/dist-packages,
# any other prefix -> <prefix>/lib/python3.X/site-packages. Kept relative to the prefix when it
# lies inside it, so `cmake --install --prefix <dir>` relocates it.
execute_process(
  COMMAND ${ENTROPYK_PYTHON} -c [=[
import sys, sysconfig
prefix = sys.argv[1].rstrip("/") or "/"
schemes = sysconfig.get_scheme_names()
if prefix == "/usr" and "deb_system" in schemes:
    path = sysconfig.get_path("purelib", "deb_system", vars={"base": "/usr", "platbase": "/usr"})
elif prefix == "/usr/local" and "posix_local" in schemes:
    path = sysconfig.get_path("purelib", "posix_local", vars={"base": "/usr", "platbase": "/usr"})
else:
    path = sysconfig.get_path("purelib", "posix_prefix", vars={"base": prefix, "platbase": prefix})
print(path, end="")
]=] ${CMAKE_INSTALL_PREFIX}
  OUTPUT_VARIABLE _entropyk_site RESULT_VARIABLE _entropyk_site_rc)
if(NOT _entropyk_site_rc EQUAL 0 OR NOT _entropyk_site)
  message(FATAL_ERROR "entropyk: cannot compute site-packages with ${ENTROPYK_PYTHON}")
endif()
cmake_path(IS_PREFIX CMAKE_INSTALL_PREFIX "${_entropyk_site}" NORMALIZE _entropyk_site_in_prefix)
if(_entropyk_site_in_prefix)
  cmake_path(RELATIVE_PATH _entropyk_site BASE_DIRECTORY ${CMAKE_INSTALL_PREFIX})
endif()
set(ENTROPYK_PYTHON_INSTALL_DIR "${_entropyk_site}"
    CACHE STRING "Where `cmake --install` puts the entropyk Python package (relative: to the prefix)")

# ---- the build-tree package ------------------------------------------------------------------
file(GLOB ENTROPYK_PYTHON_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/codegen/python/entropyk/*.py)
set(ENTROPYK_PYTHON_GENERATED ${PROJECT_SOURCE_DIR}/generated/python/entropyk/_capi.py)
set(ENTROPYK_PYTHON_DIR ${PROJECT_BINARY_DIR}/python)
set(_pkg ${ENTROPYK_PYTHON_DIR}/entropyk)
set(_copied)
foreach(src ${ENTROPYK_PYTHON_SOURCES} ${ENTROPYK_PYTHON_GENERATED})
  get_filename_component(name ${src} NAME)
  add_custom_command(OUTPUT ${_pkg}/${name} COMMAND ${CMAKE_COMMAND} -E copy_if_different ${src} ${_pkg}/${name}
                     DEPENDS ${src} VERBATIM)
  list(APPEND _copied ${_pkg}/${name})
endforeach()
# Build tree: the absolute path of the library just built.
file(GENERATE OUTPUT ${_pkg}/_library.py
     CONTENT "# Written by CMake (cmake/EntropykPython.cmake): the C library this package loads.\nLIBRARY = \"$<TARGET_FILE:entropyk_c_shared>\"\n")
add_custom_target(entropyk_python ALL DEPENDS ${_copied} entropyk_c_shared)

# ---- install ---------------------------------------------------------------------------------
if(IS_ABSOLUTE "${ENTROPYK_PYTHON_INSTALL_DIR}")
  set(_site_abs ${ENTROPYK_PYTHON_INSTALL_DIR})
else()
  set(_site_abs ${CMAKE_INSTALL_PREFIX}/${ENTROPYK_PYTHON_INSTALL_DIR})
endif()
file(RELATIVE_PATH _lib_rel ${_site_abs}/entropyk ${CMAKE_INSTALL_FULL_LIBDIR})
string(REGEX REPLACE "/+$" "" _lib_rel "${_lib_rel}")
file(GENERATE OUTPUT ${PROJECT_BINARY_DIR}/python-install/_library.py
     CONTENT "# Written by CMake at install: the C library, relative to this package's directory.\nLIBRARY = \"${_lib_rel}/$<TARGET_SONAME_FILE_NAME:entropyk_c_shared>\"\n")
install(FILES ${ENTROPYK_PYTHON_SOURCES} ${ENTROPYK_PYTHON_GENERATED} ${PROJECT_BINARY_DIR}/python-install/_library.py
        DESTINATION ${ENTROPYK_PYTHON_INSTALL_DIR}/entropyk COMPONENT python)
message(STATUS "entropyk: Python package -> ${ENTROPYK_PYTHON_DIR} (install: ${ENTROPYK_PYTHON_INSTALL_DIR})")
