/* ppoll(2): poll with a timespec and a signal mask for the wait; the time left is written back. */
#include "kernel/events/poll.h"
#include "kernel/time/time.h"
#include "sys.h"

SYSCALL_DEFINE5(ppoll, void *, fds, unsigned long, nfds, struct ktimespec *, tmo_p, const uint64_t *, sigmask, size_t,
		sigsetsize)
{
	int64_t ns;
	long err = poll_timeout(tmo_p, &ns);
	if (err || (err = poll_mask_begin(sigmask, sigsetsize)))
		return err;
	uint64_t deadline = poll_deadline(ns);
	long r = poll_mask_end(poll_fds(fds, nfds, ns));
	if (ns > 0) {
		uint64_t now = rdtsc();
		uint64_t left = deadline > now ? tsc_to_ns(deadline - now) : 0;
		struct ktimespec ts = { (int64_t)(left / NSEC_PER_SEC), (int64_t)(left % NSEC_PER_SEC) };
		if (copy_to_user(tmo_p, &ts, sizeof(ts)))
			return -EFAULT;
	}
	return r;
}
