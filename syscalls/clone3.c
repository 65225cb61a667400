/* clone3(2): the same threads as clone(2), from a struct clone_args. */
#include "kernel/sched/clone.h"
#include "sys.h"

#define CLONE_ARGS_SIZE_MAX 4096 /* Linux's: a page */

SYSCALL_DEFINE2(clone3, struct clone_args *, cl_args, size_t, size)
{
	struct clone_args ca = { 0 };
	if (size < CLONE_ARGS_SIZE_VER0 || size > CLONE_ARGS_SIZE_MAX)
		return -EINVAL;
	if (copy_from_user(&ca, cl_args, sizeof(ca)))
		return -EFAULT;
	/* Fields of later versions we do not know must be zero. */
	for (uint64_t off = sizeof(ca); off < size; off++) {
		uint8_t b;
		if (copy_from_user(&b, (const uint8_t *)cl_args + off, 1))
			return -EFAULT;
		if (b)
			return -E2BIG;
	}
	if ((ca.stack == 0) != (ca.stack_size == 0) || ca.exit_signal > 64)
		return -EINVAL;
	struct clone_request req = {
		.flags = ca.flags,
		.stack = ca.stack ? ca.stack + ca.stack_size : 0,
		.parent_tid = ca.parent_tid,
		.child_tid = ca.child_tid,
		.tls = ca.tls,
		.exit_signal = (int)ca.exit_signal,
	};
	return clone_thread(&req);
}
