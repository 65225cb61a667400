# An interactive shell's job control on a pseudo-terminal, driven as a user at a terminal
# would: python's pty.fork() starts bash -i on a new terminal, then this types lines on the
# master after each prompt, ^Z and ^C once a job holds the foreground, and prints what the
# terminal showed (process ids and the terminal's number spelled out as words).
# Usage: pty_shell.py BASH BUSYBOX
import os
import pty
import re
import select
import sys
import time

bash, busybox = sys.argv[1], sys.argv[2]
pid, fd = pty.fork()
if pid == 0:
    os.execve(bash, [bash, "--norc", "--noprofile", "--noediting", "-i"],
              {"PS1": "$ ", "PATH": "/nonexistent", "TERM": "dumb", "B": busybox})

shown = []


def until(marker, timeout=60):
    """What the terminal shows until it ends with marker."""
    buf = b""
    deadline = time.monotonic() + timeout
    while not buf.endswith(marker):
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            sys.exit(f"timed out waiting for {marker!r}, after {buf!r}")
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        buf += chunk
    shown.append(buf)
    return buf


def job_in_foreground():
    """Wait until a group other than the shell's holds the terminal (TIOCGPGRP on the master)."""
    deadline = time.monotonic() + 60
    while os.tcgetpgrp(fd) == pid:
        if time.monotonic() > deadline:
            sys.exit("the job never took the terminal")
        time.sleep(0.05)


def type_line(line):
    os.write(fd, line.encode() + b"\n")
    until(b"$ ")


until(b"$ ")
type_line("echo $((6 * 7)) job control: ${-//[^m]/}; $B tty; $B stty size")
type_line("$B stty rows 30 cols 100; $B stty size; $B stty -a | $B head -1")
type_line("$B sleep 30 &")
type_line("jobs")
type_line("kill %1; wait")
os.write(fd, b"$B sleep 30\n")
job_in_foreground()
os.write(fd, b"\x1a")  # ^Z
until(b"$ ")
type_line("jobs")
os.write(fd, b"fg\n")
job_in_foreground()
os.write(fd, b"\x03")  # ^C
until(b"$ ")
type_line("echo status $?")
os.write(fd, b"exit\n")
until(b"\x00")  # to the end: the master reads EIO once the shell is gone
_, status = os.waitpid(pid, 0)

text = b"".join(shown).decode(errors="replace")
text = re.sub(r"\[(\d+)\] \d+", r"[\1] PID", text)
text = re.sub(r"/dev/pts/\d+", "/dev/pts/N", text)
for line in text.split("\n"):
    print(repr(line))
print("shell exit status", os.waitstatus_to_exitcode(status))
