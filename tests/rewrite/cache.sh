#!/bin/bash
# cache.sh UHYVE_RUN SITES: uhyve-run rewrites a program by default and keeps the result
# in its cache. The rewriter's fixture (sites.c) says for each site whether the kernel was
# called ("direct") or trapped into ("trap"), so the output tells which program ran.
# Checked: the first run rewrites and stores one entry, the next uses it unchanged; a
# touched program gets a new entry in place of the old; --no-rewrite traps and stores
# nothing; a stripped program runs trapping and is recorded as not rewritable; an entry
# others could write is not trusted; HOME's .cache serves without XDG_CACHE_HOME; with no
# usable cache the program is still rewritten; a use renews an entry's time, and past
# 256 MiB or 1024 entries the least recently used go.
set -u
uhyve_run=$1 sites=$2
source "$(dirname "$0")/../lib/lib.sh"
need_kvm
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cp "$sites" "$tmp/prog"
strip -R .eh_frame -o "$tmp/stripped" "$sites" # no function bounds left: cannot be rewritten
"$sites" >"$tmp/trapped"
sed -e '/^kept /!s/ trap$/ direct/' "$tmp/trapped" >"$tmp/direct"
grep -q direct "$tmp/direct" || fail "the fixture printed no site: $(cat "$tmp/trapped")"
export XDG_CACHE_HOME=$tmp/cache
cache=$XDG_CACHE_HOME/cocoon

# run EXPECTED ARGS...: uhyve-run ARGS must print the fixture's EXPECTED output.
run() {
	local expected=$1
	shift
	"$uhyve_run" --quiet "$@" >"$tmp/out" 2>&1
	diff -u "$tmp/$expected" "$tmp/out" >"$tmp/diff" || fail "uhyve-run $*: not the $expected output: $(cat "$tmp/diff")"
}
entries() {
	find "$cache" -type f "$@" | sort
}

run direct "$tmp/prog"
[[ $(stat -c %a "$cache") = 700 ]] || fail "the cache directory is not private: $(stat -c %a "$cache")"
first=$(entries -size +0)
[[ $(entries | wc -l) = 1 && -n $first ]] || fail "one rewritten entry expected: $(entries)"
before=$(stat -c %i "$first")
run direct "$tmp/prog"
[[ $(entries) = "$first" && $(stat -c %i "$first") = "$before" ]] || fail "the entry was not reused: $(entries)"

touch -d '2001-02-03 04:05:06' "$tmp/prog"
run direct "$tmp/prog"
second=$(entries)
[[ $(wc -l <<<"$second") = 1 && $second != "$first" ]] || fail "a changed program's entry did not replace the old one: $second"

rm -rf "$cache"
run trapped --no-rewrite "$tmp/prog"
[[ ! -e $cache ]] || fail "--no-rewrite made a cache entry: $(entries)"

run trapped "$tmp/stripped"
[[ $(entries -size 0 | wc -l) = 1 ]] || fail "a stripped program is not recorded as not rewritable: $(entries)"
run trapped "$tmp/stripped"
"$uhyve_run" --quiet --rewrite "$tmp/stripped" >"$tmp/out" 2>&1
status=$?
[[ $status = 126 ]] && grep -q "no symbol table" "$tmp/out" ||
	fail "--rewrite of a stripped program: status $status, $(cat "$tmp/out")"

rm -rf "$cache"
run direct "$tmp/prog"
entry=$(entries)
chmod g+w "$entry"
run direct "$tmp/prog"
[[ $(stat -c %a "$entry") = 600 ]] || fail "an entry others could write was used, not replaced"

home=$tmp/home
mkdir "$home"
XDG_CACHE_HOME= HOME=$home run direct "$tmp/prog"
[[ $(find "$home/.cache/cocoon" -type f -size +0 | wc -l) = 1 ]] || fail "no entry under \$HOME/.cache/cocoon"

XDG_CACHE_HOME=$tmp/prog run direct "$tmp/prog"

# A use makes an entry recent; past 256 MiB the least recently used go (sparse stand-ins here).
rm -rf "$cache"
run direct "$tmp/prog"
entry=$(entries)
touch -d '2001-01-01' "$entry"
run direct "$tmp/prog"
[[ $(stat -c %Y "$entry") -gt 1000000000 ]] || fail "a used entry's time was not renewed"
old=$cache/0000000000000001-0000000000000001 older=$cache/0000000000000002-0000000000000002
truncate -s 150M "$old" "$older"
touch -d '2002-01-01' "$old"
touch -d '2001-01-01' "$older"
cp "$sites" "$tmp/other"
run direct "$tmp/other"
[[ -e $old && ! -e $older && -e $entry && $(entries | wc -l) = 3 ]] ||
	fail "past 256 MiB the least recently used entry should have gone, only it: $(entries)"
# Past 1024 entries, empty ones (programs that cannot be rewritten) included, the same.
rm -f "$old"
for ((i = 0; i < 1024; i++)); do
	printf -v f '%s/%016x-%016x' "$cache" $((i + 16)) 0
	: >"$f"
done
touch -d '2001-01-01' "$cache/0000000000000010-0000000000000000"
cp "$sites" "$tmp/third"
run direct "$tmp/third"
[[ $(entries | wc -l) = 1024 && ! -e $cache/0000000000000010-0000000000000000 ]] ||
	fail "past 1024 entries the least recently used should have gone: $(entries | wc -l) left"
echo "ok: rewritten by default, cached, reused, replaced, refused when stripped or writable by others"
