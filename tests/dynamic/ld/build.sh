#!/bin/sh
# build.sh CC OUTDIR [CFLAGS...]: the loader test (main.c) and its libraries into OUTDIR,
# with broken copies of libtlsie.so for the error cases: truncated/ (cut short) and
# class32/ (its header says 32-bit).
set -eu
cc=$1 out=$2
shift 2
src=$(dirname "$0")
mkdir -p "$out/truncated" "$out/class32"
"$cc" -O2 -fPIC -shared "$@" -o "$out/libtlsie.so" "$src/tlsie.c"
"$cc" -O2 -fPIC -shared -o "$out/libplug.so" "$src/plug.c"
"$cc" -O2 -fPIC -shared -o "$out/libpre.so" "$src/pre.c"
"$cc" -O2 -rdynamic "$@" -o "$out/main" "$src/main.c" -L"$out" -ltlsie -ldl -pthread
head -c 2000 "$out/libtlsie.so" >"$out/truncated/libtlsie.so"
cp "$out/libtlsie.so" "$out/class32/libtlsie.so"
printf '\001' | dd of="$out/class32/libtlsie.so" bs=1 seek=4 conv=notrunc status=none
