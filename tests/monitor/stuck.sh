#!/usr/bin/env bash
# uhyve-run against a guest that takes no signal (stuck.c spins with interrupts off), and
# what it shows the host while running.
#
# Usage: stuck.sh CASE UHYVE_RUN STUCK_PROGRAM [KICK_PROGRAM]
#   signal_once:   one SIGTERM ends it within the grace (2 s) with 143 and one line, and
#                  the "kept" its write() returned for is in the file (--write-behind too)
#   signal_twice:  a second SIGTERM ends it at once, the data written out
#   sigkill_durable: kill -9 loses nothing write() returned for (no --write-behind)
#   confined:      /proc/PID/status shows Seccomp 2 and NoNewPrivs 1; no inherited
#                  descriptor is open in it
#   kick:          the network kick without --net: 125 and one line (KICK_PROGRAM)
set -uo pipefail
case_name=$1 uhyve_run=$2 prog=$3 kick=${4-}
source "$(dirname -- "${BASH_SOURCE[0]}")/../lib/lib.sh"
need_kvm
dir=$(mktemp -d)
pid=
trap '[[ -n $pid ]] && kill -9 "$pid" 2>/dev/null; rm -rf -- "$dir"' EXIT

# start [OPTIONS...]: uhyve-run on the stuck program in the background, once it is stuck.
start() {
	"$uhyve_run" --quiet "$@" --mount "$dir" "$prog" "$dir/f" >"$dir/out" 2>"$dir/err" &
	pid=$!
	for _ in $(seq 100); do
		grep -q stuck "$dir/out" && return
		sleep 0.1
	done
	fail "the program did not get stuck: $(cat "$dir/out" "$dir/err")"
}
# finish: uhyve-run's status once it ended (within 6 s), in $status.
finish() {
	for _ in $(seq 60); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -0 "$pid" 2>/dev/null && fail "uhyve-run still runs"
	wait "$pid"
	status=$?
	pid=
}
kept() {
	[[ $(cat "$dir/f" 2>/dev/null) == kept ]] || fail "$1: the file holds '$(cat "$dir/f" 2>/dev/null)', not 'kept'"
}

case $case_name in
signal_once)
	for opt in --write-behind --cpus=1; do
		start "$opt"
		kill -TERM "$pid"
		finish
		[[ $status -eq 143 ]] || fail "$opt: status $status, not 143"
		grep -qx "uhyve-run: the guest did not take the signal within 2 s; stopping it" "$dir/err" ||
			fail "$opt: no line: $(cat "$dir/err")"
		kept "$opt"
	done
	;;
signal_twice)
	start --write-behind
	kill -TERM "$pid"
	sleep 0.2
	kill -TERM "$pid"
	finish
	[[ $status -eq 143 ]] || fail "status $status, not 143"
	grep -qx "uhyve-run: the guest did not take the signal before the next one; stopping it" "$dir/err" ||
		fail "no line: $(cat "$dir/err")"
	kept "second signal"
	;;
sigkill_durable)
	start
	kill -KILL "$pid"
	finish
	kept "SIGKILL"
	;;
confined)
	exec 7<"$0" # inherited: must not stay open in uhyve-run
	start
	grep -qx $'Seccomp:\t2' "/proc/$pid/status" || fail "not Seccomp 2: $(grep Seccomp "/proc/$pid/status")"
	grep -qx $'NoNewPrivs:\t1' "/proc/$pid/status" || fail "not NoNewPrivs 1"
	for fd in /proc/"$pid"/fd/*; do
		[[ $(readlink "$fd") == "$(realpath "$0")" ]] && fail "inherited descriptor ${fd##*/} still open"
	done
	kill -KILL "$pid"
	finish
	;;
kick)
	status=0
	"$uhyve_run" "$kick" >"$dir/out" 2>"$dir/err" || status=$?
	[[ $status -eq 125 ]] || fail "status $status, not 125: $(cat "$dir/out" "$dir/err")"
	grep -qx "uhyve-run: guest accessed unknown I/O port 0x5f0" "$dir/err" || fail "no line: $(cat "$dir/err")"
	grep -q "still running" "$dir/out" && fail "the guest went on"
	;;
*) fail "no case $case_name" ;;
esac
echo "PASS: $case_name"
