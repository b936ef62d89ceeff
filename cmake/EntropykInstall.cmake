# Install rules: headers, the C header and libraries, a CMake package (find_package(entropyk
# CONFIG) gives entropyk::entropyk and, when built, entropyk::c) and a pkg-config file for C users.
include(CMakePackageConfigHelpers)

install(TARGETS entropyk EXPORT entropykTargets FILE_SET HEADERS DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

set(ENTROPYK_HAS_C_API OFF)
if(ENTROPYK_BUILD_C_API AND ENTROPYK_C_TARGETS)
  set(ENTROPYK_HAS_C_API ON)
  install(TARGETS ${ENTROPYK_C_TARGETS} EXPORT entropykTargets
          ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
          RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  install(FILES ${PROJECT_SOURCE_DIR}/generated/include/entropyk.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endif()

install(EXPORT entropykTargets NAMESPACE entropyk:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/entropyk)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/entropykConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/entropykConfig.cmake
                              INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/entropyk)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/entropykConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/entropykConfig.cmake ${PROJECT_BINARY_DIR}/entropykConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/entropyk)

# pkg-config: C users link the shared C facade; C++ users of the headers get the include path.
# The .pc file locates the prefix relative to itself, so the installed tree is relocatable
# (`cmake --install --prefix <dir>`, as the install test does).
file(RELATIVE_PATH ENTROPYK_PC_TO_PREFIX ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
configure_file(${PROJECT_SOURCE_DIR}/cmake/entropyk.pc.in ${PROJECT_BINARY_DIR}/entropyk.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/entropyk.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
