cmake_minimum_required(VERSION 3.21)
# Fails if a C++ file under sim/ or tests/ differs from what clang-format
# (.clang-format: Google style, 100 columns) makes of it. Run as the `format`
# test: cmake -DSOURCE_DIR=... -DCLANG_FORMAT=... -P check_format.cmake
file(GLOB_RECURSE files "${SOURCE_DIR}/sim/*.h" "${SOURCE_DIR}/sim/*.cc"
     "${SOURCE_DIR}/tests/*.h" "${SOURCE_DIR}/tests/*.cc")
execute_process(COMMAND "${CLANG_FORMAT}" --dry-run -Werror ${files}
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "not clang-formatted (run clang-format -i on them):\n${err}")
endif()
message(STATUS "every file is clang-formatted")
