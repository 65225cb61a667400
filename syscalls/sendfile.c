/*
 * sendfile(2): from a regular file to any writable file, or from whatever
 * can fill a pipe to a pipe, as Linux's splice machinery allows.
 */
#include "kernel/fs/pipe.h"
#include "kernel/fs/splice.h"
#include "sys.h"

/* sendfile between held files (either may be 0: not open); SIGPIPE is the caller's, once they are dropped. */
static long send_file(struct file *out, struct file *in, int64_t *offset, size_t count)
{
	int64_t off;
	if (offset && copy_from_user(&off, offset, sizeof(off)))
		return -EFAULT;
	if (!in || (in->flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	if (offset && in->stream)
		return -ESPIPE;
	if (!offset)
		off = in->stream ? -1 : file_pos(in);
	else if (off < 0)
		return -EINVAL;
	if (!out || (out->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	size_t len = count < MAX_RW_COUNT ? count : MAX_RW_COUNT;
	long n;
	if (pipe_file(out)) {
		n = len ? pipe_splice_in(in, off, out, len, out->flags & O_NONBLOCK) : 0;
	} else {
		if (out->flags & O_APPEND)
			return -EINVAL;
		n = len ? splice_direct(in, off, out, out->stream ? -1 : file_pos(out), len) : 0;
		if (n > 0 && !out->stream)
			out->pos += n;
	}
	if (n <= 0)
		return n;
	if (offset) {
		off += n;
		return copy_to_user(offset, &off, sizeof(off)) ? -EFAULT : n;
	}
	if (!in->stream)
		in->pos = off + n;
	return n;
}

SYSCALL_DEFINE4(sendfile, int, out_fd, int, in_fd, int64_t *, offset, size_t, count)
{
	/* Held while the call may sleep: another thread's close leaves a pipe's ring alone. */
	struct file *out = fd_hold(out_fd), *in = fd_hold(in_fd);
	return splice_done(in, out, send_file(out, in, offset, count));
}
