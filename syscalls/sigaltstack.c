/* sigaltstack(2): the calling thread's stack for SA_ONSTACK handlers. */
#include "kernel/sched/thread.h"
#include "sys.h"

struct kstack_t {
	uint64_t sp;
	int32_t flags, pad;
	uint64_t size;
};

SYSCALL_DEFINE2(sigaltstack, const struct kstack_t *, uss, struct kstack_t *, uoss)
{
	struct thread *t = current();
	uint64_t rsp = thread_uregs(t)->rsp;
	bool on = t->altstack_size && rsp - t->altstack_sp <= t->altstack_size;
	struct kstack_t old = { t->altstack_sp, !t->altstack_size ? SS_DISABLE : on ? SS_ONSTACK : 0, 0,
				t->altstack_size };
	if (uss) {
		struct kstack_t ss;
		if (copy_from_user(&ss, uss, sizeof(ss)))
			return -EFAULT;
		if (on)
			return -EPERM;
		uint32_t mode = (uint32_t)ss.flags & ~SS_AUTODISARM;
		if (mode != 0 && mode != SS_DISABLE && mode != SS_ONSTACK)
			return -EINVAL;
		if (mode == SS_DISABLE) {
			t->altstack_sp = t->altstack_size = 0;
		} else {
			if (ss.size < MINSIGSTKSZ)
				return -ENOMEM;
			t->altstack_sp = ss.sp;
			t->altstack_size = ss.size;
		}
	}
	if (uoss && copy_to_user(uoss, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}
