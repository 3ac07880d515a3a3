# Fails the build of a test binary when one of its Catch2 test names holds a
# ';': CTest takes ';' as a list separator, so catch_discover_tests registers
# such a test under a cut name that matches nothing, and it never runs.
#   cmake -DTEST_EXECUTABLE=<binary> -P check_test_names.cmake
execute_process(COMMAND "${TEST_EXECUTABLE}" --list-test-names-only
  OUTPUT_VARIABLE names RESULT_VARIABLE result)
if(result LESS 0)
  message(FATAL_ERROR "cannot list the tests of ${TEST_EXECUTABLE}: ${result}")
endif()
# Each line a name; bracket the ';' so that CMake keeps the line whole.
string(REPLACE ";" "<semicolon>" names "${names}")
string(REPLACE "\n" ";" names "${names}")
set(bad "")
foreach(name IN LISTS names)
  if(name MATCHES "<semicolon>")
    string(REPLACE "<semicolon>" ";" name "${name}")
    string(APPEND bad "\n  ${name}")
  endif()
endforeach()
if(bad)
  message(FATAL_ERROR "${TEST_EXECUTABLE}: a test name must not contain ';' (CTest would never run it; "
                      "write ', ' or ' - ' instead):${bad}")
endif()
