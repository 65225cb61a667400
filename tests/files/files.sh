#!/usr/bin/env bash
# Runs busybox applets on a fixture tree natively and under `uhyve-run --mount TREE`
# (the guest sees the tree at the same path, so printed paths agree) and compares
# them with compare.sh. Read-only applets: the tree is shared by both runs.
#
# Usage: files.sh UHYVE_RUN BUSYBOX [--in-memory]
#   --in-memory  the runner mounts a copy kept in guest memory (scripts/qemu-run): skip the
#                checks of changes to the host's tree and of --mem, and never skip for KVM
set -euo pipefail

if [[ $# -lt 2 || $# -gt 3 || ( $# = 3 && $3 != --in-memory ) ]]; then
	sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
	exit 2
fi
uhyve_run=$1 busybox=$2 in_memory=${3:+1}
compare_opts=()
[[ -n $in_memory ]] && compare_opts+=(--no-kvm-ok)
compare=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)/../lib/compare.sh
tree=$(mktemp -d)
trap 'rm -rf -- "$tree"' EXIT
umask 022

mkdir -p "$tree/docs/deep" "$tree/empty"
printf 'hello file\nsecond line\n' >"$tree/a.txt"
seq 1 2000 >"$tree/docs/numbers.txt"
printf 'b\na\nc\na\nb\n' >"$tree/docs/letters.txt"
head -c 100000 /dev/urandom >"$tree/docs/deep/random.bin"
ln -s a.txt "$tree/link-to-a"
ln -s /etc/passwd "$tree/escape"
find "$tree" -exec touch -h -d '2024-03-01 12:00:00 UTC' {} +
cd "$tree"

failed=()
check() {
	local status=0
	TZ=UTC "$compare" --brief ${compare_opts[@]+"${compare_opts[@]}"} --uhyve-run "$uhyve_run" \
		--uhyve-opt --mount --uhyve-opt "$tree" \
		-- "$busybox" "$@" || status=$?
	case $status in
	0) ;;
	1) failed+=("$*") ;;
	*) exit "$status" ;;
	esac
}

check cat a.txt docs/letters.txt
check cat link-to-a
check cat missing
check wc -l docs/numbers.txt a.txt
check ls
check ls -a docs
check ls -ln --full-time
check ls -lnR docs
check md5sum a.txt docs/numbers.txt docs/deep/random.bin
check sha256sum docs/deep/random.bin
check head -n 3 docs/numbers.txt
check tail -n 3 docs/numbers.txt
check sort -r docs/letters.txt
check uniq -c docs/letters.txt
check grep -rn 99 docs
check find . -name '*.txt'
check stat -c '%n %s %a %F' a.txt docs empty link-to-a
check pwd
check stat -c '%n %F %t %T %a' /dev/null /dev/zero /dev/full /dev/random /dev/urandom
check head -c 100 /dev/zero
check sh -c 'echo hi >/dev/null; echo done'
check wc -c /dev/null

# Changes: each command runs natively and under uhyve-run on fresh copies of the tree at
# the same path; output, status and the resulting trees must be the same.
tar -C "$tree" -cf "$tree/pre.tar" docs
run_dir=$(mktemp -d)
trap 'rm -rf -- "$tree" "$run_dir"' EXIT
snapshot() {
	(cd "$run_dir/t" && find . -printf '%p %y %m %l\n' | LC_ALL=C sort &&
		find . -type f -exec md5sum {} + | LC_ALL=C sort)
}
change() {
	local out
	[[ -z $in_memory ]] || return 0
	for side in native vm; do
		rm -rf "$run_dir/t" && cp -a "$tree" "$run_dir/t"
		out=0
		(
			cd "$run_dir/t"
			if [[ $side = native ]]; then
				TZ=UTC "$busybox" "$@"
			else
				TZ=UTC "$uhyve_run" --quiet --mount "$run_dir/t" "$busybox" "$@"
			fi
		) >"$run_dir/$side.out" 2>&1 || out=$?
		echo "status $out" >>"$run_dir/$side.out"
		snapshot >>"$run_dir/$side.out"
	done
	if ! cmp -s "$run_dir/native.out" "$run_dir/vm.out"; then
		echo "--- busybox $*: native (left) vs uhyve-run (right)"
		diff "$run_dir/native.out" "$run_dir/vm.out" | head -20 | sed 's/^/    /'
		failed+=("$*")
	fi
}

change mkdir -p new/deep/er
change touch -d '2020-02-02 02:02:02' a.txt fresh
change cp -r docs copy
change mv a.txt docs/moved.txt
change rm -r docs
change rm -f missing a.txt
change rmdir empty
change ln -s docs/numbers.txt sym
change ln a.txt hard
change chmod 600 a.txt
change sed -i s/hello/bye/ a.txt
change tar -xf pre.tar -C empty
change gzip -k a.txt
change truncate -s 3 a.txt
change mkdir docs

# The kernel's /proc files describe the VM: its memory and the CPU KVM shows it.
if [[ -z $in_memory ]] && ! "$uhyve_run" --quiet --mem 64M "$busybox" cat /proc/meminfo |
	grep -q '^MemTotal: *65536 kB$'; then
	failed+=("/proc/meminfo does not give MemTotal 65536 kB for --mem 64M")
fi
vendor=$(grep -m1 '^vendor_id' /proc/cpuinfo)
if ! "$uhyve_run" --quiet "$busybox" cat /proc/cpuinfo | grep -qxF "$vendor"; then
	failed+=("/proc/cpuinfo does not give the host's $vendor")
fi

# /proc/self/fd lists ls's own descriptors: the three streams, and the directory it reads
# (whose link it can no longer read when it prints, as natively). QEMU's streams are consoles.
listing=$("$uhyve_run" --quiet --mount "$tree" "$busybox" ls -l /proc/self/fd 2>/dev/null </dev/null |
	tr -s ' ' | cut -d' ' -f1,9- | sed 's/pipe:\[[0-9]*\]/pipe/') || true
expected="total
lr-x------ 0 -> /dev/null
l-wx------ 1 -> pipe
l-wx------ 2 -> /dev/null
lr-x------ 3"
if [[ -z $in_memory && $listing != "$expected" ]]; then
	failed+=("ls -l /proc/self/fd gave: $listing")
fi

# /proc/mounts and /proc/self/mounts: a line per --mount in Linux's format, the guest path
# escaped, then the private /tmp and /dev/shm.
# (qemu-run splits its options at spaces.)
guest='/data/a dir' escaped='/data/a\040dir'
[[ -z $in_memory ]] || guest=/data/a_dir escaped=/data/a_dir
mkdir -p "$tree/empty"
mounts=$("$uhyve_run" --quiet --mount "$tree" --mount "$tree/empty:$guest:ro" "$busybox" \
	cat /proc/mounts /proc/self/mounts)
expected="hostfs $tree hostfs rw 0 0
hostfs $escaped hostfs ro 0 0
tmpfs /tmp tmpfs rw,nosuid,nodev 0 0
tmpfs /dev/shm tmpfs rw,nosuid,nodev 0 0"
if [[ $mounts != "$expected"$'\n'"$expected" ]]; then
	failed+=("/proc/mounts gave: $mounts")
fi
if ! grep -qE '^[^ ]+ /[^ ]* [^ ]+ (rw|ro)(,[^ ]*)? 0 0$' /proc/mounts; then
	failed+=("the host's /proc/mounts has another format than the one checked for")
fi
# /proc/self/mountinfo (df reads it): the same mounts with ids, each under the one holding
# its directory, below the kernel's own root.
info=$("$uhyve_run" --quiet --mount "$tree" --mount "$tree/empty:$guest:ro" "$busybox" cat /proc/self/mountinfo)
parent=19
[[ $tree != /tmp/* ]] || parent=22
expected="19 19 0:19 / / ro,relatime - rootfs rootfs ro
20 $parent 0:20 / $tree rw,relatime - hostfs hostfs rw
21 19 0:21 / $escaped ro,relatime - hostfs hostfs ro
22 19 0:22 / /tmp rw,nosuid,nodev,relatime - tmpfs tmpfs rw
23 19 0:23 / /dev/shm rw,nosuid,nodev,relatime - tmpfs tmpfs rw"
if [[ $info != "$expected" ]]; then
	failed+=("/proc/self/mountinfo gave: $info")
fi
if ! grep -qE '^[0-9]+ [0-9]+ [0-9]+:[0-9]+ /[^ ]* /[^ ]* [^ ]+ .*- [^ ]+ [^ ]+ [^ ]+$' /proc/self/mountinfo; then
	failed+=("the host's /proc/self/mountinfo has another format than the one checked for")
fi

# Escapes: refused under uhyve-run (natively they work), and only the tree is visible.
for path in escape ../../../etc/passwd /etc/passwd docs/../../../etc/passwd; do
	for applet in cat "stat -L"; do
		if "$uhyve_run" --quiet --mount "$tree" "$busybox" $applet "$path" >/dev/null 2>&1; then
			failed+=("$applet $path escaped the mount")
		fi
	done
done

if [[ ${#failed[@]} -gt 0 ]]; then
	printf 'FAIL: busybox %s\n' "${failed[@]}"
	exit 1
fi
echo "PASS: busybox applets see the mounted tree as natively"
