/* select(2): the time left is written back into the timeval, as Linux does. */
#include "kernel/events/poll.h"
#include "kernel/time/time.h"
#include "sys.h"

struct ktimeval {
	int64_t sec, usec;
};

SYSCALL_DEFINE5(select, int, nfds, void *, readfds, void *, writefds, void *, exceptfds, struct ktimeval *, timeout)
{
	struct ktimeval tv;
	int64_t ns = -1, left;
	if (timeout) {
		if (copy_from_user(&tv, timeout, sizeof(tv)))
			return -EFAULT;
		/* Linux folds whole seconds out of tv_usec rather than refusing them. */
		if (tv.sec < 0 || tv.usec < 0)
			return -EINVAL;
		int64_t sec = tv.sec + tv.usec / 1000000;
		ns = sec > INT64_MAX / NSEC_PER_SEC - 1 ? INT64_MAX : sec * NSEC_PER_SEC + tv.usec % 1000000 * 1000;
	}
	long r = select_fds(nfds, readfds, writefds, exceptfds, ns, &left);
	if (timeout && ns > 0) {
		tv = (struct ktimeval){ left / NSEC_PER_SEC, left % NSEC_PER_SEC / 1000 };
		if (copy_to_user(timeout, &tv, sizeof(tv)))
			return -EFAULT;
	}
	return r;
}
