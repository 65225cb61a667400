#!/bin/bash
# native_alike.sh REWRITE PROGRAM [--log-has PATTERN] [--prints TEXT]: PROGRAM rewritten by
# REWRITE must run natively as the original does (same output and status), and the original
# print TEXT (with "status N" last); PATTERN must be in the rewrite's -v log. For fixtures:
# must_trap (a site of unknown number rewritten with RAX tested, its rt_sigreturn made by the
# trampoline's own syscall instruction), lying_eh_frame (a stripped program whose FDEs lie:
# no site inside an instruction, no window over a function entered through its address) and
# dynamic_site (a dynamically linked program's own site).
set -u
rewrite=$1 prog=$2
shift 2
log_has= prints=
while [ $# -gt 0 ]; do
	case $1 in
	--log-has) log_has=$2; shift 2 ;;
	--prints) prints=$2; shift 2 ;;
	*) echo "native_alike.sh: bad option $1"; exit 2 ;;
	esac
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! "$rewrite" -v "$prog" -o "$tmp/out" >"$tmp/log"; then
	echo "FAIL: cocoon-rewrite failed"; cat "$tmp/log"; exit 1
fi
if [ -n "$log_has" ] && ! grep -q "$log_has" "$tmp/log"; then
	echo "FAIL: no '$log_has' in the rewrite's log:"; cat "$tmp/log"; exit 1
fi
want=$("$prog"; echo "status $?")
got=$("$tmp/out"; echo "status $?")
if [ "$want" != "$got" ] || { [ -n "$prints" ] && [ "$want" != "$(printf '%b' "$prints")" ]; }; then
	echo "FAIL: original printed '$want', rewritten '$got'; the rewrite:"; cat "$tmp/log"; exit 1
fi
echo "ok: $(tail -1 "$tmp/log"); both printed: $(echo $got)"
