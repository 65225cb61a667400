#!/usr/bin/env bash
# Everything a program wrote reaches the host's files however it ends: by _exit
# without closing, by a crash, and by SIGINT to uhyve-run while the program waits
# on its standard input. Each case runs natively and under uhyve-run --mount; the
# files written and the exit status must be the same.
#
# Usage: data_kept.sh UHYVE_RUN WRITE_THEN_DIE_PROGRAM
set -euo pipefail

if [[ $# -ne 2 ]]; then
	sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
	exit 2
fi
uhyve_run=$1 prog=$2
[[ -c /dev/kvm && -r /dev/kvm && -w /dev/kvm ]] || { echo "SKIP: /dev/kvm is not usable"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT

# run SIDE MODE: the program in $work/SIDE (natively, or in the VM); prints its status.
run() {
	local side=$1 mode=$2 dir=$work/$1 status=0 pid
	rm -rf "$dir" && mkdir "$dir"
	local cmd=("$prog" "$dir" "$mode")
	[[ $side = native ]] || cmd=("$uhyve_run" --quiet --mount "$dir" "${cmd[@]}")
	if [[ $mode = block ]]; then
		# Standard input is a FIFO held open, so the read waits; SIGINT comes once
		# the program said it has written. Background jobs ignore SIGINT: undo that.
		mkfifo "$work/in"
		exec 3<>"$work/in"
		env --default-signal=INT "${cmd[@]}" <"$work/in" >"$work/said" 2>"$work/$side.err" &
		pid=$!
		for _ in $(seq 500); do
			grep -q written "$work/said" 2>/dev/null && break
			sleep 0.02
		done
		kill -INT "$pid"
		wait "$pid" || status=$?
		exec 3>&-
		rm -f "$work/in"
	else
		"${cmd[@]}" >/dev/null 2>"$work/$side.err" || status=$?
	fi
	echo "$status"
}

failed=()
for mode in exit crash block; do
	native=$(run native "$mode")
	vm=$(run vm "$mode")
	if [[ $native != "$vm" ]]; then
		failed+=("$mode: status $native natively, $vm under uhyve-run (its stderr: $(head -c 300 "$work/vm.err" 2>/dev/null))")
	fi
	for f in seq log scattered; do
		if ! cmp -s "$work/native/$f" "$work/vm/$f"; then
			failed+=("$mode: $f differs ($(wc -c <"$work/native/$f") bytes natively, $(wc -c <"$work/vm/$f" 2>/dev/null || echo no file) under uhyve-run)")
		fi
	done
done

if [[ ${#failed[@]} -gt 0 ]]; then
	printf 'FAIL: %s\n' "${failed[@]}"
	exit 1
fi
echo "PASS: files written before _exit, a crash and SIGINT are complete, statuses match"
