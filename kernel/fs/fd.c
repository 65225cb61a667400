/*
 * Open files, shared by every descriptor and process that holds them, and
 * I/O through descriptors (the tables are in fdtable.c).
 */
#include "devfile.h"
#include "fd.h"
#include "filemap.h"
#include "flocks.h"
#include "kernel/events/epoll.h"
#include "kernel/kernel.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/uaccess.h"
#include "kernel/signal/signal.h"
#include "kernel/uapi.h"
#include "vfs.h"
#include "kstat.h"
#include "reclock.h"

#define IOV_BATCH 64 /* iovecs taken per call */

#define FILE_MAX (4 * FD_CEILING) /* open files of all processes */
#define PAGE_FILES (PAGE_SIZE / sizeof(struct file))

static struct file *free_files; /* released files, linked through next_free */
static unsigned files_made;     /* taken from pages, never given back */

struct file *file_alloc(void)
{
	if (!free_files) {
		struct file *page = files_made + PAGE_FILES <= FILE_MAX ? kalloc(PAGE_SIZE) : 0;
		if (!page)
			return 0;
		for (size_t i = 0; i < PAGE_FILES; i++) {
			page[i].next_free = free_files;
			free_files = &page[i];
		}
		files_made += PAGE_FILES;
	}
	struct file *f = free_files;
	free_files = f->next_free;
	*f = (struct file){ .refs = 1 };
	return f;
}

void file_put(struct file *f)
{
	if (--f->refs)
		return;
	epoll_forget(f);
	reclock_file_gone(f);
	flocks_file_gone(f);
	if (f->ops && f->ops->release)
		f->ops->release(f);
	f->next_free = free_files;
	free_files = f;
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
	if (file_is_host(f))
		filemap_before_read(f, at, iov_total(iov, n));
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
	if (ret > 0 && file_is_host(f))
		filemap_after_write(f, at, (uint64_t)ret);
	if (ret > 0 && offset < 0 && !f->stream)
		f->pos += ret;
	file_write_failed(f, ret);
	return ret;
}

void file_write_failed(struct file *f, long ret)
{
	if (ret == -EPIPE && vfs_file_type(f) != S_IFSOCK)
		signal_send(current(), SIGPIPE, 0);
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
