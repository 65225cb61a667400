/* sigaltstack(2): the calling thread's stack for SA_ONSTACK handlers. */
#include "kernel/sched/thread.h"
#include "sys.h"

#define SS_ONSTACK 1
#define SS_DISABLE 2
#define SS_AUTODISARM (1U << 31)
#define MINSIGSTKSZ 2048

struct kstack_t {
	uint64_t sp;
	int32_t flags, pad;
	uint64_t size;
};

long sys_sigaltstack(const uint64_t *args)
{
	struct thread *t = current();
	uint64_t rsp = thread_uregs(t)->rsp;
	bool on = t->altstack_size && rsp - t->altstack_sp <= t->altstack_size;
	struct kstack_t old = { t->altstack_sp, !t->altstack_size ? SS_DISABLE : on ? SS_ONSTACK : 0, 0,
				t->altstack_size };
	if (args[0]) {
		struct kstack_t ss;
		if (copy_from_user(&ss, (const void *)args[0], sizeof(ss)))
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
	if (args[1] && copy_to_user((void *)args[1], &old, sizeof(old)))
		return -EFAULT;
	return 0;
}
