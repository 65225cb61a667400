/* Resource limits: Linux's defaults, adjusted to what this kernel really allows. */
#include <asm-generic/errno.h>

#include "kernel/fs/fd.h"
#include "kernel/kernel.h"
#include "proc.h"
#include "rlimit.h"
#include "kernel/mm/uaccess.h"
#include "kernel/mm/vm.h"

#define INF (~0ULL)

static const struct rlimit64 defaults[RLIM_NLIMITS] = {
	[RLIMIT_CPU] = { INF, INF },
	[RLIMIT_FSIZE] = { INF, INF },
	[RLIMIT_DATA] = { INF, INF },
	[RLIMIT_STACK] = { STACK_SIZE, INF },
	[RLIMIT_CORE] = { 0, INF },
	[RLIMIT_RSS] = { INF, INF },
	[RLIMIT_NPROC] = { PROC_MAX, PROC_MAX },
	[RLIMIT_NOFILE] = { 1024, 4096 }, /* Linux's first process's, when the monitor gives none */
	[RLIMIT_MEMLOCK] = { 8 << 20, 8 << 20 },
	[RLIMIT_AS] = { INF, INF },
	[RLIMIT_LOCKS] = { INF, INF },
	[RLIMIT_SIGPENDING] = { 64, 64 },
	[RLIMIT_MSGQUEUE] = { 819200, 819200 },
	[RLIMIT_NICE] = { 0, 0 },
	[RLIMIT_RTPRIO] = { 0, 0 },
	[RLIMIT_RTTIME] = { INF, INF },
};

static uint64_t below_ceiling(uint64_t n)
{
	return n < FD_CEILING ? n : FD_CEILING;
}

void rlimit_init(struct proc *p)
{
	memcpy(p->limits, defaults, sizeof(defaults));
	/* The monitor's own, as its child would have them, within what the kernel allows. */
	if (boot->nofile_max)
		p->limits[RLIMIT_NOFILE] = (struct rlimit64){ below_ceiling(boot->nofile_cur),
							      below_ceiling(boot->nofile_max) };
}

long rlimit_swap(struct proc *p, unsigned resource, const struct rlimit64 *unew, struct rlimit64 *uold)
{
	struct rlimit64 *limits = p->limits;
	bool privileged = proc_current()->cred.uid[CRED_EFFECTIVE] == 0;
	struct rlimit64 next;
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (unew && copy_from_user(&next, unew, sizeof(next)))
		return -EFAULT;
	if (unew && next.rlim_cur > next.rlim_max)
		return -EINVAL;
	/* FD_CEILING is nr_open: past it even privilege cannot go. */
	if (unew && resource == RLIMIT_NOFILE && next.rlim_max > FD_CEILING)
		return -EPERM;
	/* Raising a hard limit needs privilege. */
	if (unew && next.rlim_max > limits[resource].rlim_max && !privileged)
		return -EPERM;
	if (uold && copy_to_user(uold, &limits[resource], sizeof(*uold)))
		return -EFAULT;
	if (unew)
		limits[resource] = next;
	return 0;
}

uint64_t rlimit_cur(unsigned resource)
{
	return proc_current()->limits[resource].rlim_cur;
}
