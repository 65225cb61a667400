#!/usr/bin/env bash
# The page cache benchmark: pcachebench (start-to-exit times, memory held by N processes at
# once, file reads that went to the host) under qemu-run for Debian's dynamically linked ls
# (ls -l of 2000 files) and python3 (as -c pass, then waiting on stdin), given copies of
# their libraries and of the modules python3 loads. With BASE_KERNEL (e.g. main's), both
# kernels side by side with the ratio (KERNEL / BASE_KERNEL: below 1 is better).
#
# Usage: pcachebench.sh QEMU_RUN PCACHEBENCH KERNEL [BASE_KERNEL]
set -euo pipefail
. "$(dirname "$0")/../lib/libroot.sh"
qemu_run=$1 prog=$2 kernel=$3 base=${4:-}
n=4
root=$(mktemp -d "${TMPDIR:-/tmp}/pcachebench.XXXXXX")
trap 'rm -rf -- "$root"' EXIT
mkdir "$root/bin" "$root/py" "$root/data" "$root/data/many"
for p in ls python3; do
	cp -L "/usr/bin/$p" "$root/bin/"
	libroot_add "$root" "/usr/bin/$p"
done
cp "$prog" "$root/data/"
(cd "$root/data/many" && seq 2000 | xargs touch)
stdlib=$(/usr/bin/python3 -c "import sysconfig; print(sysconfig.get_path('stdlib'))")
mkdir "$root/py/lib-dynload" # else python3 complains that its exec_prefix is missing
# What `python3 -c pass` loads, with the compiled forms native runs use.
/usr/bin/python3 -c '
import importlib.util, sys
for m in list(sys.modules.values()):
    f = getattr(m, "__file__", None)
    if f:
        print(f)
        if f.endswith(".py"):
            print(importlib.util.cache_from_source(f))' |
	while read -r f; do
		[[ $f = "$stdlib"/* && -f $f ]] || continue
		mkdir -p "$root/py/$(dirname "${f#"$stdlib"/}")"
		cp "$f" "$root/py/${f#"$stdlib"/}"
	done

# bench KERNEL: the lines of both programs under KERNEL.
bench() {
	local run=("$qemu_run" --kernel "$1" --quiet --mem 256M --mount "$root/bin:/usr/bin:ro"
		--mount "$root/lib:/lib:ro" --mount "$root/lib64:/lib64:ro" --mount "$root/py:$stdlib:ro"
		--mount "$root/data:/data" -- "$root/data/pcachebench")
	"${run[@]}" ls "$n" /usr/bin/ls -l /data/many
	"${run[@]}" python3 "$n" /usr/bin/python3 -c 'import os; os.write(1, b"r"); os.read(0, 1)'
}

bench "$kernel" >"$root/new"
echo "page cache benchmark under qemu-run (host: $(nproc) CPUs; $n processes; one run each)"
if [[ -z $base ]]; then
	printf '%-22s %12s\n' measure cocoon
	awk '{ printf "%-22s %9s %-2s\n", $1, $2, $3 }' "$root/new"
	exit 0
fi
bench "$base" >"$root/base"
printf '%-22s %14s %14s %8s\n' measure base cocoon ratio
join "$root/base" "$root/new" |
	awk '{ printf "%-22s %9s %-5s %9s %-5s %8s\n", $1, $2, $3, $4, $5, ($2 > 0 && $4 != "-" ? sprintf("%.2f", $4 / $2) : "-") }'
