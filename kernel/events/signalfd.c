/*
 * signalfd. A read takes the reading thread's pending signals of the mask,
 * as rt_sigtimedwait would; poll reports them to any thread that looks.
 */
#include "kernel/fs/anonfile.h"
#include "kernel/fs/fd.h"
#include "kernel/kernel.h"
#include "kernel/fs/kstat.h"
#include "poll.h"
#include "kernel/signal/signal.h"
#include "signalfd.h"
#include "kernel/mm/uaccess.h"
#include "kernel/uapi.h"

#define SIGNALFD_MAX 64
#define UNBLOCKABLE ((1ULL << (SIGKILL - 1)) | (1ULL << (SIGSTOP - 1)))


struct signalfd_siginfo {
	uint32_t signo;
	int32_t errno_, code;
	uint32_t pid, uid;
	int32_t fd;
	uint32_t tid, band, overrun, trapno;
	int32_t status, int_;
	uint64_t ptr, utime, stime, addr;
	uint8_t rest[48];
};

_Static_assert(sizeof(struct signalfd_siginfo) == 128, "Linux's struct signalfd_siginfo");

static uint64_t masks[SIGNALFD_MAX];
static bool used[SIGNALFD_MAX];

static long signalfd_readv(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	uint64_t mask = masks[f->handle];
	size_t room = n >= 1 ? iov[0].len : 0;
	long done = 0;
	(void)offset;
	if (room < sizeof(struct signalfd_siginfo))
		return -EINVAL;
	while ((size_t)done + sizeof(struct signalfd_siginfo) <= room) {
		struct sig_info si;
		long sig = signal_take(mask, &si);
		if (!sig && done)
			break;
		if (!sig && (f->flags & O_NONBLOCK))
			return -EAGAIN;
		if (!sig && (sig = signal_wait(mask, 0, &si)) < 0)
			return sig == -EINTR ? -ERESTARTSYS : sig;
		struct signalfd_siginfo info = { .signo = (uint32_t)sig, .code = si.code };
		if (si.code == SI_TIMER) {
			info.tid = (uint32_t)si.a;
			info.overrun = (uint32_t)(si.a >> 32);
			info.ptr = si.b;
			info.int_ = (int32_t)si.b;
		} else if (si.code <= 0) {
			info.pid = (uint32_t)si.a;
			info.uid = (uint32_t)(si.a >> 32);
		}
		if (copy_to_user((char *)iov[0].base + done, &info, sizeof(info)))
			return done ? done : -EFAULT;
		done += (long)sizeof(info);
	}
	return done;
}

static unsigned signalfd_poll(struct file *f, struct poll_info *pi)
{
	return signal_pending_for(current(), masks[f->handle], &pi->seq) ? POLL_READ : 0;
}

static void signalfd_release(struct file *f)
{
	used[f->handle] = false;
}

static const struct file_ops signalfd_ops = {
	.readv = signalfd_readv,
	.fstat = anon_fstat,
	.poll = signalfd_poll,
	.release = signalfd_release,
	.link = "anon_inode:[signalfd]",
};

long signalfd_set(int fd, const void *umask, uint64_t size, int flags)
{
	uint64_t mask;
	if (size != sizeof(mask) || (flags & ~(O_CLOEXEC | O_NONBLOCK)))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	mask &= ~UNBLOCKABLE;
	if (fd != -1) {
		struct file *f = fd_get(fd);
		if (!f)
			return -EBADF;
		if (f->ops != &signalfd_ops)
			return -EINVAL;
		masks[f->handle] = mask;
		return fd;
	}
	int i = 0;
	while (i < SIGNALFD_MAX && used[i])
		i++;
	if (i == SIGNALFD_MAX)
		return -ENFILE;
	used[i] = true;
	masks[i] = mask;
	return anon_open(&signalfd_ops, i, flags);
}
