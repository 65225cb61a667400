#!/usr/bin/env bash
# Runs one libFuzzer harness for SECONDS on its corpus kept in the tree: new inputs go to a
# scratch directory (or to NEW_CORPUS), the tree's stay as they are. A crash, leak or
# sanitizer report fails; the input that caused it is kept beside the scratch directory.
#
# Usage: run.sh HARNESS CORPUS SECONDS|FUZZ_SECONDS [NEW_CORPUS] [-- LIBFUZZER OPTIONS...]
set -uo pipefail
source "$(dirname -- "${BASH_SOURCE[0]}")/../lib/lib.sh"
harness=$1 corpus=$2 seconds=$3
[[ $seconds == FUZZ_SECONDS ]] && seconds=${FUZZ_SECONDS:-60} # the fuzz target's, from the environment
shift 3
new=
if [[ $# -gt 0 && $1 != -- ]]; then
	new=$1
	shift
fi
[[ ${1-} == -- ]] && shift
[[ -x $harness ]] || skip "$harness not built (needs clang with libFuzzer)"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/cocoon-fuzz.XXXXXX")
trap 'rm -rf -- "$scratch"' EXIT
[[ -n $new ]] && mkdir -p "$new"
out=${new:-$scratch}
status=0
# Capstone's one handle, kept for the process by the scanner, is no leak (lsan.supp).
export LSAN_OPTIONS=suppressions=$(dirname -- "${BASH_SOURCE[0]}")/lsan.supp
"$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	-artifact_prefix="$scratch/../$(basename "$harness")-" "$@" "$out" "$corpus" >"$scratch/log" 2>&1 || status=$?
grep -E '^(stat::number_of_executed_units|Done |#[0-9]+.*(DONE|pulse))' "$scratch/log" | tail -3
if [[ $status -ne 0 ]] || grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:' "$scratch/log"; then
	tail -60 "$scratch/log"
	fail "$(basename "$harness"): status $status (its input is kept as $(dirname "$scratch")/$(basename "$harness")-*)"
fi
echo "PASS: $(basename "$harness") ran ${seconds}s without a crash, leak or sanitizer report"
