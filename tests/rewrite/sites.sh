#!/bin/bash
# sites.sh REWRITE UHYVE_RUN SITES: the rewriter's fixture (sites.c, sites.S). The sites
# that must be rewritten are, the ones that cannot keep trapping; the rewritten program
# run natively (its trampolines make the syscalls with the syscall instruction) prints
# what the original prints, and under uhyve-run the same with "direct" for every
# rewritten site: the kernel was called, not trapped into, and a SA_RESTART handler's
# restart ran the call again.
set -u
rewrite=$1 uhyve_run=$2 prog=$3
source "$(dirname "$0")/../lib/lib.sh"
need_kvm
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$rewrite" -v "$prog" -o "$tmp/fast" >"$tmp/report" || fail "cocoon-rewrite failed"
for f in next_is_target write_rip_before getppid_rip_after futex_restart exit_at_end; do
	grep -q "^0x[0-9a-f]* $f: rewritten" "$tmp/report" || fail "$f's site was not rewritten: $(cat "$tmp/report")"
done
for f in kept restorer; do
	grep -q "^0x[0-9a-f]* $f: keeps trapping" "$tmp/report" || fail "$f's site was rewritten: $(cat "$tmp/report")"
done

"$prog" >"$tmp/native" 2>&1
echo "status $?" >>"$tmp/native"
"$tmp/fast" >"$tmp/native_fast" 2>&1
echo "status $?" >>"$tmp/native_fast"
"$uhyve_run" --quiet "$tmp/fast" >"$tmp/vm" 2>&1
echo "status $?" >>"$tmp/vm"
grep -q "futex_restart ok trap" "$tmp/native" || fail "the fixture misbehaves natively: $(cat "$tmp/native")"
diff -u "$tmp/native" "$tmp/native_fast" || fail "the rewritten program run natively differs from the original"
sed -e '/^kept /!s/ trap$/ direct/' "$tmp/native" >"$tmp/expected"
diff -u "$tmp/expected" "$tmp/vm" || fail "under uhyve-run the rewritten program differs from the above (+)"
echo "ok: $(grep -c direct "$tmp/vm") sites called the kernel directly"
