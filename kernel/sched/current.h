/*
 * The thread each kernel stack belongs to, and the running one: a stack is
 * aligned to its size with its thread at the base. Headers only, so that
 * code below the scheduler (drivers) may ask which CPU it runs on.
 */
#ifndef KERNEL_CURRENT_H
#define KERNEL_CURRENT_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/x86_64/gdt.h"
#include "arch/x86_64/percpu.h"
#include "arch/x86_64/uregs.h"

enum thread_state { THREAD_RUNNING, THREAD_RUNNABLE, THREAD_BLOCKED, THREAD_DEAD };

/* Why sched_block returned. */
enum wake_reason { WAKE_EVENT, WAKE_TIMEOUT, WAKE_SIGNAL };

struct proc;

struct thread {
	uint64_t ctx_rsp; /* while switched out: the stack switch_context left */
	struct cpu *cpu;  /* where it runs, or ran last */
	struct proc *proc; /* 0 for idle threads */
	int tid;
	enum thread_state state;
	enum wake_reason wake_reason;
	struct thread *run_next;   /* run queue */
	struct thread *timer_next; /* threads blocked with a deadline, soonest first */
	uint64_t wake_at;          /* TSC deadline of a timed block, 0 if none */
	struct thread *wait_next;  /* the futex wait list */
	struct thread *waitq_next; /* the wait queue it sleeps on (kernel/sched/waitq.h) */
	struct thread *all_next;   /* every live thread */
	void *fpu;                 /* vector state while switched out; 0 for idle threads */
	uint64_t fs_base, gs_base;
	uint64_t clear_child_tid;  /* CLONE_CHILD_CLEARTID / set_tid_address */
	uint64_t set_child_tid;    /* CLONE_CHILD_SETTID: written in the child's memory as it starts */
	uint64_t robust_list;
	uint64_t cpu_tsc;          /* TSC ticks spent running */
	uint64_t run_start;        /* TSC when it last started running */
	uint64_t futex_key;        /* the futex word it waits on, 0 if none: an address in futex_space, */
	const void *futex_space;   /* or, if that is 0, a physical address (memory processes share) */
	uint32_t futex_bitset;
	uint64_t futex_pi_target;  /* FUTEX_WAIT_REQUEUE_PI: the PI futex it waits to be moved to, 0 once moved */
	uint64_t sig_mask;         /* blocked signals */
	uint64_t sig_pending;      /* signals sent to this thread */
	uint64_t sig_fault_addr;   /* si_addr of a pending fault signal */
	uint64_t sig_saved_mask;   /* rt_sigsuspend: the mask the handler's return restores */
	bool sig_mask_saved;
	uint64_t sig_waiting;       /* rt_sigtimedwait: signals that wake it though blocked */
	uint64_t altstack_sp, altstack_size; /* sigaltstack(2), size 0 if none */
	int32_t altstack_flags;
	uint64_t rseq_area;        /* rseq(2) registration, 0 if none */
	uint32_t rseq_len, rseq_sig, rseq_cpu;
	bool frame_dirty;          /* uregs rewritten: leave through iretq */
	bool stopped;              /* asleep while its process is stopped (SIGSTOP...) */
	uint64_t restart_nr;       /* 1 + the number of a syscall a signal cut short, else 0 */
	const char *kbuf;          /* kernel bytes standing for the program's (kernel/mm/uaccess.h) */
	uint64_t kbuf_len;
};

static inline struct thread *current(void)
{
	uint64_t sp;
	__asm__("mov %%rsp, %0" : "=r"(sp));
	return (struct thread *)(sp & ~(uint64_t)(KSTACK_SIZE - 1));
}

/* The program's registers saved at the top of a thread's kernel stack. */
static inline struct uregs *thread_uregs(struct thread *t)
{
	return (struct uregs *)((char *)t + KSTACK_SIZE) - 1;
}

#endif
