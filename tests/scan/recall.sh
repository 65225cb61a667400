#!/bin/bash
# recall.sh SCAN [--stdin FILE] [--tmpdir] -- PROGRAM [ARGS...]
# Runs PROGRAM natively under strace -f and fails if it makes a syscall that
# cocoon-scan --list PROGRAM does not report. --tmpdir appends a fresh directory to ARGS.
set -u
scan=$1
shift
stdin=/dev/null
tmpdir=0
while [ $# -gt 0 ]; do
	case $1 in
	--stdin) stdin=$2; shift 2 ;;
	--tmpdir) tmpdir=1; shift ;;
	--) shift; break ;;
	*) echo "recall.sh: bad option $1"; exit 2 ;;
	esac
done
prog=$1
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
args=("$@")
if [ $tmpdir = 1 ]; then
	mkdir "$work/dir"
	args+=("$work/dir")
fi

if ! "$scan" --list "$prog" >"$work/found"; then
	echo "FAIL: cocoon-scan failed on $prog"
	exit 1
fi
if ! command -v strace >/dev/null; then
	echo "FAIL: strace not found (Debian: apt-get install strace)"
	exit 1
fi
strace -f -qq -o "$work/trace" -- "$prog" "${args[@]}" <"$stdin" >/dev/null 2>&1
# Every line names one syscall (or its resumption), after the pid; the first is the execve
# that started the program, which the program does not make itself.
tail -n +2 "$work/trace" | sed -E 's/^[0-9]+ +//; s/^<\.\.\. ([a-z0-9_]+) resumed>.*/\1(/' |
	grep -oE '^[a-z0-9_]+\(' | tr -d '(' | sort -u >"$work/made"
if [ ! -s "$work/made" ]; then
	echo "FAIL: strace recorded no syscall of $prog"
	exit 1
fi
if grep -qx ALL "$work/found"; then
	echo "ok: $prog has unresolved sites, so the scan keeps every syscall ($(wc -l <"$work/made") made)"
	exit 0
fi
missing=$(sort -u "$work/found" | comm -23 "$work/made" -)
if [ -n "$missing" ]; then
	echo "FAIL: $prog made syscalls cocoon-scan did not find:" $missing
	"$scan" "$prog"
	exit 1
fi
echo "ok: all $(wc -l <"$work/made") syscalls $prog made are among the $(wc -l <"$work/found") found"
