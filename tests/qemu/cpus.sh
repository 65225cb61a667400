#!/usr/bin/env bash
# Boots the kernel under QEMU with N vCPUs and checks that the program sees N CPUs:
# busybox nproc counts the CPUs in sched_getaffinity's mask, which holds the CPUs the
# kernel started (by INIT-SIPI-SIPI under QEMU; the kernel panics if one never comes).
#
# Usage: cpus.sh QEMU_RUN BUSYBOX N [QEMU_RUN_OPTIONS...]
set -euo pipefail

if [[ $# -lt 3 ]]; then
	sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
	exit 2
fi
qemu_run=$1 busybox=$2 n=$3
shift 3
status=0
out=$(timeout -k 5 60 "$qemu_run" --quiet --cpus "$n" "$@" "$busybox" nproc 2>&1) || status=$?
if [[ $status != 0 || $out != "$n" ]]; then
	echo "FAIL: qemu-run --cpus $n $* busybox nproc: status $status, output:"
	printf '%s\n' "$out" | head -n 10 | sed 's/^/    /'
	exit 1
fi
echo "PASS: the kernel booted under QEMU with $n vCPUs ($*), the program sees $n CPUs"
