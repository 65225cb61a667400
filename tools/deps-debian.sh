#!/bin/sh
# Install what cocoon needs to build and test on Debian 12; installs nothing already there.
set -eu
pkgs="gcc make cmake musl-tools busybox-static binutils linux-libc-dev qemu-system-x86 cpio"
# cocoon-scan (Capstone) and its recall test (strace)
pkgs="$pkgs pkg-config libcapstone-dev strace"
# apt-get source (lwIP's source package)
pkgs="$pkgs dpkg-dev"
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

# lwIP, compiled into the kernel, comes from Debian's source package: never committed,
# fetched into third_party/lwip-src (git-ignored) once. Needs a deb-src entry.
lwip_dir="$(cd "$(dirname "$0")/.." && pwd)/third_party/lwip-src"
if [ ! -f "$lwip_dir/src/include/lwip/tcp.h" ]; then
	if ! apt-cache showsrc lwip >/dev/null 2>&1; then
		if [ "$(id -u)" -ne 0 ]; then
			echo "deps-debian.sh: no deb-src entry for lwIP's source package (run as root to add one)" >&2
			exit 1
		fi
		cat >/etc/apt/sources.list.d/debian-src.sources <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
		apt-get update -qq
	fi
	tmp=$(mktemp -d)
	(cd "$tmp" && apt-get source -qq lwip >/dev/null)
	mkdir -p "$(dirname "$lwip_dir")"
	rm -rf "$lwip_dir"
	mv "$tmp"/lwip-*/ "$lwip_dir"
	rm -rf "$tmp"
fi
