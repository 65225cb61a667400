/*
 * timerfd. Expirations are counted when someone looks (a read, poll,
 * gettime) from the clock, so a timer needs no interrupt of its own: a
 * reader sleeps until the next expiry, a poller asks to be woken then.
 */
#include "kernel/fs/anonfile.h"
#include "kernel/fs/fd.h"
#include "kernel/kernel.h"
#include "kernel/fs/kstat.h"
#include "poll.h"
#include "kernel/time/time.h"
#include "timerfd.h"
#include "kernel/mm/uaccess.h"
#include "kernel/sched/waitq.h"
#include "kernel/uapi.h"

#define TIMERFD_MAX 64

struct timerfd {
	bool used;
	int clock;
	int64_t next;     /* the clock's ns at the next expiry; 0 when disarmed */
	int64_t interval; /* ns */
	uint64_t ticks;   /* expirations not read yet */
	uint64_t total;   /* expirations ever */
	struct waitq changed; /* settime */
};

static struct timerfd timers[TIMERFD_MAX];

static int64_t now_ns(const struct timerfd *t)
{
	struct ktimespec ts;
	clock_read(t->clock, &ts);
	return ts.sec * NSEC_PER_SEC + ts.nsec;
}

/* Count the expirations up to now. */
static void update(struct timerfd *t)
{
	int64_t now = now_ns(t);
	if (!t->next || now < t->next)
		return;
	uint64_t n = t->interval ? 1 + (uint64_t)((now - t->next) / t->interval) : 1;
	t->ticks += n;
	t->total += n;
	t->next = t->interval ? t->next + (int64_t)n * t->interval : 0;
}

/* The TSC time of the next expiry, 0 if disarmed. */
static uint64_t next_tsc(const struct timerfd *t)
{
	struct ktimespec ts = { t->next / NSEC_PER_SEC, t->next % NSEC_PER_SEC };
	uint64_t at = t->next ? clock_deadline(t->clock, &ts) : 0;
	return t->next && !at ? rdtsc() : at;
}

static long timerfd_readv(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	struct timerfd *t = &timers[f->handle];
	(void)offset;
	if (n < 1 || iov[0].len < sizeof(uint64_t))
		return -EINVAL;
	for (update(t); !t->ticks; update(t)) {
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (waitq_wait_until(&t->changed, next_tsc(t)) == WAKE_SIGNAL)
			return -ERESTARTSYS;
	}
	if (copy_to_user(iov[0].base, &t->ticks, sizeof(t->ticks)))
		return -EFAULT;
	t->ticks = 0;
	return sizeof(uint64_t);
}

static unsigned timerfd_poll(struct file *f, struct poll_info *pi)
{
	struct timerfd *t = &timers[f->handle];
	update(t);
	pi->seq += t->total + t->changed.seq;
	if (t->next)
		poll_recheck(pi, next_tsc(t));
	return t->ticks ? POLL_READ : 0;
}

static void timerfd_release(struct file *f)
{
	timers[f->handle].used = false;
}

static const struct file_ops timerfd_ops = {
	.readv = timerfd_readv,
	.fstat = anon_fstat,
	.poll = timerfd_poll,
	.release = timerfd_release,
	.link = "anon_inode:[timerfd]",
};

long timerfd_create(int clock, int flags)
{
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC && clock != CLOCK_BOOTTIME &&
	    clock != CLOCK_REALTIME_ALARM && clock != CLOCK_BOOTTIME_ALARM)
		return -EINVAL;
	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	int i = 0;
	while (i < TIMERFD_MAX && timers[i].used)
		i++;
	if (i == TIMERFD_MAX)
		return -ENFILE;
	timers[i] = (struct timerfd){ .used = true, .clock = clock };
	return anon_open(&timerfd_ops, i, flags);
}

static struct timerfd *timerfd_of(int fd, long *err)
{
	struct file *f = fd_get(fd);
	*err = !f ? -EBADF : f->ops != &timerfd_ops ? -EINVAL : 0;
	return *err ? 0 : &timers[f->handle];
}

static struct ktimespec ns_ts(int64_t ns)
{
	return (struct ktimespec){ ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };
}

long timerfd_gettime(int fd, void *ucurr)
{
	long err;
	struct timerfd *t = timerfd_of(fd, &err);
	if (!t)
		return err;
	update(t);
	struct kitimerspec cur = { ns_ts(t->interval), ns_ts(t->next ? t->next - now_ns(t) : 0) };
	return copy_to_user(ucurr, &cur, sizeof(cur));
}

long timerfd_settime(int fd, int flags, const void *unew, void *uold)
{
	long err;
	struct kitimerspec set;
	struct timerfd *t = timerfd_of(fd, &err);
	if (!t)
		return err;
	if (flags & ~(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET))
		return -EINVAL;
	if (copy_from_user(&set, unew, sizeof(set)))
		return -EFAULT;
	if (!timespec_valid(&set.interval) || !timespec_valid(&set.value))
		return -EINVAL;
	if (uold && (err = timerfd_gettime(fd, uold)))
		return err;
	int64_t value = set.value.sec * NSEC_PER_SEC + set.value.nsec;
	t->interval = set.interval.sec * NSEC_PER_SEC + set.interval.nsec;
	t->next = !value ? 0 : flags & TFD_TIMER_ABSTIME ? value : now_ns(t) + value;
	t->ticks = 0;
	waitq_wake_all(&t->changed);
	return 0;
}
