/*
 * clone: a new thread sharing everything, as pthread_create asks for, or a
 * new process: fork's copy of the address space (copy-on-write), or vfork's
 * and posix_spawn's loan of it, the parent waiting until the child execs or
 * ends.
 */
#include "arch/x86_64/fpu.h"
#include "clone.h"
#include "kernel/fs/filemap.h"
#include "kernel/fs/fd.h"
#include "kernel/ipc/ipc.h"
#include "kernel/kernel.h"
#include "kernel/mm/uaccess.h"
#include "kernel/mm/vm.h"
#include "kernel/proc/direct_syscall.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/rlimit.h"
#include "kernel/uapi.h"
#include "sched.h"
#include "thread.h"

#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD)
/* 64 bits wide: clone3's flags above bit 31 are refused too (the uapi values are int). */
#define ALLOWED ((uint64_t)(THREAD_FLAGS | CLONE_VFORK | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | \
			    CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | CLONE_DETACHED | CLONE_UNTRACED | CLONE_IO | \
			    CLONE_PTRACE))

static unsigned proc_count(void)
{
	unsigned n = 0;
	for (struct proc *p = proc_next(0); p; p = proc_next(p))
		n++;
	return n;
}

/* The new process's own address space and descriptor table, or those it shares. */
static long give_process(struct proc *child, uint64_t flags)
{
	struct proc *parent = proc_current();
	if (flags & CLONE_VM) {
		child->mm = parent->mm;
		mm_get(child->mm);
	} else if (!(child->mm = mm_fork(parent->mm))) {
		return -ENOMEM;
	} else {
		shm_fork(parent->mm, child->mm);
		filemap_fork(parent->mm, child->mm);
	}
	if (flags & CLONE_FILES) {
		child->files = parent->files;
		files_get(child->files);
	} else if (!(child->files = files_fork())) {
		mm_put(child->mm);
		return -ENOMEM;
	}
	return 0;
}

long clone_thread(const struct clone_request *req)
{
	uint64_t flags = req->flags;
	bool thread = flags & CLONE_THREAD;
	/* Linux's own consistency rules first. */
	if (thread && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if (flags & ~ALLOWED)
		return -ENOSYS;
	/* A thread shares everything; a process with handlers shared but not its thread group is not made here. */
	if (thread ? (flags & THREAD_FLAGS) != THREAD_FLAGS || req->exit_signal : (flags & CLONE_SIGHAND) != 0)
		return -ENOSYS;
	if ((flags & CLONE_SETTLS) && req->tls >= USER_VTOP)
		return -EPERM;

	struct thread *self = current();
	struct proc *p = self->proc;
	if (!thread && proc_count() >= rlimit_cur(RLIMIT_NPROC))
		return -EAGAIN;
	struct uregs regs = *thread_uregs(self);
	regs.rax = 0;
	if (req->stack)
		regs.rsp = req->stack;
	uint64_t fs = flags & CLONE_SETTLS ? req->tls : fs_base_read();
	/* Linux writes the parent's copy before the child's memory is copied: fork's child sees it too. */
	int future_tid = thread_next_id();
	if (flags & CLONE_PARENT_SETTID)
		copy_to_user((void *)req->parent_tid, &future_tid, sizeof(future_tid));

	struct proc *child = p;
	if (!thread) {
		child = proc_fork();
		if (!child)
			return -ENOMEM;
		long err = give_process(child, flags);
		if (err) {
			proc_unfork(child);
			return err;
		}
		child->exit_signal = req->exit_signal;
	}
	struct thread *t = thread_create(child, &regs, fs);
	if (!t) {
		if (!thread) {
			files_put(child->files);
			mm_put(child->mm);
			proc_unfork(child);
		}
		return -ENOMEM;
	}
	if (!thread)
		child->pid = t->tid;
	/* The child starts with the parent's vector state, which is live in the CPU now. */
	fpu_save(t->fpu);
	t->gs_base = gs_base_of_current();
	t->sig_mask = self->sig_mask;
	t->altstack_sp = self->altstack_sp;
	t->altstack_size = thread ? 0 : self->altstack_size;
	t->altstack_flags = self->altstack_flags;
	int tid = t->tid;
	if (flags & CLONE_CHILD_SETTID)
		t->set_child_tid = req->child_tid;
	if (flags & CLONE_CHILD_CLEARTID)
		t->clear_child_tid = req->child_tid;
	if (flags & CLONE_VFORK)
		child->vfork_parent = self;
	sched_wake(t, WAKE_EVENT);
	/* vfork: the parent's memory is the child's until it execs or ends. */
	while ((flags & CLONE_VFORK) && child->vfork_parent == self && !p->exiting)
		sched_block(0);
	return tid;
}
