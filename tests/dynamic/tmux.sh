# Debian's tmux driven from a script, as a user drives it: a detached session whose pane runs
# commands (through bash-static, its SHELL), the pane's size and contents read back, keys sent to
# it (^C ends the pane, and the server with its last one), its socket in /tmp's tmux directory.
# Usage: busybox sh tmux.sh DIR (DIR holds tmux, busybox and bash-static).
d=$1
B="$d/busybox"
T="$d/tmux -f /dev/null -L cocoon-test-$$"
$T new-session -d -x 60 -y 10 "$B seq 3; $B sleep 30" || echo "new-session failed: $?"
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	$T capture-pane -p | $B grep -q 3 && break
	$B sleep 0.25
done
$T list-sessions -F '#{session_name}: #{session_windows} window, #{window_width}x#{window_height}'
$T capture-pane -p | $B head -4
$T split-window -d "$B echo second pane; $B sleep 30"
$T list-panes -F '#{pane_index} #{pane_width}x#{pane_height}'
$B stat -c '%A %F' "/tmp/tmux-$($B id -u)/cocoon-test-$$"
$T kill-pane -t 1
$T send-keys C-c
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	$T has-session 2>/dev/null || break
	$B sleep 0.25
done
$T has-session 2>/dev/null
echo "a session after ^C: $?"
