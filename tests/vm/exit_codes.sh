#!/usr/bin/env bash
# Checks every exit status 0..255 (and a few out-of-range values that wrap) by running
# the exit_code program natively and under uhyve-run through compare.sh.
#
# Usage: exit_codes.sh UHYVE_RUN EXIT_CODE_PROGRAM
set -euo pipefail

if [[ $# -ne 2 ]]; then
	sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
	exit 2
fi
uhyve_run=$1 prog=$2
compare=$(dirname -- "${BASH_SOURCE[0]}")/../lib/compare.sh

failed=()
for code in $(seq 0 255) 256 257 1000 -1 -128; do
	status=0
	"$compare" --brief --uhyve-run "$uhyve_run" -- "$prog" "$code" || status=$?
	case $status in
	0) ;;
	1) failed+=("$code") ;;
	*) exit "$status" ;; # skip (77) or setup error: no point going on
	esac
done

if [[ ${#failed[@]} -gt 0 ]]; then
	echo "FAIL: exit statuses that differ: ${failed[*]}"
	exit 1
fi
echo "PASS: exit statuses 0..255, 256, 257, 1000, -1 and -128 are the same natively and under uhyve-run"
