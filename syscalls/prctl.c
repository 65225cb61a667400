/* prctl(2): the process name; other options are not implemented and say EINVAL. */
#include <linux/prctl.h>

#include "kernel/proc/proc.h"
#include "sys.h"

SYSCALL_DEFINE2(prctl, int, option, unsigned long, arg2)
{
	switch (option) {
	case PR_GET_NAME:
		return copy_to_user((void *)arg2, proc_comm(proc_current()), PROC_COMM_LEN);
	case PR_SET_NAME: {
		char next[PROC_COMM_LEN] = { 0 };
		long len = strncpy_from_user(next, (const char *)arg2, sizeof(next));
		if (len == -EFAULT)
			return len;
		next[PROC_COMM_LEN - 1] = 0;
		memcpy(proc_current()->comm, next, sizeof(next));
		return 0;
	}
	default:
		return -EINVAL;
	}
}
