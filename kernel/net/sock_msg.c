/* sendmsg(2) and recvmsg(2): the program's struct msghdr around sendto/recvfrom. */
#include "kernel/uapi.h"

#include "socket.h"
#include "sock_unix.h"
#include "kernel/kernel.h"
#include "kernel/mm/uaccess.h"

#define IOV_MSG_MAX 64 /* iovecs a message may have here (Linux: 1024) */

struct kmsghdr {
	void *name;
	int32_t namelen, pad;
	void *iov;
	uint64_t iovlen;
	void *control;
	uint64_t controllen;
	int32_t flags, pad2;
};

static long msg_in(const void *umsg, struct kmsghdr *m, struct kiovec *iov)
{
	if (copy_from_user(m, umsg, sizeof(*m)))
		return -EFAULT;
	if (m->iovlen > UIO_MAXIOV)
		return -EMSGSIZE;
	if (m->iovlen > IOV_MSG_MAX)
		return -ENOBUFS;
	if (copy_from_user(iov, m->iov, m->iovlen * sizeof(*iov)))
		return -EFAULT;
	return 0;
}

long sock_sendmsg(int fd, const void *umsg, int flags)
{
	struct kmsghdr m;
	struct kiovec iov[IOV_MSG_MAX];
	long err = msg_in(umsg, &m, iov);
	if (err)
		return err;
	uint64_t namelen = m.name ? (uint64_t)(uint32_t)m.namelen : 0;
	if (unix_fd(fd))
		return unix_send(fd, iov, (int)m.iovlen, flags, m.name, namelen, m.control, m.controllen);
	return sock_sendto(fd, iov, (int)m.iovlen, flags, m.name, namelen);
}

long sock_recvmsg(int fd, void *umsg, int flags)
{
	struct kmsghdr m;
	struct kiovec iov[IOV_MSG_MAX];
	int mflags = 0;
	long err = msg_in(umsg, &m, iov);
	if (err)
		return err;
	struct kmsghdr *um = umsg;
	uint64_t controllen = m.controllen;
	bool local = unix_fd(fd);
	long r = local ? unix_recv(fd, iov, (int)m.iovlen, flags, m.name, m.name ? &um->namelen : 0, &mflags,
					  m.control, &controllen)
			     : sock_recvfrom(fd, iov, (int)m.iovlen, flags, m.name, m.name ? &um->namelen : 0, &mflags);
	if (r < 0)
		return r;
	if (!local)
		controllen = 0;
	if (copy_to_user(&um->controllen, &controllen, sizeof(controllen)) ||
	    copy_to_user(&um->flags, &mflags, sizeof(mflags)))
		return -EFAULT;
	return r;
}
