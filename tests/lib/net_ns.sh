# Network namespaces for the network tests and benchmark (sourced by bash scripts).
# A "host" namespace holds the host-side peer; the guest runs either natively in a
# namespace of its own joined to it by a veth pair, or under uhyve-run on a tap
# device in the host namespace. Every namespace made here is removed by ns_cleanup.

ns_made=()

# ns_problem: why these tests cannot run here (empty if they can).
ns_problem() {
	if [[ ! -c /dev/kvm ]] || ! (exec 3<>/dev/kvm) 2>/dev/null; then
		echo "/dev/kvm is missing or cannot be opened"
	elif [[ ! -c /dev/net/tun ]]; then
		echo "/dev/net/tun is missing: no tap devices"
	elif ! command -v ip >/dev/null; then
		echo "ip (iproute2) is not installed"
	elif [[ $(id -u) != 0 ]]; then
		echo "making network namespaces and tap devices needs root"
	fi
}

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# ns_require: skip unless these tests can run here.
ns_require() {
	local problem
	problem=$(ns_problem)
	[[ -z $problem ]] || skip "$problem"
}

# ns_test NAME: for a test script that needs one namespace: $ns with tap0 at 10.0.2.1/24,
# and $dir, a temporary directory; both go at exit. Skips where that cannot be.
ns_test() {
	ns_require
	ns=cocoon-$1-$$-$RANDOM
	dir=$(mktemp -d "${TMPDIR:-/tmp}/net_$1.XXXXXX")
	trap 'ns_cleanup; rm -rf -- "$dir"' EXIT
	trap 'exit 1' TERM INT HUP
	ns_add "$ns" || skip "cannot create a network namespace"
	ns_tap "$ns" 10.0.2.1
}

# ns_add NAME: a namespace with its loopback up.
ns_add() {
	ip netns add "$1" || return
	ns_made+=("$1")
	ip -n "$1" link set lo up
}

# ns_del NAME: kills what runs in it and removes it.
ns_del() {
	ip netns pids "$1" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
	ip netns del "$1" 2>/dev/null || true
}

ns_cleanup() {
	local ns
	for ns in "${ns_made[@]}"; do ns_del "$ns"; done
}

# ns_veth HOST_NS HOST_IP GUEST_NS GUEST_IP: a veth pair between them, /24s, the guest's
# default route through the host. MAC, if given, is veth-g's Ethernet address.
ns_veth() {
	ip -n "$1" link add veth-h type veth peer name veth-g ${5:+address "$5"} netns "$3"
	ip -n "$1" addr add "$2/24" dev veth-h
	ip -n "$3" addr add "$4/24" dev veth-g
	ip -n "$3" link set veth-g up
	ip -n "$1" link set veth-h up
	ip -n "$3" route add default via "$2"
}

# ns_tap NS IP: tap device tap0 in NS with IP/24, for uhyve-run --net tap:tap0.
ns_tap() {
	ip -n "$1" tuntap add dev tap0 mode tap
	ip -n "$1" addr add "$2/24" dev tap0
	ip -n "$1" link set tap0 up
}
