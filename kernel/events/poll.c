/* Readiness of files and the sleep between looks, shared by poll, select and epoll. */
#include <asm-generic/errno.h>

#include "poll.h"
#include "kernel/signal/signal.h"
#include "kernel/time/time.h"
#include "kernel/mm/uaccess.h"
#include "kernel/mm/vm.h"
#include "kernel/proc/rlimit.h"
#include "kernel/sched/waitq.h"

unsigned poll_file(struct file *f, unsigned events, struct poll_info *pi)
{
	/* Regular files and devices without a poll op are always ready, as on Linux. */
	unsigned ready = f->ops->poll ? f->ops->poll(f, pi) : POLL_READ | POLL_WRITE;
	return ready & (events | POLLERR | POLLHUP);
}

void poll_recheck(struct poll_info *pi, uint64_t at)
{
	if (!pi->recheck || at < pi->recheck)
		pi->recheck = at;
}

long poll_sleep(uint64_t deadline, const struct poll_info *pi)
{
	if (signal_interrupts(current()))
		return -EINTR;
	if (pi->recheck && (!deadline || pi->recheck < deadline))
		deadline = pi->recheck;
	waitq_wait_any(deadline);
	return signal_interrupts(current()) ? -EINTR : 0;
}

uint64_t poll_deadline(int64_t ns)
{
	return ns <= 0 ? 0 : rdtsc() + ns_to_tsc((uint64_t)ns);
}

bool poll_expired(uint64_t deadline, int64_t ns)
{
	return ns == 0 || (ns > 0 && rdtsc() >= deadline);
}

struct kpollfd {
	int32_t fd;
	int16_t events, revents;
};

long poll_fds(void *ufds, uint64_t nfds, int64_t ns)
{
	if (nfds > rlimit_cur(RLIMIT_NOFILE))
		return -EINVAL;
	uint64_t deadline = poll_deadline(ns);
	for (;;) {
		/* Checked on every look: another thread may unmap the array while this one sleeps. */
		if (!vm_check((uint64_t)ufds, nfds * sizeof(struct kpollfd), PAGE_WRITE))
			return -EFAULT;
		struct kpollfd *p = ufds;
		struct poll_info pi = { 0 };
		long n = 0;
		for (uint64_t i = 0; i < nfds; i++) {
			struct file *f = fd_get(p[i].fd);
			unsigned ready = p[i].fd < 0 ? 0 : !f ? POLLNVAL : poll_file(f, (uint16_t)p[i].events, &pi);
			p[i].revents = (int16_t)ready;
			n += ready != 0;
		}
		if (n || poll_expired(deadline, ns))
			return n;
		long err = poll_sleep(deadline, &pi);
		if (err)
			return err;
	}
}

long poll_mask_begin(const void *umask, uint64_t size)
{
	uint64_t mask;
	if (!umask)
		return 0;
	if (size != sizeof(mask))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	signal_mask_during(mask);
	return 0;
}

long poll_mask_end(long ret)
{
	if (ret != -EINTR)
		signal_mask_restore();
	return ret;
}

long poll_timeout(const void *uts, int64_t *ns)
{
	struct ktimespec ts;
	*ns = -1;
	if (!uts)
		return 0;
	long err = timespec_from_user(&ts, uts);
	if (err)
		return err;
	*ns = ts.sec > INT64_MAX / NSEC_PER_SEC - 1 ? INT64_MAX : ts.sec * NSEC_PER_SEC + ts.nsec;
	return 0;
}
