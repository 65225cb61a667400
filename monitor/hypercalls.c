/*
 * The hypercalls about the machine itself: exit, CPUs, randomness, clocks,
 * panic, and loading the program. Nothing the guest passes is trusted.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cocoon/hypercall.h"
#include "handlers.h"
#include "hypercalls.h"
#include "log.h"
#include "vm.h"

_Static_assert(sizeof(struct stat) == HC_STAT_SIZE, "host struct stat is the Linux x86-64 one");

static int program_fd = -1;
static uint64_t program_size;

void hypercall_set_program(int fd, uint64_t size)
{
	program_fd = fd;
	program_size = size;
}

int do_EXIT(struct guest *g, struct hc_exit *req)
{
	(void)g;
	return req->status & 0xff;
}

int do_CPU_START(struct guest *g, struct hc_cpu_start *req)
{
	(void)g;
	req->ret = vm_start_cpu(req);
	return GO_ON;
}

int do_RANDOM(struct guest *g, struct hc_buf *req)
{
	uint8_t *buf = guest_ptr(g, req->buf, req->len);
	if (!buf) {
		req->ret = -EFAULT;
		return GO_ON;
	}
	uint64_t done = 0;
	while (done < req->len) {
		ssize_t n = getrandom(buf + done, req->len - done, 0);
		if (retry_eintr(n))
			continue;
		if (n < 0) {
			req->ret = -errno;
			return GO_ON;
		}
		done += (uint64_t)n;
	}
	req->ret = (int64_t)done;
	return GO_ON;
}

int do_CLOCK(struct guest *g, struct hc_clock *req)
{
	struct timespec ts;
	(void)g;
	if (req->clock < 0 || clock_gettime(req->clock, &ts) < 0) {
		req->ret = -EINVAL;
		return GO_ON;
	}
	req->sec = ts.tv_sec;
	req->nsec = ts.tv_nsec;
	req->ret = 0;
	return GO_ON;
}

int do_PANIC(struct guest *g, struct hc_buf *req)
{
	char msg[256];
	const char *src = guest_ptr(g, req->buf, req->len);
	size_t n = src ? (req->len < sizeof(msg) ? req->len : sizeof(msg) - 1) : 0;
	for (size_t i = 0; i < n; i++)
		msg[i] = src[i] >= 0x20 && src[i] < 0x7f ? src[i] : '?';
	msg[n] = 0;
	warnx_("kernel panic: %s", msg);
	return EXIT_MONITOR_FAILED;
}

int do_LOAD(struct guest *g, struct hc_load *req)
{
	uint8_t *dst = guest_ptr(g, req->gpa, req->len);
	if (!dst || req->offset > program_size || req->len > program_size - req->offset) {
		req->ret = -EFAULT;
		return GO_ON;
	}
	uint64_t done = 0;
	while (done < req->len) {
		ssize_t n = pread(program_fd, dst + done, req->len - done, (off_t)(req->offset + done));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			req->ret = n < 0 ? -errno : -EIO;
			return GO_ON;
		}
		done += (uint64_t)n;
	}
	req->ret = (int64_t)done;
	return GO_ON;
}
