#!/usr/bin/env bash
# Runs the hostile program (its own hypercalls with bad addresses, lengths, handles
# and escaping paths) under uhyve-run with a mount holding a symlink to /etc/passwd, a
# FIFO and a read-only mount nested in it, and checks every answer against
# hostile.expected, that the monitor survived and that the read-only files are unchanged.
#
# Usage: hostile.sh UHYVE_RUN HOSTILE_PROGRAM
set -euo pipefail
uhyve_run=$1 prog=$2
here=$(dirname -- "${BASH_SOURCE[0]}")
if [[ ! -r /dev/kvm || ! -w /dev/kvm ]]; then
	echo "SKIP: /dev/kvm not available"
	exit 77
fi
dir=$(mktemp -d)
trap 'rm -rf -- "$dir"' EXIT
ln -s /etc/passwd "$dir/escape"
mkfifo "$dir/fifo"
mkdir "$dir/ro"
echo keep >"$dir/ro/keep"
chmod 644 "$dir/ro/keep"
chmod 755 "$dir/ro"
before=$(md5sum /etc/passwd)
status=0
"$uhyve_run" --quiet --mount "$dir:/mnt" --mount "$dir/ro:/mnt/ro:ro" "$prog" >"$dir.out" 2>&1 || status=$?
if [[ $status -ne 0 ]] || ! diff -u "$here/hostile.expected" "$dir.out"; then
	echo "FAIL: hostile program: status $status, output differs from hostile.expected (above)"
	rm -f "$dir.out"
	exit 1
fi
rm -f "$dir.out"
[[ $(md5sum /etc/passwd) = "$before" ]] || { echo "FAIL: /etc/passwd changed"; exit 1; }
[[ $(stat -c %a "$dir/ro/keep") = 644 && $(stat -c %a "$dir/ro") = 755 && ! -e "$dir/ro/new" ]] ||
	{ echo "FAIL: the read-only mount changed"; exit 1; }
echo "PASS: every hostile hypercall was refused and the monitor kept running"
