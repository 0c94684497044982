# Tests of the documentation (included from the top-level CMakeLists.txt).
# citations: configs, README.md, docs/, sim/, plot/ and tests/ cite only
# documents in the repository, and only sections those documents have;
# citations_self_test: the checker reports planted bad citations.
find_program(TWSIM_DOCS_PYTHON3 python3)
if(TWSIM_DOCS_PYTHON3)
  add_test(NAME citations COMMAND ${TWSIM_DOCS_PYTHON3}
           ${CMAKE_CURRENT_SOURCE_DIR}/tests/docs/check_citations.py ${CMAKE_CURRENT_SOURCE_DIR})
  add_test(NAME citations_self_test COMMAND ${TWSIM_DOCS_PYTHON3}
           ${CMAKE_CURRENT_SOURCE_DIR}/tests/docs/check_citations.py --self-test)
endif()
# measure_recipes: docs/measure.md and docs/measure/*.bt agree, and each script
# passes bpftrace's dry run; SKIPPED (exit 77) where bpftrace is not installed.
add_test(NAME measure_recipes COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/docs/measure_recipes.sh
         ${CMAKE_CURRENT_SOURCE_DIR})
set_tests_properties(measure_recipes PROPERTIES SKIP_RETURN_CODE 77)
