#!/usr/bin/env bash
# The file benchmark: runs filebench natively and under `uhyve-run --mount` on a
# scratch directory and prints each phase's seconds side by side with the ratio.
#
# Usage: filebench.sh UHYVE_RUN FILEBENCH
set -euo pipefail
uhyve_run=$1 prog=$2
dir=$(mktemp -d "${TMPDIR:-/tmp}/filebench.XXXXXX")
trap 'rm -rf -- "$dir"' EXIT
"$prog" "$dir" >"$dir.native"
"$uhyve_run" --quiet --mount "$dir" "$prog" "$dir" >"$dir.vm"
echo "file benchmark: 256 MiB sequential in 4 KiB and 1 MiB blocks; 20,000 small files"
printf '%-12s %10s %10s %8s\n' phase native-s uhyve-s ratio
join "$dir.native" "$dir.vm" | awk '{ printf "%-12s %10.3f %10.3f %7.1fx\n", $1, $2, $3, $3 / $2 }'
rm -f "$dir.native" "$dir.vm"
