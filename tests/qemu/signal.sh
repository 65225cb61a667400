#!/usr/bin/env bash
# Sends SIGNAL to qemu-run while the program sleeps and checks that qemu-run ends at once
# with 128+N, as the signal's default action would end the program, and leaves no QEMU
# behind (found by a marker in its command line).
#
# Usage: signal.sh QEMU_RUN BUSYBOX SIGNAL
set -euo pipefail

if [[ $# -ne 3 ]]; then
	sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
	exit 2
fi
qemu_run=$1 busybox=$2 sig=$3
num=$(kill -l "$sig")
marker=qemu_signal_$$_$RANDOM
# Job control: a background job would otherwise start with SIGINT ignored, as it stays.
set -m
QEMU_SIGNAL_MARKER=$marker "$qemu_run" --quiet "$busybox" sleep 30 &
pid=$!
sleep 2
kill -"$sig" "$pid"
start=$SECONDS
status=0
wait "$pid" || status=$?
sleep 0.5
left=$(pgrep -f "$marker" || true)
[[ -z $left ]] || kill -KILL $left 2>/dev/null || true
if [[ $status != $((128 + num)) || $((SECONDS - start)) -gt 5 || -n $left ]]; then
	echo "FAIL: SIG$sig to qemu-run: status $status (expected $((128 + num))), $((SECONDS - start)) s," \
		"QEMU left: ${left:-none}"
	exit 1
fi
echo "PASS: SIG$sig ends qemu-run and its QEMU with status $status"
