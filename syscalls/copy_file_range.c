/* copy_file_range(2): between regular files, with Linux's checks in Linux's order. */
#include "kernel/fs/splice.h"
#include "kernel/fs/vfs.h"
#include "sys.h"

SYSCALL_DEFINE6(copy_file_range, int, fd_in, int64_t *, off_in, int, fd_out, int64_t *, off_out, size_t, len,
		unsigned, flags)
{
	struct file *in = fd_get(fd_in), *out = fd_get(fd_out);
	int64_t in_off, out_off;
	if (!in || !out)
		return -EBADF;
	if ((off_in && copy_from_user(&in_off, off_in, 8)) || (off_out && copy_from_user(&out_off, off_out, 8)))
		return -EFAULT;
	if (flags)
		return -EINVAL;
	unsigned in_type = vfs_file_type(in), out_type = vfs_file_type(out);
	if (in_type == S_IFDIR || out_type == S_IFDIR)
		return -EISDIR;
	if (in_type != S_IFREG || out_type != S_IFREG)
		return -EINVAL;
	if ((in->flags & O_ACCMODE) == O_WRONLY || (out->flags & O_ACCMODE) == O_RDONLY || (out->flags & O_APPEND))
		return -EBADF;
	if (!off_in)
		in_off = file_pos(in);
	if (!off_out)
		out_off = file_pos(out);
	if (in_off < 0 || out_off < 0)
		return -EINVAL;
	long n = splice_direct(in, in_off, out, out_off, len < MAX_RW_COUNT ? len : MAX_RW_COUNT);
	if (n <= 0)
		return n;
	in_off += n;
	out_off += n;
	if ((off_in && copy_to_user(off_in, &in_off, 8)) || (off_out && copy_to_user(off_out, &out_off, 8)))
		return -EFAULT;
	if (!off_in)
		in->pos = in_off;
	if (!off_out)
		out->pos = out_off;
	return n;
}
