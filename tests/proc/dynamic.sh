# Dynamically linked programs started by busybox sh inside the VM, with their loaders and
# libraries at /lib and /lib64: the test's own (glibc and musl) and Debian's sort, sed and
# ls. @DIR@ holds them all.
cd "@DIR@" || exit 1
./dynamic.glibc one
echo "glibc status $?"
./dynamic.musl two three
echo "musl status $?"
printf 'b\na\nc\n' | ./sort -r
echo hello | ./sed s/hello/bye/
./ls -n sort sed | ./sed 's/  */ /g'
