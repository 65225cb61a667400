/* rseq(2): registration of the calling thread's restartable-sequence area. */
#include "kernel/sched/rseq.h"
#include "kernel/sched/thread.h"
#include "kernel/mm/vm.h"
#include "sys.h"

#define RSEQ_MIN_LEN 32 /* the original struct rseq */

SYSCALL_DEFINE4(rseq, struct rseq *, rseq, uint32_t, rseq_len, int, flags, uint32_t, sig)
{
	struct thread *t = current();
	uint64_t at = (uint64_t)rseq;
	if (flags == RSEQ_FLAG_UNREGISTER) {
		if (!t->rseq_area || at != t->rseq_area || rseq_len != t->rseq_len)
			return -EINVAL;
		if (sig != t->rseq_sig)
			return -EPERM;
		uint32_t ids[2] = { 0, RSEQ_CPU_ID_UNINITIALIZED };
		long err = copy_to_user(rseq, ids, sizeof(ids));
		t->rseq_area = 0;
		return err;
	}
	if (flags)
		return -EINVAL;
	if (t->rseq_area) {
		if (at != t->rseq_area || rseq_len != t->rseq_len)
			return -EINVAL;
		return sig == t->rseq_sig ? -EBUSY : -EPERM;
	}
	if (rseq_len < RSEQ_MIN_LEN || (at & (RSEQ_MIN_LEN - 1)))
		return -EINVAL;
	if (!vm_check(at, rseq_len, PAGE_WRITE))
		return -EFAULT;
	t->rseq_area = at;
	t->rseq_len = rseq_len;
	t->rseq_sig = sig;
	t->rseq_cpu = RSEQ_CPU_ID_UNINITIALIZED;
	rseq_set_cpu(t);
	return 0;
}
