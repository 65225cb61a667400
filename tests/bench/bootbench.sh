#!/usr/bin/env bash
# The boot benchmark: bootbench (wall time and peak memory of whole runs) for each PROGRAM
# in turn, natively, under uhyve-run and, with -q, under qemu-run.
#
# Usage: bootbench.sh BOOTBENCH [-q QEMU_RUN] UHYVE_RUN PROGRAM...
set -euo pipefail
bootbench=$1
shift
qemu=()
if [[ ${1:-} = -q ]]; then
	qemu=(-q "$2")
	shift 2
fi
uhyve_run=$1
shift
for prog in "$@"; do
	"$bootbench" ${qemu[@]+"${qemu[@]}"} "$uhyve_run" "$prog"
done
