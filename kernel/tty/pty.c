/*
 * Pseudo-terminal pairs, as Linux's devpts gives them: opening /dev/ptmx
 * makes a pair and gives its master side; /dev/pts/N (once unlocked) or
 * TIOCGPTPEER its slave side, a terminal with the line discipline
 * (ldisc.c) between the two and job control (ctty.c). When the master
 * closes, the slave side is hung up; when the slaves close, the master
 * reads EIO. /dev/tty is the caller's controlling terminal.
 */
#include "kernel/events/poll.h"
#include "kernel/fs/fd.h"
#include "kernel/fs/kstat.h"
#include "kernel/kernel.h"
#include "kernel/mm/frame.h"
#include "kernel/mm/uaccess.h"
#include "kernel/proc/pgrp.h"
#include "kernel/proc/proc.h"
#include "kernel/uapi.h"
#include "kernel/fs/vfs.h"
#include "kernel/fs/devfile.h"
#include "tty.h"

#define PTY_MAX 32
#define TTYAUX_MAJOR 5   /* /dev/tty 5:0, /dev/ptmx 5:2 */
#define PTS_MAJOR 136
#define DEVTMPFS_DEV 5   /* st_dev of /dev's files, as kernel/fs/devfile.c's */
#define DEVPTS_DEV 0x18  /* st_dev of /dev/pts */
#define TTY_GID 5        /* devpts's gid=5: the group "tty" */

enum { KIND_PTMX = -2, KIND_TTY = -3, KIND_PTS_DIR = -4 }; /* and N >= 0: /dev/pts/N */

static struct tty ttys[PTY_MAX];
static char ptmx_path[] = "/dev/ptmx";

/* Linux's default modes for a new terminal: stty sane, 38400 baud. */
static const struct termios default_modes = {
	.c_iflag = ICRNL | IXON,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B38400 | CS8 | CREAD,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | IEXTEN | ECHOCTL | ECHOKE,
	.c_cc = { [VINTR] = 003, [VQUIT] = 034, [VERASE] = 0177, [VKILL] = 025, [VEOF] = 004, [VMIN] = 1,
		  [VSTART] = 021, [VSTOP] = 023, [VSUSP] = 032, [VREPRINT] = 022, [VDISCARD] = 017,
		  [VWERASE] = 027, [VLNEXT] = 026 },
};

static struct tty *tty_of(const struct file *f)
{
	return &ttys[f->handle];
}

static void free_pair(struct tty *t)
{
	frame_free(virt_to_phys(t->in.buf));
	frame_free(virt_to_phys(t->out.buf));
	t->used = false;
}

static void pts_stat(int n, struct kstat *st)
{
	memset(st, 0, sizeof(*st));
	st->dev = DEVPTS_DEV;
	st->ino = (uint64_t)n + 3;
	st->nlink = 1;
	st->mode = S_IFCHR | 0620;
	st->uid = proc_current()->cred.uid[CRED_FS];
	st->gid = TTY_GID;
	st->rdev = (PTS_MAJOR << 8) | (unsigned)n;
	st->blksize = 1024;
}

static void aux_stat(unsigned minor, struct kstat *st)
{
	memset(st, 0, sizeof(*st));
	st->dev = DEVTMPFS_DEV;
	st->ino = 0x500 + minor;
	st->nlink = 1;
	st->mode = S_IFCHR | 0666;
	st->gid = TTY_GID;
	st->rdev = (TTYAUX_MAJOR << 8) | minor;
	st->blksize = 4096;
}

/* The requests both sides answer; modes, window size and flushes are the slave side's. */
static long tty_ioctl(struct tty *t, bool master, unsigned cmd, uint64_t arg)
{
	long err = ctty_ioctl(t, master, cmd, arg);
	if (err != -CTTY_NOT_MINE)
		return err;
	void *u = (void *)arg;
	bool changes = cmd == TCSETS || cmd == TCSETSW || cmd == TCSETSF || cmd == TCFLSH || cmd == TCSBRK ||
		       cmd == TCSBRKP || cmd == TCXONC;
	if (changes && !master && (err = ctty_check(t, SIGTTOU)))
		return err;
	switch (cmd) {
	case TCGETS:
		return copy_to_user(u, &t->tio, sizeof(t->tio)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF: {
		struct termios tio;
		if (copy_from_user(&tio, u, sizeof(tio)))
			return -EFAULT;
		if (cmd == TCSETSF)
			ldisc_flush(t, TCIFLUSH);
		ldisc_set_modes(t, &tio);
		return 0;
	}
	case TIOCGWINSZ:
		return copy_to_user(u, &t->ws, sizeof(t->ws)) ? -EFAULT : 0;
	case TIOCSWINSZ: {
		struct winsize ws;
		if (copy_from_user(&ws, u, sizeof(ws)))
			return -EFAULT;
		bool changed = memcmp(&ws, &t->ws, sizeof(ws)) != 0;
		t->ws = ws;
		if (changed && t->pgrp)
			pgrp_signal(t->pgrp, SIGWINCH);
		return 0;
	}
	case FIONREAD:
		return tty_put_int(arg, (int)(master ? t->out.head - t->out.tail : ldisc_pending(t)));
	case TIOCOUTQ:
		return tty_put_int(arg, master ? 0 : (int)(t->out.head - t->out.tail));
	case TCFLSH:
		if (arg > TCIOFLUSH)
			return -EINVAL;
		/* Each side drops only its own input (the master's is what the slave wrote), as Linux's ptys. */
		if (arg != TCOFLUSH)
			ldisc_flush(t, master ? TCOFLUSH : TCIFLUSH);
		return 0;
	case TCXONC:
		if (arg > TCION)
			return -EINVAL;
		if (arg == TCOOFF || arg == TCOON)
			t->output_stopped = arg == TCOOFF;
		else
			ldisc_send_flow(t, master, arg == TCIOFF);
		waitq_wake_all(&t->out_changed);
		return 0;
	case TCSBRK:
	case TCSBRKP:
		return 0; /* tcdrain: what the slave wrote is with the master already, as on Linux's ptys */
	case TIOCEXCL:
	case TIOCNXCL:
		t->exclusive = (uint8_t)(cmd == TIOCEXCL ? t->exclusive | (1u << master) : t->exclusive & ~(1u << master));
		return 0;
	case TIOCGEXCL:
		return tty_put_int(arg, (t->exclusive >> master) & 1);
	case TIOCGETD:
		return tty_put_int(arg, 0); /* N_TTY */
	default:
		return -ENOTTY;
	}
}

static long master_readv(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	struct tty *t = tty_of(f);
	(void)offset;
	while (t->out.head == t->out.tail) {
		if (t->slave_closed)
			return -EIO;
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (waitq_wait(&t->out_changed) == WAKE_SIGNAL)
			return -ERESTARTSYS;
	}
	return ldisc_output(t, iov, n);
}

static long master_writev(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	(void)offset;
	return ldisc_type(tty_of(f), iov, n, f->flags & O_NONBLOCK);
}

static long master_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
	struct tty *t = tty_of(f);
	void *u = (void *)arg;
	int v;
	switch (cmd) {
	case TIOCGPTN:
		return tty_put_int(arg, t->index);
	case TIOCSPTLCK:
		if (copy_from_user(&v, u, sizeof(v)))
			return -EFAULT;
		t->locked = v != 0;
		return 0;
	case TIOCGPTLCK:
		return tty_put_int(arg, t->locked);
	case TIOCGPTPEER:
		if (arg & ~(uint64_t)(O_ACCMODE | O_NOCTTY | O_NONBLOCK | O_CLOEXEC))
			return -EINVAL;
		return pty_open_slave(t, (int)arg);
	case TIOCSIG:
		if (arg < 1 || arg > NSIG)
			return -EINVAL;
		if (t->pgrp)
			pgrp_signal(t->pgrp, (int)arg);
		return 0;
	default:
		return tty_ioctl(t, true, cmd, arg);
	}
}

static unsigned master_poll(struct file *f, struct poll_info *pi)
{
	struct tty *t = tty_of(f);
	pi->seq += t->in_changed.seq + t->out_changed.seq;
	return (t->out.head != t->out.tail ? POLL_READ : 0) | (ldisc_room(t) ? POLL_WRITE : 0) |
	       (t->slave_closed ? POLLHUP : 0);
}

static void master_release(struct file *f)
{
	struct tty *t = tty_of(f);
	if (--t->masters)
		return;
	t->hungup = true;
	ctty_hangup(t);
	waitq_wake_all(&t->in_changed);
	waitq_wake_all(&t->out_changed);
	if (!t->slaves)
		free_pair(t);
}

static long master_fstat(struct file *f, struct kstat *st)
{
	(void)f;
	aux_stat(2, st);
	return 0;
}

static long slave_readv(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	struct tty *t = tty_of(f);
	(void)offset;
	if (t->hungup)
		return 0;
	long err = ctty_check(t, SIGTTIN);
	return err ? err : ldisc_read(t, iov, n, f->flags & O_NONBLOCK);
}

static long slave_writev(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	struct tty *t = tty_of(f);
	(void)offset;
	if (t->hungup)
		return -EIO;
	long err = (t->tio.c_lflag & TOSTOP) ? ctty_check(t, SIGTTOU) : 0;
	return err ? err : ldisc_write(t, iov, n, f->flags & O_NONBLOCK);
}

static long slave_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
	struct tty *t = tty_of(f);
	if (t->hungup)
		return cmd == TIOCSPGRP ? -ENOTTY : -EIO;
	return tty_ioctl(t, false, cmd, arg);
}

static unsigned slave_poll(struct file *f, struct poll_info *pi)
{
	struct tty *t = tty_of(f);
	pi->seq += t->in_changed.seq + t->out_changed.seq;
	if (t->hungup)
		return POLL_READ | POLL_WRITE | POLLERR | POLLHUP;
	bool writable = !t->output_stopped && t->out.head - t->out.tail < TTY_RING - 1;
	return (ldisc_readable(t) ? POLL_READ : 0) | (writable ? POLL_WRITE : 0);
}

static void slave_release(struct file *f)
{
	struct tty *t = tty_of(f);
	if (--t->slaves)
		return;
	t->slave_closed = true;
	waitq_wake_all(&t->out_changed);
	if (!t->masters)
		free_pair(t);
}

static long slave_fstat(struct file *f, struct kstat *st)
{
	pts_stat(f->handle, st);
	return 0;
}

static const struct file_ops master_ops = {
	.readv = master_readv,
	.writev = master_writev,
	.ioctl = master_ioctl,
	.poll = master_poll,
	.release = master_release,
	.fstat = master_fstat,
};

static const struct file_ops slave_ops = {
	.readv = slave_readv,
	.writev = slave_writev,
	.ioctl = slave_ioctl,
	.poll = slave_poll,
	.release = slave_release,
	.fstat = slave_fstat,
};

static long install(struct tty *t, const struct file_ops *ops, char *path, int flags)
{
	struct file *f = file_alloc();
	if (!f)
		return -ENFILE;
	*f = (struct file){ .ops = ops, .refs = 1, .handle = t->index, .flags = flags, .stream = true, .path = path };
	bool master = ops == &master_ops;
	if (master) {
		t->masters++;
	} else {
		t->slaves++;
		t->slave_closed = false;
	}
	long fd = fd_install(f, (flags & O_CLOEXEC) != 0);
	if (fd >= 0 && !master && !(flags & O_NOCTTY))
		ctty_open(t);
	return fd;
}

long pty_open_slave(struct tty *t, int flags)
{
	if (!t->used || t->locked || t->hungup)
		return -EIO;
	if ((t->exclusive & 1) && proc_current()->cred.uid[CRED_EFFECTIVE] != 0)
		return -EBUSY;
	return install(t, &slave_ops, t->name, flags);
}

static long open_master(int flags)
{
	int i = 0;
	while (i < PTY_MAX && ttys[i].used)
		i++;
	if (i == PTY_MAX)
		return -ENOSPC;
	uint64_t in = frame_alloc(), out = frame_alloc();
	if (!in || !out) {
		if (in)
			frame_free(in);
		return -ENOMEM;
	}
	struct tty *t = &ttys[i];
	*t = (struct tty){ .index = i, .used = true, .locked = true, .tio = default_modes,
			   .in = { phys_to_virt(in), 0, 0 }, .out = { phys_to_virt(out), 0, 0 } };
	ksnprintf(t->name, sizeof(t->name), "/dev/pts/%d", i);
	long fd = install(t, &master_ops, ptmx_path, flags);
	/* Without a file the pair is still ours to free; a file that found no descriptor freed it. */
	if (fd < 0 && t->used && !t->masters)
		free_pair(t);
	return fd;
}

static int pty_path(const char *path)
{
	if (!strcmp(path, "/dev/ptmx"))
		return KIND_PTMX;
	if (!strcmp(path, "/dev/tty"))
		return KIND_TTY;
	if (!strcmp(path, "/dev/pts"))
		return KIND_PTS_DIR;
	if (strncmp(path, "/dev/pts/", 9) || !path[9])
		return DEV_NOT_MINE;
	int n = 0;
	for (const char *c = path + 9; *c; c++) {
		if (*c < '0' || *c > '9' || n > PTY_MAX || (c == path + 9 && *c == '0' && c[1]))
			return KIND_PTS_DIR - 1; /* a name that is never a terminal */
		n = n * 10 + (*c - '0');
	}
	return n;
}

static struct tty *live(int kind)
{
	return kind >= 0 && kind < PTY_MAX && ttys[kind].used && !ttys[kind].hungup ? &ttys[kind] : 0;
}

static long pty_stat(int kind, struct kstat *st);

/* /dev/pts as a directory: ".", "..", then each pair's slave by number; the position is 2 + N. */
static long pts_getdents(struct file *f, void *ubuf, size_t len)
{
	size_t done = 0;
	for (; f->pos < 2 + PTY_MAX; f->pos++) {
		int n = (int)f->pos - 2;
		if (n >= 0 && !live(n))
			continue;
		char name[16];
		if (n >= 0)
			ksnprintf(name, sizeof(name), "%d", n);
		else
			ksnprintf(name, sizeof(name), "%s", f->pos ? ".." : ".");
		int r = vfs_dirent(ubuf, len, &done, n >= 0 ? (uint64_t)n + 3 : 1, f->pos + 1, n >= 0 ? DT_CHR : DT_DIR, name);
		if (r <= 0)
			return done ? (long)done : r ? r : -EINVAL;
	}
	return (long)done;
}

static long pts_fstat(struct file *f, struct kstat *st)
{
	(void)f;
	return pty_stat(KIND_PTS_DIR, st);
}

static long pts_statfs(struct file *f, struct statfs *buf)
{
	(void)f;
	vfs_pseudo_statfs(buf, DEVPTS_SUPER_MAGIC, ST_RELATIME);
	return 0;
}

static const struct file_ops pts_dir_ops = {
	.getdents = pts_getdents,
	.fstat = pts_fstat,
	.statfs = pts_statfs,
};

static long open_pts_dir(int flags)
{
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_CREAT))
		return -EISDIR;
	struct file *f = file_alloc();
	if (!f)
		return -ENFILE;
	*f = (struct file){ .ops = &pts_dir_ops, .refs = 1, .flags = flags };
	return fd_install(f, (flags & O_CLOEXEC) != 0);
}

static long pty_open(int kind, int flags)
{
	struct tty *t;
	switch (kind) {
	case KIND_PTMX:
		return open_master(flags);
	case KIND_TTY:
		t = proc_current()->ctty;
		if (t && t->index < 0)
			return tty_console_open(flags);
		return t ? pty_open_slave(t, flags | O_NOCTTY) : -ENXIO;
	case KIND_PTS_DIR:
		return open_pts_dir(flags);
	default:
		t = live(kind);
		return t ? pty_open_slave(t, flags) : -ENOENT;
	}
}

static long pty_stat(int kind, struct kstat *st)
{
	switch (kind) {
	case KIND_PTMX:
		aux_stat(2, st);
		return 0;
	case KIND_TTY:
		aux_stat(0, st);
		return 0;
	case KIND_PTS_DIR:
		memset(st, 0, sizeof(*st));
		st->dev = DEVPTS_DEV;
		st->ino = 1;
		st->nlink = 2;
		st->mode = S_IFDIR | 0755;
		st->blksize = 1024;
		return 0;
	default:
		if (!live(kind))
			return -ENOENT;
		pts_stat(kind, st);
		return 0;
	}
}

void pty_init(void)
{
	static const struct dev_paths paths = { pty_path, pty_open, pty_stat };
	devfile_add_paths(&paths);
}
