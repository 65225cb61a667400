#!/bin/sh
# Prints docs/syscalls.md: every Linux x86-64 syscall the kernel implements
# (syscalls/NAME.c exists), with its number, its file, the kernel subsystems
# doing its work and whether it is a direct-call leaf (SYSCALL_LEAF); then every
# one it does not, with why, from syscalls/missing.h (it fails when a missing
# syscall has no line there, or a line names an implemented one). --summary
# prints only the count the README must quote, on one line.
#
#   sh scripts/syscall-docs.sh [--summary] [SOURCE_DIR [UNISTD_64_H]] > docs/syscalls.md
#
# The subsystems are read from the file's #include "kernel/SUBSYSTEM/..."
# lines (any other folder it includes from, such as drivers/monitor, is named
# too); kernel/fs, which every syscall gets through syscalls/sys.h, counts when
# the file calls a function that sys.h's kernel/fs headers declare. Not counted:
# kernel/mm/uaccess.h (copy_to_user..., used by nearly every syscall) and, in a
# leaf, kernel/proc/direct_syscall.h (it only supplies SYSCALL_LEAF).
# `cmake --build build --target docs` runs this; the test docs/syscalls_current
# (ctest -L docs) fails when docs/syscalls.md differs from what it prints, and
# docs/readme_syscall_count when README.md lacks the --summary line.
set -eu
summary=0
if [ "${1:-}" = --summary ]; then
	summary=1
	shift
fi
src=${1:-$(dirname "$0")/..}
unistd=${2:-}
if [ -z "$unistd" ]; then
	for f in /usr/include/x86_64-linux-gnu/asm/unistd_64.h /usr/include/asm/unistd_64.h; do
		[ -f "$f" ] && { unistd=$f; break; }
	done
fi
[ -n "$unistd" ] && [ -f "$unistd" ] || { echo "syscall-docs.sh: <asm/unistd_64.h> not found" >&2; exit 1; }
cd "$src"
[ -d syscalls ] || { echo "syscall-docs.sh: no syscalls/ in $src" >&2; exit 1; }

# The kernel/fs headers syscalls/sys.h gives every syscall file.
sys_headers=$(sed -n 's|^#include "\(kernel/fs/[a-z_]*\.h\)"$|\1|p' syscalls/sys.h)

LC_ALL=C awk -v sys_headers="$sys_headers" -v summary="$summary" '
function add(list, item) {
	return index(" " list " ", " " item " ") ? list : (list == "" ? item : list " " item)
}
BEGIN {
	# Functions declared by sys.h'"'"'s kernel/fs headers: a line at column 0 whose
	# last identifier before the first "(" is the name.
	n = split(sys_headers, hs, /[ \n]+/)
	for (i = 1; i <= n; i++) {
		if (hs[i] == "") continue
		while ((getline line < hs[i]) > 0) {
			if (line !~ /^[A-Za-z_]/ || line ~ /^(#|typedef|struct [a-z_]+ \{)/ || index(line, "(") == 0) continue
			head = substr(line, 1, index(line, "(") - 1)
			if (match(head, /[A-Za-z_][A-Za-z0-9_]*$/)) fs_fn[substr(head, RSTART, RLENGTH)] = 1
		}
		close(hs[i])
	}
}
# The missing syscalls: each kind'"'"'s words, then one X(name, KIND, "why") a line.
FILENAME == ARGV[2] {
	if ($0 ~ /^#define SYSCALL_MISSING_[A-Z]+ "/) {
		k = $2; sub(/^SYSCALL_MISSING_/, "", k)
		t = $0; sub(/^[^"]*"/, "", t); sub(/"$/, "", t)
		kind_text[k] = t; kinds[++nkinds] = k
	} else if ($0 ~ /^\tX\([a-z0-9_]+, [A-Z]+, "[^"]*"\)/) {
		split($0, f, /[(,]/); n = f[2]; k = f[3]; sub(/^ /, "", k)
		w = $0; sub(/^[^"]*"/, "", w); sub(/".*$/, "", w)
		if (n in why) { print "syscall-docs.sh: syscalls/missing.h: " n " twice" > "/dev/stderr"; exit 1 }
		why[n] = w; kind[n] = k
	}
	next
}
FNR == 1 && FILENAME != ARGV[1] {
	name = FILENAME; sub(/^syscalls\//, "", name); sub(/\.c$/, "", name)
	files[++nfiles] = name
}
FILENAME == ARGV[1] {
	if ($0 ~ /^#define __NR_[a-z0-9_]+ [0-9]+$/) { nr[substr($2, 6)] = $3; total++ }
	next
}
/^SYSCALL_LEAF\(/ { leaf[name] = 1 }
/^#include "/ {
	path = $2; gsub(/"/, "", path)
	if (path == "kernel/mm/uaccess.h") next
	if (path == "kernel/proc/direct_syscall.h") { direct[name] = 1; next }
	if (path ~ /^kernel\/[a-z_]+\//) { split(path, p, "/"); subs[name] = add(subs[name], p[2]) }
	else if (path ~ /^[a-z_]+\/[a-z_0-9]+\//) { split(path, p, "/"); subs[name] = add(subs[name], p[1] "/" p[2]) }
	next
}
{
	line = $0
	while (match(line, /[A-Za-z_][A-Za-z0-9_]*\(/)) {
		id = substr(line, RSTART, RLENGTH - 1)
		if (id in fs_fn) uses_fs[name] = 1
		line = substr(line, RSTART + RLENGTH)
	}
}
END {
	for (i = 1; i <= nfiles; i++) have[files[i]] = 1
	nn = 0
	for (s in nr) if (!(s in have)) {
		miss[++nn] = sprintf("%05d %s", nr[s], s)
		if (!(s in why)) { print "syscall-docs.sh: syscalls/missing.h: no line for " s " (" nr[s] "), which syscalls/ lacks" > "/dev/stderr"; exit 1 }
		if (!(kind[s] in kind_text)) { print "syscall-docs.sh: syscalls/missing.h: " s ": no kind " kind[s] > "/dev/stderr"; exit 1 }
		missing[kind[s]]++
	}
	for (s in why) if (s in have || !(s in nr)) {
		print "syscall-docs.sh: syscalls/missing.h: " s (s in have ? " is implemented (syscalls/" s ".c)" : " is not a Linux x86-64 syscall") > "/dev/stderr"
		exit 1
	}
	counts = ""
	for (i = 1; i <= nkinds; i++)
		counts = counts (i == 1 ? "" : i == nkinds ? " and " : ", ") (missing[kinds[i]] + 0) " " kind_text[kinds[i]]
	if (summary) {
		printf "%d of Linux'"'"'s %d x86-64 syscalls; of the other %d, %s\n", nfiles, total, nn, counts
		exit 0
	}
	for (i = 1; i <= nfiles; i++) {
		s = files[i]
		if (!(s in nr)) { print "syscall-docs.sh: syscalls/" s ".c is not a Linux x86-64 syscall" > "/dev/stderr"; exit 1 }
		if (direct[s] && !leaf[s]) subs[s] = add(subs[s], "proc")
		if (uses_fs[s]) subs[s] = add(subs[s], "fs")
		# Sorted by name within the cell, kernel subsystems first.
		m = split(subs[s], a, " "); out = ""
		for (j = 2; j <= m; j++) { v = a[j]; k = j - 1
			while (k > 0 && (index(a[k], "/") > index(v, "/") || (index(a[k], "/") == index(v, "/") && a[k] > v))) { a[k + 1] = a[k]; k-- }
			a[k + 1] = v }
		for (j = 1; j <= m; j++) out = out (j > 1 ? ", " : "") a[j]
		cell[s] = out
		order[i] = sprintf("%05d %s", nr[s], s)
	}
	# Sort by number (insertion sort: a few hundred entries).
	for (i = 2; i <= nfiles; i++) { v = order[i]; k = i - 1
		while (k > 0 && order[k] > v) { order[k + 1] = order[k]; k-- }
		order[k + 1] = v }

	print "# Syscalls"
	print ""
	print "Generated by `scripts/syscall-docs.sh` from `syscalls/` and the build host'"'"'s `<asm/unistd_64.h>`:"
	print "do not edit. `cmake --build build --target docs` writes it again; `ctest --test-dir build -L docs`"
	print "fails when it differs from what the script prints."
	print ""
	printf "**%d of the %d Linux x86-64 syscalls are implemented.** A syscall is implemented when\n", nfiles, total
	print "`syscalls/NAME.c` exists; every other one returns `-ENOSYS` and is logged once by name on stderr"
	print "(not with `--quiet`). How a syscall reaches its file: [architecture.md](architecture.md#how-a-syscall-flows)."
	print ""
	print "Columns: **subsystems** are the folders of `kernel/` (and any other folder) the file includes"
	print "interfaces from, where the work is done beyond the file itself; `fs` also when the file calls the"
	print "descriptor or path functions `syscalls/sys.h` gives every file; none: the file does it alone, with"
	print "`kernel/kernel.h`. **leaf**: declared `SYSCALL_LEAF`, so a rewritten program calls it straight,"
	print "on its own stack, without the common direct entry ([tools.md](tools.md#cocoon-rewrite))."
	print ""
	print "| nr | syscall | file | subsystems | leaf |"
	print "| ---: | --- | --- | --- | --- |"
	for (i = 1; i <= nfiles; i++) {
		s = substr(order[i], 7)
		printf "| %d | %s | [syscalls/%s.c](../syscalls/%s.c) | %s | %s |\n", nr[s], s, s, s, cell[s] == "" ? "" : cell[s], leaf[s] ? "leaf" : ""
	}
	print ""
	print "## By subsystem"
	print ""
	nsub = 0
	for (i = 1; i <= nfiles; i++) {
		s = substr(order[i], 7)
		m = split(cell[s], a, ", ")
		if (m == 0) { a[1] = "(none)"; m = 1 }
		for (j = 1; j <= m; j++) {
			if (!(a[j] in bysub)) sublist[++nsub] = a[j]
			bysub[a[j]] = bysub[a[j]] (bysub[a[j]] == "" ? "" : ", ") s
			count[a[j]]++
		}
	}
	for (i = 2; i <= nsub; i++) { v = sublist[i]; k = i - 1
		while (k > 0 && sublist[k] > v) { sublist[k + 1] = sublist[k]; k-- }
		sublist[k + 1] = v }
	for (i = 1; i <= nsub; i++) {
		where = sublist[i] == "(none)" ? "no subsystem" : (index(sublist[i], "/") ? "`" sublist[i] "/`" : "`kernel/" sublist[i] "/`")
		printf "- %s (%d): %s\n", where, count[sublist[i]], bysub[sublist[i]]
	}
	print ""
	print "## Not implemented"
	print ""
	printf "These %d return `-ENOSYS`: %s.\n", nn, counts
	print "Why each is missing is kept in [syscalls/missing.h](../syscalls/missing.h), from which this list"
	print "is written; the kernel'"'"'s log line for one names its kind (`unsupported syscall reboot (meaningless"
	print "in a VM)`). Meaningless in a VM: uhyve-run or the host does it, or there is nothing in the VM for it"
	print "to act on. Gone from Linux too: Linux answers `-ENOSYS` as well (removed, or never implemented)."
	for (i = 2; i <= nn; i++) { v = miss[i]; k = i - 1
		while (k > 0 && miss[k] > v) { miss[k + 1] = miss[k]; k-- }
		miss[k + 1] = v }
	for (j = 1; j <= nkinds; j++) {
		t = kind_text[kinds[j]]
		print ""
		printf "### %s%s (%d)\n", toupper(substr(t, 1, 1)), substr(t, 2), missing[kinds[j]]
		print ""
		print "| nr | syscall | why |"
		print "| ---: | --- | --- |"
		for (i = 1; i <= nn; i++) {
			s = substr(miss[i], 7)
			if (kind[s] == kinds[j]) printf "| %d | %s | %s |\n", nr[s], s, why[s]
		}
	}
}
' "$unistd" syscalls/missing.h syscalls/*.c
