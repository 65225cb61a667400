/* Resource limits, as getrlimit(2) and friends see them. */
#ifndef KERNEL_RLIMIT_H
#define KERNEL_RLIMIT_H

#include <linux/resource.h>
#include <stdint.h>

struct proc;

/* The limits the first process starts with. */
void rlimit_init(struct proc *p);

/* Copy p's old limit out and the new one in (either pointer may be NULL); 0 or -errno. */
long rlimit_swap(struct proc *p, unsigned resource, const struct rlimit64 *unew, struct rlimit64 *uold);

/* The soft limit of a resource in force (RLIM_INFINITY: none). */
uint64_t rlimit_cur(unsigned resource);

#endif
