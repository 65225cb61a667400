# Dynamically linked programs started by busybox sh inside the VM, with their loaders and
# libraries at /lib and /lib64: the test's own (glibc and musl) and Debian's sort, sed, ls
# and make (which starts its recipes with posix_spawn and /bin/sh). @DIR@ holds them all;
# PATH names busybox's applets.
cd "@DIR@" || exit 1
./dynamic.glibc one
echo "glibc status $?"
./dynamic.musl two three
echo "musl status $?"
printf 'b\na\nc\n' | ./sort -r
echo hello | ./sed s/hello/bye/
./ls -n sort sed | ./sed 's/  */ /g'
printf 'all: out.txt\n\t@echo "made $$(wc -l < out.txt) lines"\nout.txt: a.txt b.txt\n\tcat a.txt b.txt | sort > out.txt\na.txt:\n\tseq 1 5 > a.txt\nb.txt:\n\tfor i in x y z; do echo $$i; done > b.txt\n' >Makefile
./make -s
./make
echo "make status $?"
