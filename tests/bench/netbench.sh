#!/usr/bin/env bash
# The network benchmark: TCP bulk throughput host->guest and guest->host, and the
# request rate of a small epoll HTTP server under keep-alive load, with the guest
# programs run under `uhyve-run --net tap:tap0` (rewritten), under `--no-rewrite` too, and,
# the same binaries, natively in a namespace behind a veth pair. The host side runs in a
# namespace of its own each time. The three take turns for ROUNDS rounds and each figure
# is the median, so load from elsewhere on the machine hits all alike.
#
# Usage: netbench.sh UHYVE_RUN NETBULK NET_HTTPD NETLOAD [BULK_MIB [CONNS [SECONDS [ROUNDS]]]]
set -euo pipefail
uhyve_run=$1 netbulk=$2 httpd=$3 netload=$4
bulk=$((${5:-512} << 20)) conns=${6:-32} secs=${7:-5} rounds=${8:-3}
host_ip=10.0.2.1 guest_ip=10.0.2.15
source "$(dirname "$0")/../lib/net_ns.sh"
problem=$(ns_problem)
if [[ -n $problem ]]; then
	echo "netbench.sh: cannot run: $problem" >&2
	exit 1
fi
tag=cocoon-netbench-$$
out=$(mktemp -d "${TMPDIR:-/tmp}/netbench.XXXXXX")
trap 'ns_cleanup; rm -rf -- "$out"' EXIT
trap 'exit 1' TERM INT HUP
ns_add "$tag-h"
ns_add "$tag-g"
ns_add "$tag-t"
ns_veth "$tag-h" "$host_ip" "$tag-g" "$guest_ip"
ns_tap "$tag-t" "$host_ip"

# measure HOST_NS GUEST...: the three figures for one side, on one line.
measure() {
	local host_ns=$1 pid
	shift
	"$@" "$netbulk" recv "$guest_ip" 5001 >/dev/null &
	pid=$!
	ip netns exec "$host_ns" "$netbulk" connect-send "$guest_ip" 5001 "$bulk" | awk '{ printf "%s ", $(NF - 1) }'
	wait "$pid"
	"$@" "$netbulk" send "$guest_ip" 5002 "$bulk" &
	pid=$!
	ip netns exec "$host_ns" "$netbulk" connect-recv "$guest_ip" 5002 "$bulk" | awk '{ printf "%s ", $(NF - 1) }'
	wait "$pid"
	"$@" "$httpd" "$guest_ip" 8080 &
	pid=$!
	ip netns exec "$host_ns" "$netload" "$guest_ip" 8080 "$conns" "$secs" | awk '{ print $(NF - 1) }'
	kill "$pid"
	wait "$pid" 2>/dev/null || true
}

# median FILE COLUMN
median() {
	sort -g -k "$2,$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print v[int((NR + 1) / 2)] }'
}

for ((r = 1; r <= rounds; r++)); do
	measure "$tag-h" ip netns exec "$tag-g" >>"$out/native"
	measure "$tag-t" ip netns exec "$tag-t" "$uhyve_run" --quiet --net tap:tap0 >>"$out/vm"
	measure "$tag-t" ip netns exec "$tag-t" "$uhyve_run" --quiet --no-rewrite --net tap:tap0 >>"$out/trap"
	echo "round $r of $rounds done" >&2
done
echo "network benchmark: TCP bulk $((bulk >> 20)) MiB each way; HTTP keep-alive, $conns connections," \
	"$secs s; medians of $rounds rounds"
printf '%-20s %10s %10s %7s %12s %7s\n' measure native uhyve-run ratio --no-rewrite ratio
col=1
for m in "host->guest Gbit/s" "guest->host Gbit/s" "HTTP requests/s"; do
	awk -v m="$m" -v a="$(median "$out/native" $col)" -v b="$(median "$out/vm" $col)" -v c="$(median "$out/trap" $col)" \
		'BEGIN { printf "%-20s %10s %10s %6.2fx %12s %6.2fx\n", m, a, b, b / a, c, c / a }'
	col=$((col + 1))
done
