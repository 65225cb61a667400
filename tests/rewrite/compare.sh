#!/bin/bash
# compare.sh REWRITE SCAN COMPARE [--tmpdir-arg] -- COMPARE_OPTIONS... -- PROGRAM ARGS...
# Rewrites PROGRAM with cocoon-rewrite, checks that it rewrote sites and that their
# syscall instructions are gone (cocoon-scan of the output finds only the kept ones),
# then runs tests/lib/compare.sh (COMPARE) on the rewritten program: natively, where its
# trampolines make each syscall with the syscall instruction as the original did, and
# under uhyve-run, where they call the kernel. --tmpdir-arg: mount a fresh
# directory and give it as the last argument.
set -u
rewrite=$1 scan=$2 compare=$3
shift 3
tmpdir_arg=0
if [[ ${1:-} = --tmpdir-arg ]]; then
	tmpdir_arg=1
	shift
fi
[[ ${1:-} = -- ]] && shift
args=("$@")
prog_at=
for ((i = 0; i < ${#args[@]} - 1; i++)); do # PROGRAM: the first argument after compare.sh's "--"
	if [[ ${args[i]} = -- ]]; then
		prog_at=$((i + 1))
		break
	fi
done
[[ -n $prog_at ]] || { echo "usage: compare.sh REWRITE SCAN COMPARE [--tmpdir-arg] -- COMPARE_ARGS -- PROGRAM ARGS"; exit 2; }
prog=${args[prog_at]}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fast=$tmp/${prog##*/}
summary=$("$rewrite" "$prog" -o "$fast") || { echo "FAIL: cocoon-rewrite $prog"; exit 1; }
read -r _ k _ n _ <<<"$summary"
if ! [[ $k -gt 0 ]]; then
	echo "FAIL: no site of $prog rewritten: $summary"
	exit 1
fi
# Syscall instructions inside functions (rewritten sites all are; the trampolines' own are not).
in_functions() {
	"$scan" "$1" | grep -c '^0x[0-9a-f]* [^?]'
}
before=$(in_functions "$prog") after=$(in_functions "$fast")
if [[ $after != $((before - k)) ]]; then
	echo "FAIL: $summary, but cocoon-scan finds $after of $before syscall instructions left in functions"
	exit 1
fi
echo "$summary"
args[prog_at]=$fast
if [[ $tmpdir_arg = 1 ]]; then
	mkdir "$tmp/dir"
	"$compare" --uhyve-opt --mount --uhyve-opt "$tmp/dir" "${args[@]}" "$tmp/dir"
else
	"$compare" "${args[@]}"
fi
