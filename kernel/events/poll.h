/* Readiness of files, for poll, select and epoll. */
#ifndef KERNEL_POLL_H
#define KERNEL_POLL_H

#include <stdint.h>

#include "kernel/fs/fd.h"
#include "kernel/sched/thread.h"

#define POLLIN 0x001
#define POLLPRI 0x002
#define POLLOUT 0x004
#define POLLERR 0x008
#define POLLHUP 0x010
#define POLLNVAL 0x020
#define POLLRDNORM 0x040
#define POLLWRNORM 0x100
#define POLLRDHUP 0x2000

#define POLL_READ (POLLIN | POLLRDNORM)
#define POLL_WRITE (POLLOUT | POLLWRNORM)

/* What a file's poll op adds to besides its readiness. */
struct poll_info {
	uint64_t seq;     /* grows whenever the readiness may have changed (edge-triggered epoll) */
	uint64_t recheck; /* TSC time by which to look again, for what no wake-up announces; 0 none */
};

/* Of events, what f is ready for; POLLERR and POLLHUP always count. */
unsigned poll_file(struct file *f, unsigned events, struct poll_info *pi);
/* Ask to be looked at again by TSC time at. */
void poll_recheck(struct poll_info *pi, uint64_t at);
/*
 * Sleep until some file may have changed, a signal, deadline (TSC; 0 none)
 * or pi's recheck time. Returns -EINTR for a signal, else 0.
 */
long poll_sleep(uint64_t deadline, const struct poll_info *pi);
/* A timeout for poll-like calls: ns < 0 waits forever (deadline 0). */
uint64_t poll_deadline(int64_t ns);
/* Has deadline (from poll_deadline) passed? */
bool poll_expired(uint64_t deadline, int64_t ns);

/* poll(2) on the program's array of struct pollfd. */
long poll_fds(void *ufds, uint64_t nfds, int64_t ns);
/* select(2) on the program's fd_sets (each may be 0); *left gets the ns not waited. */
long select_fds(int nfds, void *uin, void *uout, void *uex, int64_t ns, int64_t *left);
/*
 * ppoll, pselect6, epoll_pwait: the program's signal mask (if umask is not 0)
 * for the wait; 0 or -errno. poll_mask_end passes the call's result through.
 */
long poll_mask_begin(const void *umask, uint64_t size);
long poll_mask_end(long ret);
/* A struct timespec timeout from the program (0: none) in ns, -1 for forever; 0 or -errno. */
long poll_timeout(const void *uts, int64_t *ns);

#endif
