/*
 * The line discipline between a pseudo-terminal's sides, as Linux's N_TTY
 * does it for the modes programs use: input mapping (ICRNL...), signals
 * from ^C ^\ ^Z (ISIG), canonical lines with erase, kill, word erase and
 * end of file (ICANON), echo (ECHO, ECHOE, ECHOK, ECHOKE, ECHOCTL, ECHONL),
 * flow control (IXON), raw reads by VMIN and VTIME, output's ONLCR and OCRNL.
 * Not done: parity, tab expansion and column-exact erasing of tabs.
 */
#include "kernel/fs/fd.h"
#include "kernel/kernel.h"
#include "kernel/mm/uaccess.h"
#include "kernel/proc/pgrp.h"
#include "kernel/time/ticks.h"
#include "kernel/uapi.h"
#include "tty.h"

#define CHUNK 256            /* bytes copied from the program at a time */
#define DECISECOND_NS 100000000ULL

static uint64_t count(const struct tty_ring *r)
{
	return r->head - r->tail;
}

static uint64_t room(const struct tty_ring *r)
{
	return TTY_RING - count(r);
}

static void put(struct tty_ring *r, char c)
{
	r->buf[r->head++ % TTY_RING] = c;
}

static unsigned char byte_at(const struct tty_ring *r, uint64_t pos)
{
	return (unsigned char)r->buf[pos % TTY_RING];
}

static bool eof_at(const struct tty *t, uint64_t pos)
{
	return t->eof_mark[pos % TTY_RING / 8] & (1u << (pos % 8));
}

static void mark_eof(struct tty *t, uint64_t pos, bool on)
{
	uint8_t bit = (uint8_t)(1u << (pos % 8));
	t->eof_mark[pos % TTY_RING / 8] = (uint8_t)(on ? t->eof_mark[pos % TTY_RING / 8] | bit
						       : t->eof_mark[pos % TTY_RING / 8] & ~bit);
}

/* Is c the control character cc stands for? 0 disables one, as _POSIX_VDISABLE on Linux. */
static bool is(const struct tty *t, int which, unsigned char c)
{
	return t->tio.c_cc[which] && t->tio.c_cc[which] == c;
}

/* One byte through the output modes into the master's ring: false if there is no room. */
static bool out_char(struct tty *t, unsigned char c)
{
	tcflag_t o = t->tio.c_oflag;
	if ((o & OPOST) && c == '\n' && (o & ONLCR)) {
		if (room(&t->out) < 2)
			return false;
		put(&t->out, '\r');
	} else if ((o & OPOST) && c == '\r' && (o & OCRNL)) {
		c = '\n';
	}
	if (!room(&t->out))
		return false;
	put(&t->out, (char)c);
	return true;
}

/* Echoed as ^X (ECHOCTL): control characters but tab and newline. */
static bool echoed_as_two(const struct tty *t, unsigned char c)
{
	return (t->tio.c_lflag & ECHOCTL) && (c < 0x20 || c == 0x7f) && c != '\t' && c != '\n';
}

/* Echoes are dropped when the master does not read them, as Linux drops them. */
static void echo(struct tty *t, unsigned char c)
{
	if (echoed_as_two(t, c)) {
		out_char(t, '^');
		out_char(t, c ^ 0x40);
	} else {
		out_char(t, c);
	}
}

static void echo_text(struct tty *t, const char *s)
{
	while (*s)
		out_char(t, (unsigned char)*s++);
}

/* Take back the last byte of the line being typed, and rub it out on the screen (ECHOE). */
static bool erase_one(struct tty *t)
{
	if (t->in.head == t->canon)
		return false;
	unsigned char c = byte_at(&t->in, --t->in.head);
	tcflag_t l = t->tio.c_lflag;
	if ((l & ECHO) && (l & ECHOE))
		for (int cols = echoed_as_two(t, c) ? 2 : 1; cols; cols--)
			echo_text(t, "\b \b");
	return true;
}

static bool word_char(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* ^W: the blanks before the cursor, then the word before them. */
static void erase_word(struct tty *t)
{
	bool seen_word = false;
	while (t->in.head != t->canon) {
		unsigned char c = byte_at(&t->in, t->in.head - 1);
		if (word_char(c))
			seen_word = true;
		else if (seen_word)
			break;
		erase_one(t);
	}
}

/* ^U: the whole line being typed. */
static void kill_line(struct tty *t, unsigned char c)
{
	tcflag_t l = t->tio.c_lflag;
	if ((l & ECHO) && (l & ECHOKE) && (l & ECHOE)) {
		while (erase_one(t))
			;
		return;
	}
	t->in.head = t->canon;
	if (l & ECHO) {
		echo(t, c);
		if (l & ECHOK)
			out_char(t, '\n');
	}
}

/* The line typed so far, again (^R). */
static void reprint(struct tty *t, unsigned char c)
{
	echo(t, c);
	out_char(t, '\n');
	for (uint64_t pos = t->canon; pos != t->in.head; pos++)
		echo(t, byte_at(&t->in, pos));
}

/* A byte for the reader. Canonical mode keeps room for the newline that ends a full line. */
static bool store(struct tty *t, unsigned char c, bool ends_line)
{
	bool canon = t->tio.c_lflag & ICANON;
	uint64_t need = canon && !ends_line ? 2 : 1;
	if (room(&t->in) < need)
		return canon && !ends_line && t->canon == t->in.tail; /* a line too long: the byte is dropped */
	mark_eof(t, t->in.head, false);
	put(&t->in, (char)c);
	if (!canon || ends_line)
		t->canon = t->in.head;
	return true;
}

/* One byte from the master through the input modes: false when it must wait for the reader. */
static bool input_char(struct tty *t, unsigned char c)
{
	tcflag_t i = t->tio.c_iflag, l = t->tio.c_lflag;
	if (t->literal_next) {
		if (!store(t, c, false))
			return false;
		t->literal_next = false;
		if (l & ECHO)
			echo(t, c);
		return true;
	}
	if (i & ISTRIP)
		c &= 0x7f;
	if (c == '\r' && (i & IGNCR))
		return true;
	if (c == '\r' && (i & ICRNL))
		c = '\n';
	else if (c == '\n' && (i & INLCR))
		c = '\r';
	if (i & IXON) {
		bool stop = is(t, VSTOP, c), start = is(t, VSTART, c);
		if (stop || start || (t->output_stopped && (i & IXANY)))
			t->output_stopped = stop;
		if (stop || start)
			return true;
	}
	if (l & ISIG) {
		int sig = is(t, VINTR, c) ? SIGINT : is(t, VQUIT, c) ? SIGQUIT : is(t, VSUSP, c) ? SIGTSTP : 0;
		if (sig) {
			/* What the slave wrote has left already: only the input goes, as from Linux's ptys. */
			if (!(l & NOFLSH))
				ldisc_flush(t, TCIFLUSH);
			if (l & ECHO)
				echo(t, c);
			if (t->pgrp)
				pgrp_signal(t->pgrp, sig);
			return true;
		}
	}
	if (l & ICANON) {
		if (is(t, VERASE, c)) {
			erase_one(t);
			return true;
		}
		if (is(t, VKILL, c)) {
			kill_line(t, c);
			return true;
		}
		if ((l & IEXTEN) && is(t, VWERASE, c)) {
			erase_word(t);
			return true;
		}
		if ((l & IEXTEN) && is(t, VREPRINT, c)) {
			if (l & ECHO)
				reprint(t, c);
			return true;
		}
		if ((l & IEXTEN) && is(t, VLNEXT, c)) {
			t->literal_next = true;
			if ((l & ECHO) && (l & ECHOCTL))
				echo_text(t, "^\b");
			return true;
		}
		if (is(t, VEOF, c)) {
			uint64_t at = t->in.head;
			if (!store(t, c, true))
				return false;
			mark_eof(t, at, true);
			return true;
		}
		bool ends = c == '\n' || is(t, VEOL, c) || is(t, VEOL2, c);
		if (!store(t, c, ends))
			return false;
		if ((l & ECHO) || (c == '\n' && (l & ECHONL)))
			echo(t, c);
		return true;
	}
	if (!store(t, c, false))
		return false;
	if (l & ECHO)
		echo(t, c);
	return true;
}

bool ldisc_readable(const struct tty *t)
{
	return (t->tio.c_lflag & ICANON) ? t->canon != t->in.tail : t->in.head != t->in.tail;
}

uint64_t ldisc_pending(const struct tty *t)
{
	return ((t->tio.c_lflag & ICANON) ? t->canon : t->in.head) - t->in.tail;
}

uint64_t ldisc_room(const struct tty *t)
{
	return room(&t->in);
}

void ldisc_send_flow(struct tty *t, bool from_master, bool stop)
{
	unsigned char c = t->tio.c_cc[stop ? VSTOP : VSTART];
	if (!c)
		return;
	if (from_master)
		input_char(t, c);
	else if (room(&t->out))
		put(&t->out, (char)c);
	waitq_wake_all(&t->in_changed);
	waitq_wake_all(&t->out_changed);
}

void ldisc_flush(struct tty *t, int queue)
{
	if (queue == TCIFLUSH || queue == TCIOFLUSH) {
		t->in.tail = t->canon = t->in.head;
		memset(t->eof_mark, 0, sizeof(t->eof_mark));
	}
	if (queue == TCOFLUSH || queue == TCIOFLUSH)
		t->out.tail = t->out.head;
	waitq_wake_all(&t->in_changed);
	waitq_wake_all(&t->out_changed);
}

void ldisc_set_modes(struct tty *t, const struct termios *tio)
{
	/* What was typed becomes readable either way: a line in the making is pushed out as it is. */
	if ((tio->c_lflag ^ t->tio.c_lflag) & ICANON)
		t->canon = t->in.head;
	t->tio = *tio;
	if (!(t->tio.c_iflag & IXON))
		t->output_stopped = false;
	waitq_wake_all(&t->in_changed);
	waitq_wake_all(&t->out_changed);
}

/* Where the program's buffers are filled up to. */
struct cursor {
	const struct kiovec *iov;
	int n, i;
	size_t off;
};

static size_t cursor_left(const struct cursor *c)
{
	size_t left = 0;
	for (int i = c->i; i < c->n; i++)
		left += c->iov[i].len - (i == c->i ? c->off : 0);
	return left;
}

/* The ring's len bytes from its tail into the buffers: how many went before one was not writable. */
static uint64_t take(struct cursor *c, struct tty_ring *r, uint64_t len)
{
	uint64_t from = r->tail;
	while (len) {
		while (c->off == c->iov[c->i].len) {
			c->i++;
			c->off = 0;
		}
		uint64_t k = TTY_RING - r->tail % TTY_RING;
		k = k < len ? k : len;
		k = k < c->iov[c->i].len - c->off ? k : c->iov[c->i].len - c->off;
		if (copy_to_user((char *)c->iov[c->i].base + c->off, r->buf + r->tail % TTY_RING, k))
			break;
		r->tail += k;
		c->off += k;
		len -= k;
	}
	return r->tail - from;
}

/* What take gave, or -EFAULT if it gave nothing of a transfer that wanted something. */
static long taken(uint64_t got, uint64_t want)
{
	return got || !want ? (long)got : -EFAULT;
}

long ldisc_output(struct tty *t, const struct kiovec *iov, int n)
{
	struct cursor c = { iov, n, 0, 0 };
	uint64_t want = cursor_left(&c), have = t->out.head - t->out.tail;
	long ret = taken(take(&c, &t->out, have < want ? have : want), have < want ? have : want);
	waitq_wake_all(&t->out_changed);
	return ret;
}

/* One line, or as much of it as fits; an end-of-file mark ends it unread. */
static long read_line(struct tty *t, struct cursor *c)
{
	size_t want = cursor_left(c);
	uint64_t len = 0;
	bool eof = false;
	for (uint64_t pos = t->in.tail; pos != t->canon && len < want; pos++) {
		if (eof_at(t, pos)) {
			eof = true;
			break;
		}
		len++;
		unsigned char b = byte_at(&t->in, pos);
		if (b == '\n' || is(t, VEOL, b) || is(t, VEOL2, b))
			break;
	}
	uint64_t got = take(c, &t->in, len);
	if (got < len)
		return taken(got, len);
	if (eof) {
		mark_eof(t, t->in.tail, false);
		t->in.tail++;
	}
	return (long)len;
}

long ldisc_read(struct tty *t, const struct kiovec *iov, int n, bool nonblock)
{
	struct cursor c = { iov, n, 0, 0 };
	size_t want = cursor_left(&c);
	uint64_t deadline = 0, seen = t->in.head;
	long ret;
	if (!want)
		return 0;
	for (;;) {
		if (t->hungup && !ldisc_readable(t))
			return 0;
		if (t->tio.c_lflag & ICANON) {
			if (t->canon != t->in.tail) {
				ret = read_line(t, &c);
				break;
			}
		} else {
			uint64_t avail = t->in.head - t->in.tail;
			unsigned min = t->tio.c_cc[VMIN], time = t->tio.c_cc[VTIME];
			uint64_t need = min < want ? min : want;
			if (time && (!deadline || t->in.head != seen) && (!min || avail)) {
				deadline = rdtsc() + ns_to_tsc(time * DECISECOND_NS);
				seen = t->in.head;
			}
			bool timed_out = deadline && rdtsc() >= deadline;
			if ((avail && avail >= need) || (!min && !time) || (timed_out && (avail || !min)) ||
			    (avail && nonblock)) {
				uint64_t k = avail < want ? avail : want;
				ret = taken(take(&c, &t->in, k), k);
				break;
			}
		}
		if (nonblock)
			return -EAGAIN;
		if (waitq_wait_until(&t->in_changed, deadline) == WAKE_SIGNAL)
			return -ERESTARTSYS;
	}
	waitq_wake_all(&t->in_changed);
	return ret;
}

/*
 * The program's bytes, a chunk at a time, each through accept (1: taken, 0: no room yet, wait
 * on q for it; -errno: stop): how many were taken, or the error if none was.
 */
static long feed(struct tty *t, const struct kiovec *iov, int n, bool nonblock, int (*accept)(struct tty *, unsigned char),
		 struct waitq *q)
{
	char buf[CHUNK];
	long done = 0;
	for (int i = 0; i < n; i++) {
		for (size_t at = 0; at < iov[i].len;) {
			size_t k = iov[i].len - at < CHUNK ? iov[i].len - at : CHUNK;
			if (copy_from_user(buf, (const char *)iov[i].base + at, k))
				return done ? done : -EFAULT;
			for (size_t j = 0; j < k;) {
				int r = accept(t, (unsigned char)buf[j]);
				if (r > 0) {
					j++;
					done++;
					continue;
				}
				waitq_wake_all(&t->in_changed);
				waitq_wake_all(&t->out_changed);
				if (r < 0 || nonblock)
					return done ? done : r < 0 ? r : -EAGAIN;
				if (waitq_wait(q) == WAKE_SIGNAL)
					return done ? done : -ERESTARTSYS;
			}
			at += k;
		}
	}
	waitq_wake_all(&t->in_changed);
	waitq_wake_all(&t->out_changed);
	return done;
}

/* A byte the master types, through the input modes (it may raise signals). */
static int typed(struct tty *t, unsigned char c)
{
	return input_char(t, c);
}

/* A byte the slave writes, through the output modes, unless output is stopped or hung up. */
static int written(struct tty *t, unsigned char c)
{
	return t->hungup ? -EIO : !t->output_stopped && out_char(t, c);
}

long ldisc_type(struct tty *t, const struct kiovec *iov, int n, bool nonblock)
{
	return feed(t, iov, n, nonblock, typed, &t->in_changed);
}

long ldisc_write(struct tty *t, const struct kiovec *iov, int n, bool nonblock)
{
	return feed(t, iov, n, nonblock, written, &t->out_changed);
}
