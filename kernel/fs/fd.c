/*
 * Open files, shared by every descriptor and process that holds them, and
 * each process's descriptor table: numbers are allocated lowest-first, as on
 * Linux.
 */
#include "devfile.h"
#include "fd.h"
#include "hostfs.h"
#include "kernel/events/epoll.h"
#include "kernel/kernel.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/uaccess.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/rlimit.h"
#include "kernel/signal/signal.h"
#include "kernel/uapi.h"
#include "kstat.h"

#define IOV_BATCH 64 /* iovecs taken per call */

#define FILE_MAX (4 * FD_MAX) /* open files of all processes */

static struct file pool[FILE_MAX];

struct files {
	unsigned users; /* processes sharing it (clone with CLONE_FILES) */
	struct fd_slot {
		struct file *file;
		bool cloexec;
	} table[FD_MAX];
};

/* The calling process's table. */
static struct fd_slot *slots(void)
{
	return proc_current()->files->table;
}

void fd_init(void)
{
	struct proc *p = proc_first();
	p->files = kalloc(sizeof(*p->files));
	if (!p->files)
		panic("no memory for the descriptor table");
	p->files->users = 1;
	hostfile_init();
	for (int i = 0; i < 3; i++) {
		struct file *f = file_alloc();
		*f = (struct file){ .ops = boot->pollable_streams & (1u << i) ? &hoststream_ops : &hostfile_ops,
				    .refs = 1, .handle = i, .flags = boot->stream_access[i], .stream = true };
		fd_install(f, false);
	}
}

struct file *file_alloc(void)
{
	for (int i = 0; i < FILE_MAX; i++) {
		if (!pool[i].refs) {
			pool[i] = (struct file){ .refs = 1 };
			return &pool[i];
		}
	}
	return 0;
}

void file_put(struct file *f)
{
	if (--f->refs)
		return;
	epoll_forget(f);
	if (f->ops && f->ops->release)
		f->ops->release(f);
}

/* Descriptors below this are allowed: RLIMIT_NOFILE's soft limit, at most the table's size. */
static int fd_limit(void)
{
	uint64_t lim = rlimit_cur(RLIMIT_NOFILE);
	return lim < FD_MAX ? (int)lim : FD_MAX;
}

static int install_from(struct file *f, int min, bool cloexec)
{
	struct fd_slot *table = slots();
	for (int fd = min; fd < fd_limit(); fd++) {
		if (!table[fd].file) {
			table[fd].file = f;
			table[fd].cloexec = cloexec;
			return fd;
		}
	}
	file_put(f);
	return -EMFILE;
}

int fd_install(struct file *f, bool cloexec)
{
	return install_from(f, 0, cloexec);
}

int fd_dup(int oldfd, int newfd, int min, bool cloexec)
{
	struct file *f = fd_get(oldfd);
	if (!f || newfd >= fd_limit())
		return -EBADF;
	/* F_DUPFD's lowest number must itself be allowed. */
	if (newfd < 0 && min >= fd_limit())
		return -EINVAL;
	f->refs++;
	if (newfd < 0)
		return install_from(f, min, cloexec);
	struct fd_slot *table = slots();
	if (table[newfd].file)
		file_put(table[newfd].file);
	table[newfd].file = f;
	table[newfd].cloexec = cloexec;
	return newfd;
}

bool fd_cloexec(int fd, int set)
{
	struct fd_slot *table = slots();
	bool was = table[fd].cloexec;
	if (set >= 0)
		table[fd].cloexec = set;
	return was;
}

struct file *fd_get(int fd)
{
	return fd >= 0 && fd < FD_MAX ? slots()[fd].file : 0;
}

long fd_link(int fd, char *buf, size_t size)
{
	struct file *f = fd_get(fd);
	struct kstat st;
	if (!f)
		return -ENOENT;
	const char *dev = devfile_name(f);
	if (f->path || dev)
		return ksnprintf(buf, size, "%s", f->path ? f->path : dev);
	if (file_is_host(f) && f->handle < 3)
		return ksnprintf(buf, size, "%s", boot->stream_links[f->handle]);
	if (!f->ops->link || !f->ops->fstat || f->ops->fstat(f, &st) < 0)
		return -ENOENT;
	return ksnprintf(buf, size, f->ops->link, (unsigned long)st.ino);
}

/* Empty a table's slot: the file's flush error (close(2) reports it), its reference dropped. */
static long close_slot(struct fd_slot *slot)
{
	struct file *f = slot->file;
	slot->file = 0;
	long err = f->ops && f->ops->flush ? f->ops->flush(f) : 0;
	file_put(f);
	return err;
}

int fd_close(int fd)
{
	if (!fd_get(fd))
		return -EBADF;
	return (int)close_slot(&slots()[fd]);
}

int64_t file_pos(struct file *f)
{
	if (f->pos_unknown && f->ops->tell) {
		int64_t pos = f->ops->tell(f);
		if (pos >= 0)
			f->pos = pos;
		f->pos_unknown = false;
	}
	return f->pos;
}

/* Where a transfer goes: explicit offsets need a seekable file. */
static long transfer_offset(struct file *f, int64_t offset, bool write, int64_t *at)
{
	if (offset >= 0 && f->stream)
		return -ESPIPE;
	*at = f->stream || (write && offset < 0 && (f->flags & O_APPEND)) ? -1 : offset >= 0 ? offset : file_pos(f);
	return 0;
}

long fd_readv(int fd, const struct kiovec *iov, int n, int64_t offset)
{
	struct file *f = fd_get(fd);
	int64_t at;
	if (!f || (f->flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	long err = transfer_offset(f, offset, false, &at);
	if (err)
		return err;
	long ret = f->ops->readv ? f->ops->readv(f, iov, n, at) : -EINVAL;
	if (ret > 0 && offset < 0 && !f->stream)
		f->pos += ret;
	return ret;
}

long fd_writev(int fd, const struct kiovec *iov, int n, int64_t offset)
{
	struct file *f = fd_get(fd);
	int64_t at;
	if (!f || (f->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	long err = transfer_offset(f, offset, true, &at);
	if (err)
		return err;
	long ret = f->ops->writev ? f->ops->writev(f, iov, n, at) : -EINVAL;
	if (ret > 0 && offset < 0 && !f->stream)
		f->pos += ret;
	if (ret == -EPIPE && signal_kills(SIGPIPE))
		app_killed(SIGPIPE);
	return ret;
}

long fd_vector_io(int fd, const void *uiov, long n, bool write, int64_t offset)
{
	struct kiovec iov[IOV_BATCH];
	if (n < 0 || n > UIO_MAXIOV)
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
	return write ? fd_writev(fd, iov, (int)n, offset) : fd_readv(fd, iov, (int)n, offset);
}

struct files *files_fork(void)
{
	struct files *from = proc_current()->files;
	struct files *to = kalloc(sizeof(*to));
	if (!to)
		return 0;
	to->users = 1;
	for (int fd = 0; fd < FD_MAX; fd++) {
		to->table[fd] = from->table[fd];
		if (to->table[fd].file)
			to->table[fd].file->refs++;
	}
	return to;
}

void files_get(struct files *files)
{
	files->users++;
}

void files_put(struct files *files)
{
	if (--files->users)
		return;
	for (int fd = 0; fd < FD_MAX; fd++)
		if (files->table[fd].file)
			close_slot(&files->table[fd]);
	kfree(files, sizeof(*files));
}

void files_close_on_exec(void)
{
	struct fd_slot *table = slots();
	for (int fd = 0; fd < FD_MAX; fd++)
		if (table[fd].file && table[fd].cloexec)
			fd_close(fd);
}
