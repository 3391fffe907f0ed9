# Fails when a C++ source of the project differs from the layout of .clang-format.
# Run by ctest as `format.clang_format`; `make format` fixes every file.
#   cmake -DCLANG_FORMAT=... -DSOURCE_DIR=... -P format_check.cmake
file(GLOB_RECURSE sources
     ${SOURCE_DIR}/models/*.cpp ${SOURCE_DIR}/models/*.hpp
     ${SOURCE_DIR}/sim/*.cpp ${SOURCE_DIR}/sim/*.hpp
     ${SOURCE_DIR}/tests/*.cpp ${SOURCE_DIR}/tests/*.hpp
     ${SOURCE_DIR}/python/src/*.cpp ${SOURCE_DIR}/python/src/*.hpp)
set(unformatted "")
foreach(source IN LISTS sources)
  execute_process(COMMAND ${CLANG_FORMAT} --style=file --dry-run --Werror ${source}
                  RESULT_VARIABLE status OUTPUT_QUIET ERROR_QUIET)
  if(NOT status EQUAL 0)
    file(RELATIVE_PATH relative ${SOURCE_DIR} ${source})
    list(APPEND unformatted ${relative})
  endif()
endforeach()
list(LENGTH sources checked)
if(unformatted)
  list(JOIN unformatted "\n  " listing)
  message(FATAL_ERROR "These files differ from the layout of .clang-format:\n  ${listing}\n"
                      "Run `make format` (clang-format -i) and commit the result.")
endif()
message(STATUS "${checked} C++ files follow .clang-format")
