/* Starting a thread for clone(2) and clone3(2). */
#ifndef KERNEL_CLONE_H
#define KERNEL_CLONE_H

#include <stdint.h>

struct clone_request {
	uint64_t flags;
	uint64_t stack;       /* the child's RSP; 0: the parent's */
	uint64_t parent_tid;  /* CLONE_PARENT_SETTID */
	uint64_t child_tid;   /* CLONE_CHILD_SETTID / CLONE_CHILD_CLEARTID */
	uint64_t tls;         /* CLONE_SETTLS */
	int exit_signal;
};

/* The child's tid (a new process's pid), or -errno. */
long clone_thread(const struct clone_request *req);

#endif
