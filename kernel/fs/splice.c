/*
 * sendfile's transfer to a file that is not a pipe: a page at a time read
 * by the in-file's read op into a kernel frame and written out by the
 * out-file's write op, so the bytes never pass through the program; and
 * the end that sendfile and splice share.
 */
#include "fd.h"
#include "filemap.h"
#include "kernel/kernel.h"
#include "kernel/mm/frame.h"
#include "kernel/mm/uaccess.h"
#include "kernel/uapi.h"
#include "splice.h"
#include "vfs.h"

long splice_done(struct file *in, struct file *out, long n)
{
	if (out)
		file_write_failed(out, n);
	if (in)
		file_put(in);
	if (out)
		file_put(out);
	return n;
}

void splice_mapped(struct file *in, int64_t in_offset, uint64_t len, struct file *out, int64_t out_offset, long moved)
{
	if (in && file_is_host(in))
		filemap_before_read(in, in_offset, len);
	if (out && moved > 0 && file_is_host(out))
		filemap_after_write(out, out_offset, (uint64_t)moved);
}

/* The copy itself: the host's copy_range where both are its files, else through a frame. */
static long copy(struct file *in, int64_t in_offset, struct file *out, int64_t out_offset, size_t len)
{
	long r = in->ops->copy_range ? vfs_copy_range(in, in_offset, out, out_offset, len) : -EXDEV;
	if (r != -EXDEV)
		return r;
	uint64_t frame = frame_alloc();
	if (!frame)
		return -ENOMEM;
	char *buf = phys_to_virt(frame);
	size_t done = 0;
	r = 0;
	uaccess_kernel_begin(buf, PAGE_SIZE);
	while (done < len) {
		struct kiovec iov = { buf, len - done < PAGE_SIZE ? len - done : PAGE_SIZE };
		r = in->ops->readv(in, &iov, 1, in_offset + (int64_t)done);
		if (r <= 0)
			break;
		iov.len = (size_t)r;
		r = out->ops->writev(out, &iov, 1, out_offset < 0 ? -1 : out_offset + (int64_t)done);
		if (r <= 0)
			break;
		done += (size_t)r;
		/* Short: the socket or file took what it could. */
		if ((size_t)r < iov.len)
			break;
	}
	uaccess_kernel_end();
	frame_free(frame);
	return done ? (long)done : r;
}

long splice_direct(struct file *in, int64_t in_offset, struct file *out, int64_t out_offset, size_t len)
{
	if (vfs_file_type(in) != S_IFREG || !in->ops->readv || !out->ops->writev)
		return -EINVAL;
	/* Shared writable mappings of either file stay in step, as read() and write() keep them. */
	splice_mapped(in, in_offset, len, 0, 0, 0);
	long r = copy(in, in_offset, out, out_offset, len);
	splice_mapped(0, 0, 0, out, out_offset, r);
	return r;
}
