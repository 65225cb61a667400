/* sendfile(2): from a file with a position, as its copy_range op allows. */
#include "kernel/fs/vfs.h"
#include "sys.h"

SYSCALL_DEFINE4(sendfile, int, out_fd, int, in_fd, int64_t *, offset, size_t, count)
{
	struct file *out = fd_get(out_fd), *in = fd_get(in_fd);
	int64_t off;
	if (!out || !in || (in->flags & O_ACCMODE) == O_WRONLY || (out->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (in->stream)
		return -EINVAL;
	if (offset && copy_from_user(&off, offset, sizeof(off)))
		return -EFAULT;
	if (!offset)
		off = file_pos(in);
	if (off < 0)
		return -EINVAL;
	long n = vfs_copy_range(in, off, out, out->stream || (out->flags & O_APPEND) ? -1 : file_pos(out),
				count < MAX_RW_COUNT ? count : MAX_RW_COUNT);
	if (n <= 0)
		return n;
	if (out->flags & O_APPEND)
		out->pos_unknown = !out->stream;
	else if (!out->stream)
		out->pos += n;
	off += n;
	if (offset)
		return copy_to_user(offset, &off, sizeof(off)) ? -EFAULT : n;
	in->pos = off;
	return n;
}
