# One shape per module: src/<module>/*.cc (minus *_test.cc) becomes the static library
# partyscreen_<module>; tests/<module>/*_test.cc becomes the test binary <module>_test.
function(partyscreen_module name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  list(FILTER srcs EXCLUDE REGEX "_test\\.cc$")
  add_library(partyscreen_${name} STATIC ${srcs})
  target_include_directories(partyscreen_${name} PUBLIC ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(partyscreen_${name} PUBLIC ${ARG_DEPS})
  target_compile_definitions(partyscreen_${name} PUBLIC
    PARTYSCREEN_DATA_DIR="${PARTYSCREEN_DATA_DIR}" PARTYSCREEN_VERSION="${PROJECT_VERSION}")
endfunction()

function(partyscreen_module_test name)
  cmake_parse_arguments(ARG "" "" "DEPS;LABELS" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cc)
  if(NOT srcs)
    return()
  endif()
  add_executable(${name}_test ${srcs})
  target_link_libraries(${name}_test PRIVATE partyscreen_${name} ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${name}_test PRIVATE
    PARTYSCREEN_SHARED_DIR="${PARTYSCREEN_SHARED_DIR}" PARTYSCREEN_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    PARTYSCREEN_BINARY="$<TARGET_FILE:partyscreen>")
  include(GoogleTest)
  gtest_discover_tests(${name}_test WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} DISCOVERY_TIMEOUT 60
                       PROPERTIES LABELS "${name};${ARG_LABELS}")
  add_dependencies(${name}_test partyscreen)
endfunction()
