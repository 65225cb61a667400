# Network tests (label net) and benchmark (target bench-net): the guest side is
# tests/progs/net_peer.c (musl and glibc, static), the host side tests/net_driver.c (native),
# run in namespaces of their own by net_tap.sh and bench/netbench.sh.
# Uses from tests/: out_dir, progs_dir, prog_cflags, COCOON_MUSL_GCC, COCOON_GCC, COCOON_BASH,
# COCOON_BUSYBOX, busybox_problem, uhyve_run.

set(net_outputs)
foreach(libc musl glibc)
  if(libc STREQUAL "musl")
    set(cc "${COCOON_MUSL_GCC}")
  else()
    set(cc "${COCOON_GCC}")
  endif()
  add_custom_command(
    OUTPUT "${out_dir}/net_peer.${libc}"
    COMMAND "${cc}" ${prog_cflags} -static -o "${out_dir}/net_peer.${libc}" "${progs_dir}/net_peer.c"
    DEPENDS "${progs_dir}/net_peer.c"
    COMMENT "Building test program net_peer.${libc}"
    VERBATIM)
  list(APPEND net_outputs "${out_dir}/net_peer.${libc}")
endforeach()
add_custom_target(cocoon-net-programs ALL DEPENDS ${net_outputs})
add_executable(net_driver net_driver.c)
set_target_properties(net_driver PROPERTIES C_STANDARD 17 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
target_compile_options(net_driver PRIVATE -Wall -Wextra -Werror)

set(net_tap "${CMAKE_CURRENT_SOURCE_DIR}/net_tap.sh")
foreach(libc musl glibc)
  foreach(case echo udp get connect)
    add_test(NAME net/${case}.${libc}
             COMMAND "${COCOON_BASH}" "${net_tap}" "${uhyve_run}" "$<TARGET_FILE:net_driver>" ${case}
                     "${out_dir}/net_peer.${libc}")
    set_tests_properties(net/${case}.${libc} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120 LABELS "vm;net")
  endforeach()
endforeach()
foreach(case busybox-nc busybox-wget)
  if(busybox_problem)
    add_test(NAME net/${case} COMMAND "${COCOON_BASH}" -c "echo \"SKIP: $0\"; exit 77" "${busybox_problem}")
  else()
    add_test(NAME net/${case}
             COMMAND "${COCOON_BASH}" "${net_tap}" "${uhyve_run}" "$<TARGET_FILE:net_driver>" ${case}
                     "${COCOON_BUSYBOX}")
  endif()
  set_tests_properties(net/${case} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120 LABELS "vm;net;busybox")
endforeach()
