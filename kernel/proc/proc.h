/*
 * Processes: each has its own address space, descriptor table, signal
 * dispositions, working directory and limits, and one or more threads. The
 * first program is pid 1; when it ends the machine ends, with its status.
 */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include <linux/resource.h>
#include <stdbool.h>
#include <stdint.h>

#include "cred.h"
#include "kernel/signal/sigtypes.h"
#include "kernel/sched/waitq.h"
#include "kernel/time/itimer.h"

#define PROC_PID 1 /* the first program's */
#define PROC_PATH_MAX 4096
#define PROC_MAX 256 /* processes at once: RLIMIT_NPROC's default */

struct mm;
struct files;
struct tty;

#define PROC_DIRECT_TABLES 64 /* rewritten files mapped at once whose slots are filled */
#define PROC_COMM_LEN 16 /* TASK_COMM_LEN, the NUL included */

/* Where execve put what /proc/self/cmdline, environ, auxv and stat show: addresses in its memory. */
struct proc_layout {
	uint64_t arg_start, arg_end, env_start, env_end;
	uint64_t auxv, auxv_len;
	uint64_t start_stack;
};

struct proc {
	int pid, pgid, sid;
	int ppid;               /* parent->pid, read without the lock by getppid's leaf */
	struct proc *parent;
	struct proc *children, *sibling; /* its children, and the next child of its parent */
	struct proc *all_next;
	unsigned threads;       /* live threads */
	bool zombie;            /* ended, waiting for its parent's wait */
	bool exiting;           /* exit_group or a fatal signal: its threads end */
	bool did_exec;          /* since fork: its parent may no longer move it to another group */
	bool stopped;           /* by SIGSTOP, SIGTSTP, SIGTTIN or SIGTTOU, until SIGCONT */
	int stop_sig;
	enum { REPORT_NONE, REPORT_STOPPED, REPORT_CONTINUED } report; /* what its parent's wait learns next */
	int exit_status;        /* as wait(2) reports it */
	int exit_signal;        /* sent to the parent when it ends (SIGCHLD, or 0) */
	struct thread *vfork_parent; /* suspended until this process execs or ends */
	struct thread *exec_thread;  /* execve in progress: the process's other threads end */
	struct mm *mm;
	struct files *files;
	struct tty *ctty;          /* its session's controlling terminal, or 0 (kernel/tty/ctty.c) */
	struct waitq child_event; /* a child ended: its parent's waits look again */
	uint64_t dead_cpu_tsc;  /* CPU time of its ended threads */
	uint64_t children_tsc;  /* of its reaped children */
	/* Signals: dispositions, those pending for the process, and what each pending one says. */
	struct ksigaction actions[NSIG + 1];
	uint64_t sig_pending;
	struct sig_info sig_info[NSIG + 1];
	struct itimer itimers[ITIMER_COUNT]; /* setitimer's, none after fork, kept by execve */
	/*
	 * The direct entry (kernel/proc/direct_syscall.c): usable unless the program set its own
	 * GS base; the slot tables filled, of its program and libraries; its loader's span.
	 */
	bool direct_on;
	unsigned ndirect;
	uint64_t direct_tables[PROC_DIRECT_TABLES];
	uint64_t loader_lo, loader_hi;
	unsigned umask;
	struct cred cred;
	struct rlimit64 limits[RLIM_NLIMITS];
	char cwd[PROC_PATH_MAX];
	char exe[PROC_PATH_MAX]; /* /proc/self/exe */
	char comm[PROC_COMM_LEN]; /* its name (prctl PR_SET_NAME): "" for its file's, cut short */
	struct proc_layout layout;
};

/* The first process, made at boot before its program is loaded. */
struct proc *proc_first(void);
/* The calling thread's process. */
struct proc *proc_current(void);
/* The live or zombie process with this pid, or 0. */
struct proc *proc_find(int pid);
/* Walking every process: the one after p (the first if p is 0), or 0 at the end. */
struct proc *proc_next(struct proc *p);
/* A child of the caller's process sharing nothing yet (pid set, lists linked); 0 if out of memory. */
struct proc *proc_fork(void);
/* Undo proc_fork when the child cannot be made after all. */
void proc_unfork(struct proc *p);
/* The absolute path of the running program: /proc/self/exe. */
const char *proc_exe(void);
/* p's name: what PR_SET_NAME gave, else its file's name cut to 15 bytes, as Linux's. */
const char *proc_comm(struct proc *p);
/* The calling thread's process ends with status (wait(2)'s encoding): the machine too if it is the first. */
_Noreturn void proc_end(int wstatus);
/* A thread of p ended; the last one ends p. */
void proc_thread_gone(struct proc *p);
/* execve: end every other thread of the caller's process and wait until they are gone. */
void proc_single_thread(void);
/* Stop p (sig's default action) or continue it (SIGCONT), telling its parent. */
void proc_stop(struct proc *p, int sig);
void proc_continue(struct proc *p);
/* Reap a zombie child: its status counts, its pid goes. */
void proc_reap(struct proc *p);

#endif
