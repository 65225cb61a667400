# A workload for busybox's recall test (recall.sh --links): applets working on files in the
# scratch directory $1, in pipelines, subshells and the background, so that strace sees the
# syscalls of everyday use. Every command is a busybox applet (PATH holds only its links).
set -e
cd "$1"
mkdir -p d/e
seq 1 2000 | sort -rn | uniq | head -5 >d/top
printf 'b 2\na 1\nc 3\n' | sort -k2 -n | cut -d' ' -f1 | tr 'a-c' 'A-C' | tee d/letters | wc -l
awk '{ s += $1 } END { print s }' d/top
sed -n '2,3p' d/top | grep -c 9
cp d/top d/e/copy && mv d/e/copy d/e/moved && ln -s moved d/e/link && readlink d/e/link
touch -d "2020-01-02 03:04:05" d/old && stat -c "%s %Y" d/old && stat -c %s d/top
ls -la d d/e | wc -l
find . -type f -name '*o*' | sort
dd if=/dev/zero of=d/zero bs=4k count=8 2>/dev/null && od -An -tx1 -N4 d/zero
tar -cf d.tar d && mkdir x && tar -xf d.tar -C x && diff -r d x/d && echo same
gzip -c d.tar >d.tar.gz && gunzip -c d.tar.gz | cmp - d.tar && gzip -c <d/top | md5sum | cut -c1-8
sha256sum d/top | cut -c1-16
bzip2 -c d/top | bzcat | cmp - d/top
echo 'x y z' | xargs -n1 echo | paste -sd,
env | grep -c PATH
id -u >/dev/null && uname -m && nproc >/dev/null && date -u -d @0 +%Y
sleep 0.05 &
wait
( exit 3 ) || echo "subshell $?"
timeout 1 sleep 0.01
kill -0 $$ && echo alive
echo "$(expr 6 \* 7) $((1 << 4))"
truncate -s 100 d/t && du -s d >/dev/null && df . >/dev/null
rm -r d x d.tar d.tar.gz && ls
