#!/bin/sh
# real_programs.sh DIR: builds real programs from Debian's source packages into DIR/bin, static:
# lua 5.4 and sqlite3 with musl and glibc (-O2 and -Os), busybox with glibc and Debian's own
# busybox-static configuration (stripped, as Debian ships it, and with its symbols), bash
# with musl. Sources are fetched once into DIR/src with apt-get source (needs deb-src
# entries: scripts/deps-debian.sh derives them; sqlite3's amalgamation needs tclsh).
# Takes 10-20 minutes on two cores: a report, not a test.
set -eu
dir=$(mkdir -p "$1" && cd "$1" && pwd)
mkdir -p "$dir/src" "$dir/bin"
log=$dir/build.log
: >"$log"

# fetch PACKAGE: its unpacked source directory, fetched once.
fetch() {
	found=$(find "$dir/src" -maxdepth 1 -type d -name "$1*-[0-9]*" | head -1)
	if [ -z "$found" ]; then
		(cd "$dir/src" && apt-get source -qq "$1" >>"$log" 2>&1) ||
			{ echo "real_programs.sh: apt-get source $1 failed (no deb-src entry? see $log)" >&2; exit 1; }
		found=$(find "$dir/src" -maxdepth 1 -type d -name "$1*-[0-9]*" | head -1)
	fi
	echo "$found"
}

# missing NAME...: is some program not built yet? (Sources are fetched only then.)
missing() {
	for name in "$@"; do
		[ -x "$dir/bin/$name" ] || return 0
	done
	return 1
}

# variants: NAME-SUFFIX, compiler and optimisation of each static build.
variants="musl:musl-gcc:-O2 glibc:gcc:-O2 musl-Os:musl-gcc:-Os glibc-Os:gcc:-Os"

missing lua.musl lua.glibc lua.musl-Os lua.glibc-Os && lua=$(fetch lua5.4)
for v in $variants; do
	IFS=: read -r name cc opt <<EOF
$v
EOF
	[ -x "$dir/bin/lua.$name" ] && continue
	echo "building lua.$name" >&2
	obj=$dir/obj/lua-$name
	mkdir -p "$obj"
	for c in "$lua"/src/*.c; do
		case $c in */luac.c) continue ;; esac
		echo "$c"
	done | (cd "$obj" && xargs -P2 -n4 "$cc" "$opt" -std=gnu99 -DLUA_COMPAT_5_3 -DLUA_USE_POSIX -c) >>"$log" 2>&1
	"$cc" -static -o "$dir/bin/lua.$name" "$obj"/*.o -lm >>"$log" 2>&1
done

missing sqlite3.musl sqlite3.glibc sqlite3.musl-Os sqlite3.glibc-Os && sqlite=$(fetch sqlite3)
if missing sqlite3.musl sqlite3.glibc sqlite3.musl-Os sqlite3.glibc-Os && [ ! -f "$sqlite/bld/sqlite3.c" ]; then
	command -v tclsh >/dev/null || { echo "real_programs.sh: sqlite3's amalgamation needs tclsh (apt-get install tcl)" >&2; exit 1; }
	mkdir -p "$sqlite/bld"
	(cd "$sqlite/bld" && ../configure --disable-tcl && make sqlite3.c shell.c) >>"$log" 2>&1
fi
for v in $variants; do
	IFS=: read -r name cc opt <<EOF
$v
EOF
	[ -x "$dir/bin/sqlite3.$name" ] && continue
	echo "building sqlite3.$name" >&2
	(cd "$sqlite/bld" && "$cc" "$opt" -static -DSQLITE_THREADSAFE=1 -DSQLITE_ENABLE_FTS5 \
		-o "$dir/bin/sqlite3.$name" shell.c sqlite3.c -lm -lpthread) >>"$log" 2>&1
done

if missing busybox.glibc busybox.glibc-symbols; then
	busybox=$(fetch busybox)
	echo "building busybox.glibc" >&2
	(cd "$busybox" && cp debian/config/pkg/static .config && yes '' | make oldconfig &&
		make -j2 busybox) >>"$log" 2>&1
	cp "$busybox/busybox" "$dir/bin/busybox.glibc"
	cp "$busybox/busybox_unstripped" "$dir/bin/busybox.glibc-symbols"
fi

if missing bash.musl; then
	bash=$(fetch bash)
	echo "building bash.musl" >&2
	rm -rf "$dir/obj/bash-musl" && mkdir -p "$dir/obj/bash-musl"
	# bash 5.2's configure adds its own strtoimax when it finds libc's (a known slip), which
	# collides with musl's in a static link: telling it libc has none keeps it out.
	(cd "$dir/obj/bash-musl" && CC=musl-gcc bash_cv_func_strtoimax=no "$bash/configure" --enable-static-link \
		--without-bash-malloc --enable-largefile --disable-nls && make -j2 bash) >>"$log" 2>&1
	cp "$dir/obj/bash-musl/bash" "$dir/bin/bash.musl"
fi
ls "$dir/bin"
