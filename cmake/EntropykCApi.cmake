# entropyk::c, the compiled C facade: the generated extern "C" shims (generated/src/*.cpp) over the
# header-only helpers in include/entropyk/capi/. The header generated/include/entropyk.h is the
# public interface. Both libraries are built from one set of objects (compiled once, PIC):
#   entropyk_c         STATIC  libentropyk.a   (entropyk_static.lib on Windows)
#   entropyk_c_shared  SHARED  libentropyk.so  (entropyk.dll)
# entropyk::c is the SHARED library: it is what PLC runtimes, LabVIEW and HIL benches load, and
# linking the tests against it checks the exported symbol set they see.
# ENTROPYK_C_TARGETS lists both for the install rules (cmake/EntropykInstall.cmake).

# One translation unit per API module (codegen/api/<module>.api.yaml).
file(GLOB ENTROPYK_C_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/generated/src/*.cpp)

add_library(entropyk_c_objects OBJECT ${ENTROPYK_C_SOURCES})
target_compile_features(entropyk_c_objects PRIVATE cxx_std_20)
target_compile_definitions(entropyk_c_objects PRIVATE ENTROPYK_BUILDING)
target_include_directories(entropyk_c_objects PRIVATE ${PROJECT_SOURCE_DIR}/generated/include)
target_link_libraries(entropyk_c_objects PRIVATE entropyk::entropyk)
set_target_properties(entropyk_c_objects PROPERTIES POSITION_INDEPENDENT_CODE ON CXX_VISIBILITY_PRESET hidden
                                                    VISIBILITY_INLINES_HIDDEN ON)
entropyk_set_warnings(entropyk_c_objects)

foreach(kind STATIC SHARED)
  if(kind STREQUAL "STATIC")
    set(tgt entropyk_c)
  else()
    set(tgt entropyk_c_shared)
  endif()
  add_library(${tgt} ${kind} $<TARGET_OBJECTS:entropyk_c_objects>)
  target_include_directories(${tgt} PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/generated/include>
                                           $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_link_libraries(${tgt} PRIVATE entropyk::entropyk)
  set_target_properties(${tgt} PROPERTIES OUTPUT_NAME entropyk LINKER_LANGUAGE CXX)
  entropyk_set_warnings(${tgt})
endforeach()
if(WIN32)
  # A DLL's import library and a static library may not share a name.
  set_target_properties(entropyk_c PROPERTIES OUTPUT_NAME entropyk_static)
  target_compile_definitions(entropyk_c INTERFACE ENTROPYK_STATIC)
  target_sources(entropyk_c_shared PRIVATE ${PROJECT_SOURCE_DIR}/generated/entropyk.def)
endif()
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang" AND NOT APPLE AND NOT WIN32)
  # Only the C API's functions are exported, whatever templates the helpers instantiate.
  target_link_options(entropyk_c_shared PRIVATE -Wl,--version-script=${PROJECT_SOURCE_DIR}/generated/entropyk.map)
  set_property(TARGET entropyk_c_shared APPEND PROPERTY LINK_DEPENDS ${PROJECT_SOURCE_DIR}/generated/entropyk.map)
endif()
set_target_properties(entropyk_c_shared PROPERTIES VERSION ${PROJECT_VERSION} SOVERSION ${PROJECT_VERSION_MAJOR})

add_library(entropyk::c ALIAS entropyk_c_shared)
set(ENTROPYK_C_TARGETS entropyk_c entropyk_c_shared)

# Developers editing codegen/api/*.api.yaml regenerate with `cmake --build <dir> --target entropyk_codegen`;
# the test codegen.up_to_date (tests/codegen) fails while generated/ is stale.
add_custom_target(entropyk_codegen COMMAND ${ENTROPYK_PYTHON} ${PROJECT_SOURCE_DIR}/codegen/generate.py
                  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} COMMENT "Regenerating the C API from codegen/api" VERBATIM)
