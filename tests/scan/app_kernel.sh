#!/bin/bash
# app_kernel.sh BUILD SCAN UHYVE_RUN FULL_KERNEL -- PROGRAM [ARGS...]
# Builds a per-application kernel for PROGRAM with cocoon-build (BUILD) --rewrite, checks
# that it runs PROGRAM, and the rewritten PROGRAM.fast, with the same output and status as
# natively (compare.sh), and that its syscalls (sys_* symbols) are exactly those of the full
# kernel that cocoon-scan (SCAN) found.
set -u
build=$1 scan=$2 uhyve_run=$3 full=$4
shift 5
prog=$1
here=$(dirname "$0")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! "$build" "$prog" -o "$work/out" --rewrite --full-kernel "$full"; then
	echo "FAIL: cocoon-build failed"
	exit 1
fi
kernel=$work/out/cocoon-kernel
syscalls() { nm "$1" | sed -nE 's/^[0-9a-f]+ [Tt] sys_([a-z0-9_]+)$/\1/p' | sort -u; }
syscalls "$full" >"$work/full"
syscalls "$kernel" >"$work/app"
"$scan" --list "$prog" | sort >"$work/found"
if grep -qx ALL "$work/found"; then
	cp "$work/full" "$work/want"
else
	comm -12 "$work/full" "$work/found" >"$work/want"
fi
if ! diff -u "$work/want" "$work/app"; then
	echo "FAIL: the kernel's syscalls (+) are not the implemented ones cocoon-scan found (-)"
	exit 1
fi
absent=$(comm -23 "$work/full" "$work/app" | head -1)
echo "kernel has $(wc -l <"$work/app") of $(wc -l <"$work/full") syscalls${absent:+; e.g. sys_$absent is absent}"
bash "$here/../lib/compare.sh" --uhyve-run "$uhyve_run" --uhyve-opt "--kernel=$kernel" -- "$@" || exit # 77 (no /dev/kvm) stays a skip
shift
bash "$here/../lib/compare.sh" --uhyve-run "$uhyve_run" --uhyve-opt "--kernel=$kernel" -- "$work/out/${prog##*/}.fast" "$@"
