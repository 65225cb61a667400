#!/usr/bin/env bash
# The threads benchmark: threadbench natively and under uhyve-run with 1 and 2
# vCPUs, side by side.
#
# Usage: threadbench.sh UHYVE_RUN THREADBENCH
set -euo pipefail
uhyve_run=$1 prog=$2
out=$(mktemp -d "${TMPDIR:-/tmp}/threadbench.XXXXXX")
trap 'rm -rf -- "$out"' EXIT
"$prog" >"$out/native"
"$uhyve_run" --quiet --cpus 1 "$prog" >"$out/cpus1"
"$uhyve_run" --quiet --cpus 2 "$prog" >"$out/cpus2"
echo "threads benchmark (host: $(nproc) CPUs)"
printf '%-20s %12s %14s %14s\n' measure native uhyve-cpus1 uhyve-cpus2
join "$out/native" "$out/cpus1" | join - "$out/cpus2" |
	awk '{ printf "%-20s %9s %-3s %11s %-3s %11s %-3s\n", $1, $2, $3, $4, $5, $6, $7 }'
