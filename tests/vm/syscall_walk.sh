#!/usr/bin/env bash
# Walks every syscall number of <asm/unistd_64.h> in the VM, and a few past its end
# (tests/progs/syscall_walk.c), and checks that the numbers not answered ENOSYS are exactly
# the kernel's syscall table (generated/syscall_table.h, SYSCALLS_BUILT) and, given DOCS,
# exactly the syscalls docs/syscalls.md lists as implemented. No call may end its caller.
#
# Usage: syscall_walk.sh [--need-kvm] RUNNER PROGRAM UNISTD_64_H SYSCALL_TABLE_H DOCS|- [RUNNER_OPTIONS...]
#   --need-kvm  skip without /dev/kvm (RUNNER is uhyve-run)
set -euo pipefail
. "$(dirname "$0")/../lib/lib.sh"

[[ ${1:-} == --need-kvm ]] && shift && need_kvm
[[ $# -ge 5 ]] || usage
runner=$1 prog=$2 unistd=$3 table=$4 docs=$5
shift 5

# "NR NAME" for every syscall Linux defines.
names=$(sed -n 's/^#define __NR_\([a-z0-9_]*\) \([0-9]*\)$/\2 \1/p' "$unistd" | sort -n)
max=$(tail -n 1 <<<"$names" | cut -d' ' -f1)
numbers=(0 $((max + 8)) 1000 0x40000000 -1)
expected_lines=$((max + 9 + 3))

err=$(mktemp)
trap 'rm -f "$err"' EXIT
status=0
out=$(timeout -k 5 100 "$runner" --quiet "$@" "$prog" "${numbers[@]}" 2>"$err") || status=$?
if [[ $status != 0 || $(wc -l <<<"$out") != "$expected_lines" ]]; then
	echo "FAIL: $runner $* $prog ${numbers[*]}: status $status, $(wc -l <<<"$out") lines of $expected_lines; stderr:"
	head -n 20 "$err" | sed 's/^/    /'
	exit 1
fi

named() {
	join -a 1 -e '?' -o 1.1,2.2 <(sort -k1,1 <<<"$1") <(sort -k1,1 <<<"$names") | sort -n | tr '\n' ' '
}

bad=$(grep -Ev '^-?[0-9]+ (implemented|ENOSYS)$' <<<"$out" || true)
walked=$(awk '$2 == "implemented" { print $1 }' <<<"$out" | sort)
built=$(sed -n '/^#define SYSCALLS_BUILT/,$s/^.*X(\([0-9]*\), [a-z0-9_]*).*$/\1/p' "$table" | sort)
[[ -n $built ]] || fail "no SYSCALLS_BUILT entries in $table"

problems=
report() { # WHAT NUMBERS
	[[ -z $2 ]] && return
	echo "$1: $(named "$2")"
	problems=1
}
[[ -n $bad ]] && { echo "calls that ended their caller:"; sed 's/^/    /' <<<"$bad"; problems=1; }
report "implemented but not in the syscall table" "$(comm -23 <(echo "$walked") <(echo "$built"))"
report "in the syscall table but ENOSYS" "$(comm -13 <(echo "$walked") <(echo "$built"))"
if [[ $docs != - ]]; then
	documented=$(sed -n 's/^| \([0-9]*\) | [a-z0-9_]* | \[syscalls\/.*$/\1/p' "$docs" | sort)
	report "implemented but not in $docs" "$(comm -23 <(echo "$walked") <(echo "$documented"))"
	report "in $docs but ENOSYS" "$(comm -13 <(echo "$walked") <(echo "$documented"))"
fi
[[ -n $problems ]] && fail "the syscalls the kernel answers differ from its table"
echo "PASS: $(wc -l <<<"$walked") of $expected_lines numbers (0..$((max + 8)), 1000, 0x40000000, -1) implemented, as $table and $docs say"
