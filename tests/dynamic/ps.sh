# Debian's ps (procps) and pidof on the processes of a busybox sh script: a sleeping child's state, name
# and parent, a stopped one's (continued, it ends by itself), and ps -ef and ps aux over everything (they read /proc/stat's
# boot time and each process's files), pidof (which reads them from /proc as its working
# directory). Usage: busybox sh ps.sh DIR (DIR holds ps, pidof and busybox).
d=$1
B="$d/busybox"
$B sleep 3 &
child=$!
$B sleep 0.2
$d/ps -o stat=,comm= -p "$child"
[ "$($d/ps -o ppid= -p "$child" | $B tr -d ' ')" = "$$" ] && echo "its parent is the shell"
kill -STOP "$child"
$B sleep 0.2
$d/ps -o stat= -p "$child"
kill -CONT "$child"
$d/ps -ef >"$d/ef.txt"
echo "ps -ef: $?, the child listed: $($B grep -c "sleep 3" "$d/ef.txt")"
$d/ps aux >"$d/aux.txt"
echo "ps aux: $?, header: $($B head -1 "$d/aux.txt" | $B tr -s ' ')"
[ -n "$($d/pidof busybox)" ] && echo "pidof finds busybox"
wait "$child"
echo "the child ended: $?"
