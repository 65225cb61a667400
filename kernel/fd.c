/* The descriptor table: numbers are allocated lowest-first, as on Linux. */
#include <asm-generic/errno.h>

#include "fd.h"
#include "kernel.h"
#include "signal.h"
#include "uaccess.h"

#define IOV_MAX 1024
#define IOV_BATCH 64 /* iovecs taken per call */
#define SIGPIPE 13

static struct file *table[FD_MAX];

void fd_init(void)
{
	for (int i = 0; i < 3; i++) {
		table[i] = &console_files[i];
		console_files[i].refs++;
	}
}

struct file *fd_get(int fd)
{
	return fd >= 0 && fd < FD_MAX ? table[fd] : 0;
}

int fd_close(int fd)
{
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	table[fd] = 0;
	f->refs--;
	return 0;
}

long fd_readv(int fd, const struct kiovec *iov, int n)
{
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	return f->ops->readv ? f->ops->readv(f, iov, n) : -EINVAL;
}

long fd_writev(int fd, const struct kiovec *iov, int n)
{
	struct file *f = fd_get(fd);
	if (!f)
		return -EBADF;
	long ret = f->ops->writev ? f->ops->writev(f, iov, n) : -EINVAL;
	if (ret == -EPIPE && signal_kills(SIGPIPE))
		app_killed(SIGPIPE);
	return ret;
}

long fd_vector_io(int fd, const void *uiov, long n, bool write)
{
	struct kiovec iov[IOV_BATCH];
	if (n < 0 || n > IOV_MAX)
		return -EINVAL;
	if (n > IOV_BATCH)
		n = IOV_BATCH; /* a short transfer is allowed */
	if (copy_from_user(iov, uiov, (size_t)n * sizeof(*iov)))
		return -EFAULT;
	uint64_t total = 0;
	for (long i = 0; i < n; i++) {
		total += iov[i].len;
		if (iov[i].len > INT64_MAX || total > INT64_MAX)
			return -EINVAL;
	}
	return write ? fd_writev(fd, iov, (int)n) : fd_readv(fd, iov, (int)n);
}
