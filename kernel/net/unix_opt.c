/* getsockopt(2) and setsockopt(2) on AF_UNIX sockets: SOL_SOCKET's options, with Linux's sizes and errors. */
#include "kernel/uapi.h"

#include "kernel/kernel.h"
#include "kernel/proc/proc.h"
#include "kernel/mm/uaccess.h"
#include "sock.h"
#include "sock_unix.h"
#include "unix.h"

#define NOBODY 65534 /* the overflow uid and gid Linux gives for no credentials */

long unix_setsockopt(int fd, int level, int name, const void *uval, uint64_t len)
{
	long err;
	struct usock *s = unix_lookup(fd, 0, &err);
	int32_t v;
	if (!s)
		return err;
	if (level != SOL_SOCKET)
		return -EOPNOTSUPP;
	err = sol_set(&s->so, name, uval, len);
	if (err != -ENOPROTOOPT)
		return err;
	if (len < sizeof(v))
		return -EINVAL;
	if (copy_from_user(&v, uval, sizeof(v)))
		return -EFAULT;
	switch (name) {
	case SO_PASSCRED: s->passcred = v; break;
	case SO_SNDBUF:
	case SO_RCVBUF:
		*(name == SO_SNDBUF ? &s->sndbuf : &s->rcvbuf) = sock_buf_size(v);
		unix_wake(s);
		break;
	default: return -ENOPROTOOPT;
	}
	return 0;
}

long unix_getsockopt(int fd, int level, int name, void *uval, void *ulen)
{
	long err;
	struct usock *s = unix_lookup(fd, 0, &err);
	int32_t len;
	struct {
		int32_t pid, uid, gid;
	} cred = { 0, NOBODY, NOBODY };
	int32_t v;
	char dev[OPT_OUT_MAX];
	const void *out = &v;
	uint32_t size = sizeof(v);
	if (!s)
		return err;
	if (level != SOL_SOCKET)
		return -EOPNOTSUPP;
	if (copy_from_user(&len, ulen, sizeof(len)))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	switch (name) {
	case SO_TYPE: v = s->type; break;
	case SO_ERROR: v = s->err; s->err = 0; break;
	case SO_SNDBUF: v = s->sndbuf; break;
	case SO_RCVBUF: v = s->rcvbuf; break;
	case SO_PASSCRED: v = s->passcred; break;
	case SO_ACCEPTCONN: v = s->state == US_LISTENING; break;
	case SO_DOMAIN: v = AF_UNIX; break;
	case SO_PROTOCOL: v = 0; break;
	case SO_PEERCRED:
		if (s->creds)
			cred = (typeof(cred)){ PROC_PID, (int32_t)boot->uid, (int32_t)boot->gid };
		out = &cred;
		size = sizeof(cred);
		break;
	case SO_BINDTODEVICE:
		err = sol_get_device(&s->so, len, dev, &size);
		if (err)
			return err;
		out = dev;
		break;
	default:
		err = sol_get(&s->so, name, &v);
		if (err)
			return err;
	}
	if ((uint32_t)len > size)
		len = (int32_t)size;
	if (copy_to_user(uval, out, (uint32_t)len) || copy_to_user(ulen, &len, sizeof(len)))
		return -EFAULT;
	return 0;
}
