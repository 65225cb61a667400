#!/usr/bin/env bash
# Checks that uhyve-run rejects a bad program or option with the right exit status and
# exactly one line on stderr starting with "uhyve-run: " (and nothing on stdout).
# These checks happen before KVM is opened, so they do not need /dev/kvm, but for
# too_big_for_memory under uhyve-run, which asks KVM for the guest's memory first: skipped
# there without /dev/kvm.
#
# Usage: bad_input.sh CASE UHYVE_RUN PROGRAM_DIR [PREFIX]
#   PREFIX: an extended regular expression the line must start with instead (another runner)
#   CASE: missing_file directory not_elf truncated_elf elf32 not_x86_64 dynamic (its
#         interpreter in no mount) rewrite_dynamic root_relative too_big_for_memory
#         bad_option not_tap bad_ip bad_ip6 rewrite_stripped kernel_abi
#   PROGRAM_DIR: where the test build put hello.glibc, hello.dynamic and big_data.glibc
set -euo pipefail

if [[ $# -ne 3 && $# -ne 4 ]]; then
	sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
	exit 2
fi
case_name=$1 uhyve_run=$2 progs=$3 prefix=${4:-uhyve-run: }

die() {
	echo "bad_input.sh: $*" >&2
	exit 2
}
source "$(dirname -- "${BASH_SOURCE[0]}")/../lib/lib.sh"
[[ -x $uhyve_run && -f $uhyve_run ]] || die "uhyve-run not found or not executable: $uhyve_run"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cocoon-bad-input.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

need() {
	[[ -f $1 ]] || die "missing test input $1 (was the test build run?)"
}

# patch FILE OFFSET BYTES...: overwrites bytes (given in hex) at OFFSET.
patch() {
	local file=$1 offset=$2
	shift 2
	local b
	for b in "$@"; do
		printf %b "\\x$b" | dd of="$file" bs=1 seek="$offset" conv=notrunc status=none
		offset=$((offset + 1))
	done
}

hello=$progs/hello.glibc
opts=()
want_status=126
want_text=
case $case_name in
missing_file)
	target=$tmp/no-such-program
	want_status=127
	;;
directory)
	target=$tmp
	;;
not_elf)
	target=$tmp/not-elf.txt
	printf 'This is a text file, not a program.\n' >"$target"
	chmod +x "$target"
	;;
truncated_elf)
	need "$hello"
	target=$tmp/truncated.elf
	head -c 100 "$hello" >"$target"
	chmod +x "$target"
	;;
elf32)
	need "$hello"
	target=$tmp/elf32.elf
	cp "$hello" "$target"
	patch "$target" 4 01 # EI_CLASS = ELFCLASS32
	;;
not_x86_64)
	need "$hello"
	target=$tmp/aarch64.elf
	cp "$hello" "$target"
	patch "$target" 18 b7 00 # e_machine = 183 (EM_AARCH64)
	;;
dynamic)
	# Its interpreter is in none of the mounts: uhyve-run without the host's library
	# directories finds that before the VM starts, another runner's kernel when it loads it.
	target=$progs/hello.dynamic
	need "$target"
	want_status=127
	want_text=interpreter
	[[ -n ${4:-} ]] || opts=(--no-host-libs)
	;;
rewrite_dynamic)
	target=$progs/hello.dynamic
	need "$target"
	opts=(--rewrite)
	want_text="--rewrite: .*dynamically linked"
	;;
root_relative)
	need "$hello"
	target=hello.glibc
	opts=(--root "$progs")
	want_status=125
	want_text="absolute"
	;;
too_big_for_memory)
	target=$progs/big_data.glibc
	need "$target"
	# Without PREFIX the runner is uhyve-run, which opens /dev/kvm before it sizes the program.
	[[ -n ${4:-} ]] || need_kvm
	opts=(--mem 16M)
	;;
bad_option)
	need "$hello"
	target=$hello
	opts=(--no-such-option)
	want_status=125
	;;
not_tap)
	need "$hello"
	target=$hello
	opts=(--net tap:lo)
	want_status=125
	want_text="not a tap device"
	;;
bad_ip)
	need "$hello"
	target=$hello
	opts=(--net tap:lo --ip 10.0.2.300/24)
	want_status=125
	want_text="--ip"
	;;
rewrite_stripped)
	need "$hello"
	target=$tmp/stripped
	strip -R .eh_frame -o "$target" "$hello" # without symbols nor .eh_frame: no function bounds
	opts=(--rewrite)
	want_text="--rewrite: .*no symbol table"
	;;
bad_ip6)
	need "$hello"
	target=$hello
	opts=(--net tap:lo --ip6 fd00::15/48)
	want_status=125
	want_text="--ip6"
	;;
kernel_abi)
	# A kernel image whose ABI note (kernel/abi_note.S) names another hypercall.h.
	need "$hello"
	kernel=$(dirname "$uhyve_run")/cocoon-kernel
	need "$kernel"
	cp "$kernel" "$tmp/kernel"
	at=$(LC_ALL=C grep -obUaP '\x07\x00\x00\x00\x08\x00\x00\x00\x01\x00\x00\x00cocoon\x00\x00' "$tmp/kernel" |
		head -n 1 | cut -d: -f1)
	[[ -n $at ]] || die "no ABI note in $kernel"
	patch "$tmp/kernel" $((at + 20)) 00 11 22 33 44 55 66 77
	target=$hello
	opts=(--kernel "$tmp/kernel")
	want_status=125
	want_text="built for another uhyve-run"
	;;
*)
	die "unknown case $case_name"
	;;
esac

cmd=("$uhyve_run" ${opts[@]+"${opts[@]}"} "$target")
{ timeout -k 5 30 "${cmd[@]}" </dev/null >"$tmp/out" 2>"$tmp/err" && status=0 || status=$?; } 2>/dev/null

fail=0
complain() {
	echo "--- $*"
	fail=1
}
[[ $status = "$want_status" ]] || complain "exit status $status, expected $want_status"
lines=$(wc -l <"$tmp/err")
if [[ $lines != 1 || $(tail -c 1 "$tmp/err" | od -An -c | tr -d ' ') != '\n' ]]; then
	complain "stderr is not exactly one line ($lines newlines, $(wc -c <"$tmp/err") bytes)"
fi
grep -Eq "^$prefix" "$tmp/err" || complain "stderr does not start with \"$prefix\""
if [[ -n $want_text ]] && ! grep -qi -- "$want_text" "$tmp/err"; then
	complain "stderr does not mention \"$want_text\""
fi
[[ -s $tmp/out ]] && complain "stdout is not empty ($(wc -c <"$tmp/out") bytes)"

if [[ $fail != 0 ]]; then
	echo "FAIL: bad_input/$case_name: ${cmd[*]@Q}"
	echo "    stderr (first lines):"
	head -n 10 "$tmp/err" | cut -c 1-200 | sed 's/^/      /'
	echo "    stdout (first lines):"
	head -n 5 "$tmp/out" | cut -c 1-200 | sed 's/^/      /'
	exit 1
fi
echo "PASS: bad_input/$case_name: status $status, stderr: $(<"$tmp/err")"
