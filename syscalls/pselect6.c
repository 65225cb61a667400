/* pselect6(2): select with a timespec and a signal mask for the wait. */
#include "kernel/events/poll.h"
#include "kernel/time/time.h"
#include "sys.h"

/* The sixth argument: the mask and its size. */
struct mask_arg {
	uint64_t mask;
	uint64_t size;
};

SYSCALL_DEFINE6(pselect6, int, nfds, void *, readfds, void *, writefds, void *, exceptfds, struct ktimespec *, timeout,
		const struct mask_arg *, sigmask)
{
	int64_t ns, left;
	struct mask_arg m = { 0, 0 };
	long err = poll_timeout(timeout, &ns);
	if (err)
		return err;
	if (sigmask && copy_from_user(&m, sigmask, sizeof(m)))
		return -EFAULT;
	if ((err = poll_mask_begin((const void *)m.mask, m.size)))
		return err;
	long r = poll_mask_end(select_fds(nfds, readfds, writefds, exceptfds, ns, &left));
	if (timeout && ns > 0) {
		struct ktimespec ts = { left / NSEC_PER_SEC, left % NSEC_PER_SEC };
		if (copy_to_user(timeout, &ts, sizeof(ts)))
			return -EFAULT;
	}
	return r;
}
