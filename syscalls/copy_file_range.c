/* copy_file_range(2): the monitor copies between the host files. */
#include "drivers/monitor/hostfile.h"
#include "sys.h"

long sys_copy_file_range(const uint64_t *args)
{
	struct file *in = fd_get((int)args[0]), *out = fd_get((int)args[2]);
	int64_t *uin = (int64_t *)args[1], *uout = (int64_t *)args[3], in_off, out_off;
	if (args[5])
		return -EINVAL;
	if (!in || !out || (in->flags & O_ACCMODE) == 1 || (out->flags & O_ACCMODE) == 0 || (out->flags & O_APPEND))
		return -EBADF;
	if (in->stream || out->stream || !file_is_host(in) || !file_is_host(out))
		return -EINVAL;
	if ((uin && copy_from_user(&in_off, uin, 8)) || (uout && copy_from_user(&out_off, uout, 8)))
		return -EFAULT;
	if (!uin)
		in_off = file_pos(in);
	if (!uout)
		out_off = file_pos(out);
	if (in_off < 0 || out_off < 0)
		return -EINVAL;
	uint64_t len = args[4] < MAX_RW_COUNT ? args[4] : MAX_RW_COUNT;
	long n = hostfile_copy(in->handle, out->handle, in_off, out_off, len);
	if (n <= 0)
		return n;
	in_off += n;
	out_off += n;
	if ((uin && copy_to_user(uin, &in_off, 8)) || (uout && copy_to_user(uout, &out_off, 8)))
		return -EFAULT;
	if (!uin)
		in->pos = in_off;
	if (!uout)
		out->pos = out_off;
	return n;
}
