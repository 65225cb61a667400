#!/usr/bin/env bash
# The file benchmark: runs filebench, then filebench --calls, natively, under
# `uhyve-run --mount` on a scratch directory (which rewrites its syscall sites), under
# `uhyve-run --write-behind` (small writes held in the guest: what the default's
# durable write() costs), and under `uhyve-run --no-rewrite` (where each syscall traps), and
# prints each phase's seconds (each call's microseconds) side by side with the
# ratios to native. It runs once on the disk (TMPDIR, else /tmp)
# and once on tmpfs (/dev/shm), where the host's own cost is smallest and the
# forwarding's share largest.
#
# Usage: filebench.sh UHYVE_RUN FILEBENCH
set -euo pipefail
uhyve_run=$1 prog=$2
out=$(mktemp -d "${TMPDIR:-/tmp}/filebench.out.XXXXXX")
dir=
trap 'rm -rf -- "$out" ${dir:+"$dir"}' EXIT

# One run in a fresh directory under BASE, its figures into OUT. It starts with the host's
# earlier writes on disk, not being written back under it; a directory an earlier run
# filled and emptied would not be fresh (ext4's never shrink).
run() {
	local base=$1 out=$2
	shift 2
	dir=$(mktemp -d "$base/filebench.XXXXXX")
	sync
	"${@/#@DIR@/$dir}" >"$out"
	rm -rf -- "$dir"
}

# The four runs on BASE, then the table: UNIT is the figures' unit, WHAT the first column's title.
side_by_side() {
	local base=$1 unit=$2 what=$3
	shift 3
	run "$base" "$out/native" "$prog" "$@" @DIR@
	run "$base" "$out/vm" "$uhyve_run" --quiet --mount @DIR@ "$prog" "$@" @DIR@
	run "$base" "$out/wb" "$uhyve_run" --quiet --write-behind --mount @DIR@ "$prog" "$@" @DIR@
	run "$base" "$out/trap" "$uhyve_run" --quiet --no-rewrite --mount @DIR@ "$prog" "$@" @DIR@
	printf '%-12s %10s %10s %7s %10s %7s %10s %7s\n' "$what" "native-$unit" "uhyve-$unit" ratio "wb-$unit" ratio \
		"trap-$unit" ratio
	paste -d' ' "$out/native" "$out/vm" "$out/wb" "$out/trap" |
		awk '{ printf "%-12s %10.3f %10.3f %6.1fx %10.3f %6.1fx %10.3f %6.1fx\n", $1, $2, $4, $4 / $2, $6, $6 / $2, $8, $8 / $2 }'
}

for base in "${TMPDIR:-/tmp}" /dev/shm; do
	[[ -d $base ]] || continue
	echo
	echo "on $(df --output=fstype "$base" | tail -1) ($base): 256 MiB sequential in 4 KiB and 1 MiB blocks; 20,000 small files"
	side_by_side "$base" s phase
	echo
	echo "single calls (microseconds each; pread and pwrite where no buffer serves them)"
	side_by_side "$base" us call --calls
done
