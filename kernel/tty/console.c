/*
 * The console as a controlling terminal: when uhyve-run's standard streams
 * are its terminal, the first process's session has that terminal, its
 * process group in the foreground, as a program started from a shell has it.
 * Job control follows ctty.c (tcsetpgrp, SIGTTIN for a background read,
 * SIGTTOU for a background mode change); the modes, echo and line editing are
 * the host terminal's own, and ^C, ^\ and window size changes at it reach the
 * foreground group (BOOT_TERMINAL_SIGNAL). Not done: TOSTOP (background
 * writes go through).
 */
#include "kernel/fs/fd.h"
#include "kernel/kernel.h"
#include "kernel/proc/proc.h"
#include "kernel/signal/signal.h"
#include "kernel/uapi.h"
#include "tty.h"

static struct tty console = { .index = -1 };
static struct file *console_file; /* one stream that is the terminal: what /dev/tty opens */

static long term_readv(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	long err = ctty_check(&console, SIGTTIN);
	return err ? err : hoststream_ops.readv(f, iov, n, offset);
}

static long term_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
	long err = ctty_ioctl(&console, false, cmd, arg);
	if (err != -CTTY_NOT_MINE)
		return err;
	if ((cmd == TCSETS || cmd == TCSETSW || cmd == TCSETSF) && (err = ctty_check(&console, SIGTTOU)))
		return err;
	return hoststream_ops.ioctl(f, cmd, arg);
}

/* The console's foreground process group, for the host terminal's signals; 0 if it has none. */
static int foreground(void)
{
	return console.sid ? console.pgrp : 0;
}

void tty_console_init(void)
{
	if (!boot->terminal_streams)
		return;
	hostterm_ops = hoststream_ops;
	hostterm_ops.readv = term_readv;
	hostterm_ops.ioctl = term_ioctl;
	for (int fd = 0; fd < 3; fd++) {
		struct file *f = fd_get(fd);
		if (!f || !(boot->terminal_streams & (1u << fd)) || f->ops != &hoststream_ops)
			continue;
		f->ops = &hostterm_ops;
		if (!console_file) {
			console_file = f;
			f->refs++;
		}
	}
	struct proc *first = proc_first();
	console.sid = first->sid;
	console.pgrp = first->pgid;
	first->ctty = &console;
	signal_terminal_group(foreground);
}

long tty_console_open(int flags)
{
	if (proc_current()->ctty != &console || !console_file)
		return -ENXIO;
	console_file->refs++;
	return fd_install(console_file, (flags & O_CLOEXEC) != 0);
}

