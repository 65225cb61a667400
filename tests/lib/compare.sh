#!/usr/bin/env bash
# Runs a program natively and under uhyve-run with the same arguments, environment
# and stdin, and fails unless stdout, stderr and the exit status are the same.
#
# Usage: compare.sh [options] [--] PROGRAM [ARGS...]
#   --uhyve-run PATH  the uhyve-run to test (default: $UHYVE_RUN)
#   --stdin FILE      redirect stdin from FILE (default: /dev/null)
#   --pipe FILE       feed FILE to stdin through a pipe (cat FILE | ...)
#   --clear-env       start from an empty environment (natively env -i, in the VM --clear-env)
#   --env K=V         set K=V (natively through env, in the VM with --env); repeatable
#   --uhyve-opt OPT   pass OPT to uhyve-run as well; repeatable
#   --crash SIGNAME   the program is expected to die of SIGNAME (e.g. SIGSEGV): compare only
#                     stdout and status, and require a "uhyve-run: " line naming SIGNAME on
#                     the VM's stderr
#   --brief           print nothing on success
#   --timeout SECS    time limit for each run (default: 50)
#   --no-kvm-ok       the runner needs no /dev/kvm (scripts/qemu-run falls back to TCG): never skip
#   --nofile S:H      both runs start with RLIMIT_NOFILE S (soft) and H (hard, at most ours)
#   --trapped-at-most PCT  run the VM with --syscall-stats, leave its line out of the
#                     comparison, and fail unless at most PCT percent of the syscalls trapped
#   --on-terminal     run both on a new pseudo-terminal, leading its session (on_terminal.py):
#                     stdout is what the terminal showed
# Exit status: 0 same behaviour, 1 different, 2 usage or setup error, 77 /dev/kvm unusable (skip).
set -euo pipefail

usage() {
	sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
	exit 2
}

die() {
	echo "compare.sh: $*" >&2
	exit 2
}

uhyve_run=${UHYVE_RUN:-}
stdin_file=/dev/null
pipe_file=
clear_env=0
envs=()
uhyve_opts=()
crash_sig=
brief=0
limit=50
need_kvm=1
nofile=
trapped_max=
on_terminal=()

while [[ $# -gt 0 ]]; do
	case $1 in
	--uhyve-run) uhyve_run=${2:?}; shift 2 ;;
	--stdin) stdin_file=${2:?}; shift 2 ;;
	--pipe) pipe_file=${2:?}; shift 2 ;;
	--clear-env) clear_env=1; shift ;;
	--env) envs+=("${2:?}"); shift 2 ;;
	--uhyve-opt) uhyve_opts+=("${2:?}"); shift 2 ;;
	--crash) crash_sig=${2:?}; shift 2 ;;
	--brief) brief=1; shift ;;
	--timeout) limit=${2:?}; shift 2 ;;
	--no-kvm-ok) need_kvm=0; shift ;;
	--nofile) nofile=${2:?}; shift 2 ;;
	--trapped-at-most) trapped_max=${2:?}; uhyve_opts+=(--syscall-stats); shift 2 ;;
	--on-terminal) on_terminal=(python3 "$(dirname "$0")/on_terminal.py"); shift ;;
	--help | -h) usage ;;
	--) shift; break ;;
	-*) echo "compare.sh: unknown option $1" >&2; usage ;;
	*) break ;;
	esac
done
[[ $# -ge 1 ]] || usage
if [[ -n $nofile ]]; then
	hard=${nofile#*:}
	[[ $(ulimit -H -n) == unlimited || $(ulimit -H -n) -ge $hard ]] || hard=$(ulimit -H -n)
	ulimit -S -n "${nofile%:*}" && ulimit -H -n "$hard" || die "cannot set RLIMIT_NOFILE to ${nofile%:*}:$hard"
fi
prog=$1
shift

[[ -n $uhyve_run ]] || die "no uhyve-run given (use --uhyve-run PATH or set UHYVE_RUN)"
[[ -x $uhyve_run && -f $uhyve_run ]] || die "uhyve-run not found or not executable: $uhyve_run"
[[ -f $prog ]] || die "test program not found: $prog (was the test build run?)"
[[ -r $stdin_file ]] || die "stdin file not readable: $stdin_file"
[[ -z $pipe_file || -r $pipe_file ]] || die "pipe input file not readable: $pipe_file"
if [[ -n $crash_sig ]]; then
	crash_num=$(kill -l "${crash_sig#SIG}" 2>/dev/null) || die "unknown signal $crash_sig"
	crash_sig=SIG${crash_sig#SIG}
fi

# Every run needs KVM; without it the test is skipped (exit 77), never passed.
kvm_problem() {
	if [[ ! -e /dev/kvm ]]; then
		echo "/dev/kvm does not exist"
	elif [[ ! -c /dev/kvm ]]; then
		echo "/dev/kvm is not a character device"
	elif ! (exec 3<>/dev/kvm) 2>/dev/null; then
		echo "cannot open /dev/kvm for reading and writing as user $(id -un)" \
			"(mode $(stat -c '%A %U:%G' /dev/kvm))"
	fi
}
problem=$(kvm_problem)
if [[ $need_kvm = 1 && -n $problem ]]; then
	echo "SKIP: /dev/kvm not available: $problem"
	exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cocoon-compare.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
ulimit -c 0 # no core files from crashing native runs

# The native run gets the script's environment, changed like uhyve-run changes it.
native_env=()
vm_env=()
[[ $clear_env = 1 ]] && native_env+=(-i) && vm_env+=(--clear-env)
native_env+=(--)
for kv in ${envs[@]+"${envs[@]}"}; do
	native_env+=("$kv")
	vm_env+=(--env "$kv")
done
native_cmd=(${on_terminal[@]+"${on_terminal[@]}"} env "${native_env[@]}" "$prog" "$@")
vm_cmd=(${on_terminal[@]+"${on_terminal[@]}"} "$uhyve_run" --quiet ${uhyve_opts[@]+"${uhyve_opts[@]}"} ${vm_env[@]+"${vm_env[@]}"} "$prog" "$@")

# run NAME COMMAND...: runs under a time limit, saves NAME.out, NAME.err and NAME.status.
# Both runs start from the same "timeout", so bash's "_" variable is the same in both.
run() {
	local name=$1 status start
	shift
	start=$SECONDS
	{
		if [[ -n $pipe_file ]]; then
			cat -- "$pipe_file" | timeout -k 5 "$limit" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" &&
				status=0 || status=${PIPESTATUS[1]}
		else
			timeout -k 5 "$limit" "$@" <"$stdin_file" >"$tmp/$name.out" 2>"$tmp/$name.err" &&
				status=0 || status=$?
		fi
	} 2>/dev/null # silences bash's "Segmentation fault" report for crashing runs
	if [[ $status = 124 ]] && ((SECONDS - start >= limit)); then
		echo "--- $name run timed out after $limit s: ${*@Q}"
		status=timeout
	fi
	echo "$status" >"$tmp/$name.status"
}

is_binary() {
	[[ -s $1 ]] && ! LC_ALL=C grep -qI . "$1"
}

# show_diff WHAT: prints the native and the VM version of WHAT side by side around the
# first difference, truncated.
show_diff() {
	local what=$1 a=$tmp/native.$1 b=$tmp/vm.$1 at line=1 first
	echo "--- $what differs: native $(wc -c <"$a") bytes, uhyve-run $(wc -c <"$b") bytes"
	at=$(LC_ALL=C cmp -- "$a" "$b" 2>&1 | head -n 1 || true)
	echo "    cmp: ${at//"$tmp/"/}"
	if is_binary "$a" || is_binary "$b"; then
		first=$(sed -n 's/.*\(byte\|char\) \([0-9]*\).*/\2/p' <<<"$at")
		first=${first:-1}
		local skip=$(((first - 1) / 16 * 16 - 32))
		((skip < 0)) && skip=0
		od -A d -t x1 -v -j "$skip" -N 128 "$a" >"$tmp/a.dump" || true
		od -A d -t x1 -v -j "$skip" -N 128 "$b" >"$tmp/b.dump" || true
		a=$tmp/a.dump b=$tmp/b.dump
	else
		line=$(sed -n 's/.*line \([0-9]*\).*/\1/p' <<<"$at")
		line=${line:-1}
	fi
	local from=$((line > 5 ? line - 5 : 1))
	if [[ $a = "$tmp/a.dump" ]]; then
		echo "    native (left) vs uhyve-run (right), bytes from $skip:"
	else
		echo "    native (left) vs uhyve-run (right), from line $from:"
	fi
	diff -y -W 160 <(sed -n "$from,$((from + 29))p" "$a") <(sed -n "$from,$((from + 29))p" "$b") |
		sed 's/^/    /' || true
	if (($(wc -l <"$a") > from + 29 || $(wc -l <"$b") > from + 29)); then
		echo "    (truncated)"
	fi
}

run native "${native_cmd[@]}"
run vm "${vm_cmd[@]}"
stats=
if [[ -n $trapped_max ]]; then
	stats=$(grep -E '^[a-z-]+: [0-9]+ syscalls: ' "$tmp/vm.err" | tail -n 1 || true)
	grep -vE '^[a-z-]+: [0-9]+ syscalls: ' "$tmp/vm.err" >"$tmp/vm.err2" || true
	mv "$tmp/vm.err2" "$tmp/vm.err"
fi

native_status=$(<"$tmp/native.status")
vm_status=$(<"$tmp/vm.status")
label="${prog##*/}${*:+ ${*@Q}}"
fail=0

if [[ $native_status != "$vm_status" ]]; then
	echo "--- exit status differs: native $native_status, uhyve-run $vm_status"
	fail=1
fi
if ! cmp -s "$tmp/native.out" "$tmp/vm.out"; then
	show_diff out
	fail=1
fi
if [[ -n $crash_sig ]]; then
	if [[ $native_status != $((128 + crash_num)) ]]; then
		echo "--- the program did not die of $crash_sig natively (status $native_status): broken test program?"
		fail=1
	fi
	if ! grep -q "^${uhyve_run##*/}: .*$crash_sig" "$tmp/vm.err"; then
		echo "--- uhyve-run's stderr has no line \"uhyve-run: ...$crash_sig...\"; it is:"
		head -c 2000 "$tmp/vm.err" | sed 's/^/    /'
		fail=1
	fi
elif ! cmp -s "$tmp/native.err" "$tmp/vm.err"; then
	show_diff err
	fail=1
fi

if [[ -n $trapped_max ]]; then
	share=$(sed -n 's/.*trapped (\([0-9.]*\)%)$/\1/p' <<<"$stats")
	if [[ -z $share ]]; then
		echo "--- no syscall count at the VM's exit (--syscall-stats)"
		fail=1
	elif ! awk -v s="$share" -v m="$trapped_max" 'BEGIN { exit !(s <= m) }'; then
		echo "--- $share% of the syscalls trapped, more than $trapped_max%: $stats"
		fail=1
	fi
fi

if [[ $fail != 0 ]]; then
	echo "FAIL: $label"
	echo "    native:    ${native_cmd[*]@Q}"
	echo "    uhyve-run: ${vm_cmd[*]@Q}"
	[[ -n $pipe_file ]] && echo "    stdin piped from $pipe_file"
	[[ $stdin_file != /dev/null ]] && echo "    stdin from $stdin_file"
	if [[ -s $tmp/vm.err ]] && ! cmp -s "$tmp/native.err" "$tmp/vm.err"; then
		echo "    uhyve-run stderr (first lines):"
		head -n 10 "$tmp/vm.err" | cut -c 1-200 | sed 's/^/      /'
	fi
	exit 1
fi
if [[ $brief = 0 ]]; then
	echo "PASS: $label: status $native_status, stdout $(wc -c <"$tmp/native.out") bytes," \
		"stderr $(wc -c <"$tmp/native.err") bytes${crash_sig:+ (crashed with $crash_sig as expected)}"
	[[ -z $stats ]] || echo "    ${stats#*: }"
fi
exit 0
