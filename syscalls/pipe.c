/* pipe(2) */
#include "kernel/pipe.h"
#include "sys.h"

long sys_pipe(const uint64_t *args)
{
	int fds[2];
	long err = pipe_create(fds, 0);
	if (err)
		return err;
	if (copy_to_user((void *)args[0], fds, sizeof(fds))) {
		fd_close(fds[0]);
		fd_close(fds[1]);
		return -EFAULT;
	}
	return 0;
}
