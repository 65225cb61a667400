/* copy_file_range(2): the monitor copies between the host files. */
#include "drivers/hypercall.h"
#include "sys.h"

long sys_copy_file_range(const uint64_t *args)
{
	struct file *in = fd_get((int)args[0]), *out = fd_get((int)args[2]);
	int64_t *uin = (int64_t *)args[1], *uout = (int64_t *)args[3], in_off, out_off;
	if (args[5])
		return -EINVAL;
	if (!in || !out || (in->flags & O_ACCMODE_) == 1 || (out->flags & O_ACCMODE_) == 0 || (out->flags & O_APPEND_))
		return -EBADF;
	if (in->stream || out->stream || in->ops != out->ops)
		return -EINVAL;
	if ((uin && copy_from_user(&in_off, uin, 8)) || (uout && copy_from_user(&out_off, uout, 8)))
		return -EFAULT;
	if (!uin)
		in_off = in->pos;
	if (!uout)
		out_off = out->pos;
	if (in_off < 0 || out_off < 0)
		return -EINVAL;
	uint64_t len = args[4] < MAX_RW_COUNT ? args[4] : MAX_RW_COUNT;
	struct hc_sendfile req = { .in = in->handle, .out = out->handle, .in_offset = in_off,
				   .out_offset = out_off, .len = len };
	hypercall(HC_SENDFILE, &req);
	if (req.ret <= 0)
		return req.ret;
	in_off += req.ret;
	out_off += req.ret;
	if ((uin && copy_to_user(uin, &in_off, 8)) || (uout && copy_to_user(uout, &out_off, 8)))
		return -EFAULT;
	if (!uin)
		in->pos = in_off;
	if (!uout)
		out->pos = out_off;
	return req.ret;
}
