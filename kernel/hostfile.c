/* Host files and the standard streams as files: data passes through one bounce buffer. */
#include <asm-generic/errno.h>

#include "drivers/hostfile.h"
#include "fd.h"
#include "frame.h"
#include "kernel.h"
#include "kstat.h"
#include "poll.h"
#include "time.h"
#include "uaccess.h"
#include "vm.h"

static char bounce[64 * 1024] __attribute__((aligned(4096)));

/* Send the gathered bytes to the host; 0 or -errno. */
static long send(struct file *f, size_t *fill, long *done, int64_t offset)
{
	long r = *fill ? hostfile_write(f->handle, bounce, *fill, offset < 0 ? offset : offset + *done) : 0;
	if (r < 0)
		return r;
	*done += r;
	*fill = 0;
	return 0;
}

/* Gather the vector into the bounce buffer, one host write per buffer-full. */
static long host_writev(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	long done = 0, err = 0;
	size_t fill = 0;
	for (int i = 0; i < n && !err; i++) {
		const char *p = iov[i].base;
		size_t left = iov[i].len;
		while (left && !err) {
			size_t k = left < sizeof(bounce) - fill ? left : sizeof(bounce) - fill;
			if (copy_from_user(bounce + fill, p, k)) {
				err = -EFAULT;
				break;
			}
			fill += k;
			p += k;
			left -= k;
			if (fill == sizeof(bounce))
				err = send(f, &fill, &done, offset);
		}
	}
	/* What was gathered before a bad address is still written, as on Linux. */
	if (!err || err == -EFAULT) {
		long r = send(f, &fill, &done, offset);
		if (!err)
			err = r;
	}
	return done ? done : err;
}

static long host_readv(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	size_t want = 0;
	for (int i = 0; i < n; i++) {
		if (iov[i].len && !vm_check((uint64_t)iov[i].base, iov[i].len, PAGE_WRITE))
			return -EFAULT;
		want += iov[i].len;
	}
	/* A regular file gives all that is asked, as Linux does; a stream, what it has. */
	long done = 0;
	int i = 0;
	size_t in_iov = 0;
	while ((size_t)done < want) {
		size_t ask = want - (size_t)done < sizeof(bounce) ? want - (size_t)done : sizeof(bounce);
		long got = hostfile_read(f->handle, bounce, ask, offset < 0 ? offset : offset + done);
		if (got <= 0)
			return done ? done : got;
		for (size_t at = 0; at < (size_t)got; i++, in_iov = 0) {
			size_t k = iov[i].len - in_iov < (size_t)got - at ? iov[i].len - in_iov : (size_t)got - at;
			memcpy((char *)iov[i].base + in_iov, bounce + at, k);
			at += k;
			in_iov += k;
			if (in_iov < iov[i].len)
				break;
		}
		done += got;
		if (offset < 0 || (size_t)got < ask)
			break;
	}
	return done;
}

static long host_getdents(struct file *f, void *ubuf, size_t len)
{
	if (!vm_check((uint64_t)ubuf, len, PAGE_WRITE))
		return -EFAULT;
	long got = hostfile_getdents(f->handle, bounce, len < sizeof(bounce) ? len : sizeof(bounce));
	if (got > 0)
		memcpy(ubuf, bounce, (size_t)got);
	return got;
}

static long host_fstat(struct file *f, struct kstat *st)
{
	return hostfile_fstat(f->handle, st);
}

static long host_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
	static char buf[64] __attribute__((aligned(8)));
	size_t len = cmd == HC_TCGETS ? HC_TERMIOS_SIZE
		     : cmd == HC_TIOCGWINSZ ? HC_WINSIZE_SIZE
		     : cmd == HC_FIONREAD   ? sizeof(int)
					    : 0;
	if (!len)
		return -ENOTTY;
	if (cmd == HC_FIONREAD && !f->stream) {
		/* The host file's own offset is not ours: count from our position. */
		struct kstat st;
		long r = hostfile_fstat(f->handle, &st);
		int ready = st.size > f->pos ? (int)(st.size - f->pos) : 0;
		return r < 0 ? r : copy_to_user((void *)arg, &ready, sizeof(ready));
	}
	long r = hostfile_ioctl(f->handle, cmd, buf);
	return r < 0 ? r : copy_to_user((void *)arg, buf, len);
}

/*
 * The standard streams may be pipes or terminals on the host; their
 * readiness changes with no wake-up here, so a waiter looks again soon.
 */
#define STREAM_RECHECK_NS 10000000

static unsigned stream_poll(struct file *f, struct poll_info *pi)
{
	long r = hostfile_poll(f->handle, POLL_READ | POLL_WRITE);
	if (r < 0)
		return POLLERR;
	if ((r & (POLLIN | POLLOUT)) != (POLLIN | POLLOUT))
		poll_recheck(pi, rdtsc() + ns_to_tsc(STREAM_RECHECK_NS));
	return (unsigned)r;
}

static void host_release(struct file *f)
{
	hostfile_close(f->handle);
	if (f->path)
		frame_free(virt_to_phys(f->path));
}

const struct file_ops hostfile_ops = {
	.readv = host_readv,
	.writev = host_writev,
	.getdents = host_getdents,
	.fstat = host_fstat,
	.ioctl = host_ioctl,
	.release = host_release,
};

/* Regular files (and streams the host cannot poll) have no poll op: epoll refuses them as on Linux. */
const struct file_ops hoststream_ops = {
	.readv = host_readv,
	.writev = host_writev,
	.getdents = host_getdents,
	.fstat = host_fstat,
	.ioctl = host_ioctl,
	.poll = stream_poll,
	.release = host_release,
};
