/*
 * clone: a new thread sharing everything, as pthread_create asks for. A new
 * process (fork, vfork, posix_spawn) cannot exist in a unikernel: ENOSYS,
 * which makes libcs that can fall back do so.
 */
#include <asm-generic/errno.h>

#include "arch/x86_64/fpu.h"
#include "clone.h"
#include "kernel/proc/direct_syscall.h"
#include "kernel/kernel.h"
#include "sched.h"
#include "thread.h"
#include "kernel/mm/uaccess.h"

#define CLONE_VM 0x100
#define CLONE_FS 0x200
#define CLONE_FILES 0x400
#define CLONE_SIGHAND 0x800
#define CLONE_PIDFD 0x1000
#define CLONE_PTRACE 0x2000
#define CLONE_VFORK 0x4000
#define CLONE_PARENT 0x8000
#define CLONE_THREAD 0x10000
#define CLONE_NEWNS 0x20000
#define CLONE_SYSVSEM 0x40000
#define CLONE_SETTLS 0x80000
#define CLONE_PARENT_SETTID 0x100000
#define CLONE_CHILD_CLEARTID 0x200000
#define CLONE_DETACHED 0x400000
#define CLONE_UNTRACED 0x800000
#define CLONE_CHILD_SETTID 0x1000000
#define CLONE_IO 0x80000000ULL

#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD)
#define ALLOWED (THREAD_FLAGS | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | \
		 CLONE_CHILD_SETTID | CLONE_DETACHED | CLONE_UNTRACED | CLONE_IO | CLONE_PTRACE)

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
