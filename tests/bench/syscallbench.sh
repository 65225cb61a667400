#!/usr/bin/env bash
# The syscall benchmark: a null syscall (getppid) natively, under uhyve-run through the
# syscall instruction and after cocoon-rewrite (where getppid is a leaf the trampoline
# calls straight; gettid shows the common entry, with its frame and the kernel lock),
# and a plain function call, in ns per call (median of 5 runs) and as ratios; then the kernel .text of per-application kernels built
# by cocoon-build for the given programs beside the full kernel's.
#
# Usage: syscallbench.sh UHYVE_RUN KERNEL REWRITE BUILD SYSCALLBENCH PROGRAM...
set -euo pipefail
uhyve_run=$1 kernel=$2 rewrite=$3 build=$4 bench=$5
shift 5
out=$(mktemp -d "${TMPDIR:-/tmp}/syscallbench.XXXXXX")
trap 'rm -rf -- "$out"' EXIT
calls=2000000

median() { # COMMAND...: the median of five runs' figures
	for _ in 1 2 3 4 5; do "$@"; done | sort -g | sed -n 3p
}
"$rewrite" "$bench" -o "$out/fast" >"$out/rewrite.txt"
native=$(median "$bench" getppid $calls)
trap_ns=$(median "$uhyve_run" --quiet --no-rewrite --kernel "$kernel" "$bench" getppid $calls)
direct=$(median "$uhyve_run" --quiet --kernel "$kernel" "$out/fast" getppid $calls)
common=$(median "$uhyve_run" --quiet --kernel "$kernel" "$out/fast" gettid $calls)
call=$(median "$bench" call $calls)

echo "null syscall (getppid), ns per call, median of 5 runs of $calls calls"
echo "rewrite: $(cat "$out/rewrite.txt")"
printf '%-26s %10s %14s %12s\n' path ns/call "native/this" "this/call"
row() { awk -v n="$1" -v v="$2" -v native="$native" -v call="$call" \
	'BEGIN { printf "%-26s %10.2f %13.1fx %11.1fx\n", n, v, native / v, v / call }'; }
row "native Linux (syscall)" "$native"
row "uhyve-run, syscall trap" "$trap_ns"
row "uhyve-run, rewritten" "$direct"
row "  (gettid: common entry)" "$common"
row "function call" "$call"

echo
echo "kernel .text: per-application kernels (cocoon-build) beside the full kernel"
printf '%-20s %12s %12s %8s\n' program app-bytes full-bytes share
for prog in "$@"; do
	"$build" "$prog" -o "$out/${prog##*/}" --full-kernel "$kernel" >"$out/build.txt"
	sed -n 's/^\.text: \([0-9]*\) bytes (full kernel \([0-9]*\) bytes: \(.*\))$/\1 \2 \3/p' "$out/build.txt" |
		awk -v p="${prog##*/}" '{ printf "%-20s %12s %12s %8s\n", p, $1, $2, $3 }'
done
