# Finds the project's dependencies (all Debian packages; nothing is downloaded).
find_package(Eigen3 3.4 REQUIRED NO_MODULE)
# The cycle-file reader (include/entropyk/io/) parses JSON with nlohmann-json (header-only).
find_package(nlohmann_json 3 REQUIRED)

file(GLOB_RECURSE ENTROPYK_HEADERS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/include/entropyk/*.hpp)

# Debian's Jinja2 lives in the system interpreter; prefer it over any pyenv/venv python on PATH.
find_program(ENTROPYK_PYTHON NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT ENTROPYK_PYTHON)
  find_program(ENTROPYK_PYTHON NAMES python3 REQUIRED)
endif()
