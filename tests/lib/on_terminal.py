# Runs a command as a shell runs it on a terminal: on a new pseudo-terminal whose session it
# leads, its process group in the foreground. What the terminal shows goes to stdout; the
# exit status is the command's (128+N when signal N ended it).
# Usage: python3 on_terminal.py COMMAND [ARGS...]
import os
import pty
import sys

pid, fd = pty.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[1], sys.argv[1:])
    finally:
        os._exit(127)
shown = bytearray()
while True:
    try:
        chunk = os.read(fd, 65536)
    except OSError:  # EIO: every slave side is closed
        break
    if not chunk:
        break
    shown += chunk
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(shown)
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
