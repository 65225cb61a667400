# A shell script of process work, run by busybox sh natively and in the VM: pipelines,
# command substitution, && and ||, subshells, background jobs and wait, redirections,
# a here-document, a killed job's status, nested shells and exec. @DIR@ is a scratch
# directory; PATH names busybox's applets.
seq 1 100 | sort -rn | head -3
x=$(echo inner | tr a-z A-Z)
echo "substituted: $x, nested: $(echo "$(echo two levels)")"
true && echo "and: yes"
false || echo "or: yes"
(exit 3) || echo "subshell status $?"
for i in 1 2 3; do
	(echo "job $i" >"@DIR@/job$i") &
done
wait
cat "@DIR@/job1" "@DIR@/job2" "@DIR@/job3"
echo first >"@DIR@/r.txt"
echo second >>"@DIR@/r.txt"
wc -l <"@DIR@/r.txt"
sort -r "@DIR@/r.txt" | tr a-z A-Z
ls "@DIR@" | head -2
f() {
	echo "function got $1"
	return 4
}
f arg || echo "function status $?"
cat <<END
here-document with $x
END
sleep 5 &
job=$!
kill -9 "$job"
wait "$job"
echo "killed job status $?"
echo a b c | while read -r p q r; do echo "$r $q $p"; done
sh -c 'echo "nested shell $0"; exit 7' name
echo "nested status $?"
echo "pipeline status: $(false | true; echo $?)"
yes | head -c 100000 | wc -c
test -w /dev/null && test -r /proc/meminfo && test -x /proc && echo "access of the kernel's files: yes"
fifo_dir=$(mktemp -d)
mkfifo "$fifo_dir/p"
echo "through a FIFO" >"$fifo_dir/p" &
tr a-z A-Z <"$fifo_dir/p"
wait
seq 1 3 >"$fifo_dir/p" &
sort -rn "$fifo_dir/p"
wait
rm -r "$fifo_dir"
exec echo "exec replaced the shell"
echo "never printed"
