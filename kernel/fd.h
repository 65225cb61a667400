/* Open files and the descriptor table. */
#ifndef KERNEL_FD_H
#define KERNEL_FD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FD_MAX 1024 /* RLIMIT_NOFILE's usual soft limit */

/* The layout of struct iovec; base points into the application. */
struct kiovec {
	void *base;
	size_t len;
};

struct file;

struct file_ops {
	long (*readv)(struct file *f, const struct kiovec *iov, int n);
	long (*writev)(struct file *f, const struct kiovec *iov, int n);
	long (*fstat)(struct file *f, void *ustat);
	long (*ioctl)(struct file *f, unsigned cmd, uint64_t arg);
};

struct file {
	const struct file_ops *ops;
	int host_fd;
	int refs;
};

void fd_init(void);
struct file *fd_get(int fd); /* NULL if fd is not open */
int fd_close(int fd);

/* I/O through a descriptor; a write to a closed pipe raises SIGPIPE. */
long fd_readv(int fd, const struct kiovec *iov, int n);
long fd_writev(int fd, const struct kiovec *iov, int n);
/* readv/writev with the application's iovec array. */
long fd_vector_io(int fd, const void *uiov, long n, bool write);

extern struct file console_files[3];

#endif
