/*
 * The loader's part of syscall-site rewriting: find the slot cocoon-rewrite's note names
 * and fill it with the direct entry; and the GS base the direct entry finds the kernel
 * stack with.
 */
#include <linux/elf.h>

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/fpu.h"
#include "arch/x86_64/paging.h"
#include "direct_syscall.h"
#include "kernel.h"
#include "thread.h"
#include "vm.h"

#define HWCAP2_FSGSBASE 0x2ULL /* the direct entry reads the GS base with rdgsbase */

extern char syscall_direct[];

static bool direct_on;      /* the CPU's GS base is the thread's kernel stack top */
static uint64_t slot_addr;  /* the program's slot, 0 if none */
static uint64_t slot_stub;  /* what the file had there: the syscall instruction's stub */

struct cocoon_note {
	Elf64_Nhdr h;
	char name[(sizeof(COCOON_NOTE_NAME) + 3) & ~3ul];
	uint64_t slot;
};

/* The slot's address from a PT_NOTE of the program, read where it is loaded; or 0. */
static uint64_t note_slot(uint64_t base, const Elf64_Phdr *p)
{
	for (uint64_t off = 0; off + sizeof(struct cocoon_note) <= p->p_filesz;) {
		uint64_t at = base + p->p_vaddr + off;
		if (!vm_check(at, sizeof(struct cocoon_note), PAGE_READ))
			return 0;
		struct cocoon_note n;
		memcpy(&n, (const void *)at, sizeof(n));
		if (n.h.n_type == COCOON_NOTE_SYSCALL_SLOT && n.h.n_namesz == sizeof(COCOON_NOTE_NAME) &&
		    n.h.n_descsz == 8 && memcmp(n.name, COCOON_NOTE_NAME, sizeof(COCOON_NOTE_NAME)) == 0)
			return n.slot;
		off += sizeof(n.h) + ((n.h.n_namesz + 3ull) & ~3ull) + ((n.h.n_descsz + 3ull) & ~3ull);
	}
	return 0;
}

/* The slot is in the program's read-only code: write it through the kernel's mapping. */
static void slot_write(uint64_t v)
{
	*(uint64_t *)phys_to_virt(page_frame(slot_addr) + (slot_addr & (PAGE_SIZE - 1))) = v;
}

void direct_syscall_setup(const Elf64_Phdr *ph, unsigned phnum, uint64_t base)
{
	uint64_t slot = 0;
	for (unsigned i = 0; i < phnum && !slot; i++)
		if (ph[i].p_type == PT_NOTE)
			slot = note_slot(base, &ph[i]);
	if (!slot || (slot & 7) || !vm_check(base + slot, 8, PAGE_READ) || !page_frame(base + slot))
		return;
	if (!(cpu_hwcap2() & HWCAP2_FSGSBASE))
		return;
	slot_addr = base + slot;
	slot_stub = *(const uint64_t *)slot_addr;
	slot_write((uint64_t)syscall_direct);
	direct_on = true;
}

static uint64_t kstack_top(const struct thread *t)
{
	return (uint64_t)t + KSTACK_SIZE;
}

uint64_t gs_base_of_current(void)
{
	struct thread *t = current();
	uint64_t v = gs_base_read();
	return v == kstack_top(t) ? t->gs_base : v;
}

void gs_base_set(uint64_t v)
{
	if (direct_on) {
		direct_on = false;
		slot_write(slot_stub);
	}
	current()->gs_base = v;
	gs_base_write(v);
}

void gs_base_load(const struct thread *t)
{
	gs_base_write(direct_on ? kstack_top(t) : t->gs_base);
}
