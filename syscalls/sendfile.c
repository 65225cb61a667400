/* sendfile(2): the monitor copies between the host files. */
#include "drivers/hypercall.h"
#include "sys.h"

long sys_sendfile(const uint64_t *args)
{
	struct file *out = fd_get((int)args[0]), *in = fd_get((int)args[1]);
	int64_t *uoff = (int64_t *)args[2], off;
	if (!out || !in || (in->flags & O_ACCMODE_) == 1 || (out->flags & O_ACCMODE_) == 0)
		return -EBADF;
	if (in->stream)
		return -EINVAL;
	if (uoff && copy_from_user(&off, uoff, sizeof(off)))
		return -EFAULT;
	if (!uoff)
		off = in->pos;
	if (off < 0)
		return -EINVAL;
	uint64_t len = args[3] < MAX_RW_COUNT ? args[3] : MAX_RW_COUNT;
	struct hc_sendfile req = { .in = in->handle, .out = out->handle, .in_offset = off,
				   .out_offset = out->stream || (out->flags & O_APPEND_) ? -1 : out->pos, .len = len };
	hypercall(HC_SENDFILE, &req);
	if (req.ret <= 0)
		return req.ret;
	if (!out->stream)
		out->pos += req.ret;
	off += req.ret;
	if (uoff)
		return copy_to_user(uoff, &off, sizeof(off)) ? -EFAULT : req.ret;
	in->pos = off;
	return req.ret;
}
