# The functions the test folders declare their tests with (included by tests/CMakeLists.txt).
# A test's name starts with its folder's name, which is also its first ctest label: the
# folder, the name and `ctest -L` agree. Exit status 77 reports a skip, with the reason printed.
#
# Arguments with spaces pass through these functions, empty ones do not (CMake drops them):
# a test with an empty argument calls add_test itself, then cocoon_test_properties.

# cocoon_test_properties(NAME [TIMEOUT SECS] [LABELS LABEL...]): a test's time limit (60 s by
# default), its labels (its folder's, then LABELS) and skip status; NAME must start with
# the folder's name.
function(cocoon_test_properties name)
  cmake_parse_arguments(PARSE_ARGV 1 t "" "TIMEOUT" "LABELS")
  get_filename_component(folder "${CMAKE_CURRENT_SOURCE_DIR}" NAME)
  if(NOT name MATCHES "^${folder}/")
    message(FATAL_ERROR "test ${name} is declared in tests/${folder}/: its name must start with ${folder}/")
  endif()
  if(NOT t_TIMEOUT)
    set(t_TIMEOUT 60)
  endif()
  set(labels ${folder} ${t_LABELS})
  list(REMOVE_DUPLICATES labels)
  set_tests_properties("${name}" PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT "${t_TIMEOUT}" LABELS "${labels}")
endfunction()

# cocoon_test(NAME [TIMEOUT SECS] [LABELS LABEL...] COMMAND ARGS...)
function(cocoon_test name)
  cmake_parse_arguments(PARSE_ARGV 1 t "" "TIMEOUT" "LABELS;COMMAND")
  add_test(NAME "${name}" COMMAND ${t_COMMAND})
  cocoon_test_properties("${name}" TIMEOUT "${t_TIMEOUT}" LABELS ${t_LABELS})
endfunction()

# cocoon_skipped_test(NAME REASON [LABELS LABEL...]): a test that cannot run in this build
# (a missing tool): reported as skipped with REASON every time, never passed.
function(cocoon_skipped_test name reason)
  cmake_parse_arguments(PARSE_ARGV 2 t "" "" "LABELS")
  cocoon_test("${name}" LABELS ${t_LABELS} COMMAND "${COCOON_BASH}" -c "echo \"SKIP: $0\"; exit 77" "${reason}")
endfunction()

# The command that runs compare.sh (tests/lib/compare.sh) in a new temporary directory,
# @DIR@ in its arguments standing for it: for programs given a directory to mount.
set(cocoon_in_tmpdir "${COCOON_BASH}" "${CMAKE_CURRENT_LIST_DIR}/in_tmpdir.sh")
# The same with @DIR@ and @BIN@ (busybox's applets) mounted: for programs that start others.
set(cocoon_with_busybox "${COCOON_BASH}" "${CMAKE_CURRENT_LIST_DIR}/../proc/proc.sh" "${COCOON_BUSYBOX}")

# cocoon_compare(NAME [TIMEOUT SECS] [LABELS LABEL...] [TMPDIR|BUSYBOX] [NO_TRAP] ARGS COMPARE_ARGS...):
# compare.sh with uhyve-run: the program run natively and in the VM must behave the same.
# TMPDIR: @DIR@ in COMPARE_ARGS is a new empty directory. BUSYBOX: that, and @BIN@ a
# directory of busybox applets (tests/proc/proc.sh). Tests in vm/ whose program has
# symbols (it runs rewritten by default) run again with every syscall trapping, as
# vm/trap/..., unless NO_TRAP.
function(cocoon_compare name)
  cmake_parse_arguments(PARSE_ARGV 1 c "TMPDIR;BUSYBOX;NO_TRAP" "TIMEOUT" "LABELS;ARGS")
  set(run "${COCOON_BASH}" "${compare}")
  if(c_TMPDIR)
    set(run ${cocoon_in_tmpdir} ${run})
  elseif(c_BUSYBOX)
    set(run ${cocoon_with_busybox} ${run})
  endif()
  cocoon_test("${name}" TIMEOUT "${c_TIMEOUT}" LABELS vm ${c_LABELS}
              COMMAND ${run} --uhyve-run "${uhyve_run}" ${c_ARGS})
  if(name MATCHES "^vm/(.*)" AND NOT c_NO_TRAP)
    cocoon_test("vm/trap/${CMAKE_MATCH_1}" TIMEOUT "${c_TIMEOUT}" LABELS vm trap ${c_LABELS}
                COMMAND ${run} --uhyve-run "${uhyve_run}" --uhyve-opt --no-rewrite ${c_ARGS})
  endif()
endfunction()

# cocoon_qemu_compare(NAME [TIMEOUT SECS] [LABELS LABEL...] [TMPDIR|BUSYBOX] [KVM] ARGS COMPARE_ARGS...):
# compare.sh with qemu-run as the VM, which runs under TCG where KVM is missing. KVM: only
# with KVM (qemu-run --accel=kvm), skipped without it, for programs whose output differs
# under QEMU's TCG from the hardware's. Each run may take the test's time limit less 20 s
# (compare.sh's own default, 50 s, is for KVM; TCG runs some programs near it).
function(cocoon_qemu_compare name)
  cmake_parse_arguments(PARSE_ARGV 1 c "TMPDIR;BUSYBOX;KVM" "TIMEOUT" "LABELS;ARGS")
  if(NOT c_TIMEOUT)
    set(c_TIMEOUT 120)
  endif()
  if(NOT COCOON_QEMU)
    cocoon_skipped_test("${name}" "qemu-system-x86_64 not found (Debian: apt-get install qemu-system-x86)"
                        LABELS ${c_LABELS})
    return()
  endif()
  set(run "${COCOON_BASH}" "${compare}")
  if(c_TMPDIR)
    set(run ${cocoon_in_tmpdir} ${run})
  elseif(c_BUSYBOX)
    set(run ${cocoon_with_busybox} ${run})
  endif()
  if(c_KVM)
    set(accel --uhyve-opt --accel=kvm)
  else()
    set(accel --no-kvm-ok)
  endif()
  math(EXPR run_limit "${c_TIMEOUT} - 20")
  cocoon_test("${name}" TIMEOUT "${c_TIMEOUT}" LABELS ${c_LABELS}
              COMMAND env "COCOON_KERNEL=$<TARGET_FILE:cocoon-kernel>" ${run} ${accel} --timeout ${run_limit}
                      --uhyve-run "${qemu_run}" ${c_ARGS})
endfunction()
