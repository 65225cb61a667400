#!/usr/bin/env bash
# Runs a compare.sh command for one of Debian's dynamically linked programs, natively and in
# the VM, with the same files: @DIR@ in the arguments is a new directory, mounted at its own
# path, holding each --data FILE. With --copy-libs (qemu-run, which copies each mount into
# memory) the VM also gets the program's loader and libraries and those of each --libs-of
# FILE at /lib and /lib64 (tests/lib/libroot.sh), and each --tree HOSTDIR read-only at its
# own path; without it the VM finds the host's own library directories (uhyve-run's default
# for a dynamically linked program).
#
# Usage: debian.sh [--copy-libs] [--libs-of FILE]... [--tree DIR]... [--data FILE]...
#                  COMPARE.SH [COMPARE-OPTIONS...] -- PROGRAM [ARGS...]
# Exit status: compare.sh's.
set -euo pipefail
. "$(dirname "$0")/../lib/libroot.sh"
root=$(mktemp -d "${TMPDIR:-/tmp}/cocoon-dynamic.XXXXXX")
trap 'rm -rf "$root"' EXIT
mkdir "$root/dir"
copy_libs=0
libs_of=()
trees=()
while [[ $# -gt 0 ]]; do
	case $1 in
	--copy-libs) copy_libs=1; shift ;;
	--libs-of) libs_of+=("${2:?}"); shift 2 ;;
	--tree) trees+=("${2:?}"); shift 2 ;;
	--data) cp -r "${2:?}" "$root/dir/"; shift 2 ;;
	*) break ;;
	esac
done

cmd=()
program=
for a in "$@"; do
	a=${a//@DIR@/$root/dir}
	if [[ $a = -- && -z $program ]]; then
		cmd+=(--uhyve-opt --mount --uhyve-opt "$root/dir")
		program=next
	elif [[ $program = next ]]; then
		program=$a
	fi
	cmd+=("$a")
done
[[ -n $program && $program != next ]] || { echo "debian.sh: no program after --" >&2; exit 2; }
if [[ $copy_libs = 1 ]]; then
	for f in "$program" ${libs_of[@]+"${libs_of[@]}"}; do
		libroot_add "$root" "$f"
	done
	mounts=(--mount "$root/lib:/lib" --mount "$root/lib64:/lib64")
	for t in ${trees[@]+"${trees[@]}"}; do
		mounts+=(--mount "$t:$t:ro")
	done
	extra=()
	for m in "${mounts[@]}"; do
		extra+=(--uhyve-opt "$m")
	done
	# Before the compare's "--", with the other options.
	for i in "${!cmd[@]}"; do
		if [[ ${cmd[$i]} = -- ]]; then
			cmd=("${cmd[@]:0:$i}" "${extra[@]}" "${cmd[@]:$i}")
			break
		fi
	done
fi
status=0
"${cmd[@]}" || status=$?
exit "$status"
