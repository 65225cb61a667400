/*
 * rseq(2): registration of the thread's restartable-sequence area. With one
 * CPU and neither preemption nor signal delivery yet, no sequence can ever be
 * interrupted, so the kernel's only duty is to keep the CPU ids in the area.
 */
#include "sys.h"

#define RSEQ_FLAG_UNREGISTER 1
#define RSEQ_MIN_LEN 32 /* the original struct rseq */
#define RSEQ_CPU_ID_UNINITIALIZED ((uint32_t)-1)

struct rseq_ids {
	uint32_t cpu_id_start;
	uint32_t cpu_id;
};

static uint64_t area;
static uint32_t area_len, area_sig;

static long set_cpu(uint64_t at, uint32_t cpu)
{
	struct rseq_ids ids = { cpu == RSEQ_CPU_ID_UNINITIALIZED ? 0 : cpu, cpu };
	return copy_to_user((void *)at, &ids, sizeof(ids));
}

long sys_rseq(const uint64_t *args)
{
	uint64_t at = args[0];
	uint32_t len = (uint32_t)args[1], sig = (uint32_t)args[3];
	if (args[2] == RSEQ_FLAG_UNREGISTER) {
		if (!area || at != area || len != area_len)
			return -EINVAL;
		if (sig != area_sig)
			return -EPERM;
		long err = set_cpu(at, RSEQ_CPU_ID_UNINITIALIZED);
		area = 0;
		return err;
	}
	if (args[2])
		return -EINVAL;
	if (area) {
		if (at != area || len != area_len)
			return -EINVAL;
		return sig == area_sig ? -EBUSY : -EPERM;
	}
	if (len < RSEQ_MIN_LEN || (at & (RSEQ_MIN_LEN - 1)))
		return -EINVAL;
	if (set_cpu(at, 0))
		return -EFAULT;
	area = at;
	area_len = len;
	area_sig = sig;
	return 0;
}
