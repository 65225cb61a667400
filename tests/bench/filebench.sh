#!/usr/bin/env bash
# The file benchmark: runs filebench, then filebench --calls, natively and
# under `uhyve-run --mount` on a scratch directory and prints each phase's
# seconds (each call's microseconds) side by side with the ratio.
#
# Usage: filebench.sh UHYVE_RUN FILEBENCH
set -euo pipefail
uhyve_run=$1 prog=$2
dir=$(mktemp -d "${TMPDIR:-/tmp}/filebench.XXXXXX")
trap 'rm -rf -- "$dir" "$dir.native" "$dir.vm"' EXIT

# Both runs, then the table: UNIT is the figures' unit, WHAT the first column's title.
side_by_side() {
	local unit=$1 what=$2
	shift 2
	# Each run starts with the host's earlier writes on disk, not being written back under it.
	rm -rf -- "${dir:?}"/*
	sync
	"$prog" "$@" "$dir" >"$dir.native"
	rm -rf -- "${dir:?}"/*
	sync
	"$uhyve_run" --quiet --mount "$dir" "$prog" "$@" "$dir" >"$dir.vm"
	printf '%-12s %10s %10s %8s\n' "$what" "native-$unit" "uhyve-$unit" ratio
	paste -d' ' "$dir.native" "$dir.vm" | awk '{ printf "%-12s %10.3f %10.3f %7.1fx\n", $1, $2, $4, $4 / $2 }'
}

echo "file benchmark: 256 MiB sequential in 4 KiB and 1 MiB blocks; 20,000 small files"
side_by_side s phase
echo
echo "single calls (microseconds each; pread and pwrite where no buffer serves them)"
side_by_side us call --calls
