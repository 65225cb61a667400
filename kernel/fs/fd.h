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
struct kstat;
struct poll_info;

/* offset is where to transfer, or -1 for a stream or an append. */
struct file_ops {
	long (*readv)(struct file *f, const struct kiovec *iov, int n, int64_t offset);
	long (*writev)(struct file *f, const struct kiovec *iov, int n, int64_t offset);
	long (*getdents)(struct file *f, void *ubuf, size_t len);
	long (*fstat)(struct file *f, struct kstat *st);
	long (*ioctl)(struct file *f, unsigned cmd, uint64_t arg);
	long (*flush)(struct file *f);   /* at every close(2): an error writing out earlier data */
	int64_t (*tell)(struct file *f); /* the position when only the host knows it */
	/* What it is ready for (POLLIN...); may add to pi (kernel/events/poll.h). None: always ready. */
	unsigned (*poll)(struct file *f, struct poll_info *pi);
	void (*release)(struct file *f);
	/* What /proc/self/fd/N names when there is no path: a format given the inode number. */
	const char *link;
};

struct file {
	const struct file_ops *ops;
	int refs;
	int handle;  /* the monitor's */
	int flags;   /* open(2) flags */
	bool stream; /* no position: the standard streams */
	int64_t pos;
	bool pos_unknown; /* after O_APPEND writes: ask ops->tell */
	uint32_t type;    /* a host file's S_IFMT bits */
	char *path;  /* canonical guest path (a frame), or NULL */
	char *data;  /* a generated file's contents, and their size */
	int64_t size;
};

void fd_init(void);
struct file *file_alloc(void); /* refs 1; NULL when all are in use */
void file_put(struct file *f);
/* The lowest free descriptor, now naming f (whose reference it takes); or -EMFILE. */
int fd_install(struct file *f, bool cloexec);
struct file *fd_get(int fd); /* NULL if fd is not open */
/* dup: at newfd (closing what is there), or the lowest free one >= min if newfd < 0. */
int fd_dup(int oldfd, int newfd, int min, bool cloexec);
/* The close-on-exec flag; set it unless set < 0. Returns the flag before. */
bool fd_cloexec(int fd, int set);
int fd_close(int fd);
/* readlink of /proc/self/fd/N: at most size bytes into buf, the length, or -ENOENT. */
long fd_link(int fd, char *buf, size_t size);
/* The file position, asked of the file if only it knows. */
int64_t file_pos(struct file *f);

/* I/O through a descriptor at offset, or at its position if offset is -1. */
long fd_readv(int fd, const struct kiovec *iov, int n, int64_t offset);
long fd_writev(int fd, const struct kiovec *iov, int n, int64_t offset);
/* readv/writev (offset -1) and preadv/pwritev with the application's iovec array. */
long fd_vector_io(int fd, const void *uiov, long n, bool write, int64_t offset);

extern const struct file_ops hostfile_ops;
extern struct file_ops hoststream_ops;

/* Does f name a host file or stream (a monitor handle)? */
static inline bool file_is_host(const struct file *f)
{
	return f->ops == &hostfile_ops || f->ops == &hoststream_ops;
}

#endif
