#!/usr/bin/env bash
# A network test: runs a guest program twice, natively in a network namespace joined
# by a veth pair to a "host" namespace, and under `uhyve-run --net tap:TAP` with the
# tap device in the host namespace, each time beside the same host-side peer in the
# host namespace (host address SUBNET.1, guest SUBNET.15). Fails unless the guest's
# stdout, stderr and exit status and the peers' output and status are the same in
# both runs, the client peer exits 0, and --expect-stdout matches.
#
# Usage: tap.sh UHYVE_RUN [options] -- PROGRAM [ARGS...]
#   --subnet A.B.C       the /24 to use (default 10.0.2: uhyve-run's defaults); under
#                        uhyve-run --ip, --gateway and --mac are given when not 10.0.2
#   --server CMD         host-side server (bash -c CMD) started first; the guest starts
#                        once it listens on TCP; it is stopped when the guest has ended
#   --server-ends        the server ends by itself: it gets 3 s for that after the guest
#   --client CMD         host-side client started with the guest; must exit 0
#   --expect-stdout FILE the guest's stdout must be FILE's bytes
#   --stdin-open         the guest's stdin is a pipe that stays open (default: /dev/null)
#   --uhyve-opt OPT      pass OPT to uhyve-run as well; repeatable
#   --ip6                IPv6 as well: host fd00:c0c0::1/64, guest fd00:c0c0::15/64 (under
#                        uhyve-run --ip6, the default --gateway6 being the host), and an
#                        off-link host address fd00:c0c1::1 that the guest reaches through it;
#                        natively the guest's interface gets uhyve-run's MAC, so its
#                        link-local address is the same; no duplicate address detection
# In CMD, ARGS and the expected file's name, @HOST@ and @GUEST@ stand for the addresses,
# @HOST6@, @GUEST6@ and @FAR6@ for the IPv6 ones, @LINK6@ for the guest's link-local address
# with the host side's interface as its scope (fe80::...%veth-h or %tap0).
# Exit status: 0 pass, 1 fail, 2 usage, 77 skipped (reason printed): no usable
# /dev/kvm, /dev/net/tun, or not allowed to make namespaces and devices.
#
#        tap.sh UHYVE_RUN --missing-tap PROGRAM
# checks that a missing tap device is one line on stderr and status 125.
set -euo pipefail

die() {
	echo "tap.sh: $*" >&2
	exit 2
}

[[ $# -ge 2 ]] || die "usage: tap.sh UHYVE_RUN [options] -- PROGRAM [ARGS...]"
uhyve_run=$1
shift
subnet=10.0.2 server= server_ends=0 client= expect_stdout= missing_tap=0 stdin=/dev/null uhyve_opts=() ip6=0
while [[ $# -gt 0 ]]; do
	case $1 in
	--subnet) subnet=${2:?}; shift 2 ;;
	--server) server=${2:?}; shift 2 ;;
	--server-ends) server_ends=1; shift ;;
	--client) client=${2:?}; shift 2 ;;
	--expect-stdout) expect_stdout=${2:?}; shift 2 ;;
	--uhyve-opt) uhyve_opts+=("${2:?}"); shift 2 ;;
	--stdin-open) stdin=open; shift ;;
	--missing-tap) missing_tap=1; shift ;;
	--ip6) ip6=1; shift ;;
	--) shift; break ;;
	-*) die "unknown option $1" ;;
	*) break ;;
	esac
done
[[ $# -ge 1 ]] || die "no program given"
[[ -x $uhyve_run ]] || die "uhyve-run not found or not executable: $uhyve_run"
[[ -f $1 ]] || die "program not found: $1 (was the test build run?)"
host_ip=$subnet.1 guest_ip=$subnet.15 host6=fd00:c0c0::1 guest6=fd00:c0c0::15 far6=fd00:c0c1::1
mac=02:c0:c0:00:00:01 link6=fe80::c0:c0ff:fe00:1 # uhyve-run's default MAC and its link-local address
[[ $subnet == 10.0.2 ]] || mac=02:c0:c0:00:12:34 link6=fe80::c0:c0ff:fe00:1234
subst() {
	local s=${1//@HOST@/$host_ip}
	s=${s//@GUEST@/$guest_ip}
	s=${s//@HOST6@/$host6}
	s=${s//@GUEST6@/$guest6}
	printf '%s' "${s//@FAR6@/$far6}"
}
prog=()
for a in "$@"; do prog+=("$(subst "$a")"); done
server=$(subst "$server") client=$(subst "$client")
expect_stdout=$(subst "$expect_stdout")

source "$(dirname "$0")/../lib/net_ns.sh"
# Never pass without having run: every missing piece is a skip with its reason.
ns_require
ns_host=cocoon-net-$$-$RANDOM-h ns_guest=cocoon-net-$$-$RANDOM-g
dir=$(mktemp -d "${TMPDIR:-/tmp}/net_tap.XXXXXX")
trap 'ns_cleanup; rm -rf -- "$dir"' EXIT
trap 'exit 1' TERM INT HUP
ns_add "$ns_host" || skip "cannot create a network namespace"
if [[ $ip6 == 1 ]]; then
	ip -n "$ns_host" addr add "$far6/128" dev lo
	ip netns exec "$ns_host" sysctl -qw net.ipv6.conf.default.accept_dad=0
fi
if [[ $stdin == open ]]; then
	# Held open read-write by this script: the guest never sees its end.
	mkfifo "$dir/stdin"
	exec 3<>"$dir/stdin"
	stdin=$dir/stdin
fi

if [[ $missing_tap == 1 ]]; then
	set +e
	ip netns exec "$ns_host" timeout 20 "$uhyve_run" --net tap:cocoon-none "$1" >"$dir/out" 2>"$dir/err"
	rc=$?
	set -e
	if [[ $rc != 125 || -s $dir/out || $(wc -l <"$dir/err") != 1 ]] ||
		! grep -q '^uhyve-run: .*cocoon-none' "$dir/err"; then
		echo "FAIL: want status 125 and one line naming the device, got status $rc, stderr:"
		cat "$dir/err"
		exit 1
	fi
	echo "ok: $(cat "$dir/err")"
	exit 0
fi

# run MODE: one run of guest and peers; results in $dir/MODE.*
run() {
	local mode=$1 guest_ns=$ns_host launcher=() host_if=tap0
	if [[ $mode == native ]]; then
		guest_ns=$ns_guest host_if=veth-h
		ns_add "$ns_guest"
		[[ $ip6 == 0 ]] || ip netns exec "$ns_guest" sysctl -qw net.ipv6.conf.default.accept_dad=0
		ns_veth "$ns_host" "$host_ip" "$ns_guest" "$guest_ip" "$mac"
		if [[ $ip6 == 1 ]]; then
			ip -n "$ns_host" addr add "$host6/64" dev veth-h nodad
			ip -n "$ns_guest" addr add "$guest6/64" dev veth-g nodad
			ip -n "$ns_guest" -6 route add default via "$host6"
		fi
	else
		ns_tap "$ns_host" "$host_ip"
		launcher=("$uhyve_run" --quiet --net tap:tap0 "${uhyve_opts[@]}")
		if [[ $ip6 == 1 ]]; then
			ip -n "$ns_host" addr add "$host6/64" dev tap0 nodad
			launcher+=(--ip6 "$guest6/64")
		fi
		if [[ $subnet != 10.0.2 ]]; then
			launcher+=(--ip "$guest_ip/24" --gateway "$host_ip" --mac "$mac")
		fi
	fi
	local server_pid= guest_pid client_rc=0
	if [[ -n $server ]]; then
		ip netns exec "$ns_host" bash -c "$server" >"$dir/$mode.server" 2>"$dir/$mode.server.err" &
		server_pid=$!
		local tries=0
		while [[ -z $(ip netns exec "$ns_host" ss -Hltn) ]]; do
			((++tries < 200)) || die "the server did not listen within 10 s: $server"
			sleep 0.05
		done
	fi
	ip netns exec "$guest_ns" timeout 20 "${launcher[@]}" "${prog[@]}" <"$stdin" >"$dir/$mode.out" 2>"$dir/$mode.err" &
	guest_pid=$!
	if [[ -n $client ]]; then
		ip netns exec "$ns_host" timeout 20 bash -c "${client//@LINK6@/$link6%$host_if}" >"$dir/$mode.client" 2>&1 ||
			client_rc=$?
	fi
	local rc=0
	wait "$guest_pid" || rc=$?
	echo "$rc" >"$dir/$mode.rc"
	echo "$client_rc" >"$dir/$mode.client_rc"
	if [[ -n $server_pid ]]; then
		for ((tries = 0; server_ends && tries < 60; tries++)); do
			kill -0 "$server_pid" 2>/dev/null || break
			sleep 0.05
		done
		kill "$server_pid" 2>/dev/null || true
		wait "$server_pid" 2>/dev/null || true
	fi
	if [[ $mode == native ]]; then
		ns_del "$ns_guest"
	else
		ip -n "$ns_host" link del tap0
	fi
}

fails=0
check() { # check WHAT FILE1 FILE2: byte-for-byte
	if ! cmp -s "$2" "$3"; then
		echo "FAIL: $1 differ: $(wc -c <"$2") and $(wc -c <"$3") bytes, $(cmp "$2" "$3" 2>&1 | head -1)"
		if grep -qI . "$2" "$3"; then
			diff "$2" "$3" | head -20 || true
		fi
		fails=1
	fi
}
for mode in native vm; do
	run "$mode"
	[[ -z $expect_stdout ]] || check "$mode: the guest's stdout and $expect_stdout" "$expect_stdout" "$dir/$mode.out"
	if [[ $(cat "$dir/$mode.client_rc") != 0 ]]; then
		echo "FAIL: $mode: the host client exited with $(cat "$dir/$mode.client_rc"):"
		cat "$dir/$mode.client"
		fails=1
	fi
done
for f in out rc client client_rc server; do
	[[ ! -e $dir/native.$f ]] || check "native and uhyve-run $f" "$dir/native.$f" "$dir/vm.$f"
done
check "native and uhyve-run stderr" "$dir/native.err" "$dir/vm.err"
echo "guest (uhyve-run) exit status $(cat "$dir/vm.rc"), stdout:"
head -c 1500 "$dir/vm.out" | cat -v | head -20
[[ ! -s $dir/vm.err ]] || { echo "stderr:"; head -20 "$dir/vm.err"; }
[[ ! -s $dir/vm.client ]] || { echo "client:"; head -20 "$dir/vm.client"; }
exit $fails
