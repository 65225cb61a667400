#!/bin/bash
# bad_input.sh SCAN REWRITE PROGRAM_DIR FIXTURE_DIR: cocoon-scan and cocoon-rewrite must each
# refuse a dynamic, 32-bit, non-x86-64, truncated or non-ELF file, a shared library and a
# program whose .eh_frame points outside its code with exactly one line "TOOL: ..." and
# status 1 (cocoon-rewrite writing no output); a Go program is scanned but not rewritten.
set -u
scan=$1 rewrite=$2 progs=$3 fixtures=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

# refused TOOL NAME FILE WORDS: TOOL's one line must contain WORDS.
refused() {
	local tool=$1 status=0 name
	name=$(basename "$tool")
	rm -f "$tmp/rewritten"
	if [ "$name" = cocoon-scan ]; then
		"$tool" "$3" >"$tmp/out" 2>"$tmp/err" || status=$?
	else
		"$tool" "$3" -o "$tmp/rewritten" >"$tmp/out" 2>"$tmp/err" || status=$?
	fi
	if [ $status -ne 1 ] || [ -s "$tmp/out" ] || [ -e "$tmp/rewritten" ] || [ "$(wc -l <"$tmp/err")" -ne 1 ] ||
	   ! grep -q "^$name: .*$4" "$tmp/err"; then
		echo "FAIL $name $2: status $status, stderr: $(cat "$tmp/err")"
		fails=1
	else
		echo "ok $name $2: $(cat "$tmp/err")"
	fi
}

# expect NAME FILE WORDS: both tools refuse FILE.
expect() {
	refused "$scan" "$@"
	refused "$rewrite" "$@"
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
head -c 4000 "$progs/hello.glibc" >"$tmp/cut"
expect truncated_segments "$tmp/cut" "corrupt ELF file"
expect missing "$tmp/none" "No such file"
expect shared_library "$fixtures/shared_lib" "a shared library"
expect eh_frame_outside "$fixtures/eh_frame_outside" "outside the code"

# Go's syscall stubs run on goroutine stacks: scanned (the numbers it finds are right), not rewritten.
if "$scan" --list "$fixtures/go_note" >"$tmp/out" 2>"$tmp/err" && [ "$(echo $(cat "$tmp/out"))" = "getpid exit" ]; then
	echo "ok cocoon-scan go_note: $(echo $(cat "$tmp/out"))"
else
	echo "FAIL cocoon-scan go_note: $(cat "$tmp/out" "$tmp/err")"
	fails=1
fi
refused "$rewrite" go_note "$fixtures/go_note" "a Go program"
exit $fails
