#!/bin/bash
# bad_input.sh SCAN PROGRAM_DIR: cocoon-scan must refuse a dynamic, 32-bit, non-x86-64,
# truncated or non-ELF file with exactly one line "cocoon-scan: ..." and status 1.
set -u
scan=$1 progs=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

# expect NAME FILE WORDS: the one line must contain WORDS.
expect() {
	local status=0
	"$scan" "$2" >"$tmp/out" 2>"$tmp/err" || status=$?
	if [ $status -ne 1 ] || [ -s "$tmp/out" ] || [ "$(wc -l <"$tmp/err")" -ne 1 ] ||
	   ! grep -q "^cocoon-scan: .*$3" "$tmp/err"; then
		echo "FAIL $1: status $status, stderr: $(cat "$tmp/err")"
		fails=1
	else
		echo "ok $1: $(cat "$tmp/err")"
	fi
}

# patched NAME OFFSET BYTE: a copy of hello.glibc with one byte changed.
patched() {
	cp "$progs/hello.glibc" "$tmp/$1"
	printf %b "\\x$3" | dd of="$tmp/$1" bs=1 seek="$2" conv=notrunc status=none
}

expect dynamic "$progs/hello.dynamic" "dynamically linked"
printf 'not a program\n' >"$tmp/text"
expect not_elf "$tmp/text" "not an ELF file"
patched elf32 4 01
expect elf32 "$tmp/elf32" "not an x86-64 ELF file"
patched arm64 18 b7
expect not_x86_64 "$tmp/arm64" "not an x86-64 ELF file"
head -c 40 "$progs/hello.glibc" >"$tmp/short"
expect truncated "$tmp/short" "corrupt ELF file"
expect missing "$tmp/none" "No such file"
exit $fails
