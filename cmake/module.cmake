# tributary_module(NAME [DEPS targets...])
#
# Every folder under src/ is one module: its *.cc files (minus *_test.cc) form the static
# library trib_<NAME>; its *_test.cc files form the GoogleTest binary <NAME>_test (ctest label
# "unit": no services needed); its *_itest.cc files form <NAME>_itest (label "integration": they
# need the real services that scripts/services starts, found through the TRIB_* environment
# variables it exports). Headers are included as "NAME/file.h" from the src/ root.
function(tributary_module name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  file(GLOB_RECURSE tests CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cc)
  file(GLOB_RECURSE itests CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_itest.cc)
  if(tests OR itests)
    list(REMOVE_ITEM sources ${tests} ${itests})
  endif()
  list(FILTER sources EXCLUDE REGEX "/main\\.cc$")
  if(sources)
    add_library(trib_${name} STATIC ${sources})
    target_include_directories(trib_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(trib_${name} PUBLIC ${ARG_DEPS})
  else()
    add_library(trib_${name} INTERFACE)
    target_include_directories(trib_${name} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(trib_${name} INTERFACE ${ARG_DEPS})
  endif()
  if(tests)
    add_executable(${name}_test ${tests})
    target_link_libraries(${name}_test PRIVATE trib_${name} GTest::gtest GTest::gtest_main GTest::gmock)
    target_compile_definitions(${name}_test PRIVATE
        TRIBUTARY_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    gtest_discover_tests(${name}_test DISCOVERY_TIMEOUT 60
        PROPERTIES LABELS unit ENVIRONMENT "TRIBUTARY_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
  endif()
  if(itests)
    add_executable(${name}_itest ${itests})
    target_link_libraries(${name}_itest PRIVATE trib_${name} GTest::gtest GTest::gtest_main GTest::gmock)
    target_compile_definitions(${name}_itest PRIVATE
        TRIBUTARY_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    gtest_discover_tests(${name}_itest DISCOVERY_TIMEOUT 60
        PROPERTIES LABELS integration ENVIRONMENT "TRIBUTARY_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
  endif()
endfunction()
