/*
 * splice(2): from a pipe to any writable file, or into a pipe from a file
 * or socket; one end must be a pipe. Offsets as pread and pwrite take them.
 * The pipe's own O_NONBLOCK counts as SPLICE_F_NONBLOCK, as on Linux.
 */
#include "kernel/fs/pipe.h"
#include "kernel/fs/splice.h"
#include "sys.h"

#define SPLICE_F_ALL 0xf /* MOVE, NONBLOCK, MORE, GIFT */
#define SPLICE_F_NONBLOCK 2

/* Where the file that is not the pipe is read or written: *at, or -errno. */
static long splice_offset(struct file *f, int64_t *uoff, int64_t *at)
{
	if (!uoff) {
		*at = f->stream ? -1 : file_pos(f);
		return 0;
	}
	if (f->stream)
		return -EINVAL; /* no pread or pwrite */
	if (copy_from_user(at, uoff, sizeof(*at)))
		return -EFAULT;
	return *at < 0 ? -EINVAL : 0;
}

/* splice between two held files; SIGPIPE is the caller's, once they are dropped. */
static long splice_files(struct file *in, int64_t *off_in, struct file *out, int64_t *off_out, size_t len,
			 unsigned flags)
{
	int64_t at;
	long n;
	bool ipipe = pipe_file(in) && (in->flags & O_ACCMODE) != O_WRONLY;
	bool opipe = pipe_file(out) && (out->flags & O_ACCMODE) != O_RDONLY;
	if ((ipipe && off_in) || (opipe && off_out))
		return -ESPIPE;
	if ((in->flags & O_ACCMODE) == O_WRONLY || (out->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (len > MAX_RW_COUNT)
		len = MAX_RW_COUNT;
	bool nonblock = flags & SPLICE_F_NONBLOCK;
	if (ipipe && opipe) {
		if (in->handle == out->handle)
			return -EINVAL;
		return pipe_splice_out(in, out, -1, len, nonblock || ((in->flags | out->flags) & O_NONBLOCK));
	}
	if (ipipe) {
		long err = splice_offset(out, off_out, &at);
		if (err)
			return err;
		if (out->flags & O_APPEND)
			return -EINVAL;
		n = pipe_splice_out(in, out, at, len, nonblock || (in->flags & O_NONBLOCK));
		if (n > 0 && !out->stream && (off_out ? copy_to_user(off_out, &(int64_t){ at + n }, 8) : (out->pos += n, 0)))
			return -EFAULT;
		return n;
	}
	if (!opipe)
		return -EINVAL;
	long err = splice_offset(in, off_in, &at);
	if (err)
		return err;
	n = pipe_splice_in(in, at, out, len, nonblock || (out->flags & O_NONBLOCK));
	if (n > 0 && !in->stream && (off_in ? copy_to_user(off_in, &(int64_t){ at + n }, 8) : (in->pos += n, 0)))
		return -EFAULT;
	return n;
}

SYSCALL_DEFINE6(splice, int, fd_in, int64_t *, off_in, int, fd_out, int64_t *, off_out, size_t, len, unsigned,
		flags)
{
	if (!len)
		return 0;
	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	/* Held while the call may sleep: another thread's close leaves the pipe's ring alone. */
	struct file *in = fd_hold(fd_in), *out = fd_hold(fd_out);
	return splice_done(in, out, in && out ? splice_files(in, off_in, out, off_out, len, flags) : -EBADF);
}
