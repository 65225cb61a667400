/* Syscall dispatch: by number through one table; missing ones say so once, and why. */
#include <asm-generic/errno.h>
#include <asm/unistd.h>

#include "kernel.h"
#include "lock.h"
#include "return.h"
#include "syscall.h"
#include "cocoon/direct_syscall.h"
#include "kernel/sched/thread.h"
#include "syscalls/missing.h"

typedef long (*syscall_fn)(const uint64_t *args);

static const syscall_fn table[SYSCALL_COUNT] = {
#define SYSCALL_ENTRY(nr, name) [nr] = sys_##name,
	SYSCALLS_BUILT(SYSCALL_ENTRY)
#undef SYSCALL_ENTRY
};

static const char *const names[SYSCALL_COUNT] = {
#define SYSCALL_NAME(nr, name) [nr] = #name,
	SYSCALLS_LINUX(SYSCALL_NAME)
#undef SYSCALL_NAME
};

static const char *const missing_kind[SYSCALL_COUNT] = {
#define SYSCALL_MISSING(name, kind, why) [__NR_##name] = SYSCALL_MISSING_##kind,
	SYSCALLS_MISSING(SYSCALL_MISSING)
#undef SYSCALL_MISSING
};

static uint8_t logged[SYSCALL_COUNT];
/* Syscalls made since boot by the syscall instruction, and by a call (the direct entry; leaves not counted). */
static uint64_t made[2];

long syscall_run(uint64_t nr, const uint64_t *args)
{
	bool known = nr < SYSCALL_COUNT;
	if (known && table[nr])
		return table[nr](args);
	if (known && logged[nr])
		return -ENOSYS;
	if (known)
		logged[nr] = 1;
	if (boot->flags & BOOT_QUIET)
		return -ENOSYS;
	if (known && names[nr])
		kmsg("unsupported syscall %s (%s)\n", names[nr], missing_kind[nr] ? missing_kind[nr] : "left out of this kernel");
	else
		kmsg("unsupported syscall %lu\n", nr);
	return -ENOSYS;
}

uint64_t syscall_dispatch(struct uregs *f);

/* The syscall entry's C part: 1 to return the fast way, 0 for iretq (the frame was rewritten). */
uint64_t syscall_dispatch(struct uregs *f)
{
	kernel_lock();
	const uint64_t args[6] = { f->rdi, f->rsi, f->rdx, f->r10, f->r8, f->r9 };
	uint64_t nr = f->rax;
	made[f->error == COCOON_DIRECT_CALL_SIZE]++;
	f->rax = (uint64_t)syscall_run(nr, args);
	struct thread *t = current();
	if (f->rax == (uint64_t)-ERESTARTSYS || f->rax == (uint64_t)-ERESTARTNOHAND ||
	    f->rax == (uint64_t)-ERESTARTNOINTR)
		t->restart_nr = nr + 1;
	bool dirty = t->frame_dirty;
	t->frame_dirty = false;
	return_to_program(f);
	return !dirty;
}

void syscall_report(void)
{
	if (!(boot->flags & BOOT_SYSCALL_STATS))
		return;
	uint64_t all = made[0] + made[1], permille = all ? (made[0] * 1000 + all / 2) / all : 0;
	kmsg("%lu syscalls: %lu calls into the kernel, %lu trapped (%lu.%lu%%)\n", all, made[1], made[0],
	     permille / 10, permille % 10);
}
