#!/bin/bash
# debian_busybox.sh REWRITE BUSYBOX: Debian's busybox-static, stripped, must be rewritten
# (function bounds from .eh_frame and calls) at every site that can be a call, and the
# rewritten copy must print and exit as the original does natively, applet by applet.
set -u
rewrite=$1 busybox=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! "$rewrite" -v "$busybox" -o "$tmp/busybox" >"$tmp/log"; then
	echo "FAIL: cocoon-rewrite failed: $(tail -1 "$tmp/log")"; exit 1
fi
others=$(grep 'keeps trapping' "$tmp/log" |
	grep -vE 'keeps trapping: (rt_sigreturn|a new thread|the child|munmap|a thread may exit)')
if [ -n "$others" ]; then
	echo "FAIL: sites that could be calls keep trapping:"; echo "$others"; exit 1
fi
fails=0
run() {
	local want got
	want=$(cd "$tmp" && "$busybox" "$@" 2>&1; echo "status $?")
	got=$(cd "$tmp" && "$tmp/busybox" "$@" 2>&1; echo "status $?")
	if [ "$want" != "$got" ]; then
		echo "FAIL busybox $*:"; diff <(echo "$want") <(echo "$got") | head -10; fails=1
	fi
}
run echo -e 'tab:\there'
run seq -s , 1 3 2000
run sh -c 'x=$(echo sub); for i in 1 2 3; do echo $i$x; done | sort -r; exit 4'
run sh -c 'yes | head -3; printf "%s\n" b a c > f; sort f; wc -c f; rm f; ls'
run sha256sum "$busybox"
run expr '(' 6 '*' 7 + 1 ')' % 10
run sh -c 'trap "echo caught" USR1; kill -USR1 $$; echo after'
run date -u -d @86400 +%F
[ $fails -eq 0 ] && echo "ok: $(tail -1 "$tmp/log"), 8 applet runs alike"
exit $fails
