#!/usr/bin/env bash
# Fills the VM's private /tmp until ENOSPC, empties it and fills it again (tests/progs/tmp_full.c),
# under RUNNER (uhyve-run or qemu-run), and requires exactly tmp_full.expected and status 0. Not
# compared with a native run: the sizes differ, and a native /tmp may be a whole disk.
#
# Usage: tmp_full.sh [--need-kvm] RUNNER PROGRAM [RUNNER_OPTIONS...]
#   --need-kvm  skip without /dev/kvm (RUNNER is uhyve-run)
set -euo pipefail
here=$(dirname "$0")
. "$here/../lib/lib.sh"

[[ ${1:-} == --need-kvm ]] && shift && need_kvm
[[ $# -ge 2 ]] || usage
runner=$1 prog=$2
shift 2
status=0
out=$(timeout -k 5 100 "$runner" --quiet "$@" "$prog" 2>&1) || status=$?
if [[ $status != 0 || $out != "$(cat "$here/tmp_full.expected")" ]]; then
	echo "FAIL: $runner $* $prog: status $status; expected (left) and printed (right):"
	diff -y "$here/tmp_full.expected" - <<<"$out" | sed 's/^/    /'
	exit 1
fi
echo "PASS: /tmp filled to ENOSPC, emptied and filled as far again under $runner $*"
