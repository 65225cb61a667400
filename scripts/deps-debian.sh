#!/bin/sh
# Install what cocoon needs to build and test on Debian 12; installs nothing already there.
set -eu
pkgs="gcc make cmake musl-tools busybox-static binutils linux-libc-dev qemu-system-x86 cpio"
# a second real shell for the process tests (tests/proc)
pkgs="$pkgs bash-static"
# Debian's dynamically linked programs the dynamic tests run (tests/dynamic)
pkgs="$pkgs python3 perl sqlite3 gawk lua5.4 file tmux procps"
# SQLite's static library: a real program sorting through temporary files (tests/files)
pkgs="$pkgs libsqlite3-dev"
# sqlite3's build from its source in the real-report target (tests/scan/real_programs.sh)
pkgs="$pkgs tcl"
# cocoon-scan (Capstone) and its recall test (strace)
pkgs="$pkgs pkg-config libcapstone-dev strace"
# the fuzz tests: libFuzzer harnesses with ASan and UBSan (tests/fuzz)
pkgs="$pkgs clang libclang-rt-14-dev"
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

# deb_src_entries DEB822|ONELINE: the machine's own apt entries for this release's suites
# (its codename, and codename-updates, -security, ...) as deb-src entries: in deb822 form
# from the "Types: deb" stanzas of sources.list.d/*.sources, or in one-line form from the
# "deb" lines of sources.list and sources.list.d/*.list. The same archives, options and
# keys, so the source packages are those of the binaries installed.
deb_src_entries() {
	codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
	[ -n "$codename" ] || { echo "deps-debian.sh: no VERSION_CODENAME in /etc/os-release" >&2; return 1; }
	if [ "$1" = deb822 ]; then
		for f in /etc/apt/sources.list.d/*.sources; do
			[ -f "$f" ] || continue
			# Paragraph mode: one stanza a record. Types and Suites are rewritten, the other
			# fields (with their continuation lines) kept; comments and disabled stanzas go.
			awk -v codename="$codename" '
			BEGIN { RS = ""; FS = "\n" }
			function ours(s) { return s == codename || index(s, codename "-") == 1 }
			{
				types = ""; suites = ""; enabled = "yes"; fields = ""; last = ""
				for (i = 1; i <= NF; i++) {
					line = $i
					if (line ~ /^#/) continue
					if (line ~ /^[ \t]/) { # continues the field before it
						if (last == "types") types = types " " line
						else if (last == "suites") suites = suites " " line
						else fields = fields "\n" line
						continue
					}
					last = tolower(substr(line, 1, index(line, ":") - 1))
					value = substr(line, index(line, ":") + 1)
					if (last == "types") types = value
					else if (last == "suites") suites = value
					else {
						if (last == "enabled") enabled = tolower(value)
						fields = fields "\n" line
					}
				}
				if (enabled ~ /no/ || (" " types " ") !~ /[ \t]deb[ \t]/ || types ~ /deb-src/) next
				n = split(suites, s, /[ \t]+/)
				kept = ""
				for (j = 1; j <= n; j++) if (s[j] != "" && ours(s[j])) kept = kept " " s[j]
				if (kept == "") next
				printf "Types: deb-src\nSuites:%s%s\n\n", kept, fields
			}' "$f"
		done
	else
		for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
			[ -f "$f" ] || continue
			# deb [ OPTIONS ] URI SUITE COMPONENTS...: the suite is the second word after the options.
			awk -v codename="$codename" '
			$1 != "deb" { next }
			{
				rest = substr($0, index($0, "deb") + 3)
				words = rest
				if (words ~ /^[ \t]*\[/) words = substr(words, index(words, "]") + 1)
				split(words, w, /[ \t]+/)
				suite = (w[1] == "") ? w[3] : w[2]
				if (suite == codename || index(suite, codename "-") == 1) print "deb-src" rest
			}' "$f"
		done
	fi
}

# lwIP, compiled into the kernel, comes from Debian's source package: never committed,
# fetched into third_party/lwip-src (git-ignored) once. Needs a deb-src entry: where there
# is none, one is derived from the machine's own entries for Debian's archive.
lwip_dir="$(cd "$(dirname "$0")/.." && pwd)/third_party/lwip-src"
if [ ! -f "$lwip_dir/src/include/lwip/tcp.h" ]; then
	if ! apt-cache showsrc lwip 2>/dev/null | grep -q '^Package: lwip$'; then
		if [ "$(id -u)" -ne 0 ]; then
			echo "deps-debian.sh: no deb-src entry for lwIP's source package (run as root to add one)" >&2
			exit 1
		fi
		for form in deb822 oneline; do
			case $form in deb822) file=cocoon-deb-src.sources ;; *) file=cocoon-deb-src.list ;; esac
			entries=$(deb_src_entries "$form")
			if [ -n "$entries" ]; then
				printf '%s\n' "# Written by cocoon's scripts/deps-debian.sh: the deb entries of this release as deb-src." \
					"$entries" >"/etc/apt/sources.list.d/$file"
			fi
		done
		apt-get update -qq
		if ! apt-cache showsrc lwip 2>/dev/null | grep -q '^Package: lwip$'; then
			echo "deps-debian.sh: no source package lwip even with deb-src entries derived from" \
				"the apt configuration's entries for $(. /etc/os-release && echo "$VERSION_CODENAME")" >&2
			exit 1
		fi
	fi
	tmp=$(mktemp -d)
	(cd "$tmp" && apt-get source -qq lwip >/dev/null)
	mkdir -p "$(dirname "$lwip_dir")"
	rm -rf "$lwip_dir"
	mv "$tmp"/lwip-*/ "$lwip_dir"
	rm -rf "$tmp"
fi
