/*
 * The loader's part of syscall-site rewriting: find the slots cocoon-rewrite's note names
 * and fill them with the kernel's entries; and the GS base they find the kernel stack with.
 */
#include <linux/elf.h>
#include <stddef.h>

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/fpu.h"
#include "arch/x86_64/paging.h"
#include "direct_syscall.h"
#include "kernel/kernel.h"
#include "kernel/proc/proc.h"
#include "kernel/sched/thread.h"
#include "kernel/mm/vm.h"

#define HWCAP2_FSGSBASE 0x2ULL /* the direct entry reads the GS base with rdgsbase */

extern char syscall_direct[];
extern const struct direct_leaf __direct_leaf_start[], __direct_leaf_end[];


struct cocoon_note {
	Elf64_Nhdr h;
	char name[(sizeof(COCOON_NOTE_NAME) + 3) & ~3ul];
	uint64_t slots;
};

/* The slot table's address from a PT_NOTE of the program, read where it is loaded; or 0. */
static uint64_t note_slots(uint64_t base, const Elf64_Phdr *p)
{
	for (uint64_t off = 0; off + sizeof(struct cocoon_note) <= p->p_filesz;) {
		uint64_t at = base + p->p_vaddr + off;
		if (!vm_check(at, sizeof(struct cocoon_note), PAGE_READ))
			return 0;
		struct cocoon_note n;
		memcpy(&n, (const void *)at, sizeof(n));
		if (n.h.n_type == COCOON_NOTE_SYSCALL_SLOTS && n.h.n_namesz == sizeof(COCOON_NOTE_NAME) &&
		    n.h.n_descsz == 8 && memcmp(n.name, COCOON_NOTE_NAME, sizeof(COCOON_NOTE_NAME)) == 0)
			return n.slots;
		off += sizeof(n.h) + ((n.h.n_namesz + 3ull) & ~3ull) + ((n.h.n_descsz + 3ull) & ~3ull);
	}
	return 0;
}

/* Write into the program's memory, read-only or not, through the kernel's mapping (len within a page). */
static void poke(uint64_t at, const void *v, size_t len)
{
	vm_populate(at, len, true); /* a page of its own, if fork shares it */
	memcpy(phys_to_virt(vm_frame(at) + (at & (PAGE_SIZE - 1))), v, len);
}

static void slot_write(const struct proc *p, unsigned i, uint64_t v)
{
	poke(p->direct_slots + 8ull * i, &v, sizeof(v));
}

static bool loaded(uint64_t at, size_t len)
{
	return vm_check(at, len, PAGE_READ) && vm_frame(at);
}

/* An aligned word never crosses a page. */
static void poke_word(uint64_t at, uint64_t v)
{
	if (!(at & 7) && loaded(at, sizeof(v)))
		poke(at, &v, sizeof(v));
}

/*
 * cocoon-rewrite's segment and note come last among the program headers: the program's
 * ELF header and PT_PHDR in memory are made to leave them out, as AT_PHNUM does, so it
 * sees the headers it was linked with. Returns their count.
 */
static unsigned hide_headers(const Elf64_Phdr *ph, unsigned phnum, uint64_t ehdr, uint64_t phdr)
{
	uint16_t shown = (uint16_t)(phnum - 2);
	uint64_t size = shown * sizeof(Elf64_Phdr), at = ehdr + offsetof(Elf64_Ehdr, e_phnum);
	if (ehdr && !(at & 1) && loaded(at, sizeof(shown)))
		poke(at, &shown, sizeof(shown));
	for (unsigned i = 0; i < shown; i++) {
		uint64_t entry = phdr + i * sizeof(Elf64_Phdr);
		if (ph[i].p_type == PT_PHDR && phdr) {
			poke_word(entry + offsetof(Elf64_Phdr, p_filesz), size);
			poke_word(entry + offsetof(Elf64_Phdr, p_memsz), size);
		}
	}
	return shown;
}

unsigned direct_syscall_setup(const Elf64_Phdr *ph, unsigned phnum, uint64_t base, uint64_t ehdr, uint64_t phdr)
{
	uint64_t table = 0, last;
	unsigned shown = phnum;
	for (unsigned i = 0; i < phnum && !table; i++)
		if (ph[i].p_type == PT_NOTE && (table = note_slots(base, &ph[i])) && i + 1 == phnum && i > 0 &&
		    ph[i - 1].p_type == PT_LOAD)
			shown = hide_headers(ph, phnum, ehdr, phdr);
	if (!table || (table & 7) || !vm_check(base + table, 8 * COCOON_SLOTS, PAGE_READ))
		return shown;
	last = base + table + 8 * (COCOON_SLOTS - 1);
	if (!vm_frame(base + table) || !vm_frame(last) || !(cpu_hwcap2() & HWCAP2_FSGSBASE))
		return shown;
	struct proc *p = proc_current();
	p->direct_slots = base + table;
	p->direct_stub = *(const uint64_t *)p->direct_slots;
	for (unsigned i = 0; i < COCOON_SLOTS; i++)
		slot_write(p, i, (uint64_t)syscall_direct);
	for (const struct direct_leaf *l = __direct_leaf_start; l < __direct_leaf_end; l++)
		slot_write(p, (unsigned)l->nr, (uint64_t)l->entry);
	p->direct_on = true;
	return shown;
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
	struct proc *p = proc_current();
	if (p->direct_on) {
		p->direct_on = false;
		for (unsigned i = 0; i < COCOON_SLOTS; i++)
			slot_write(p, i, p->direct_stub);
	}
	current()->gs_base = v;
	gs_base_write(v);
}

void gs_base_load(const struct thread *t)
{
	gs_base_write(t->proc->direct_on ? kstack_top(t) : t->gs_base);
}
