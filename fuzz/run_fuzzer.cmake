# Runs one libFuzzer target for SECONDS over a fresh working corpus seeded from SEEDS (folders
# that may be absent). Fails on any crash, leak or sanitizer report.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(seed_dirs)
foreach(dir ${SEEDS})
  if(IS_DIRECTORY ${dir})
    list(APPEND seed_dirs ${dir})
  else()
    message(STATUS "fuzz: seed folder ${dir} absent, skipped")
  endif()
endforeach()
execute_process(
  COMMAND ${FUZZER} -max_total_time=${SECONDS} -max_len=65536 -rss_limit_mb=2048 -timeout=10
          -print_final_stats=1 ${WORK} ${seed_dirs}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "fuzz target ${FUZZER} failed with status ${rc}")
endif()
