/* Waiting for children: wait4(2) and waitid(2). */
#ifndef KERNEL_WAIT_H
#define KERNEL_WAIT_H

#include <stdint.h>

/* Which children: P_ALL, P_PID (id), P_PGID (id; 0: the caller's group). */
struct wait_result {
	int pid;
	int status;   /* as wait(2) encodes it */
	uint32_t uid;
	uint64_t cpu_ns; /* the child's CPU time and its reaped children's */
};

/*
 * Wait for a child of the caller that which/id names to have ended (WEXITED),
 * stopped (WSTOPPED) or continued (WCONTINUED); WNOHANG: do not wait;
 * WNOWAIT: leave it to be waited for again. The child's pid with *res filled
 * (status as wait(2) encodes it), 0 for WNOHANG when nothing happened yet, or
 * -ECHILD, -ERESTARTSYS.
 */
long proc_wait(int which, int id, int options, struct wait_result *res);
/* The struct rusage wait4 and waitid give for res: its CPU time as ru_utime, the rest zero (0 for no child). 0 or -EFAULT. */
long wait_rusage(void *uru, const struct wait_result *res);

#endif
