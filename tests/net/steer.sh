#!/usr/bin/env bash
# uhyve-run --net and the tap device's receive packet steering (monitor/steer.c): while a
# rewritten program runs, the tap's rps_cpus is every CPU uhyve-run may use but the one its
# boot vCPU shares with the network thread, and it is off again once uhyve-run has ended;
# a mask the user set is left alone, and a trapping program (not pinned) changes nothing.
#
# Usage: steer.sh UHYVE_RUN PROGRAM   (PROGRAM echoes stdin until its end)
# Exit status: 0 pass, 1 fail, 77 skipped (reason printed).
set -euo pipefail
uhyve_run=$1 prog=$2
source "$(dirname "$0")/../lib/net_ns.sh"
[[ $(nproc) -ge 2 ]] || skip "one CPU: nothing to steer to"
ns_test steer
rps() { ip netns exec "$ns" cat /sys/class/net/tap0/queues/rx-0/rps_cpus; }
set_rps() { ip netns exec "$ns" sh -c "echo $1 >/sys/class/net/tap0/queues/rx-0/rps_cpus"; }
mask() { echo $((16#$(rps | tr -d ,))); }

# run [UHYVE_OPTS...]: starts uhyve-run with stdin a fifo held open; $pid, fd 3.
run() {
	rm -f "$dir/in"
	mkfifo "$dir/in"
	exec 3<>"$dir/in"
	: >"$dir/out" # there before the loop below reads it
	ip netns exec "$ns" "$uhyve_run" --quiet "$@" --net tap:tap0 "$prog" <"$dir/in" >"$dir/out" 2>"$dir/err" 3>&- &
	pid=$! # ip netns exec becomes uhyve-run
	# Once the program echoes, the device (and any steering) was set up before it.
	echo ready >&3
	for ((i = 0; i < 400; i++)); do
		[[ $(cat "$dir/out") == ready ]] && return
		sleep 0.05
	done
	fail "the program did not start"
}
# finish: ends the program (end of its stdin) and checks it ended well.
finish() {
	echo done >&3
	exec 3>&-
	wait "$pid" || fail "uhyve-run exited with status $?"
	[[ $(cat "$dir/out") == $'ready\ndone' ]] || fail "the program's output: $(cat "$dir/out")"
}

# The boot thread (the process's first) is pinned to one CPU; steering is to the others.
run
pinned=$(awk '/^Cpus_allowed_list/ { print $2 }' "/proc/$pid/status")
[[ $pinned =~ ^[0-9]+$ ]] || fail "the boot vCPU thread is not pinned to one CPU: $pinned"
want=0
for c in $(taskset -pc $$ | sed 's/.*: //' | tr , '\n' | awk -F- '{ for (c = $1; c <= ($2 == "" ? $1 : $2); c++) print c }'); do
	[[ $c == "$pinned" ]] || want=$((want | 1 << c))
done
got=$(mask)
[[ $got == "$want" ]] || fail "running on CPU $pinned: rps_cpus $(rps), want mask $want"
finish
[[ $(mask) == 0 ]] || fail "after the run rps_cpus is $(rps), not 0"
echo "ok: CPU $pinned, steered to mask $want, and off after"

# A mask set by the user stays.
set_rps 1
run
[[ $(mask) == 1 ]] || fail "the user's rps_cpus 1 became $(rps)"
finish
[[ $(mask) == 1 ]] || fail "after the run the user's rps_cpus 1 is $(rps)"
set_rps 0
echo "ok: a mask set before is kept"

# Trapping, nothing is pinned and nothing steered.
run --no-rewrite
[[ $(mask) == 0 ]] || fail "--no-rewrite: rps_cpus $(rps)"
finish
echo "ok: --no-rewrite steers nothing"
