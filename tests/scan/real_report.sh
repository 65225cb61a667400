#!/bin/bash
# real_report.sh SCAN REWRITE PROGRAM...: for each static program, its syscall sites, how
# many the scan resolves, how many can only trap (they make rt_sigreturn, clone, vfork,
# munmap or exit alone), how many cocoon-rewrite rewrites (and their share of the others),
# and the time each tool took.
# Not a test: the figures of docs/tools.md, run with the tools of two trees to compare.
set -u
scan=$1 rewrite=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%-22s %6s %9s %5s %10s %7s %9s\n' program sites resolved trap rewritten scan rewrite
for prog in "$@"; do
	t0=$(date +%s.%N)
	"$scan" "$prog" >"$tmp/scan" 2>&1 || { echo "$prog: $(head -1 "$tmp/scan")"; continue; }
	t1=$(date +%s.%N)
	"$rewrite" -v "$prog" -o "$tmp/out" >"$tmp/rw" 2>&1
	t2=$(date +%s.%N)
	read -r sites unresolved < <(sed -nE '1s/.*: ([0-9]+) syscall sites, ([0-9]+) unresolved.*/\1 \2/p' "$tmp/scan")
	rewritten=$(grep -c ': rewritten' "$tmp/rw")
	only_trap=$(grep -cE 'keeps trapping: (rt_sigreturn|a new thread|the child|munmap|a thread may exit)' "$tmp/rw")
	printf '%-22s %6d %4d %3d%% %5d %5d %3d%% %6.2fs %8.2fs\n' "$(basename "$prog")" "$sites" \
		$((sites - unresolved)) $((100 * (sites - unresolved) / sites)) "$only_trap" "$rewritten" \
		$((100 * rewritten / (sites - only_trap))) "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)"
done
