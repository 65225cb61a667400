#!/bin/bash
# libraries.sh REWRITE SCAN OUTDIR LIBRARY...: each shared library rewritten by REWRITE into
# OUTDIR under its own name, for the rewrite/lib_* tests that run programs against them
# (with_libraries.sh). Prints per library its syscall sites, those rewritten, those the scan
# could not resolve, and the time the rewrite took. Fails when a rewrite fails, when more
# than 5% of a library's sites keep trapping other than for a number that must trap or
# thread cancellation's check of the program counter, or when SCAN still finds a rewritten
# site's syscall instruction in the output. A library that is not installed is left out.
set -u
rewrite=$1 scan=$2 out=$3
shift 3
source "$(dirname "$0")/../lib/lib.sh"
rm -rf "$out"
mkdir -p "$out"
fails=0
must_trap='keeps trapping: (rt_sigreturn|a new thread|the child|munmap|a thread may exit|thread cancellation)'
for lib in "$@"; do
	name=${lib##*/}
	if [[ ! -e $lib ]]; then
		echo "$name: not installed, left out"
		continue
	fi
	log=$out/$name.log
	start=$(date +%s%N)
	if ! "$rewrite" -v "$lib" -o "$out/$name" >"$log" 2>&1; then
		echo "FAIL $name: $(tail -1 "$log")"
		fails=1
		continue
	fi
	ms=$((($(date +%s%N) - start) / 1000000))
	read -r _ rewritten _ sites _ <<<"$(tail -1 "$log")"
	unresolved=$("$scan" "$lib" | sed -nE '1s/.* ([0-9]+) unresolved.*/\1/p')
	others=$(grep 'keeps trapping' "$log" | grep -cvE "$must_trap")
	echo "$name: $sites sites, $rewritten rewritten, $unresolved unresolved, $others kept for want of a window; ${ms} ms"
	if ((others * 20 > sites)); then
		echo "FAIL $name: more than 5% of the sites keep trapping:"
		grep 'keeps trapping' "$log" | grep -vE "$must_trap"
		fails=1
	fi
	# Rewritten sites whose syscall instruction is still found in the output.
	left=$(comm -12 <(sed -nE 's/^(0x[0-9a-f]+) .*: rewritten.*/\1/p' "$log" | sort) \
		<("$scan" "$out/$name" | sed -nE 's/^(0x[0-9a-f]+) .*/\1/p' | sort))
	if [[ -n $left ]]; then
		echo "FAIL $name: rewritten sites still make a syscall there: $(echo $left)"
		fails=1
	fi
done
# The rewritten loader and libc are the ones a program run through it gets.
if [[ -x $out/ld-linux-x86-64.so.2 && -e $out/libc.so.6 ]]; then
	maps=$("$out/ld-linux-x86-64.so.2" --library-path "$out" /bin/cat /proc/self/maps)
	for f in ld-linux-x86-64.so.2 libc.so.6; do
		grep -q " $out/$f\$" <<<"$maps" || fail "$out/$f is not mapped by a program run through the rewritten loader"
	done
fi
[[ $fails = 0 ]] || exit 1
echo "ok: the libraries rewritten into $out"
