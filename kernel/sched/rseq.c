/*
 * Restartable sequences. The kernel keeps cpu_id_start/cpu_id of a thread's
 * area current, and when the thread loses the CPU or takes a signal inside a
 * critical section (rseq_cs), sends it to the section's abort address.
 */
#include "rseq.h"
#include "kernel/kernel.h"
#include "kernel/mm/uaccess.h"

struct rseq_ids {
	uint32_t cpu_id_start;
	uint32_t cpu_id;
};

struct rseq_cs {
	uint32_t version, flags;
	uint64_t start_ip, post_commit_offset, abort_ip;
};

#define RSEQ_CS_OFFSET 8

void rseq_set_cpu(struct thread *t)
{
	if (!t->rseq_area || t->rseq_cpu == t->cpu->id)
		return;
	struct rseq_ids ids = { t->cpu->id, t->cpu->id };
	if (copy_to_user((void *)t->rseq_area, &ids, sizeof(ids)) == 0)
		t->rseq_cpu = t->cpu->id;
}

void rseq_preempted(struct thread *t, struct uregs *f)
{
	uint64_t cs_at;
	struct rseq_cs cs;
	if (!t->rseq_area || copy_from_user(&cs_at, (const void *)(t->rseq_area + RSEQ_CS_OFFSET), sizeof(cs_at)) ||
	    !cs_at || copy_from_user(&cs, (const void *)cs_at, sizeof(cs)))
		return;
	if (f->rip - cs.start_ip < cs.post_commit_offset) {
		f->rip = cs.abort_ip;
		t->frame_dirty = true;
	}
	uint64_t zero = 0;
	copy_to_user((void *)(t->rseq_area + RSEQ_CS_OFFSET), &zero, sizeof(zero));
}
