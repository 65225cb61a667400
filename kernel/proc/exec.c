/*
 * Start the program as Linux starts a static executable: its PT_LOAD segments
 * at their addresses (position-independent ones at a fixed base), the heap
 * after them, and a first stack with argc, argv, envp and the auxiliary vector.
 */
#include <linux/auxvec.h>
#include <linux/elf.h>

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/fpu.h"
#include "arch/x86_64/gdt.h"
#include "direct_syscall.h"
#include "drivers/monitor/hypercall.h"
#include "exec.h"
#include "kernel/kernel.h"
#include "proc.h"
#include "kernel/sched/sched.h"
#include "kernel/sched/thread.h"
#include "vdso.h"
#include "kernel/mm/vm.h"

#define DYN_BASE 0x555555554000ULL

struct loaded {
	uint64_t entry;
	uint64_t phdr;
	uint64_t phnum;
	int stack_prot;
};

static int elf_prot(uint32_t flags)
{
	return ((flags & PF_R) ? PAGE_READ : 0) | ((flags & PF_W) ? PAGE_WRITE : 0) |
	       ((flags & PF_X) ? PAGE_EXEC : 0);
}

/*
 * Have the monitor read file bytes straight into the frames behind mapped
 * pages (which may be read-only), one request per physically contiguous run.
 */
static void load_from_file(uint64_t va, uint64_t offset, uint64_t len)
{
	while (len) {
		uint64_t off = va & (PAGE_SIZE - 1), frame = page_frame(va), span = PAGE_SIZE;
		while (span - off < len && page_frame(va - off + span) == frame + span)
			span += PAGE_SIZE;
		uint64_t run = span - off < len ? span - off : len;
		struct hc_load req = { .offset = offset, .gpa = frame + off, .len = run };
		hypercall(HC_LOAD, &req);
		if (req.ret != (int64_t)run)
			panic("cannot load the program: reading its file failed (%ld)", req.ret);
		va += run;
		offset += run;
		len -= run;
	}
}

static void load_segment(uint64_t base, const Elf64_Phdr *p)
{
	uint64_t start = PAGE_DOWN(base + p->p_vaddr);
	uint64_t end = PAGE_UP(base + p->p_vaddr + p->p_memsz);
	if (!vm_range_free(start, end - start) || vm_map(start, end - start, elf_prot(p->p_flags)) < 0)
		panic("cannot load the program: segment at %#lx overlaps another", start);
	/* File-backed pages now; the rest of .bss as the program touches it. */
	if (vm_populate(start, PAGE_UP(base + p->p_vaddr + p->p_filesz) - start) < 0)
		panic("cannot load the program: out of memory");
	load_from_file(base + p->p_vaddr, p->p_offset, p->p_filesz);
}

/* The monitor checked the file; the headers are checked again so they cannot hurt us. */
static void load_elf(const uint8_t *img, uint64_t size, struct loaded *out)
{
	const Elf64_Ehdr *eh = (const void *)img;
	if (size < sizeof(*eh) || eh->e_phoff > size || eh->e_phnum * sizeof(Elf64_Phdr) > size - eh->e_phoff)
		panic("cannot load the program: bad ELF header");
	const Elf64_Phdr *ph = (const void *)(img + eh->e_phoff);
	uint64_t base = eh->e_type == ET_DYN ? DYN_BASE : 0, brk = 0, ehdr = 0;

	out->phdr = 0;
	out->entry = base + eh->e_entry;
	out->stack_prot = PAGE_READ | PAGE_WRITE;
	for (int i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *p = &ph[i];
		if (p->p_type == PT_GNU_STACK && (p->p_flags & PF_X))
			out->stack_prot |= PAGE_EXEC;
		if (p->p_type == PT_PHDR)
			out->phdr = base + p->p_vaddr;
		if (p->p_type != PT_LOAD || p->p_memsz == 0)
			continue;
		if (p->p_filesz > p->p_memsz)
			panic("cannot load the program: bad segment %d", i);
		load_segment(base, p);
		if (p->p_offset == 0)
			ehdr = base + p->p_vaddr;
		if (!out->phdr && eh->e_phoff >= p->p_offset && eh->e_phoff < p->p_offset + p->p_filesz)
			out->phdr = base + p->p_vaddr + (eh->e_phoff - p->p_offset);
		if (PAGE_UP(base + p->p_vaddr + p->p_memsz) > brk)
			brk = PAGE_UP(base + p->p_vaddr + p->p_memsz);
	}
	vm_brk_init(brk);
	out->phnum = direct_syscall_setup(ph, eh->e_phnum, base, ehdr, out->phdr);
}

static uint64_t push_bytes(uint64_t sp, const void *src, uint64_t len)
{
	sp -= len;
	memcpy((void *)sp, src, len);
	return sp;
}

/*
 * The first stack, top down: the strings the monitor laid out (arguments,
 * environment, AT_EXECFN, a zero word), mapped in place rather than copied;
 * the platform string; 16 random bytes; then, 16-byte aligned: argc, argv[],
 * NULL, envp[], NULL, auxv pairs.
 */
static uint64_t build_stack(const struct loaded *ld)
{
	if (vm_map(USER_VTOP - STACK_SIZE, STACK_SIZE, ld->stack_prot) < 0)
		panic("cannot map the stack");
	uint64_t top = USER_VTOP - boot->strings_pages * PAGE_SIZE;
	for (uint64_t i = 0; i < boot->strings_pages; i++)
		if (page_map(top + i * PAGE_SIZE, boot->strings_gpa + i * PAGE_SIZE, ld->stack_prot) < 0)
			panic("cannot map the stack");
	uint64_t strs = USER_VTOP - boot->strings_size;
	const uint32_t *offsets = phys_to_virt(boot->offsets_gpa);
	int argc = (int)boot->argc, n = argc + (int)boot->envc;
	uint64_t execfn = strs + offsets[n];
	uint64_t platform = push_bytes(strs, "x86_64", 7);

	static uint8_t random[16];
	struct hc_buf rq = { .buf = virt_to_phys(random), .len = sizeof(random) };
	hypercall(HC_RANDOM, &rq);
	if (rq.ret != sizeof(random))
		panic("no random bytes for AT_RANDOM");
	uint64_t rnd = push_bytes(platform, random, sizeof(random)) & ~15ULL;

	const uint64_t auxv[][2] = {
		{ AT_HWCAP, cpu_hwcap() },
		{ AT_PAGESZ, PAGE_SIZE },
		{ AT_CLKTCK, 100 },
		{ AT_PHDR, ld->phdr },
		{ AT_PHENT, sizeof(Elf64_Phdr) },
		{ AT_PHNUM, ld->phnum },
		{ AT_BASE, 0 },
		{ AT_FLAGS, 0 },
		{ AT_ENTRY, ld->entry },
		{ AT_UID, boot->uid },
		{ AT_EUID, boot->euid },
		{ AT_GID, boot->gid },
		{ AT_EGID, boot->egid },
		{ AT_SECURE, 0 },
		{ AT_RANDOM, rnd },
		{ AT_HWCAP2, cpu_hwcap2() },
		{ AT_EXECFN, execfn },
		{ AT_PLATFORM, platform },
		{ AT_SYSINFO_EHDR, vdso_map() },
		{ AT_NULL, 0 },
	};
	uint64_t words = 1 + (uint64_t)n + 2 + 2 * ARRAY_SIZE(auxv);
	uint64_t sp = (rnd - words * 8) & ~15ULL;

	uint64_t *w = (uint64_t *)sp;
	*w++ = (uint64_t)argc;
	for (int i = 0; i < n; i++) {
		if (i == argc)
			*w++ = 0;
		*w++ = strs + offsets[i];
	}
	if (n == argc)
		*w++ = 0;
	*w++ = 0;
	memcpy(w, auxv, sizeof(auxv));
	return sp;
}

void exec_start(void)
{
	struct loaded ld;
	load_elf(phys_to_virt(boot->image_gpa), boot->image_size, &ld);
	/* As Linux starts a static program: all registers zero but RSP, interrupts on, clean FPU. */
	struct uregs regs = {
		.rip = ld.entry,
		.cs = GDT_CODE,
		.rflags = RFLAGS_IF | RFLAGS_RESERVED,
		.rsp = build_stack(&ld),
		.ss = GDT_DATA,
	};
	struct thread *t = thread_create(&regs, 0);
	if (!t)
		panic("no memory for the first thread");
	fpu_init_area(t->fpu);
	sched_wake(t, WAKE_EVENT);
}
