#!/usr/bin/env bash
# uhyve-run --ip dhcp: a guest server takes its address from busybox's udhcpd on the tap
# device's link and a host client reaches it there; without a DHCP server the program
# still runs, after one line saying there was no lease; --gateway beside it is refused.
#
# Usage: dhcp.sh UHYVE_RUN BUSYBOX ECHO_SERVER TCP_CLIENT
# Exit status: 0 pass, 1 fail, 77 skipped (reason printed).
set -euo pipefail
uhyve_run=$1 busybox=$2 server=$3 client=$4
source "$(dirname "$0")/../lib/net_ns.sh"
[[ -x $busybox ]] || skip "no busybox for udhcpd: $busybox"
ns_test dhcp

# Refused before anything runs.
set +e
ip netns exec "$ns" "$uhyve_run" --net tap:tap0 --ip dhcp --gateway 10.0.2.1 "$server" :: 7007 1 >"$dir/out" 2>"$dir/err"
rc=$?
set -e
[[ $rc == 125 && $(wc -l <"$dir/err") == 1 ]] && grep -q -- '^uhyve-run: --gateway' "$dir/err" || fail "--ip dhcp --gateway: status $rc, stderr: $(cat "$dir/err")"
echo "ok: $(cat "$dir/err")"

# No server: the program's socket waits 10 s, then it goes on without an address.
set +e
ip netns exec "$ns" timeout 30 "$uhyve_run" --quiet --net tap:tap0 --ip dhcp \
	"$busybox" wget -q -O - http://10.0.2.1:8080/ >"$dir/out" 2>"$dir/err"
rc=$?
set -e
[[ $rc != 0 && $rc != 124 ]] || fail "without a DHCP server wget exited with $rc"
grep -q '^uhyve-run: no DHCP lease after 10 s' "$dir/err" || fail "without a DHCP server, stderr: $(cat "$dir/err")"
echo "ok: without a server: $(head -1 "$dir/err")"

cat >"$dir/udhcpd.conf" <<EOF
start 10.0.2.100
end 10.0.2.110
interface tap0
lease_file $dir/leases
option subnet 255.255.255.0
option router 10.0.2.1
EOF
: >"$dir/udhcpd.log" # there before the loop below reads it
ip netns exec "$ns" "$busybox" udhcpd -f "$dir/udhcpd.conf" >>"$dir/udhcpd.log" 2>&1 &
udhcpd=$!
ip netns exec "$ns" timeout 30 "$uhyve_run" --quiet --net tap:tap0 --ip dhcp "$server" :: 7007 2 \
	>"$dir/out" 2>"$dir/err" &
guest=$!
addr=
for ((i = 0; i < 200; i++)); do
	addr=$(sed -n 's/^udhcpd: sending ACK to //p' "$dir/udhcpd.log" | head -1)
	[[ -z $addr ]] || break
	sleep 0.05
done
[[ -n $addr ]] || fail "udhcpd acknowledged no lease: $(cat "$dir/udhcpd.log")"
ip netns exec "$ns" timeout 20 "$client" "$addr" 7007 2 100000 serial >"$dir/client" 2>&1 ||
	fail "the host client to $addr: $(cat "$dir/client")"
wait "$guest" || fail "the guest server exited with $?: $(cat "$dir/err")"
[[ ! -s $dir/err ]] || fail "the guest server's stderr: $(cat "$dir/err")"
kill "$udhcpd"
wait "$udhcpd" 2>/dev/null || true
echo "ok: leased $addr, served there: $(cat "$dir/client")"
