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
/* A new program thread that will start with regs (whose FS base is fs_base); 0 if out of memory. */
struct thread *thread_create(const struct uregs *regs, uint64_t fs_base);
/* Free a dead thread's memory (never the running one's). */
void thread_free(struct thread *t);
/* Walking the live threads: the one after t (the first if t is 0), or 0 at the end. */
struct thread *thread_next(struct thread *t);
/* The live thread with this id, or 0. */
struct thread *thread_find(int tid);
/* Live program threads. */
unsigned thread_count(void);
/* Ticks of CPU time of all threads, the dead included. */
uint64_t thread_total_cpu(void);
/* End the calling thread; the last one ends the program with status. */
_Noreturn void thread_exit(int status);
/* An idle thread for another CPU, with its stack; 0 if out of memory. */
struct thread *thread_create_idle(struct cpu *c);

#endif
