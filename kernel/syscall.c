/* Syscall dispatch: by number through one table; missing ones say so once. */
#include <asm-generic/errno.h>

#include "kernel.h"
#include "syscall.h"

/* What syscall_entry saves: the six arguments first, so they read as an array. */
struct syscall_frame {
	uint64_t args[6]; /* rdi, rsi, rdx, r10, r8, r9 */
	uint64_t nr;
	uint64_t rip;
	uint64_t rflags;
	uint64_t rsp;
};

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

static uint8_t logged[SYSCALL_COUNT];

long syscall_run(uint64_t nr, const uint64_t *args)
{
	if (nr < SYSCALL_COUNT && table[nr])
		return table[nr](args);
	if (nr < SYSCALL_COUNT && !logged[nr]) {
		logged[nr] = 1;
		if (!(boot->flags & BOOT_QUIET))
			kprintf("uhyve-run: unsupported syscall %s\n", names[nr] ? names[nr] : "(unnamed)");
	} else if (nr >= SYSCALL_COUNT && !(boot->flags & BOOT_QUIET)) {
		kprintf("uhyve-run: unsupported syscall %lu\n", nr);
	}
	return -ENOSYS;
}

long syscall_dispatch(struct syscall_frame *f);

long syscall_dispatch(struct syscall_frame *f)
{
	return syscall_run(f->nr, f->args);
}
