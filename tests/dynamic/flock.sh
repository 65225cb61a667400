# Debian's flock(1) from busybox sh, as scripts use it: run under `flock DIR/outer`, given DIR.
# Each step waits for a file the other side makes, so the output has one order; a lock that
# excluded nothing would change it.
# Everything it makes goes in DIR/work, gone at the end: the VM's run comes after the native one.
set -e
d=$1/work
"$1/busybox" mkdir "$d" "$d/bin"
cd "$d"
for a in sh cat echo sleep touch test "[" rm true; do
	"$1/busybox" ln -s "$1/busybox" "bin/$a"
done
export PATH="$d/bin:$1" SHELL="$d/bin/sh"
until_made() {
	while [ ! -e "$1" ]; do sleep 0.05; done
}

echo "the outer lock is held: $(flock -n "$1/outer" -c 'echo no' || echo yes)"

# a holds the lock until told; -n and -w give up meanwhile, b waits for a to end.
for where in DIR /tmp; do
	l=$d/lock
	[ "$where" = DIR ] || l=/tmp/flock-test.$$
	echo "== a lock file in $where"
	flock "$l" -c 'echo "a: locked"; touch held; until [ -e release ]; do sleep 0.05; done; echo "a: done"' &
	a=$!
	until_made held
	flock -n "$l" -c 'echo "-n: not refused"' || echo "-n: refused ($?)"
	flock -w 0.3 "$l" -c 'echo "-w: not timed out"' || echo "-w: timed out ($?)"
	flock -s -n "$l" true || echo "-s -n: refused ($?)"
	flock "$l" -c 'echo "b: locked after a"' &
	b=$!
	sleep 0.3
	touch release
	wait $a $b
	rm -f held release

	# Two shared holders at once: each waits for the other to hold it.
	flock -s "$l" -c 'touch s1; until [ -e s2 ]; do sleep 0.05; done' &
	flock -s "$l" -c 'touch s2; until [ -e s1 ]; do sleep 0.05; done; echo "two shared holders at once"'
	wait
	rm -f s1 s2

	# A descriptor of the shell locked by flock(1) stays locked after flock ends.
	(
		flock -n 9 && echo "fd 9: locked"
		flock -n "$l" true || echo "another open: refused ($?)"
	) 9>"$l"
	flock -n "$l" -c 'echo "free once the subshell closed fd 9"'

	# A pipeline of two: the right side waits for the left's lock, then reads what it wrote.
	flock "$l" -c 'echo "left: locked"; touch held; sleep 0.3' | {
		until_made held
		flock -n "$l" true || echo "right: refused ($?)"
		flock "$l" -c 'echo "right: locked after the left ended"'
		cat
	}
	rm -f held "$l"
done
cd "$1"
rm -r "$d"
