#!/usr/bin/env bash
# The processes benchmark: procbench natively and under uhyve-run, side by side with the
# ratio (uhyve-run / native: below 1 is faster). hello.musl and busybox sh with its applets
# are copied into one directory that both runs see at the same path.
#
# Usage: procbench.sh UHYVE_RUN PROCBENCH HELLO BUSYBOX
set -euo pipefail
uhyve_run=$1 prog=$2 hello=$3 busybox=$4
dir=$(mktemp -d "${TMPDIR:-/tmp}/procbench.XXXXXX")
trap 'rm -rf -- "$dir"' EXIT
cp "$hello" "$dir/hello"
cp "$busybox" "$dir/busybox"
for applet in sh seq sort head; do
	ln -s busybox "$dir/$applet"
done
PATH=$dir "$prog" "$dir/hello" "$dir/sh" >"$dir/native"
"$uhyve_run" --quiet --mem 256M --mount "$dir" --env "PATH=$dir" "$prog" "$dir/hello" "$dir/sh" >"$dir/vm"
echo "processes benchmark (host: $(nproc) CPUs; medians of 31 runs)"
printf '%-22s %12s %12s %8s\n' measure native uhyve-run ratio
join "$dir/native" "$dir/vm" |
	awk '{ printf "%-22s %9s %-2s %9s %-2s %8.2f\n", $1, $2, $3, $4, $5, ($2 > 0 ? $4 / $2 : 0) }'
