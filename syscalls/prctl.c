/* prctl(2): the thread name; other options are not implemented and say EINVAL. */
#include <linux/prctl.h>

#include "kernel/proc/proc.h"
#include "sys.h"

#define NAME_LEN 16 /* TASK_COMM_LEN, the NUL included */

SYSCALL_DEFINE2(prctl, int, option, unsigned long, arg2)
{
	static char name[NAME_LEN];
	static bool named;
	if (!named) {
		/* Linux names a process after the file it executed, cut to 15 bytes. */
		const char *exe = proc_exe();
		for (const char *c = exe; *c; c++)
			if (*c == '/' && c[1])
				exe = c + 1;
		for (int i = 0; i < NAME_LEN - 1 && exe[i]; i++)
			name[i] = exe[i];
		named = true;
	}
	switch (option) {
	case PR_GET_NAME:
		return copy_to_user((void *)arg2, name, sizeof(name));
	case PR_SET_NAME: {
		char next[NAME_LEN] = { 0 };
		long len = strncpy_from_user(next, (const char *)arg2, sizeof(next));
		if (len == -EFAULT)
			return len;
		next[NAME_LEN - 1] = 0;
		memcpy(name, next, sizeof(name));
		return 0;
	}
	default:
		return -EINVAL;
	}
}
