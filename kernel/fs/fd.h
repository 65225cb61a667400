/* Open files and the descriptor table. */
#ifndef KERNEL_FD_H
#define KERNEL_FD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* No descriptor reaches it: the kernel's nr_open, above which RLIMIT_NOFILE cannot be set. */
#define FD_CEILING 65536

/* The layout of struct iovec; base points into the application. */
struct kiovec {
	void *base;
	size_t len;
};

/* The bytes n of them hold. */
static inline uint64_t iov_total(const struct kiovec *iov, int n)
{
	uint64_t total = 0;
	for (int i = 0; i < n; i++)
		total += iov[i].len;
	return total;
}

struct file;
struct flock;
struct kstat;
struct poll_info;
struct statfs;

/*
 * offset is where to transfer, or -1 for a stream or an append. Where an
 * operation is missing, kernel/fs/vfs.c gives Linux's answer for the kind.
 */
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
	/* fchmod (mode & 07777), fchown (-1: unchanged), ftruncate and fallocate. */
	long (*chmod)(struct file *f, unsigned mode);
	long (*chown)(struct file *f, uint32_t owner, uint32_t group);
	long (*truncate)(struct file *f, int64_t length);
	long (*fallocate)(struct file *f, int mode, int64_t offset, int64_t len);
	/* lseek: the new position, which vfs_lseek records, or -errno. */
	int64_t (*llseek)(struct file *f, int64_t offset, int whence);
	/*
	 * flock(2) as kernel/fs/flocks.c passes it on (always LOCK_NB); fcntl's
	 * record locks as kernel/fs/reclock.c does, fl absolute (SEEK_SET).
	 */
	long (*flock)(struct file *f, int operation);
	long (*lock)(struct file *f, unsigned cmd, struct flock *fl);
	long (*statfs)(struct file *f, struct statfs *buf);
	/* fsync (HC_FILE_FSYNC) and fdatasync (HC_FILE_FDATASYNC). */
	long (*sync)(struct file *f, int op);
	/* MAP_SHARED: the frame holding the page at offset, with a reference for the mapping; 0 if full. */
	uint64_t (*frame)(struct file *f, uint64_t offset);
	/* sendfile/copy_file_range from f into out; out_offset -1: out's own position. */
	long (*copy_range)(struct file *f, int64_t offset, struct file *out, int64_t out_offset, size_t len);
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
	bool pos_unknown; /* the host moved it (O_APPEND writes, getdents): ask ops->tell */
	bool host_append; /* the host's handle was opened O_APPEND (F_SETFL does not reach it) */
	uint32_t type;    /* a host file's S_IFMT bits */
	char *path;  /* canonical guest path (a frame), or NULL */
	char *data;  /* a generated file's contents, and their size */
	int64_t size;
	bool identified;  /* dev and ino are known (the page cache or flock asked) */
	bool rewritten;   /* the back end gave a library's rewritten copy (struct hc_open) */
	int64_t slots_off; /* where that copy's slot table is in it: 0 not known yet, -1 none */
	uint64_t dev, ino;
	short flock;             /* the flock(2) lock it holds: LOCK_SH, LOCK_EX or 0 */
	struct file *flock_next; /* the next open file holding one (kernel/fs/flocks.c) */
	struct file *next_free; /* while refs is 0: the next file free for file_alloc */
};

struct files;

/* The first process's table, with the standard streams. */
void fd_init(void);
/* A copy of the calling process's table (fork): the same open files; 0 if out of memory. */
struct files *files_fork(void);
/* The calling process's own copy of its table if others share it (unshare(CLONE_FILES)): 0 or -ENOMEM. */
long files_unshare(void);
/* One more process on a table (CLONE_FILES), and one fewer: the last closes every descriptor. */
void files_get(struct files *files);
void files_put(struct files *files);
/* execve: close the descriptors marked close-on-exec. */
void files_close_on_exec(void);
struct file *file_alloc(void); /* refs 1; NULL when all are in use */
void file_put(struct file *f);
/*
 * Descriptors stay below RLIMIT_NOFILE's soft limit (and FD_CEILING).
 * The lowest free descriptor, now naming f (whose reference it takes); or
 * -EMFILE, or -ENOMEM when the table cannot grow.
 */
int fd_install(struct file *f, bool cloexec);
struct file *fd_get(int fd); /* NULL if fd is not open */
/*
 * fd_get with a reference the caller drops (file_put): for a call that may
 * sleep, so that another thread's close cannot release the file under it.
 */
struct file *fd_hold(int fd);
/* dup: at newfd (closing what is there), or the lowest free one >= min if newfd < 0 (-EINVAL if min is over the limit). */
int fd_dup(int oldfd, int newfd, int min, bool cloexec);
/* The close-on-exec flag; set it unless set < 0. Returns the flag before. */
bool fd_cloexec(int fd, int set);
int fd_close(int fd);
/* The lowest open descriptor from fd on, or -1. */
int fd_next(int fd);
/* The same in table t, which need not be the caller's. */
int files_next(struct files *t, int fd);
/* readlink of /proc/self/fd/N: at most size bytes into buf, the length, or -ENOENT. */
long fd_link(int fd, char *buf, size_t size);
/* The file position, asked of the file if only it knows. */
int64_t file_pos(struct file *f);
/*
 * A write to f failed with ret: -EPIPE raises SIGPIPE in the writing thread whatever its
 * disposition (a handler runs before EPIPE is seen). Sockets raise their own, as only
 * they know MSG_NOSIGNAL.
 */
void file_write_failed(struct file *f, long ret);

/* I/O through a descriptor at offset, or at its position if offset is -1. */
long fd_readv(int fd, const struct kiovec *iov, int n, int64_t offset);
long fd_writev(int fd, const struct kiovec *iov, int n, int64_t offset);
/* readv/writev (offset -1) and preadv/pwritev with the application's iovec array. */
long fd_vector_io(int fd, const void *uiov, long n, bool write, int64_t offset);

extern const struct file_ops hostfile_ops;
extern struct file_ops hoststream_ops;
extern struct file_ops hostterm_ops;

/* Does f name a host file or stream (a monitor handle)? */
static inline bool file_is_host(const struct file *f)
{
	return f->ops == &hostfile_ops || f->ops == &hoststream_ops || f->ops == &hostterm_ops;
}

#endif
