#!/bin/bash
# bad_input.sh SCAN REWRITE PROGRAM_DIR FIXTURE_DIR: cocoon-scan and cocoon-rewrite must each
# refuse a 32-bit, non-x86-64, truncated or non-ELF file and a program whose .eh_frame points
# outside its code with exactly one line "TOOL: ..." and status 1 (cocoon-rewrite writing no
# output); a Go program and a shared library with text relocations are scanned but not
# rewritten. A shared library and a dynamically linked program are no longer bad input:
# both are rewritten, and cocoon-scan --list says ALL for them (other files take part).
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
expect eh_frame_outside "$fixtures/eh_frame_outside" "outside the code"

# Go's syscall stubs run on goroutine stacks: scanned (the numbers it finds are right), not rewritten.
if "$scan" --list "$fixtures/go_note" >"$tmp/out" 2>"$tmp/err" && [ "$(echo $(cat "$tmp/out"))" = "getpid exit" ]; then
	echo "ok cocoon-scan go_note: $(echo $(cat "$tmp/out"))"
else
	echo "FAIL cocoon-scan go_note: $(cat "$tmp/out" "$tmp/err")"
	fails=1
fi
refused "$rewrite" go_note "$fixtures/go_note" "a Go program"
refused "$rewrite" textrel_lib "$fixtures/textrel_lib" "text relocations"

# accepted NAME WANT COMMAND...: COMMAND succeeds and its last line of output is WANT.
accepted() {
	local name=$1 want=$2 got
	shift 2
	if got=$("$@" 2>&1 | tail -1) && [ "$got" = "$want" ]; then
		echo "ok $name: $got"
	else
		echo "FAIL $name: '$got', not '$want'"
		fails=1
	fi
}
accepted "cocoon-scan --list shared_lib" ALL "$scan" --list "$fixtures/shared_lib"
accepted "cocoon-scan --list hello.dynamic" ALL "$scan" --list "$progs/hello.dynamic"
accepted "cocoon-scan --list textrel_lib" ALL "$scan" --list "$fixtures/textrel_lib"
accepted "cocoon-rewrite shared_lib" "rewrote 1 of 1 syscall sites" "$rewrite" "$fixtures/shared_lib" -o "$tmp/lib"
accepted "cocoon-rewrite hello.dynamic" "rewrote 0 of 0 syscall sites: copied unchanged" \
	"$rewrite" "$progs/hello.dynamic" -o "$tmp/dynamic"
exit $fails
