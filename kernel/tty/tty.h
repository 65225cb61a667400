/*
 * Terminals inside the VM: pseudo-terminal pairs (pty.c), the line
 * discipline between their two sides (ldisc.c) and the job control of a
 * controlling terminal (ctty.c).
 */
#ifndef KERNEL_TTY_H
#define KERNEL_TTY_H

#include <asm/termbits.h>
#include <asm/termios.h>
#include <stdbool.h>
#include <stdint.h>

#include "kernel/sched/waitq.h"

#define TTY_RING 4096 /* bytes each way, as Linux's line discipline buffer */

struct kiovec;
struct proc;

/* A ring of bytes; head and tail count what went in and came out. */
struct tty_ring {
	char *buf; /* a frame */
	uint64_t head, tail;
};

struct tty {
	int index;             /* N of /dev/pts/N; -1: the console (console.c) */
	int masters, slaves;   /* open files on each side */
	bool used;
	bool locked;           /* TIOCSPTLCK: the slave side cannot be opened yet */
	bool slave_closed;     /* every slave file closed since one was open: the master reads EIO */
	bool hungup;           /* the master closed: the slave side reads 0 and writes fail with EIO */
	bool output_stopped;   /* ^S (IXON) or TCOOFF: the slave's writes wait */
	bool literal_next;     /* ^V (IEXTEN) was typed: the next byte is taken as it is */
	uint8_t exclusive;     /* TIOCEXCL on the slave side (bit 0: only root opens it again) or the master's (bit 1) */
	struct termios tio;    /* the slave side's modes, which the line discipline follows */
	struct winsize ws;
	int sid, pgrp;         /* the session it controls and its foreground group; 0: none */
	struct tty_ring in;    /* from the master, for the slave to read */
	struct tty_ring out;   /* from the slave (and echoes), for the master to read */
	uint64_t canon;        /* in: what is before it is complete lines, which canonical reads take */
	uint8_t eof_mark[TTY_RING / 8]; /* in: positions holding an end of file (VEOF), not a byte */
	struct waitq in_changed, out_changed;
	char name[16];         /* "/dev/pts/N" */
};

/* ldisc.c: the master types iov (write(2) on it): bytes, or -errno; they may raise signals. */
long ldisc_type(struct tty *t, const struct kiovec *iov, int n, bool nonblock);
/* The master reads what the slave wrote and the echoes, what there is now: bytes or -EFAULT. */
long ldisc_output(struct tty *t, const struct kiovec *iov, int n);
/* The slave side reads into iov: bytes, 0 at end of file, or -errno; nonblock: -EAGAIN for none. */
long ldisc_read(struct tty *t, const struct kiovec *iov, int n, bool nonblock);
/* The slave side writes iov, processed for output (OPOST): bytes or -errno. */
long ldisc_write(struct tty *t, const struct kiovec *iov, int n, bool nonblock);
/* Would a read on the slave side take something now? */
bool ldisc_readable(const struct tty *t);
/* Bytes a read could take (FIONREAD); room left for the master's writes. */
uint64_t ldisc_pending(const struct tty *t);
uint64_t ldisc_room(const struct tty *t);
/* tcflow's TCIOFF and TCION: the STOP or START character sent to the other side. */
void ldisc_send_flow(struct tty *t, bool from_master, bool stop);
/* Drop what waits for the slave to read (TCIFLUSH), for the master to read (TCOFLUSH) or both. */
void ldisc_flush(struct tty *t, int queue);
/* New modes (TCSETS*): what switching canonical mode changes. */
void ldisc_set_modes(struct tty *t, const struct termios *tio);

/*
 * ctty.c: job control. The controlling terminal's ioctls (TIOCSCTTY,
 * TIOCNOTTY, TIOCGPGRP, TIOCSPGRP, TIOCGSID): -ENOIOCTLCMD for others.
 * master: asked through the master side.
 */
#define CTTY_NOT_MINE 515 /* Linux's ENOIOCTLCMD: not one of these requests */
long ctty_ioctl(struct tty *t, bool master, unsigned cmd, uint64_t arg);
/* An int for the program at arg, as many requests answer: 0 or -EFAULT. */
long tty_put_int(uint64_t arg, int v);
/*
 * May the caller act on t now (read: SIGTTIN; write with TOSTOP or change
 * its modes: SIGTTOU)? 0, or -ERESTARTSYS after stopping its group, or -EIO.
 */
long ctty_check(struct tty *t, int sig);
/* An open of t's slave side without O_NOCTTY: a session leader without a terminal takes it. */
void ctty_open(struct tty *t);
/* The master closed: the session leader gets SIGHUP and SIGCONT; no process has t any more. */
void ctty_hangup(struct tty *t);
/* p, a session leader, ends: its terminal's foreground group gets SIGHUP; the session loses it. */
void ctty_exit(struct proc *p);

/* pty.c: open a new slave file on t (/dev/tty, TIOCGPTPEER): a descriptor or -errno. */
long pty_open_slave(struct tty *t, int flags);
/* At boot: /dev/ptmx, /dev/pts and /dev/tty become the file system's (devfile_add_paths). */
void pty_init(void);

/*
 * console.c: at boot, after the standard streams: the first process's terminal, if they are
 * one; its foreground group then gets the host terminal's signals (signal_terminal_group).
 */
void tty_console_init(void);
/* /dev/tty when the console is the caller's terminal: the stream, shared; or -ENXIO. */
long tty_console_open(int flags);

#endif
