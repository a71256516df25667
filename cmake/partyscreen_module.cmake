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
  # One test binary per *_test.cc (named <module>_<file>), so a test in progress never blocks
  # another module's build. Each links the module library plus DEPS.
  cmake_parse_arguments(ARG "" "" "DEPS;LABELS" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cc)
  include(GoogleTest)
  foreach(src ${srcs})
    get_filename_component(stem ${src} NAME_WE)
    set(exe ${name}_${stem})
    string(REGEX REPLACE "_test$" "" exe ${exe})
    set(exe ${exe}_test)
    add_executable(${exe} ${src})
    target_link_libraries(${exe} PRIVATE partyscreen_${name} ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
    target_compile_definitions(${exe} PRIVATE
      PARTYSCREEN_SHARED_DIR="${PARTYSCREEN_SHARED_DIR}" PARTYSCREEN_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
      PARTYSCREEN_BINARY="$<TARGET_FILE:partyscreen>")
    add_dependencies(${exe} partyscreen)
    gtest_discover_tests(${exe} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} DISCOVERY_TIMEOUT 120
                         PROPERTIES LABELS "${name};${ARG_LABELS}")
  endforeach()
endfunction()
