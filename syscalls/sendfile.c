/* sendfile(2): the monitor copies between the host files. */
#include "drivers/monitor/hostfile.h"
#include "sys.h"

long sys_sendfile(const uint64_t *args)
{
	struct file *out = fd_get((int)args[0]), *in = fd_get((int)args[1]);
	int64_t *uoff = (int64_t *)args[2], off;
	if (!out || !in || (in->flags & O_ACCMODE) == 1 || (out->flags & O_ACCMODE) == 0)
		return -EBADF;
	if (in->stream || !file_is_host(in) || !file_is_host(out))
		return -EINVAL; /* only between host files and streams so far */
	if (uoff && copy_from_user(&off, uoff, sizeof(off)))
		return -EFAULT;
	if (!uoff)
		off = file_pos(in);
	if (off < 0)
		return -EINVAL;
	uint64_t len = args[3] < MAX_RW_COUNT ? args[3] : MAX_RW_COUNT;
	long n = hostfile_copy(in->handle, out->handle, off,
			       out->stream || (out->flags & O_APPEND) ? -1 : file_pos(out), len);
	if (n <= 0)
		return n;
	if (out->flags & O_APPEND)
		out->pos_unknown = !out->stream;
	else if (!out->stream)
		out->pos += n;
	off += n;
	if (uoff)
		return copy_to_user(uoff, &off, sizeof(off)) ? -EFAULT : n;
	in->pos = off;
	return n;
}
