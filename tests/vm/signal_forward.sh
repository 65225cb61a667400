#!/usr/bin/env bash
# A signal sent to uhyve-run reaches the program: runs PROGRAM MODE natively and under
# uhyve-run, sends SIGNAL once it printed "ready", and compares output and exit status.
#
# Usage: signal_forward.sh UHYVE_RUN SIGNAL PROGRAM MODE
# Exit status: 0 same, 1 different, 77 /dev/kvm unusable (skip).
set -euo pipefail
uhyve_run=$1 sig=$2 prog=$3 mode=$4
if [[ ! -r /dev/kvm || ! -w /dev/kvm ]]; then
	echo "SKIP: /dev/kvm is missing or not usable"
	exit 77
fi
out=$(mktemp -d)
trap 'rm -rf -- "$out"' EXIT

# run NAME CMD...: start CMD with stdout in a file, signal it after "ready", wait.
run() {
	local name=$1
	shift
	"$@" >"$out/$name" 2>/dev/null &
	local pid=$! i
	for ((i = 0; i < 500; i++)); do
		grep -q ready "$out/$name" 2>/dev/null && break
		sleep 0.01
	done
	kill "-$sig" "$pid"
	local status=0
	wait "$pid" || status=$?
	echo "status $status" >>"$out/$name"
}

run native "$prog" "$mode"
run vm "$uhyve_run" --quiet "$prog" "$mode"
if ! diff "$out/native" "$out/vm"; then
	echo "FAIL: $prog $mode with SIG$sig: native (<) and uhyve-run (>) differ"
	exit 1
fi
cat "$out/vm"
