# One shape per module: src/<module>/*.cc (minus *_test.cc) becomes the static library
# partyscreen_<module>; tests/<module>/*_test.cc becomes the test binary <module>_test.
# EXPORTS: the headers of src/<module>/ other modules may include ("*": all of them); the rest are
# the module's own (checked by partyscreen_check_includes).
function(partyscreen_module name)
  cmake_parse_arguments(ARG "" "" "DEPS;EXPORTS" ${ARGN})
  partyscreen_check_includes(${name} ${CMAKE_CURRENT_SOURCE_DIR})
  set_property(GLOBAL APPEND PROPERTY PARTYSCREEN_MODULES ${name})
  set_property(GLOBAL PROPERTY PARTYSCREEN_EXPORTS_${name} "${ARG_EXPORTS}")
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  list(FILTER srcs EXCLUDE REGEX "_test\\.cc$")
  add_library(partyscreen_${name} STATIC ${srcs})
  target_include_directories(partyscreen_${name} PUBLIC ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(partyscreen_${name} PUBLIC ${ARG_DEPS})
  target_compile_definitions(partyscreen_${name} PUBLIC
    PARTYSCREEN_DATA_DIR="${PARTYSCREEN_DATA_DIR}" PARTYSCREEN_VERSION="${PROJECT_VERSION}")
endfunction()

# Module boundaries, enforced when CMake configures (so by every build and by CI): a file of
# src/<name>/ may include the public API (partyscreen/...), its own module's headers, and the
# EXPORTS of modules configured before it (src/CMakeLists.txt lists them in dependency order, so
# an include of a later module would be a cycle). Anything else stops the configure step, naming
# the file and the header.
function(partyscreen_check_includes name dir)
  get_property(modules GLOBAL PROPERTY PARTYSCREEN_MODULES)
  file(GLOB files ${dir}/*.cc ${dir}/*.h)
  foreach(f ${files})
    file(STRINGS ${f} includes REGEX "^#include \"[a-z_]+/[a-z0-9_]+\\.h\"")
    foreach(line ${includes})
      string(REGEX REPLACE "^#include \"([a-z_]+)/([a-z0-9_]+\\.h)\".*" "\\1" module "${line}")
      string(REGEX REPLACE "^#include \"([a-z_]+)/([a-z0-9_]+\\.h)\".*" "\\2" header "${line}")
      if(module STREQUAL name OR NOT IS_DIRECTORY ${PROJECT_SOURCE_DIR}/src/${module})
        continue()  # its own header, the public API (include/partyscreen) or a library's
      endif()
      if(NOT module IN_LIST modules)
        message(FATAL_ERROR "${f}: includes ${module}/${header}, but module ${module} is configured "
                            "after ${name} (src/CMakeLists.txt lists modules in dependency order)")
      endif()
      get_property(exports GLOBAL PROPERTY PARTYSCREEN_EXPORTS_${module})
      if(NOT exports)
        set(exports "none")
      endif()
      if(NOT "*" IN_LIST exports AND NOT header IN_LIST exports)
        message(FATAL_ERROR "${f}: includes ${module}/${header}, a private header of module "
                            "${module} (its EXPORTS in src/${module}/CMakeLists.txt: ${exports})")
      endif()
    endforeach()
  endforeach()
endfunction()

function(partyscreen_module_test name)
  # One test binary per *_test.cc (named <module>_<file>), so a test in progress never blocks
  # another module's build. Each links the module library plus DEPS.
  # SLOW: file stems (without _test) whose tests are slow (real lists end to end, servers, crash
  # tests). Each test gets one label, "<module>-slow" or "<module>-fast": ctest -L takes a regular
  # expression, so -L fast (scripts/test-fast.sh), -L slow and -L <module> all select by it (one
  # label because gtest_discover_tests does not pass a list of them through).
  cmake_parse_arguments(ARG "" "" "DEPS;SLOW" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cc)
  include(GoogleTest)
  foreach(src ${srcs})
    get_filename_component(stem ${src} NAME_WE)
    set(exe ${name}_${stem})
    string(REGEX REPLACE "_test$" "" exe ${exe})
    set(exe ${exe}_test)
    add_executable(${exe} ${src})
    target_include_directories(${exe} PRIVATE ${PROJECT_SOURCE_DIR}/tests)  # "support/..."
    target_link_libraries(${exe} PRIVATE partyscreen_${name} ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
    target_compile_definitions(${exe} PRIVATE
      PARTYSCREEN_SHARED_DIR="${PARTYSCREEN_SHARED_DIR}" PARTYSCREEN_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
      PARTYSCREEN_BINARY="$<TARGET_FILE:partyscreen>")
    add_dependencies(${exe} partyscreen)
    string(REGEX REPLACE "_test$" "" short ${stem})
    set(speed fast)
    if(short IN_LIST ARG_SLOW)
      set(speed slow)
    endif()
    gtest_discover_tests(${exe} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} DISCOVERY_TIMEOUT 120
                         PROPERTIES LABELS "${name}-${speed}")
  endforeach()
endfunction()

# Compiles data files into a module so the binary works from any directory: each file becomes
#   extern const std::string_view partyscreen::embedded::k_<file name as C identifier>;
# in a generated .cc added to partyscreen_<name>. Editing a file re-runs CMake.
function(partyscreen_embed_files name dir)
  set(generated ${CMAKE_CURRENT_BINARY_DIR}/embedded_${name}.cc)
  set(content "// Generated by partyscreen_embed_files (cmake/partyscreen_module.cmake). Do not edit.\n")
  string(APPEND content "#include <string_view>\nnamespace partyscreen::embedded {\n")
  foreach(f ${ARGN})
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${dir}/${f})
    file(READ ${dir}/${f} text)
    string(FIND "${text}" ")__table__" delimiter_at)
    if(NOT delimiter_at EQUAL -1)
      message(FATAL_ERROR "${dir}/${f} contains the raw-string delimiter )__table__")
    endif()
    string(MAKE_C_IDENTIFIER ${f} ident)
    string(APPEND content "extern const std::string_view k_${ident} = R\"__table__(${text})__table__\";\n")
  endforeach()
  string(APPEND content "}  // namespace partyscreen::embedded\n")
  file(CONFIGURE OUTPUT ${generated} CONTENT "${content}" @ONLY)
  target_sources(partyscreen_${name} PRIVATE ${generated})
endfunction()
