# A bash script run by Debian's bash-static natively and in the VM, with busybox's applets
# on PATH: external commands, $(...), arrays through a pipeline, a here-string, a background
# job, a coprocess, process substitution, a subshell's status, an EXIT trap. @DIR@ is a
# scratch directory.
echo "bash ${BASH_VERSINFO[0]}"
for i in $(seq 1 5); do printf '%s ' "$i"; done
echo
arr=(one two three)
echo "${arr[@]}" | tr ' ' '\n' | sort | head -2
touch "@DIR@/a" "@DIR@/b"
echo "files: $(ls "@DIR@" | wc -l)"
{ echo a; echo b; } | cat -n
if grep -q b <<<"abc"; then echo "here-string grep: yes"; fi
sleep 0.1 &
wait $!
echo "background status $?"
coproc cat
echo "through the coprocess" >&"${COPROC[1]}"
read -r line <&"${COPROC[0]}"
echo "coproc: $line"
exec {COPROC[1]}>&-
wait
echo "coproc done $?"
echo "$((6 * 7))"
trap 'echo "EXIT trap"' EXIT
(exit 4)
echo "subshell $?"
diff <(echo x) <(echo x) && echo "process substitution: same"
sh -c 'exit 9' || echo "busybox sh said $?"
