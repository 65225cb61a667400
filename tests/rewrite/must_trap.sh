#!/bin/bash
# must_trap.sh REWRITE PROGRAM: PROGRAM's site of unknown number (its signal restorer)
# must be rewritten with RAX tested, and the rewritten program must run natively as the
# original does: rt_sigreturn made by the trampoline's own syscall instruction.
set -u
rewrite=$1 prog=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! "$rewrite" -v "$prog" -o "$tmp/out" >"$tmp/log"; then
	echo "FAIL: cocoon-rewrite failed"; cat "$tmp/log"; exit 1
fi
if ! grep -q "restore: rewritten, .*RAX tested" "$tmp/log"; then
	echo "FAIL: the restorer's site was not rewritten with RAX tested:"; cat "$tmp/log"; exit 1
fi
want=$("$prog"; echo "status $?")
got=$("$tmp/out"; echo "status $?")
if [ "$want" != "$got" ]; then
	echo "FAIL: original printed '$want', rewritten '$got'"; exit 1
fi
echo "ok: $(grep restore "$tmp/log"); both printed: $got"
