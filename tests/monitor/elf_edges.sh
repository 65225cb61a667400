#!/usr/bin/env bash
# ELF edge cases uhyve-run must refuse with 126 and one line before any VM exists (the
# kernel would panic on them, 125): a position-independent program whose segments end
# in the kernel's half once loaded at its base, loadable segments on one page, and a
# segment whose file offset and address disagree within a page (Linux's mmap refuses it
# too), refused the same with and without --no-rewrite.
#
# Usage: elf_edges.sh CASE UHYVE_RUN PROGRAM_DIR
#   CASE: pie_too_high overlapping_segments misaligned_segment
set -euo pipefail
case_name=$1 uhyve_run=$2 progs=$3
source "$(dirname -- "${BASH_SOURCE[0]}")/../lib/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf -- "$tmp"' EXIT

# u64 FILE OFFSET: the little-endian number there.  put64 FILE OFFSET VALUE: overwrite it.
u64() { od -An -t u8 -j "$2" -N 8 "$1" | tr -d ' '; }
put64() {
	local v=$3 bytes= i
	for i in 0 1 2 3 4 5 6 7; do
		bytes+=$(printf '\\x%02x' $(((v >> (8 * i)) & 255)))
	done
	printf %b "$bytes" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}
# phdr FILE N: the offset of the Nth program header.
phdr() { echo $(($(u64 "$1" 32) + 56 * $2)); }

# run [OPTION...] FILE: uhyve-run's status and stderr, into $status and $err.
run() {
	status=0
	err=$("$uhyve_run" "$@" 2>&1 >/dev/null) || status=$?
}
expect() {
	local want_text=$1
	[[ $status -eq 126 ]] || fail "status $status, not 126 ($err)"
	[[ $(wc -l <<<"$err") -eq 1 && $err == "uhyve-run: "* && $err == *"$want_text"* ]] ||
		fail "expected one line with '$want_text', got: $err"
}

case $case_name in
pie_too_high)
	prog=$tmp/pie
	cp "$progs/raw_syscalls.pie" "$prog"
	# The last PT_LOAD (the fourth) grows to 0x300000000000 bytes: from 0x555555554000 that is past 0x700000000000.
	put64 "$prog" $(($(phdr "$prog" 3) + 40)) $((0x300000000000))
	run "$prog"
	expect "overlap the kernel's address space"
	;;
overlapping_segments)
	prog=$tmp/overlap
	cp "$progs/exit_code.musl" "$prog"
	# The third PT_LOAD (read-only data at 0x402000) moved onto the code's page, 0x401000.
	put64 "$prog" $(($(phdr "$prog" 2) + 16)) $((0x401000))
	put64 "$prog" $(($(phdr "$prog" 2) + 24)) $((0x401000))
	run --no-rewrite "$prog"
	expect "loadable segments overlap"
	;;
misaligned_segment)
	prog=$tmp/misaligned
	cp "$progs/exit_code.musl" "$prog"
	# The first PT_LOAD at 0x400010 from file offset 0, alignment 1.
	put64 "$prog" $(($(phdr "$prog" 0) + 16)) $((0x400010))
	put64 "$prog" $(($(phdr "$prog" 0) + 24)) $((0x400010))
	put64 "$prog" $(($(phdr "$prog" 0) + 48)) 1
	run --no-rewrite "$prog"
	expect "bad segment 0"
	first=$err
	run "$prog"
	expect "bad segment 0"
	[[ $err == "$first" ]] || fail "rewritten: '$err', with --no-rewrite: '$first'"
	;;
*) fail "no case $case_name" ;;
esac
echo "PASS: $case_name refused with 126: $err"
