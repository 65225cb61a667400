/* select(2): the time left is written back into the timeval, as Linux does. */
#include "kernel/events/poll.h"
#include "kernel/time/time.h"
#include "sys.h"

struct ktimeval {
	int64_t sec, usec;
};

long sys_select(const uint64_t *args)
{
	struct ktimeval tv;
	int64_t ns = -1, left;
	void *utv = (void *)args[4];
	if (utv) {
		if (copy_from_user(&tv, utv, sizeof(tv)))
			return -EFAULT;
		/* Linux folds whole seconds out of tv_usec rather than refusing them. */
		if (tv.sec < 0 || tv.usec < 0)
			return -EINVAL;
		int64_t sec = tv.sec + tv.usec / 1000000;
		ns = sec > INT64_MAX / NSEC_PER_SEC - 1 ? INT64_MAX : sec * NSEC_PER_SEC + tv.usec % 1000000 * 1000;
	}
	long r = select_fds((int)args[0], (void *)args[1], (void *)args[2], (void *)args[3], ns, &left);
	if (utv && ns > 0) {
		tv = (struct ktimeval){ left / NSEC_PER_SEC, left % NSEC_PER_SEC / 1000 };
		if (copy_to_user(utv, &tv, sizeof(tv)))
			return -EFAULT;
	}
	return r;
}
