/*
 * The loader's part of syscall-site rewriting: find the slots cocoon-rewrite's note names,
 * in the program, its interpreter and the rewritten libraries its loader maps, and fill
 * them with the kernel's entries; and the GS base they find the kernel stack with.
 */
#include <linux/elf.h>
#include <stddef.h>

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/fpu.h"
#include "arch/x86_64/paging.h"
#include "direct_syscall.h"
#include "kernel/kernel.h"
#include "kernel/fs/vfs.h"
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

static bool is_slot_note(const struct cocoon_note *n)
{
	return n->h.n_type == COCOON_NOTE_SYSCALL_SLOTS && n->h.n_namesz == sizeof(COCOON_NOTE_NAME) &&
	       n->h.n_descsz == 8 && memcmp(n->name, COCOON_NOTE_NAME, sizeof(COCOON_NOTE_NAME)) == 0;
}

/* The slot table's address as linked, from a PT_NOTE of the program read where it is loaded; or 0. */
static uint64_t note_slots(uint64_t base, const Elf64_Phdr *p)
{
	for (uint64_t off = 0; off + sizeof(struct cocoon_note) <= p->p_filesz;) {
		uint64_t at = base + p->p_vaddr + off;
		if (!vm_check(at, sizeof(struct cocoon_note), PAGE_READ))
			return 0;
		struct cocoon_note n;
		memcpy(&n, (const void *)at, sizeof(n));
		if (is_slot_note(&n))
			return n.slots;
		off += sizeof(n.h) + ((n.h.n_namesz + 3ull) & ~3ull) + ((n.h.n_descsz + 3ull) & ~3ull);
	}
	return 0;
}

/* Write into the program's memory, read-only or not, through the kernel's mapping (len within a page). */
static void poke(uint64_t at, const void *v, size_t len)
{
	vm_populate(at, len, true); /* a page of its own, if fork or the page cache shares it */
	memcpy(phys_to_virt(vm_frame(at) + (at & (PAGE_SIZE - 1))), v, len);
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

/* What the kernel writes into slot i. */
static uint64_t entry_for(unsigned i)
{
	for (const struct direct_leaf *l = __direct_leaf_start; l < __direct_leaf_end; l++)
		if (l->nr == i)
			return (uint64_t)l->entry;
	return (uint64_t)syscall_direct;
}

/*
 * Fill the table at `table` in the caller's memory, keeping its address (gs_base_set
 * empties them again), if there is room: a table mapped again is filled again.
 */
static void table_fill(struct proc *p, uint64_t table)
{
	unsigned i = 0;
	while (i < p->ndirect && p->direct_tables[i] != table)
		i++;
	if (!p->direct_on || i == PROC_DIRECT_TABLES || (table & 7) || !vm_check(table, 8 * COCOON_SLOTS, PAGE_READ))
		return;
	if (i == p->ndirect)
		p->direct_tables[p->ndirect++] = table;
	uint64_t *page = 0;
	for (unsigned k = 0; k < COCOON_SLOTS; k++) {
		uint64_t at = table + 8ull * k;
		if (!page || !(at & (PAGE_SIZE - 1))) {
			vm_populate(at, 8, true); /* a page of its own, if fork or the page cache shares it */
			page = phys_to_virt(vm_frame(PAGE_DOWN(at)));
		}
		page[(at & (PAGE_SIZE - 1)) / 8] = entry_for(k);
	}
}

/* Is the table at `table` still one the kernel filled (its mapping may have been replaced)? */
static bool table_filled(uint64_t table)
{
	if (!loaded(table, 8) || !loaded(table + 8 * (COCOON_SLOTS - 1), 8))
		return false;
	for (unsigned i = 0; i < COCOON_SLOTS; i++)
		if (*(const uint64_t *)phys_to_virt(vm_frame(table + 8ull * i) + ((table + 8ull * i) & (PAGE_SIZE - 1))) !=
		    entry_for(i))
			return false;
	return true;
}

void direct_syscall_exec(struct proc *p)
{
	p->direct_on = direct_syscall_entry() != 0;
	p->ndirect = 0;
	p->loader_lo = p->loader_hi = 0;
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

/* The index of the program header holding cocoon-rewrite's note, its table (as linked) in *table; or -1. */
static int find_note(const Elf64_Phdr *ph, unsigned phnum, uint64_t base, uint64_t *table)
{
	for (unsigned i = 0; i < phnum; i++)
		if (ph[i].p_type == PT_NOTE && (*table = note_slots(base, &ph[i])))
			return (int)i;
	return -1;
}

unsigned direct_syscall_setup(const Elf64_Phdr *ph, unsigned phnum, uint64_t base, uint64_t ehdr, uint64_t phdr)
{
	uint64_t table = 0;
	int i = find_note(ph, phnum, base, &table);
	if (i < 0)
		return phnum;
	table_fill(proc_current(), base + table);
	return (unsigned)i + 1 == phnum && i > 0 && ph[i - 1].p_type == PT_LOAD ? hide_headers(ph, phnum, ehdr, phdr)
										   : phnum;
}

void direct_syscall_interp(const Elf64_Phdr *ph, unsigned phnum, uint64_t base)
{
	struct proc *p = proc_current();
	uint64_t table = 0;
	p->loader_lo = UINT64_MAX;
	p->loader_hi = 0;
	for (unsigned i = 0; i < phnum; i++) {
		if (ph[i].p_type != PT_LOAD || !ph[i].p_memsz)
			continue;
		if (base + ph[i].p_vaddr < p->loader_lo)
			p->loader_lo = base + ph[i].p_vaddr;
		if (base + ph[i].p_vaddr + ph[i].p_memsz > p->loader_hi)
			p->loader_hi = base + ph[i].p_vaddr + ph[i].p_memsz;
	}
	if (find_note(ph, phnum, base, &table) >= 0)
		table_fill(p, base + table);
}

uint64_t direct_syscall_entry(void)
{
	return cpu_hwcap2() & HWCAP2_FSGSBASE ? (uint64_t)syscall_direct : 0;
}

bool direct_syscall_from_loader(void)
{
	const struct proc *p = proc_current();
	uint64_t rip = thread_uregs(current())->rip;
	return rip >= p->loader_lo && rip < p->loader_hi;
}

/*
 * Where a rewritten file's slot table lies in the file: its note read through its
 * headers; -1 if it has none. Kept in the open file, as ld.so maps a library in parts.
 */
static int64_t slots_offset(struct file *f)
{
	if (f->slots_off)
		return f->slots_off;
	f->slots_off = -1;
	Elf64_Ehdr eh;
	Elf64_Phdr ph[32];
	if (vfs_read_kernel(f, &eh, sizeof(eh), 0) != sizeof(eh) || eh.e_phentsize != sizeof(Elf64_Phdr) ||
	    eh.e_phnum > 32)
		return -1;
	long want = (long)(eh.e_phnum * sizeof(Elf64_Phdr));
	if (vfs_read_kernel(f, ph, (size_t)want, (int64_t)eh.e_phoff) != want)
		return -1;
	uint64_t table = 0;
	for (unsigned i = 0; i < eh.e_phnum && !table; i++) {
		struct cocoon_note n;
		if (ph[i].p_type == PT_NOTE && ph[i].p_filesz >= sizeof(n) &&
		    vfs_read_kernel(f, &n, sizeof(n), (int64_t)ph[i].p_offset) == sizeof(n) && is_slot_note(&n))
			table = n.slots;
	}
	for (unsigned i = 0; i < eh.e_phnum && table; i++)
		if (ph[i].p_type == PT_LOAD && table >= ph[i].p_vaddr && table - ph[i].p_vaddr < ph[i].p_filesz &&
		    ph[i].p_filesz - (table - ph[i].p_vaddr) >= 8 * COCOON_SLOTS)
			f->slots_off = (int64_t)(ph[i].p_offset + (table - ph[i].p_vaddr));
	return f->slots_off;
}

void direct_syscall_mapped(struct file *f, uint64_t addr, uint64_t len, uint64_t offset, int prot)
{
	struct proc *p = proc_current();
	if (!f->rewritten || !p->direct_on || !(prot & PAGE_EXEC))
		return;
	int64_t at = slots_offset(f);
	if (at >= 0 && (uint64_t)at >= offset && (uint64_t)at - offset + 8 * COCOON_SLOTS <= len)
		table_fill(p, addr + ((uint64_t)at - offset));
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
		for (unsigned t = 0; t < p->ndirect; t++)
			if (table_filled(p->direct_tables[t]))
				for (unsigned i = 0; i < COCOON_SLOTS; i++)
					poke_word(p->direct_tables[t] + 8ull * i, 0);
		p->ndirect = 0;
	}
	current()->gs_base = v;
	gs_base_write(v);
}

void gs_base_load(const struct thread *t)
{
	gs_base_write(t->proc->direct_on ? kstack_top(t) : t->gs_base);
}
