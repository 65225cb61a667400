#!/bin/sh
# Install what cocoon needs to build and test on Debian 12; installs nothing already there.
set -eu
pkgs="gcc make cmake musl-tools busybox-static binutils linux-libc-dev qemu-system-x86 cpio"
# cocoon-scan (Capstone) and its recall test (strace)
pkgs="$pkgs pkg-config libcapstone-dev strace"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "deps-debian.sh: missing packages:$missing (run as root to install them)" >&2
		exit 1
	fi
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
fi
