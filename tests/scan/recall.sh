#!/bin/bash
# recall.sh SCAN [--stdin FILE] [--tmpdir|--in-tmpdir] [--links "NAME..." [--rewritten REWRITE]]
#           [--built-by WHAT] -- PROGRAM [ARGS...]
# Runs PROGRAM natively under strace -f and fails if it makes a syscall that
# cocoon-scan --list PROGRAM does not report. --tmpdir appends a fresh directory to ARGS,
# --in-tmpdir runs PROGRAM in one. --built-by: a missing PROGRAM is a skip, WHAT builds it.
# --links runs a workload of PROGRAM alone: PATH is a directory of links named NAME to
# PROGRAM, the run must exit 0, and every program it starts must be PROGRAM again, so
# that the union of what its processes made is PROGRAM's. --rewritten: then the workload of
# PROGRAM rewritten by REWRITE must print and exit as PROGRAM's, natively.
set -u
scan=$1
shift
stdin=/dev/null
tmpdir=0
links=
built_by=
rewrite=
while [ $# -gt 0 ]; do
	case $1 in
	--stdin) stdin=$2; shift 2 ;;
	--tmpdir) tmpdir=1; shift ;;
	--in-tmpdir) tmpdir=2; shift ;;
	--built-by) built_by=$2; shift 2 ;;
	--links) links=$2; shift 2 ;;
	--rewritten) rewrite=$2; shift 2 ;;
	--) shift; break ;;
	*) echo "recall.sh: bad option $1"; exit 2 ;;
	esac
done
prog=$1
shift
if [ -n "$built_by" ] && [ ! -e "$prog" ]; then
	echo "SKIP: $prog not built ($built_by builds it)"
	exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# in_dir DIR SEARCH COMMAND...: COMMAND with ARGS and PATH=SEARCH, in or given the fresh
# directory DIR (--tmpdir, --in-tmpdir), its standard input STDIN.
in_dir() {
	local dir=$1 search=$2 args=("${@:3}" "${args[@]}")
	[ $tmpdir = 0 ] || mkdir "$dir"
	[ $tmpdir = 1 ] && args+=("$dir")
	if [ $tmpdir = 2 ]; then
		(cd "$dir" && PATH=$search "${args[@]}" <"$stdin")
	else
		PATH=$search "${args[@]}" <"$stdin"
	fi
}
args=("$@")

if ! "$scan" --list "$prog" >"$work/found"; then
	echo "FAIL: cocoon-scan failed on $prog"
	exit 1
fi
if ! command -v strace >/dev/null; then
	echo "FAIL: strace not found (Debian: apt-get install strace)"
	exit 1
fi
if [ -n "$links" ]; then
	mkdir "$work/bin"
	target=$(readlink -f "$prog")
	for name in $links; do ln -s "$target" "$work/bin/$name"; done
	if ! in_dir "$work/dir" "$work/bin" "$(command -v strace)" -f -qq -e trace=all -o "$work/trace" -- \
		"$prog" >"$work/out" 2>&1; then
		echo "FAIL: the workload of $prog failed:"
		tail -5 "$work/out"
		exit 1
	fi
	# The files execve started (those that exist: PATH lookups that failed are not runs).
	others=$(grep -oE 'execve\("[^"]*"' "$work/trace" | sed -E 's/^execve\("//; s/"$//' | sort -u |
		while read -r f; do
			[ -e "$f" ] && [ "$f" != /proc/self/exe ] && [ "$(readlink -f "$f")" != "$target" ] &&
				echo "$f"
		done || true)
	if [ -n "$others" ]; then
		echo "FAIL: the workload of $prog started other programs:" $others
		exit 1
	fi
else
	in_dir "$work/dir" "$PATH" strace -f -qq -o "$work/trace" -- "$prog" >/dev/null 2>&1
fi
# Every line names one syscall (or its resumption), after the pid; the first is the execve
# that started the program, which the program does not make itself, and restart_syscall is
# the kernel's own (a sleep resumed after a stop and SIGCONT), made at no site.
tail -n +2 "$work/trace" | sed -E 's/^[0-9]+ +//; s/^<\.\.\. ([a-z0-9_]+) resumed>.*/\1(/' |
	grep -oE '^[a-z0-9_]+\(' | tr -d '(' | grep -vx restart_syscall | sort -u >"$work/made"
if [ ! -s "$work/made" ]; then
	echo "FAIL: strace recorded no syscall of $prog"
	exit 1
fi
# With unresolved sites --list says ALL, which covers anything: the syscalls the resolved
# sites can make must then cover the run by themselves.
unresolved=
if grep -qx ALL "$work/found"; then
	"$scan" "$prog" | sed -nE 's/^union: [^:]*: *//p' | tr ' ' '\n' | grep . >"$work/found"
	unresolved=" (the resolved sites'; some are unresolved)"
fi
missing=$(sort -u "$work/found" | comm -23 "$work/made" -)
if [ -n "$missing" ]; then
	echo "FAIL: $prog made syscalls cocoon-scan did not find$unresolved:" $missing
	"$scan" "$prog"
	exit 1
fi
echo "ok: all $(wc -l <"$work/made") syscalls $prog made are among the $(wc -l <"$work/found") found$unresolved"
[ -n "$rewrite" ] || exit 0

# The workload again, natively, of PROGRAM and of its rewritten copy (linked in their own PATH;
# the copy has the same name: busybox goes by it).
mkdir "$work/rw"
rewritten=$work/rw/$(basename "$target")
if ! "$rewrite" "$prog" -o "$rewritten" >"$work/rewrite.log" 2>&1; then
	echo "FAIL: cocoon-rewrite failed: $(tail -1 "$work/rewrite.log")"
	exit 1
fi
for run in original rewritten; do
	exe=$target
	[ $run = rewritten ] && exe=$rewritten
	mkdir "$work/bin.$run"
	for name in $links; do ln -s "$exe" "$work/bin.$run/$name"; done
	in_dir "$work/dir.$run" "$work/bin.$run" "$exe" >"$work/out.$run" 2>&1
	echo "status $?" >>"$work/out.$run"
done
if ! cmp -s "$work/out.original" "$work/out.rewritten"; then
	echo "FAIL: rewritten ($(tail -1 "$work/rewrite.log")), the workload differs (- original, + rewritten):"
	diff -u "$work/out.original" "$work/out.rewritten" | tail -n +3 | head -30
	exit 1
fi
echo "ok: rewritten ($(tail -1 "$work/rewrite.log")), the workload printed and exited alike"
