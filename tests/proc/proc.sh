#!/usr/bin/env bash
# Runs a compare.sh command for a program that starts processes, where the native run and
# the VM see the same files: @DIR@ in the arguments is a new empty directory and @BIN@ one
# with busybox and a link to it for each applet, each mounted at its own path; in the VM
# /bin holds only sh, a link to @BIN@'s busybox, for what runs "/bin/sh" (system, popen).
# The mounts go in as compare.sh options before its first "--"; the program after it runs
# from a copy in @DIR@, so that it can exec itself. Each --copy FILE goes into @DIR@ too;
# for a dynamically linked one, its loader and libraries (ldd) go into a directory the VM
# sees at /lib and /lib64 (natively the host's own are there).
#
# Usage: proc.sh BUSYBOX COMMAND [ARGS...] (--copy FILE among them, before "--")
# Exit status: COMMAND's.
set -euo pipefail
. "$(dirname "$0")/../lib/libroot.sh"
busybox=${1:?usage: proc.sh BUSYBOX COMMAND [ARGS...]}
shift
root=$(mktemp -d "${TMPDIR:-/tmp}/cocoon-proc.XXXXXX")
trap 'rm -rf "$root"' EXIT
mkdir "$root/dir" "$root/bin" "$root/sbin"
libs=()
copy() {
	cp "$1" "$root/dir/"
	libroot_add "$root" "$1"
	libs=(--uhyve-opt --mount --uhyve-opt "$root/lib:/lib" --uhyve-opt --mount --uhyve-opt "$root/lib64:/lib64")
}
cp "$busybox" "$root/bin/busybox"
for applet in $("$busybox" --list); do
	[[ $applet = busybox ]] || ln -s busybox "$root/bin/$applet"
done
ln -s "$root/bin/busybox" "$root/sbin/sh"

cmd=()
mounted=0
copying=0
for a in "$@"; do
	if [[ $copying = 1 ]]; then
		copy "$a"
		copying=0
		continue
	fi
	if [[ $a = --copy && $mounted = 0 ]]; then
		copying=1
		continue
	fi
	a=${a//@DIR@/$root/dir}
	a=${a//@BIN@/$root/bin}
	if [[ $mounted = 1 ]]; then
		mounted=2
		if [[ $a != "$root"/* ]]; then
			cp "$a" "$root/dir/"
			a=$root/dir/${a##*/}
		fi
	fi
	if [[ $a = -- && $mounted = 0 ]]; then
		cmd+=(--uhyve-opt --mount --uhyve-opt "$root/dir" --uhyve-opt --mount --uhyve-opt "$root/bin"
			--uhyve-opt --mount --uhyve-opt "$root/sbin:/bin" ${libs[@]+"${libs[@]}"})
		mounted=1
	fi
	cmd+=("$a")
done
status=0
"${cmd[@]}" || status=$?
exit "$status"
