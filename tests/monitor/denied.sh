#!/usr/bin/env bash
# A call outside the monitor's seccomp filter (socket) ends it with one line and 125.
# Usage: denied.sh HC_HOST
set -uo pipefail
source "$(dirname -- "${BASH_SOURCE[0]}")/../lib/lib.sh"
dir=$(mktemp -d)
trap 'rm -rf -- "$dir"' EXIT
"$1" --confined confined_denied "$dir" >"$dir/out" 2>"$dir/err"
status=$?
cat "$dir/out" "$dir/err"
[[ $status -eq 125 ]] || fail "status $status, not 125"
grep -qx "uhyve-run: system call $(printf '%d' 41) is outside the monitor's seccomp filter; stopping" "$dir/err" ||
	fail "no one-line message for socket (41)"
grep -q "socket() was allowed" "$dir/out" && fail "socket() was allowed"
echo "PASS: socket() under the filter ended the monitor with its line and 125"
