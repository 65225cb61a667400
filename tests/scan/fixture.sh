#!/bin/bash
# fixture.sh SCAN PROGRAM EXPECTED: cocoon-scan --list PROGRAM must print EXPECTED exactly.
set -u
scan=$1 prog=$2 expected=$3
if ! out=$("$scan" --list "$prog"); then
	echo "FAIL: cocoon-scan failed on $prog"
	exit 1
fi
if ! diff -u "$expected" - <<<"$out"; then
	echo "FAIL: cocoon-scan --list $prog differs from $expected (+ is what it found); its report:"
	"$scan" "$prog"
	exit 1
fi
echo "ok: $(echo $out)"
