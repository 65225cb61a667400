#!/bin/bash
# lying_eh_frame.sh REWRITE PROGRAM: PROGRAM (tests/scan/lying_eh_frame.S) is stripped and
# its FDEs lie about where functions start and end; rewritten, it must still print "ok"
# and exit with 44 natively, as the original does: no site found inside an instruction, no
# window over the entry of a function whose address is taken.
set -u
rewrite=$1 prog=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! "$rewrite" -v "$prog" -o "$tmp/out" >"$tmp/log"; then
	echo "FAIL: cocoon-rewrite failed"; cat "$tmp/log"; exit 1
fi
want=$("$prog"; echo "status $?")
got=$("$tmp/out"; echo "status $?")
if [ "$want" != "$(printf 'ok\nstatus 44')" ] || [ "$got" != "$want" ]; then
	echo "FAIL: original printed '$want', rewritten '$got'; the rewrite:"; cat "$tmp/log"; exit 1
fi
echo "ok: $(tail -1 "$tmp/log"); both printed: $(echo $got)"
