/* The console: the host's standard streams, reached through hypercalls. */
#include "console.h"
#include "hypercall.h"

long console_write(int host_fd, const void *buf, size_t len)
{
	struct hc_io req = { .fd = host_fd, .buf = virt_to_phys(buf), .len = len };
	hypercall(HC_WRITE, &req);
	return req.ret;
}

long console_read(int host_fd, void *buf, size_t len)
{
	struct hc_io req = { .fd = host_fd, .buf = virt_to_phys(buf), .len = len };
	hypercall(HC_READ, &req);
	return req.ret;
}

long console_fstat_host(int host_fd, void *statbuf)
{
	struct hc_fstat req = { .fd = host_fd, .statbuf = virt_to_phys(statbuf) };
	hypercall(HC_FSTAT, &req);
	return req.ret;
}

long console_ioctl_host(int host_fd, unsigned cmd, void *arg)
{
	struct hc_ioctl req = { .fd = host_fd, .cmd = cmd, .arg = virt_to_phys(arg) };
	hypercall(HC_IOCTL, &req);
	return req.ret;
}
