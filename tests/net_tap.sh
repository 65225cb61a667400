#!/bin/bash
# net_tap.sh UHYVE_RUN NET_DRIVER CASE [PROGRAM]
# A network test in namespaces of its own. The program runs under uhyve-run on a tap
# device in namespace G (guest 10.0.2.15, host side 10.0.2.1), then natively in namespace N
# joined by a veth pair to namespace H (the same addresses); the host-side peer runs in G,
# then in H. Both runs must succeed and the program must print the same in both.
# Cases: echo, udp, get, connect (PROGRAM: net_peer.musl or .glibc), busybox-nc,
# busybox-wget (PROGRAM: a static busybox). Exit 77 (skipped, with the reason) without
# /dev/kvm or without the right to make namespaces and tap devices.
set -u
uhyve_run=$1 driver=$2 case=$3 prog=${4:-}
guest=10.0.2.15 host=10.0.2.1

skip() { echo "SKIP: $*"; exit 77; }
[ -r /dev/kvm ] && [ -w /dev/kvm ] || skip "/dev/kvm is not usable here"
[ -c /dev/net/tun ] || skip "/dev/net/tun is missing"
command -v ip >/dev/null || skip "the ip command (iproute2) is missing"

tag=cocoon$$
G=$tag-g H=$tag-h N=$tag-n
work=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	ip netns del "$G" 2>/dev/null; ip netns del "$H" 2>/dev/null; ip netns del "$N" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
ip netns add "$G" 2>"$work/err" || skip "cannot create a network namespace: $(cat "$work/err")"
ip netns add "$H" && ip netns add "$N" || exit 1
for ns in "$G" "$H" "$N"; do ip -n "$ns" link set lo up || exit 1; done
ip -n "$G" tuntap add dev tap0 mode tap || skip "cannot create a tap device"
ip -n "$G" addr add $host/24 dev tap0 && ip -n "$G" link set tap0 up || exit 1
ip link add veth-h netns "$H" type veth peer name veth-n netns "$N" || exit 1
ip -n "$H" addr add $host/24 dev veth-h && ip -n "$N" addr add $guest/24 dev veth-n || exit 1
ip -n "$H" link set veth-h up && ip -n "$N" link set veth-n up || exit 1

# Retry CMD until it succeeds (the other side may still be starting), for 20 s.
retry() {
	for _ in $(seq 200); do "$@" && return 0; sleep 0.1; done
	return 1
}

# run_case SIDE: one run; the program's output in $work/SIDE.out, status in $work/SIDE.rc.
# g: how to start the program's side, under uhyve-run (vm) or natively; h: the peer's side.
run_case() {
	local side=$1 out=$work/$1.out status=0 g h
	if [ "$side" = vm ]; then
		g=(ip netns exec "$G" timeout 60 "$uhyve_run" --net tap:tap0 --ip $guest/24)
		h=(ip netns exec "$G" timeout 60)
	else
		g=(ip netns exec "$N" timeout 60)
		h=(ip netns exec "$H" timeout 60)
	fi
	case $case in
	echo)
		"${g[@]}" "$prog" echo 7000 300 >"$out" 2>&1 & local gp=$!
		"${h[@]}" "$driver" echo $guest 7000 300 100 1048576 || status=1
		wait $gp || status=1 ;;
	udp)
		"${g[@]}" "$prog" udp 7001 200 >"$out" 2>&1 & local gp=$!
		"${h[@]}" "$driver" udp $guest 7001 200 || status=1
		wait $gp || status=1 ;;
	get)
		"${h[@]}" busybox httpd -f -p $host:8080 -h "$work/www" & pids+=($!)
		sleep 0.2
		"${g[@]}" "$prog" get $host 8080 /file.bin >"$out" 2>&1 || status=1
		kill "${pids[-1]}" ;;
	connect)
		"${h[@]}" busybox nc -l -p 7003 >/dev/null & pids+=($!)
		sleep 0.2
		{ "${g[@]}" "$prog" connect $host 7003 && "${g[@]}" "$prog" connect $host 7004; } \
			>"$out" 2>&1 || status=1
		kill "${pids[-1]}" ;;
	busybox-nc)
		# The program as server, then as client; the peer is busybox nc on the host side.
		echo "from the host" >"$work/to-guest"
		echo "from the guest" >"$work/to-host"
		"${g[@]}" "$prog" nc -l -p 7005 <"$work/to-host" >"$out" 2>&1 & local gp=$!
		retry "${h[@]}" busybox nc $guest 7005 <"$work/to-guest" >"$work/$side.host" || status=1
		wait $gp || status=1
		"${h[@]}" busybox nc -l -p 7006 >>"$work/$side.host" & local hp=$!
		sleep 0.2
		"${g[@]}" "$prog" nc $host 7006 <"$work/to-host" >>"$out" 2>&1 || status=1
		wait $hp || status=1
		printf 'from the guest\nfrom the guest\n' | cmp -s - "$work/$side.host" || {
			echo "the host side got:"; cat "$work/$side.host"; status=1; } ;;
	busybox-wget)
		"${h[@]}" busybox httpd -f -p $host:8080 -h "$work/www" & pids+=($!)
		sleep 0.2
		mkdir -p "$work/$side.dir"
		if [ "$side" = vm ]; then
			"${g[@]}" --mount "$work/$side.dir:/out" "$prog" wget -q -O /out/file.bin \
				http://$host:8080/file.bin >"$out" 2>&1 || status=1
		else
			"${g[@]}" "$prog" wget -q -O "$work/$side.dir/file.bin" http://$host:8080/file.bin \
				>"$out" 2>&1 || status=1
		fi
		cmp "$work/www/file.bin" "$work/$side.dir/file.bin" >>"$out" 2>&1 || status=1
		kill "${pids[-1]}" ;;
	*) echo "unknown case $case"; exit 2 ;;
	esac
	echo $status >"$work/$side.rc"
}

mkdir -p "$work/www"
head -c 2000000 /dev/urandom >"$work/www/file.bin"
run_case vm
run_case native
fail=0
for side in vm native; do
	if [ "$(cat "$work/$side.rc")" != 0 ]; then
		echo "FAIL: the $side run failed; the program printed:"; cat "$work/$side.out"; fail=1
	fi
done
if ! cmp -s "$work/vm.out" "$work/native.out"; then
	echo "FAIL: the program's output differs (uhyve-run, then native):"
	diff "$work/vm.out" "$work/native.out"; fail=1
fi
[ $fail = 0 ] && { echo "ok: $case"; cat "$work/vm.out"; }
exit $fail
