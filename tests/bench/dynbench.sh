#!/usr/bin/env bash
# The dynamic programs benchmark: start-to-exit wall time of a dynamically linked hello
# (glibc), the static hello beside it, and Debian's `python3 -c pass`, natively, under
# uhyve-run (which shows them the host's library directories) and under qemu-run (given
# copies of their loader, libraries and Python's standard library: tests/lib/libroot.sh).
# The first run of each is the cold one; then medians of RUNS warm runs. Then the share of
# their syscalls that trapped (--syscall-stats), under uhyve-run (rewriting by default) and
# under qemu-run --rewrite (copies of the program and libraries rewritten on each run).
#
# Usage: dynbench.sh UHYVE_RUN QEMU_RUN HELLO_DYNAMIC HELLO_STATIC [RUNS]
set -euo pipefail
. "$(dirname "$0")/../lib/libroot.sh"
uhyve_run=$1 qemu_run=$2 hello_dyn=$3 hello_static=$4 runs=${5:-11}
python=/usr/bin/python3
root=$(mktemp -d "${TMPDIR:-/tmp}/dynbench.XXXXXX")
trap 'rm -rf -- "$root"' EXIT
for f in "$hello_dyn" "$python"; do
	libroot_add "$root" "$f"
done
stdlib=$("$python" -c 'import sysconfig; print(sysconfig.get_path("stdlib"))')
libs=(--mount "$root/lib:/lib" --mount "$root/lib64:/lib64")

# Milliseconds of one run of the command, its output thrown away.
once() {
	local t0 t1
	t0=$(date +%s%N)
	"$@" >/dev/null 2>&1 || true
	t1=$(date +%s%N)
	echo $(((t1 - t0) / 1000))
}

# "COLD MEDIAN" in milliseconds (one decimal) of a command run 1 + n times.
timed() {
	local n=$1 cold
	shift
	cold=$(once "$@")
	for ((i = 0; i < n; i++)); do once "$@"; done | sort -n | awk -v c="$cold" '
		{ v[NR] = $1 } END { printf "%.1f %.1f\n", c / 1000, v[int((NR + 1) / 2)] / 1000 }'
}

kvm=yes
{ [[ -c /dev/kvm ]] && (exec 3<>/dev/kvm) 2>/dev/null; } || kvm=no
echo "dynamic programs benchmark: start to exit, ms (cold first run / median of $runs warm)"
printf '%-18s %16s %16s %8s %16s\n' program native uhyve-run ratio qemu-run
# bench NAME QEMU_RUNS QEMU_MOUNTS... -- PROGRAM [ARGS...]
bench() {
	local name=$1 qruns=$2 mounts=()
	shift 2
	while [[ $1 != -- ]]; do
		mounts+=("$1")
		shift
	done
	shift
	read -r nc nm < <(timed "$runs" "$@")
	local uh="n/a" ratio="-" um
	if [[ $kvm = yes ]]; then
		read -r uc um < <(timed "$runs" "$uhyve_run" --quiet "$@")
		uh="$uc / $um"
		ratio=$(awk -v a="$um" -v b="$nm" 'BEGIN { printf "%.2f", b > 0 ? a / b : 0 }')
	fi
	read -r qc qm < <(timed "$qruns" "$qemu_run" --quiet --mem 384M ${mounts[@]+"${mounts[@]}"} "$@")
	printf '%-18s %16s %16s %8s %16s\n' "$name" "$nc / $nm" "$uh" "$ratio" "$qc / $qm"
}
bench hello.static 5 -- "$hello_static"
bench hello.dynamic 5 "${libs[@]}" -- "$hello_dyn"
bench "python3 -c pass" 3 "${libs[@]}" --mount "$stdlib:$stdlib:ro" -- "$python" -c pass

# The last line --syscall-stats prints: "N syscalls: C calls into the kernel, T trapped (P%)".
stats() {
	"$@" 2>&1 >/dev/null | sed -n 's/^[a-z-]*: \([0-9]* syscalls: .*\)/\1/p' | tail -n 1
}
echo "syscalls trapped"
# trapped NAME QEMU_MOUNTS... -- PROGRAM [ARGS...]
trapped() {
	local name=$1 mounts=()
	shift
	while [[ $1 != -- ]]; do
		mounts+=("$1")
		shift
	done
	shift
	local uh="n/a"
	[[ $kvm = yes ]] && uh=$(stats "$uhyve_run" --quiet --syscall-stats "$@")
	printf '%-18s uhyve-run: %s\n%-18s qemu-run --rewrite: %s\n' "$name" "$uh" "" \
		"$(stats "$qemu_run" --quiet --rewrite --syscall-stats --mem 384M ${mounts[@]+"${mounts[@]}"} "$@")"
}
trapped hello.static -- "$hello_static"
trapped hello.dynamic "${libs[@]}" -- "$hello_dyn"
trapped "python3 -c pass" "${libs[@]}" --mount "$stdlib:$stdlib:ro" -- "$python" -c pass
[[ $kvm = yes ]] || echo "uhyve-run: not measured, /dev/kvm is missing or unusable here; qemu-run ran under $( [[ -w /dev/kvm ]] && echo KVM || echo TCG)"
