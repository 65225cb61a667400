# The same kernel under QEMU (tools/qemu-run), compared with native runs like the uhyve-run
# tests (label qemu). qemu-run uses KVM when /dev/kvm is usable, else TCG; the tcg/ tests
# force TCG. Included from tests/CMakeLists.txt, whose variables (compare, out_dir,
# busybox_problem, ...) it uses.
find_program(COCOON_QEMU qemu-system-x86_64)
set(qemu_run "${CMAKE_SOURCE_DIR}/tools/qemu-run")
# The boot benchmark (target bench) times qemu-run too when QEMU is there.
set(bench_qemu)
if(COCOON_QEMU)
  set(bench_qemu -q "${qemu_run}")
endif()

# cocoon_qemu_compare(NAME COMPARE_ARGS...): compare.sh with qemu-run as the VM.
function(cocoon_qemu_compare name)
  if(NOT COCOON_QEMU)
    add_test(NAME qemu/${name} COMMAND "${COCOON_BASH}" -c
             "echo 'SKIP: qemu-system-x86_64 not found (Debian: apt-get install qemu-system-x86)'; exit 77")
  else()
    add_test(NAME qemu/${name} COMMAND env "COCOON_KERNEL=$<TARGET_FILE:cocoon-kernel>"
             "${COCOON_BASH}" "${compare}" --no-kvm-ok --uhyve-run "${qemu_run}" ${ARGN})
  endif()
  set_tests_properties(qemu/${name} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120 LABELS qemu)
endfunction()

foreach(libc musl glibc)
  set(p "${out_dir}")
  cocoon_qemu_compare(${libc}/hello -- "${p}/hello.${libc}")
  cocoon_qemu_compare(${libc}/args_env -- "${p}/args_env.${libc}"
                      one "two words" "" "tab\there" "new\nline" "ünïcødé ✓" --flag=x "'single' \"double\"")
  cocoon_qemu_compare(${libc}/args_env_clear --clear-env --env A=1 --env B=two -- "${p}/args_env.${libc}" x)
  cocoon_qemu_compare(${libc}/stdin_empty -- "${p}/stdin_echo.${libc}")
  # stdin gets a binary file bigger than a pipe buffer, as in the uhyve-run tests.
  cocoon_qemu_compare(${libc}/stdin_pipe --pipe "${p}/float_simd.${libc}" -- "${p}/stdin_echo.${libc}")
  cocoon_qemu_compare(${libc}/stdin_file --stdin "${p}/float_simd.${libc}" -- "${p}/stdin_echo.${libc}")
  cocoon_qemu_compare(${libc}/big_output -- "${p}/big_output.${libc}")
  cocoon_qemu_compare(${libc}/malloc_heavy -- "${p}/malloc_heavy.${libc}")
  cocoon_qemu_compare(${libc}/crash_null_sigsegv --crash SIGSEGV -- "${p}/crash_null.${libc}")
  cocoon_qemu_compare(${libc}/auxv -- "${p}/auxv.${libc}")
  cocoon_qemu_compare(${libc}/float_simd -- "${p}/float_simd.${libc}")
  cocoon_qemu_compare(${libc}/time_sleep -- "${p}/time_sleep.${libc}")
  cocoon_qemu_compare(${libc}/signals -- "${p}/signals.${libc}")
  cocoon_qemu_compare(${libc}/events -- "${p}/events.${libc}")
  cocoon_qemu_compare(${libc}/memory -- "${p}/memory.${libc}")
  cocoon_qemu_compare(${libc}/ptimers -- "${p}/ptimers.${libc}")
  foreach(cpus 1 2)
    cocoon_qemu_compare(${libc}/threads_cpus${cpus} --uhyve-opt --cpus=${cpus} -- "${p}/threads.${libc}")
  endforeach()
  # Under TCG (no x2APIC in QEMU 7.2: the xAPIC timer preempts); on 2 vCPUs there the TLB
  # shootdowns are what keeps a reused thread stack from being reached through a stale entry.
  cocoon_qemu_compare(${libc}/tcg/threads_cpus1 --uhyve-opt --accel=tcg -- "${p}/threads.${libc}")
  cocoon_qemu_compare(${libc}/tcg/threads_cpus2 --uhyve-opt --accel=tcg --uhyve-opt --cpus=2
                      -- "${p}/threads.${libc}")
  cocoon_qemu_compare(${libc}/tcg/time_sleep --uhyve-opt --accel=tcg -- "${p}/time_sleep.${libc}")
  cocoon_qemu_compare(${libc}/tcg/signals --uhyve-opt --accel=tcg -- "${p}/signals.${libc}")
  foreach(code 0 1 42 127 128 200 255 256 -1)
    cocoon_qemu_compare(${libc}/exit_code_${code} -- "${p}/exit_code.${libc}" ${code})
  endforeach()
  cocoon_qemu_compare(${libc}/tcg/hello --uhyve-opt --accel=tcg -- "${p}/hello.${libc}")
  cocoon_qemu_compare(${libc}/tcg/big_output --uhyve-opt --accel=tcg -- "${p}/big_output.${libc}")
  cocoon_qemu_compare(${libc}/tcg/crash_null_sigsegv --uhyve-opt --accel=tcg --crash SIGSEGV -- "${p}/crash_null.${libc}")
  cocoon_qemu_compare(${libc}/tcg/exit_code_200 --uhyve-opt --accel=tcg -- "${p}/exit_code.${libc}" 200)
endforeach()
# Files: a directory mounted as an in-memory copy (a cpio archive after the program).
foreach(libc musl glibc)
  foreach(prog file_calls file_more)
    if(COCOON_QEMU)
      add_test(NAME qemu/${libc}/${prog}
               COMMAND env "COCOON_KERNEL=$<TARGET_FILE:cocoon-kernel>" "${COCOON_BASH}" -c
                       "d=\$(mktemp -d) && trap 'rm -rf \$d' EXIT && \"\$0\" --no-kvm-ok --uhyve-run \"\$1\" --uhyve-opt --mount --uhyve-opt \$d -- \"\$2\" \$d"
                       "${compare}" "${qemu_run}" "${out_dir}/${prog}.${libc}")
      set_tests_properties(qemu/${libc}/${prog} PROPERTIES TIMEOUT 120 LABELS "qemu;files")
    endif()
  endforeach()
endforeach()
if(COCOON_QEMU AND NOT busybox_problem)
  add_test(NAME qemu/files/busybox_applets_on_mount
           COMMAND env "COCOON_KERNEL=$<TARGET_FILE:cocoon-kernel>" "${COCOON_BASH}"
                   "${CMAKE_CURRENT_SOURCE_DIR}/files.sh" "${qemu_run}" "${COCOON_BUSYBOX}" --in-memory)
  set_tests_properties(qemu/files/busybox_applets_on_mount PROPERTIES TIMEOUT 300 LABELS "qemu;files")
endif()

cocoon_qemu_compare(raw/syscalls_match_native -- "${out_dir}/raw_syscalls" one "two words")
cocoon_qemu_compare(raw/syscalls_static_pie -- "${out_dir}/raw_syscalls.pie" one)

# Booting with 1 and 2 vCPUs, with KVM (or TCG without it) and with TCG.
foreach(accel default tcg)
  set(opts)
  if(accel STREQUAL "tcg")
    set(opts --accel tcg)
  endif()
  foreach(cpus 1 2)
    set(name qemu/boot_cpus${cpus}_${accel})
    if(COCOON_QEMU AND NOT busybox_problem)
      add_test(NAME ${name} COMMAND env "COCOON_KERNEL=$<TARGET_FILE:cocoon-kernel>" "${COCOON_BASH}"
               "${CMAKE_CURRENT_SOURCE_DIR}/qemu_cpus.sh" "${qemu_run}" "${COCOON_BUSYBOX}" ${cpus} ${opts})
    else()
      add_test(NAME ${name} COMMAND "${COCOON_BASH}" -c "echo 'SKIP: needs qemu-system-x86_64 and busybox'; exit 77")
    endif()
    set_tests_properties(${name} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120 LABELS qemu)
  endforeach()
endforeach()

# Signals to qemu-run end the program as their default action (no handler can run there).
if(COCOON_QEMU AND NOT busybox_problem)
  foreach(sig INT TERM)
    add_test(NAME qemu/signal_${sig}_ends_program
             COMMAND env "COCOON_KERNEL=$<TARGET_FILE:cocoon-kernel>" "${COCOON_BASH}"
                     "${CMAKE_CURRENT_SOURCE_DIR}/qemu_signal.sh" "${qemu_run}" "${COCOON_BUSYBOX}" ${sig})
    set_tests_properties(qemu/signal_${sig}_ends_program PROPERTIES TIMEOUT 60 LABELS qemu)
  endforeach()
endif()

# Bad input: qemu-run's own errors, and the kernel's when it checks the program.
if(COCOON_QEMU)
  foreach(case missing_file directory not_elf truncated_elf elf32 not_x86_64 dynamic too_big_for_memory bad_option)
    add_test(NAME qemu/bad_input/${case}
             COMMAND env "COCOON_KERNEL=$<TARGET_FILE:cocoon-kernel>" "${COCOON_BASH}"
                     "${CMAKE_CURRENT_SOURCE_DIR}/bad_input.sh" ${case} "${qemu_run}" "${out_dir}"
                     "(qemu-run|cocoon-kernel): ")
    set_tests_properties(qemu/bad_input/${case} PROPERTIES TIMEOUT 60 LABELS "qemu;bad_input")
  endforeach()
endif()
