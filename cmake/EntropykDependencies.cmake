# Finds the project's dependencies (all Debian packages; nothing is downloaded).
find_package(Eigen3 3.4 REQUIRED NO_MODULE)
find_package(range-v3 REQUIRED)
# range-v3 0.12 (Debian 12) exports the un-namespaced target `range-v3`; newer releases add
# `range-v3::range-v3`. Use whichever exists.
if(TARGET range-v3::range-v3)
  set(ENTROPYK_RANGE_V3_TARGET range-v3::range-v3)
else()
  set(ENTROPYK_RANGE_V3_TARGET range-v3)
endif()

file(GLOB_RECURSE ENTROPYK_HEADERS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/include/entropyk/*.hpp)

# Debian's Jinja2 lives in the system interpreter; prefer it over any pyenv/venv python on PATH.
find_program(ENTROPYK_PYTHON NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT ENTROPYK_PYTHON)
  find_program(ENTROPYK_PYTHON NAMES python3 REQUIRED)
endif()
