/* pselect6(2): select with a timespec and a signal mask for the wait. */
#include "kernel/events/poll.h"
#include "kernel/time/time.h"
#include "sys.h"

/* The sixth argument: the mask and its size. */
struct mask_arg {
	uint64_t mask;
	uint64_t size;
};

long sys_pselect6(const uint64_t *args)
{
	int64_t ns, left;
	struct mask_arg m = { 0, 0 };
	long err = poll_timeout((const void *)args[4], &ns);
	if (err)
		return err;
	if (args[5] && copy_from_user(&m, (const void *)args[5], sizeof(m)))
		return -EFAULT;
	if ((err = poll_mask_begin((const void *)m.mask, m.size)))
		return err;
	long r = poll_mask_end(select_fds((int)args[0], (void *)args[1], (void *)args[2], (void *)args[3], ns, &left));
	if (args[4] && ns > 0) {
		struct ktimespec ts = { left / NSEC_PER_SEC, left % NSEC_PER_SEC };
		if (copy_to_user((void *)args[4], &ts, sizeof(ts)))
			return -EFAULT;
	}
	return r;
}
