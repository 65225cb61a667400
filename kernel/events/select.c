/* select(2) and pselect6(2): fd_sets looked at through the files' poll ops. */
#include <asm-generic/errno.h>

#include "kernel/kernel.h"
#include "poll.h"
#include "kernel/time/time.h"
#include "kernel/mm/uaccess.h"

#define SELECT_MAX 1024 /* FD_SETSIZE: descriptors from it on are not looked at */
#define WORDS (SELECT_MAX / 64)
#define SELECT_READ (POLL_READ | POLLHUP | POLLERR)
#define SELECT_WRITE (POLL_WRITE | POLLERR)
#define SELECT_EX POLLPRI

/* One look at every descriptor in the sets: the ready ones in out, their count, or -EBADF. */
static long look(int nfds, const uint64_t in[3][WORDS], uint64_t out[3][WORDS], struct poll_info *pi)
{
	static const unsigned want[3] = { SELECT_READ, SELECT_WRITE, SELECT_EX };
	long n = 0;
	memset(out, 0, 3 * WORDS * sizeof(uint64_t));
	for (int fd = 0; fd < nfds; fd++) {
		uint64_t bit = 1ULL << (fd % 64);
		int w = fd / 64;
		if (!((in[0][w] | in[1][w] | in[2][w]) & bit))
			continue;
		struct file *f = fd_get(fd);
		if (!f)
			return -EBADF;
		unsigned ready = poll_file(f, SELECT_READ | SELECT_WRITE | SELECT_EX, pi);
		for (int s = 0; s < 3; s++)
			if ((in[s][w] & bit) && (ready & want[s])) {
				out[s][w] |= bit;
				n++;
			}
	}
	return n;
}

long select_fds(int nfds, void *uin, void *uout, void *uex, int64_t ns, int64_t *left)
{
	uint64_t in[3][WORDS] = { { 0 } }, out[3][WORDS];
	void *user[3] = { uin, uout, uex };
	if (nfds < 0)
		return -EINVAL;
	if (nfds > SELECT_MAX)
		nfds = SELECT_MAX;
	size_t bytes = (size_t)(nfds + 63) / 64 * sizeof(uint64_t);
	for (int s = 0; s < 3; s++)
		if (user[s] && copy_from_user(in[s], user[s], bytes))
			return -EFAULT;
	uint64_t deadline = poll_deadline(ns);
	long n;
	for (;;) {
		struct poll_info pi = { 0 };
		n = look(nfds, (const uint64_t(*)[WORDS])in, out, &pi);
		if (n || poll_expired(deadline, ns))
			break;
		n = poll_sleep(deadline, &pi);
		if (n)
			break;
	}
	uint64_t now = rdtsc();
	*left = ns <= 0 ? 0 : deadline > now ? (int64_t)tsc_to_ns(deadline - now) : 0;
	if (n < 0)
		return n;
	for (int s = 0; s < 3; s++)
		if (user[s] && copy_to_user(user[s], out[s], bytes))
			return -EFAULT;
	return n;
}
