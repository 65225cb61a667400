/* sendmmsg(2) and recvmmsg(2): sendmsg and recvmsg over the program's array of struct mmsghdr. */
#include "kernel/uapi.h"

#include "kernel/kernel.h"
#include "sock.h"
#include "sock_unix.h"
#include "socket.h"
#include "kernel/time/time.h"
#include "kernel/mm/uaccess.h"

#define MSG_CMSG_COMPAT 0x80000000 /* Linux's flag for 32-bit callers, in no libc header */

struct kmmsghdr {
	char hdr[56]; /* struct msghdr */
	uint32_t len, pad;
};

/* 0 if fd is a socket, else -EBADF or -ENOTSOCK. */
static long socket_fd(int fd)
{
	long err;
	return unix_fd(fd) || sock_lookup(fd, 0, &err) ? 0 : err;
}

static long put_len(struct kmmsghdr *um, long r)
{
	uint32_t len = (uint32_t)r;
	return copy_to_user(&um->len, &len, sizeof(len));
}

long sock_sendmmsg(int fd, void *uvec, unsigned vlen, int flags)
{
	struct kmmsghdr *um = uvec;
	long err = socket_fd(fd);
	if (err)
		return err;
	if (vlen > UIO_MAXIOV)
		vlen = UIO_MAXIOV;
	unsigned i;
	for (i = 0; i < vlen; i++) {
		long r = sock_sendmsg(fd, &um[i].hdr, flags);
		if (r < 0 || put_len(&um[i], r))
			return i ? (long)i : r < 0 ? r : -EFAULT;
	}
	return i;
}

long sock_recvmmsg(int fd, void *uvec, unsigned vlen, int flags, void *utimeout)
{
	struct kmmsghdr *um = uvec;
	struct ktimespec ts;
	uint64_t deadline = 0;
	long err = socket_fd(fd);
	if (err)
		return err;
	if (flags & MSG_CMSG_COMPAT)
		return -EINVAL;
	if (utimeout) {
		err = timespec_from_user(&ts, utimeout);
		if (err)
			return err;
		deadline = rdtsc() + ns_to_tsc((uint64_t)ts.sec * NSEC_PER_SEC + (uint64_t)ts.nsec);
	}
	if (vlen > UIO_MAXIOV)
		vlen = UIO_MAXIOV;
	unsigned i = 0;
	long r = 0;
	while (i < vlen) {
		r = sock_recvmsg(fd, &um[i].hdr, flags & ~MSG_WAITFORONE);
		if (r < 0)
			break;
		if (put_len(&um[i], r)) {
			r = -EFAULT;
			break;
		}
		i++;
		if (flags & MSG_WAITFORONE)
			flags |= MSG_DONTWAIT;
		/* The timeout is looked at between datagrams, as in Linux. */
		if (utimeout && rdtsc() >= deadline)
			break;
	}
	if (!i)
		return r;
	if (utimeout) {
		uint64_t now = rdtsc(), left = now < deadline ? tsc_to_ns(deadline - now) : 0;
		ts = (struct ktimespec){ (int64_t)(left / NSEC_PER_SEC), (int64_t)(left % NSEC_PER_SEC) };
		if (copy_to_user(utimeout, &ts, sizeof(ts)))
			return -EFAULT;
	}
	return i;
}
