/* rseq(2): registration of the calling thread's restartable-sequence area. */
#include "kernel/sched/rseq.h"
#include "kernel/sched/thread.h"
#include "kernel/mm/vm.h"
#include "sys.h"

#define RSEQ_FLAG_UNREGISTER 1
#define RSEQ_MIN_LEN 32 /* the original struct rseq */
#define RSEQ_CPU_ID_UNINITIALIZED ((uint32_t)-1)

long sys_rseq(const uint64_t *args)
{
	struct thread *t = current();
	uint64_t at = args[0];
	uint32_t len = (uint32_t)args[1], sig = (uint32_t)args[3];
	if (args[2] == RSEQ_FLAG_UNREGISTER) {
		if (!t->rseq_area || at != t->rseq_area || len != t->rseq_len)
			return -EINVAL;
		if (sig != t->rseq_sig)
			return -EPERM;
		uint32_t ids[2] = { 0, RSEQ_CPU_ID_UNINITIALIZED };
		long err = copy_to_user((void *)at, ids, sizeof(ids));
		t->rseq_area = 0;
		return err;
	}
	if (args[2])
		return -EINVAL;
	if (t->rseq_area) {
		if (at != t->rseq_area || len != t->rseq_len)
			return -EINVAL;
		return sig == t->rseq_sig ? -EBUSY : -EPERM;
	}
	if (len < RSEQ_MIN_LEN || (at & (RSEQ_MIN_LEN - 1)))
		return -EINVAL;
	if (!vm_check(at, len, PAGE_WRITE))
		return -EFAULT;
	t->rseq_area = at;
	t->rseq_len = len;
	t->rseq_sig = sig;
	t->rseq_cpu = RSEQ_CPU_ID_UNINITIALIZED;
	rseq_set_cpu(t);
	return 0;
}
