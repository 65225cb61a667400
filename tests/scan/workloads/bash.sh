# A workload for bash's recall test (recall.sh --links): builtins, expansions, redirections,
# pipes, subshells, job control of background jobs, traps and signals, a coprocess, process
# substitution, here-documents and bash started again, in the scratch directory $1. The only
# program on PATH is bash itself.
set -e
cd "$1"
declare -A seen
words=(pear apple fig apple)
for w in "${words[@]}"; do seen[$w]=$(( ${seen[$w]:-0} + 1 )); done
for k in "${!seen[@]}"; do echo "$k ${seen[$k]}"; done >counts
mapfile -t lines <counts
echo "${#lines[@]} kinds"
printf '%05d|%-4s|%x\n' 42 ab 255
IFS= read -r -d '' text <<DOC || true
line one
line $((2 * 3))
DOC
printf '%s' "$text" >here
while read -r a b; do echo "[$b]"; done <here
exec 3>fd3 && echo via3 >&3 && exec 3>&-
read -r got <fd3 && echo "$got"
echo "sub $(bash -c 'echo $((7 * 6))')"
bash -c 'exit 5' || echo "child $?"
( cd /; pwd )
trap 'echo got USR1' USR1
kill -USR1 $$
sleep_job() { local n=0; while (( n < 2000 )); do n=$((n + 1)); done; }
sleep_job &
wait $!
# The coprocess waits for its input's end: bash drops COPROC once it has exited.
coproc { read -r x; echo "co:$x"; read -r _ || true; }
echo hi >&"${COPROC[1]}"
read -r y <&"${COPROC[0]}"
echo "$y"
exec {COPROC[1]}>&-
wait
while IFS= read -r l; do echo "ps:$l"; done < <(echo a; echo b)
shopt -s nullglob extglob
files=(*)
echo "${#files[@]} files: ${files[*]}"
[[ abc == a?(b)c ]] && echo match
str="Hello, World"
echo "${str,,} ${str//o/0} ${str:7} ${#str}"
ulimit -n >/dev/null
times >/dev/null
umask 022
echo data >out && [ -s out ]
type -t cd
