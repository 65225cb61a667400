/* Creating and ending threads; their stacks are kept for reuse, never returned. */
#include "thread.h"
#include "arch/x86_64/tsc.h"
#include "arch/x86_64/fpu.h"
#include "kernel/mm/frame.h"
#include "futex.h"
#include "kernel/kernel.h"
#include "kernel/lock.h"
#include "kernel/proc/proc.h"
#include "sched.h"
#include "kernel/mm/uaccess.h"

#define FIRST_TID PROC_PID

static struct thread *all_threads;
static struct thread *spare; /* dead threads' stacks and save areas */
static unsigned live;
static int next_tid = FIRST_TID;

extern char thread_entry[];

void thread_init_idle(struct thread *t, struct cpu *c)
{
	t->cpu = c;
	t->state = THREAD_RUNNING;
}

struct thread *thread_create_idle(struct cpu *c)
{
	uint64_t pa = frame_alloc_block(KSTACK_SIZE / PAGE_SIZE);
	if (!pa)
		return 0;
	struct thread *t = phys_to_virt(pa);
	memset(t, 0, sizeof(*t));
	thread_init_idle(t, c);
	return t;
}

static struct thread *thread_alloc(void)
{
	if (spare) {
		struct thread *t = spare;
		spare = t->all_next;
		return t;
	}
	uint64_t stack = frame_alloc_block(KSTACK_SIZE / PAGE_SIZE);
	uint64_t fpu = stack ? frame_alloc() : 0;
	if (!fpu)
		return 0; /* a lone stack block stays allocated: rare, and small */
	struct thread *t = phys_to_virt(stack);
	t->fpu = phys_to_virt(fpu);
	return t;
}

struct thread *thread_create(struct proc *p, const struct uregs *regs, uint64_t fs_base)
{
	struct thread *t = thread_alloc();
	if (!t)
		return 0;
	void *fpu = t->fpu;
	memset(t, 0, sizeof(*t));
	t->fpu = fpu;
	t->tid = next_tid++;
	t->proc = p;
	p->threads++;
	t->fs_base = fs_base;
	t->state = THREAD_BLOCKED;
	*thread_uregs(t) = *regs;
	/* What switch_context pops: six callee-saved registers, then thread_entry. */
	uint64_t *sp = (uint64_t *)thread_uregs(t) - 7;
	memset(sp, 0, 6 * sizeof(*sp));
	sp[6] = (uint64_t)thread_entry;
	t->ctx_rsp = (uint64_t)sp;
	t->all_next = all_threads;
	all_threads = t;
	live++;
	return t;
}

void thread_free(struct thread *t)
{
	t->all_next = spare;
	spare = t;
}

int thread_next_id(void)
{
	return next_tid;
}

struct thread *thread_next(struct thread *t)
{
	return t ? t->all_next : all_threads;
}

struct thread *thread_find(int tid)
{
	for (struct thread *t = all_threads; t; t = t->all_next)
		if (t->tid == tid)
			return t;
	return 0;
}

unsigned thread_count(void)
{
	return live;
}

uint64_t thread_total_cpu(const struct proc *p)
{
	uint64_t sum = p->dead_cpu_tsc;
	for (struct thread *t = all_threads; t; t = t->all_next)
		if (t->proc == p)
			sum += t->cpu_tsc;
	return sum;
}

/* What a new thread does first, on its own stack, before entering the program. */
void thread_first_run(void);

void thread_first_run(void)
{
	struct thread *t = current();
	sched_resume(t);
	sched_arm(t->cpu);
	if (t->set_child_tid) {
		int tid = t->tid;
		copy_to_user((void *)t->set_child_tid, &tid, sizeof(tid));
	}
	kernel_unlock();
}

_Noreturn void thread_exit(int wstatus)
{
	struct thread *t = current();
	struct proc *p = t->proc;
	/* As Linux: robust futexes first, so a joiner finds them marked. */
	futex_exit_robust(t);
	if (t->clear_child_tid) {
		uint32_t zero = 0;
		if (copy_to_user((void *)t->clear_child_tid, &zero, sizeof(zero)) == 0)
			futex_wake(t->clear_child_tid, false, 1, FUTEX_BITSET_ANY);
	}
	if (p->threads == 1 && !p->exiting) {
		p->exiting = true;
		p->exit_status = wstatus;
	}
	for (struct thread **at = &all_threads; *at; at = &(*at)->all_next)
		if (*at == t) {
			*at = t->all_next;
			break;
		}
	live--;
	p->dead_cpu_tsc += t->cpu_tsc + (rdtsc() - t->run_start);
	proc_thread_gone(p);
	t->state = THREAD_DEAD;
	schedule();
	panic("a dead thread ran again");
}
