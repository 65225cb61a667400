#!/bin/bash
# with_libraries.sh LIBDIR glibc|musl [--data FILE]... [--stdin FILE] [--lib DIR] -- PROGRAM ARGS...
# Runs PROGRAM natively twice and compares stdout, stderr and exit status: as installed, and
# through the libraries rewritten into LIBDIR (libraries.sh): glibc's rewritten loader run
# as the program with --library-path LIBDIR, and LD_LIBRARY_PATH=LIBDIR for the programs it
# starts; musl's rewritten loader (its libc too) run as the program. Their trampolines
# make each syscall with their own syscall instruction, so both runs must agree. @DIR@ in
# the arguments is a scratch directory holding each --data FILE (the same path, afresh,
# with the same files and times, for both runs). --lib DIR: the program's own libraries,
# found through LD_LIBRARY_PATH in both runs (and --library-path, after LIBDIR).
set -u
source "$(dirname "$0")/../lib/lib.sh"
libdir=$1 libc=$2
shift 2
data=() stdin=/dev/null own=
while [[ $# -gt 0 && $1 != -- ]]; do
	case $1 in
	--data) data+=("$2"); shift 2 ;;
	--stdin) stdin=$2; shift 2 ;;
	--lib) own=$2; shift 2 ;;
	*) fail "with_libraries.sh: bad option $1" ;;
	esac
done
shift
path=$libdir${own:+:$own}
case $libc in
glibc) loader=$libdir/ld-linux-x86-64.so.2; via=(env LD_LIBRARY_PATH="$path" "$loader" --library-path "$path") ;;
musl) loader=$libdir/ld-musl-x86_64.so.1; via=(env LD_LIBRARY_PATH="$own" "$loader") ;;
*) fail "with_libraries.sh: no libc $libc" ;;
esac
[[ -x $loader ]] || skip "$loader not rewritten (its library is not installed)"
[[ -x $1 ]] || skip "$1 not installed"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
args=("${@//@DIR@/$tmp/dir}")

# run NAME [LAUNCHER...]: the program in a fresh scratch directory; its output in $tmp/NAME.*
run() {
	local name=$1
	shift
	rm -rf "$tmp/dir"
	mkdir "$tmp/dir"
	[[ ${#data[@]} -eq 0 ]] || cp -p "${data[@]}" "$tmp/dir/"
	# In a process group of its own (timeout's) whose parent is outside it: a stop signal a
	# program raises is then not dropped as in an orphaned group, whoever started the test.
	(cd "$tmp/dir" && timeout -k 5 50 "$@" "${args[@]}" <"$stdin" >"$tmp/$name.out" 2>"$tmp/$name.err")
	echo $? >"$tmp/$name.status"
}
run plain env LD_LIBRARY_PATH="$own"
run rewritten "${via[@]}"
for part in out err status; do
	if ! cmp -s "$tmp/plain.$part" "$tmp/rewritten.$part"; then
		echo "FAIL: the $part of ${args[0]} differs with the rewritten libraries (+):"
		diff -u "$tmp/plain.$part" "$tmp/rewritten.$part" | head -40
		exit 1
	fi
done
echo "ok: ${args[0]##*/} with $libc's rewritten libraries: the same $(wc -l <"$tmp/plain.out") lines, status $(cat "$tmp/plain.status")"
