/* The standard streams as files: data passes through a bounce buffer to the host. */
#include <asm-generic/errno.h>

#include "drivers/console.h"
#include "fd.h"
#include "kernel.h"
#include "uaccess.h"
#include "vm.h"

static char bounce[64 * 1024] __attribute__((aligned(4096)));

/* Send the gathered bytes to the host; 0 or -errno. */
static long send(struct file *f, size_t *fill, long *done)
{
	long r = *fill ? console_write(f->host_fd, bounce, *fill) : 0;
	if (r < 0)
		return r;
	*done += r;
	*fill = 0;
	return 0;
}

/* Gather the vector into the bounce buffer, one host write per buffer-full. */
static long console_writev(struct file *f, const struct kiovec *iov, int n)
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
				err = send(f, &fill, &done);
		}
	}
	/* What was gathered before a bad address is still written, as on Linux. */
	if (!err || err == -EFAULT) {
		long r = send(f, &fill, &done);
		if (!err)
			err = r;
	}
	return done ? done : err;
}

static long console_readv(struct file *f, const struct kiovec *iov, int n)
{
	size_t want = 0;
	for (int i = 0; i < n; i++) {
		if (iov[i].len && !vm_check((uint64_t)iov[i].base, iov[i].len, PAGE_WRITE))
			return -EFAULT;
		want += iov[i].len;
	}
	if (want == 0)
		return 0;
	long got = console_read(f->host_fd, bounce, want < sizeof(bounce) ? want : sizeof(bounce));
	size_t at = 0;
	for (int i = 0; i < n && got > 0 && at < (size_t)got; i++) {
		size_t k = iov[i].len < (size_t)got - at ? iov[i].len : (size_t)got - at;
		memcpy(iov[i].base, bounce + at, k);
		at += k;
	}
	return got;
}

static long console_fstat(struct file *f, void *ustat)
{
	static char st[HC_STAT_SIZE] __attribute__((aligned(8)));
	long r = console_fstat_host(f->host_fd, st);
	return r < 0 ? r : copy_to_user(ustat, st, sizeof(st));
}

static long console_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
	static char buf[64] __attribute__((aligned(8)));
	size_t len = cmd == HC_TCGETS ? HC_TERMIOS_SIZE : cmd == HC_TIOCGWINSZ ? HC_WINSIZE_SIZE : 0;
	if (!len)
		return -ENOTTY;
	long r = console_ioctl_host(f->host_fd, cmd, buf);
	return r < 0 ? r : copy_to_user((void *)arg, buf, len);
}

static const struct file_ops console_ops = {
	.readv = console_readv,
	.writev = console_writev,
	.fstat = console_fstat,
	.ioctl = console_ioctl,
};

struct file console_files[3] = {
	{ &console_ops, 0, 0 },
	{ &console_ops, 1, 0 },
	{ &console_ops, 2, 0 },
};
