/*
 * clone: a new thread sharing everything, as pthread_create asks for. A new
 * process (fork, vfork, posix_spawn) cannot exist in a unikernel: ENOSYS,
 * which makes libcs that can fall back do so.
 */
#include "arch/x86_64/fpu.h"
#include "clone.h"
#include "kernel/proc/direct_syscall.h"
#include "kernel/kernel.h"
#include "sched.h"
#include "thread.h"
#include "kernel/mm/uaccess.h"
#include "kernel/uapi.h"

#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD)
/* 64 bits wide: clone3's flags above bit 31 are refused too (the uapi values are int). */
#define ALLOWED ((uint64_t)(THREAD_FLAGS | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | \
			    CLONE_CHILD_SETTID | CLONE_DETACHED | CLONE_UNTRACED | CLONE_IO | CLONE_PTRACE))

long clone_thread(const struct clone_request *req)
{
	/* Linux's own consistency rules first. */
	if ((req->flags & CLONE_THREAD) && !(req->flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((req->flags & CLONE_SIGHAND) && !(req->flags & CLONE_VM))
		return -EINVAL;
	if ((req->flags & THREAD_FLAGS) != THREAD_FLAGS || (req->flags & ~ALLOWED) || req->exit_signal)
		return -ENOSYS;

	struct thread *self = current();
	struct uregs regs = *thread_uregs(self);
	regs.rax = 0;
	if (req->stack)
		regs.rsp = req->stack;
	uint64_t fs = req->flags & CLONE_SETTLS ? req->tls : fs_base_read();
	if (req->flags & CLONE_SETTLS && req->tls >= USER_VTOP)
		return -EPERM;
	struct thread *t = thread_create(&regs, fs);
	if (!t)
		return -ENOMEM;
	/* The child starts with the parent's vector state, which is live in the CPU now. */
	fpu_save(t->fpu);
	t->gs_base = gs_base_of_current();
	t->sig_mask = self->sig_mask;
	int tid = t->tid;
	if (req->flags & CLONE_PARENT_SETTID)
		copy_to_user((void *)req->parent_tid, &tid, sizeof(tid));
	if (req->flags & CLONE_CHILD_SETTID)
		copy_to_user((void *)req->child_tid, &tid, sizeof(tid));
	if (req->flags & CLONE_CHILD_CLEARTID)
		t->clear_child_tid = req->child_tid;
	sched_wake(t, WAKE_EVENT);
	return tid;
}
