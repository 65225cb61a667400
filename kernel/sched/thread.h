/* Threads of the program: each has a kernel stack, at whose base its struct lives. */
#ifndef KERNEL_THREAD_H
#define KERNEL_THREAD_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/x86_64/percpu.h"
#include "arch/x86_64/uregs.h"
#include "current.h"

/* Turn the boot stack into the boot CPU's idle thread. */
void thread_init_idle(struct thread *t, struct cpu *c);
/* A new thread of p that will start with regs (whose FS base is fs_base); 0 if out of memory. */
struct thread *thread_create(struct proc *p, const struct uregs *regs, uint64_t fs_base);
/* Free a dead thread's memory (never the running one's). */
void thread_free(struct thread *t);
/* The id the next thread will get. */
int thread_next_id(void);
/* Walking the live threads: the one after t (the first if t is 0), or 0 at the end. */
struct thread *thread_next(struct thread *t);
/* The live thread with this id, or 0. */
struct thread *thread_find(int tid);
/* Live program threads, of every process. */
unsigned thread_count(void);
/* Ticks of CPU time of p's threads, the dead included. */
uint64_t thread_total_cpu(const struct proc *p);
/* End the calling thread; the last one of its process ends the process with wstatus (wait(2)'s encoding). */
_Noreturn void thread_exit(int wstatus);
/* An idle thread for another CPU, with its stack; 0 if out of memory. */
struct thread *thread_create_idle(struct cpu *c);

#endif
