/* ppoll(2): poll with a timespec and a signal mask for the wait; the time left is written back. */
#include "kernel/events/poll.h"
#include "kernel/time/time.h"
#include "sys.h"

long sys_ppoll(const uint64_t *args)
{
	int64_t ns;
	long err = poll_timeout((const void *)args[2], &ns);
	if (err || (err = poll_mask_begin((const void *)args[3], args[4])))
		return err;
	uint64_t deadline = poll_deadline(ns);
	long r = poll_mask_end(poll_fds((void *)args[0], args[1], ns));
	if (ns > 0) {
		uint64_t now = rdtsc();
		uint64_t left = deadline > now ? tsc_to_ns(deadline - now) : 0;
		struct ktimespec ts = { (int64_t)(left / NSEC_PER_SEC), (int64_t)(left % NSEC_PER_SEC) };
		if (copy_to_user((void *)args[2], &ts, sizeof(ts)))
			return -EFAULT;
	}
	return r;
}
