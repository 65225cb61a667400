#!/usr/bin/env bash
# One benchmark of target bench: runs it, and when it fails says so and notes its name in
# FAILED, so that the benchmarks after it still run and print their tables. With --end:
# fails, naming them, if any benchmark failed.
#
# Usage: step.sh FAILED NAME COMMAND...
#        step.sh --end FAILED
set -uo pipefail
if [[ ${1:-} = --end ]]; then
	[[ -s $2 ]] || exit 0
	echo "benchmarks that failed: $(tr '\n' ' ' <"$2")"
	exit 1
fi
failed=$1 name=$2
shift 2
echo
echo "=== $name"
"$@"
status=$?
if [[ $status != 0 ]]; then
	echo "=== $name failed (status $status)"
	echo "$name" >>"$failed"
fi
exit 0
