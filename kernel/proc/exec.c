/*
 * Start a program as Linux starts a static executable: its PT_LOAD segments
 * at their addresses (position-independent ones at a fixed base), the heap
 * after them, and a first stack with argc, argv, envp and the auxiliary
 * vector. The first program's bytes come from the monitor; execve's from a
 * file.
 */
#include <linux/auxvec.h>

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/fpu.h"
#include "arch/x86_64/gdt.h"
#include "direct_syscall.h"
#include "drivers/monitor/hypercall.h"
#include "exec.h"
#include "kernel/fs/filemap.h"
#include "kernel/fs/fd.h"
#include "kernel/ipc/ipc.h"
#include "kernel/kernel.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/pcache.h"
#include "kernel/mm/uaccess.h"
#include "kernel/mm/vm.h"
#include "kernel/sched/sched.h"
#include "kernel/sched/thread.h"
#include "kernel/signal/signal.h"
#include "kernel/uapi.h"
#include "proc.h"
#include "rlimit.h"
#include "vdso.h"

#define DYN_BASE 0x555555554000ULL

struct loaded {
	uint64_t entry;  /* the program's (AT_ENTRY) */
	uint64_t start;  /* where it starts: its entry, or its interpreter's */
	uint64_t base;   /* the interpreter's load address (AT_BASE), 0 if none */
	uint64_t phdr;
	uint64_t phnum;
	int stack_prot;
};

static int elf_prot(uint32_t flags)
{
	return ((flags & PF_R) ? PAGE_READ : 0) | ((flags & PF_W) ? PAGE_WRITE : 0) |
	       ((flags & PF_X) ? PAGE_EXEC : 0);
}

/* Read len bytes at offset of the program into kernel memory at gpa: false if the file gave fewer. */
static bool read_bytes(struct file *f, uint64_t gpa, uint64_t offset, uint64_t len)
{
	if (!f) {
		struct hc_load req = { .offset = offset, .gpa = gpa, .len = len };
		hypercall(HC_LOAD, &req);
		return req.ret == (int64_t)len;
	}
	struct kiovec iov = { phys_to_virt(gpa), len };
	uaccess_kernel_begin(iov.base, len);
	long got = f->ops->readv ? f->ops->readv(f, &iov, 1, (int64_t)offset) : -EINVAL;
	uaccess_kernel_end();
	return got == (long)len;
}

/* The file's bytes straight into the frames behind mapped pages (which may be read-only), a run of neighbouring frames at a time. */
static bool load_from_file(struct file *f, uint64_t va, uint64_t offset, uint64_t len)
{
	while (len) {
		uint64_t off = va & (PAGE_SIZE - 1), frame = vm_frame(va), span = PAGE_SIZE;
		while (span - off < len && vm_frame(va - off + span) == frame + span)
			span += PAGE_SIZE;
		uint64_t run = span - off < len ? span - off : len;
		if (!read_bytes(f, frame + off, offset, run))
			return false;
		va += run;
		offset += run;
		len -= run;
	}
	return true;
}

/*
 * The segment's file pages as a private mapping of the file's cached pages,
 * read when touched, as Linux maps them (the bytes around the segment on its
 * first and last page included); .bss begins zeroed on a copy of the last.
 * 1 when f has no cache (its bytes are loaded instead), else 0 or -errno.
 */
static long map_cached(struct file *f, uint64_t base, const Elf64_Phdr *p)
{
	uint64_t start = PAGE_DOWN(base + p->p_vaddr), va_end = base + p->p_vaddr + p->p_filesz;
	uint64_t tail = va_end & (PAGE_SIZE - 1);
	/* The zeroes begin inside a page only a write may copy. */
	if (tail && p->p_memsz > p->p_filesz && !(p->p_flags & PF_W))
		return 1;
	long err = pcache_map(f, start, PAGE_UP(va_end) - start, elf_prot(p->p_flags), PAGE_DOWN(p->p_offset));
	if (!err && tail && p->p_memsz > p->p_filesz) {
		err = vm_populate(PAGE_DOWN(va_end), 1, true);
		if (!err)
			memset((char *)phys_to_virt(vm_frame(PAGE_DOWN(va_end))) + tail, 0, PAGE_SIZE - tail);
	}
	return err;
}

/* The segment in fresh pages, its file's bytes read in now and .bss as the program touches it. */
static const char *load_copy(struct file *f, uint64_t base, const Elf64_Phdr *p)
{
	uint64_t start = PAGE_DOWN(base + p->p_vaddr);
	uint64_t end = PAGE_UP(base + p->p_vaddr + p->p_memsz);
	if (vm_map(start, end - start, elf_prot(p->p_flags)) < 0)
		return "a segment overlaps another";
	if (vm_populate(start, PAGE_UP(base + p->p_vaddr + p->p_filesz) - start, false) < 0)
		return "out of memory";
	if (!load_from_file(f, base + p->p_vaddr, p->p_offset, p->p_filesz))
		return "reading its file failed";
	return 0;
}

static const char *load_segment(struct file *f, const char *name, uint64_t base, const Elf64_Phdr *p)
{
	uint64_t start = PAGE_DOWN(base + p->p_vaddr);
	uint64_t end = PAGE_UP(base + p->p_vaddr + p->p_memsz);
	uint64_t file_end = PAGE_UP(base + p->p_vaddr + p->p_filesz);
	if (!vm_range_free(start, end - start))
		return "a segment overlaps another";
	long uncached = f && p->p_filesz ? map_cached(f, base, p) : 1;
	if (uncached < 0)
		return uncached == -ENOMEM ? "out of memory" : "reading its file failed";
	const char *why = uncached ? load_copy(f, base, p) : 0;
	if (!uncached && end > file_end && vm_map(file_end, end - file_end, elf_prot(p->p_flags)) < 0)
		why = "out of memory";
	if (why)
		return why;
	/* The file-backed pages show as the file's in /proc/self/maps; .bss past them is anonymous. */
	if (name && file_end > start && vm_set_file(start, file_end - start, name, PAGE_DOWN(p->p_offset)) < 0)
		return "out of memory";
	return 0;
}

int exec_interp_index(const Elf64_Ehdr *eh, const Elf64_Phdr *ph)
{
	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_INTERP)
			return i;
	return -1;
}

/* An interpreter goes where mmap would put its span, as Linux places it. */
static uint64_t interp_base(const Elf64_Ehdr *eh, const Elf64_Phdr *ph)
{
	uint64_t lo = UINT64_MAX, hi = 0;
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD || ph[i].p_memsz == 0)
			continue;
		if (PAGE_DOWN(ph[i].p_vaddr) < lo)
			lo = PAGE_DOWN(ph[i].p_vaddr);
		if (PAGE_UP(ph[i].p_vaddr + ph[i].p_memsz) > hi)
			hi = PAGE_UP(ph[i].p_vaddr + ph[i].p_memsz);
	}
	uint64_t at = hi > lo ? vm_find_free(hi - lo) : 0;
	return at ? at - lo : 0;
}

/* An interpreter's segments at base: its entry, or 0 with *why set. */
static uint64_t load_interp(const struct exec_image *im, uint64_t base, const char **why)
{
	for (int i = 0; i < im->eh->e_phnum && !*why; i++) {
		const Elf64_Phdr *p = &im->ph[i];
		if (p->p_type != PT_LOAD || p->p_memsz == 0)
			continue;
		*why = p->p_filesz > p->p_memsz ? "a bad segment in its interpreter"
						 : load_segment(im->file, im->file->path, base, p);
	}
	return *why ? 0 : base + im->eh->e_entry;
}

/* The interpreter beside the loaded program: where it starts, and AT_BASE; or why not. */
static const char *add_interp(struct loaded *ld, const struct exec_image *interp)
{
	const char *why = 0;
	ld->base = interp_base(interp->eh, interp->ph);
	if (!ld->base)
		return "no room for its interpreter";
	ld->start = load_interp(interp, ld->base, &why);
	if (!why)
		direct_syscall_interp(interp->ph, interp->eh->e_phnum, ld->base);
	return why;
}

/* The headers were checked, by the monitor or execve, and are checked again here so they cannot hurt us. */
static const char *load_elf(struct file *f, const Elf64_Ehdr *eh, const Elf64_Phdr *ph, struct loaded *out)
{
	uint64_t base = eh->e_type == ET_DYN ? DYN_BASE : 0, brk = 0, ehdr = 0;

	out->phdr = 0;
	out->entry = out->start = base + eh->e_entry;
	out->base = 0;
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
			return "a bad segment";
		const char *why = load_segment(f, f ? f->path : proc_exe(), base, p);
		if (why)
			return why;
		if (p->p_offset == 0)
			ehdr = base + p->p_vaddr;
		if (!out->phdr && eh->e_phoff >= p->p_offset && eh->e_phoff < p->p_offset + p->p_filesz)
			out->phdr = base + p->p_vaddr + (eh->e_phoff - p->p_offset);
		if (PAGE_UP(base + p->p_vaddr + p->p_memsz) > brk)
			brk = PAGE_UP(base + p->p_vaddr + p->p_memsz);
	}
	vm_brk_init(brk);
	out->phnum = direct_syscall_setup(ph, eh->e_phnum, base, ehdr, out->phdr);
	return 0;
}

static uint64_t push_bytes(uint64_t sp, const void *src, uint64_t len)
{
	sp -= len;
	memcpy((void *)sp, src, len);
	return sp;
}

/*
 * The first stack, top down: the strings (arguments, environment, AT_EXECFN,
 * a zero word) already there, at str[i]; the platform string; 16 random
 * bytes; then, 16-byte aligned: argc, argv[], NULL, envp[], NULL, auxv pairs.
 */
static uint64_t build_stack(const struct loaded *ld, uint64_t strs, const uint64_t *str, int argc, int envc,
			    uint64_t execfn)
{
	int n = argc + envc;
	const struct cred *c = &proc_current()->cred;
	uint64_t platform = push_bytes(strs, "x86_64", 7);

	uint8_t random[16];
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
		{ AT_BASE, ld->base },
		{ AT_FLAGS, 0 },
		{ AT_ENTRY, ld->entry },
		{ AT_UID, c->uid[CRED_REAL] },
		{ AT_EUID, c->uid[CRED_EFFECTIVE] },
		{ AT_GID, c->gid[CRED_REAL] },
		{ AT_EGID, c->gid[CRED_EFFECTIVE] },
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

	struct proc_layout *l = &proc_current()->layout;
	l->arg_start = n ? str[0] : execfn;
	l->arg_end = l->env_start = argc < n ? str[argc] : execfn;
	l->env_end = execfn;
	l->start_stack = sp;
	l->auxv_len = sizeof(auxv);

	uint64_t *w = (uint64_t *)sp;
	*w++ = (uint64_t)argc;
	for (int i = 0; i < n; i++) {
		if (i == argc)
			*w++ = 0;
		*w++ = str[i];
	}
	if (n == argc)
		*w++ = 0;
	*w++ = 0;
	l->auxv = (uint64_t)w;
	memcpy(w, auxv, sizeof(auxv));
	return sp;
}

/* As Linux starts a static program: all registers zero but RSP, interrupts on. */
static struct uregs start_regs(const struct loaded *ld, uint64_t sp)
{
	return (struct uregs){
		.rip = ld->start,
		.cs = GDT_CODE,
		.rflags = RFLAGS_IF | RFLAGS_RESERVED,
		.rsp = sp,
		.ss = GDT_DATA,
	};
}

/* The monitor laid the strings out at the top of memory: they are mapped in place rather than copied. */
static uint64_t first_stack(const struct loaded *ld)
{
	if (vm_map(USER_VTOP - STACK_SIZE, STACK_SIZE, ld->stack_prot) < 0)
		panic("cannot map the stack");
	uint64_t top = USER_VTOP - boot->strings_pages * PAGE_SIZE;
	for (uint64_t i = 0; i < boot->strings_pages; i++)
		if (vm_place(top + i * PAGE_SIZE, boot->strings_gpa + i * PAGE_SIZE) < 0)
			panic("cannot map the stack");
	uint64_t strs = USER_VTOP - boot->strings_size;
	const uint32_t *offsets = phys_to_virt(boot->offsets_gpa);
	int argc = (int)boot->argc, n = argc + (int)boot->envc;
	uint64_t *str = kalloc((size_t)(n + 1) * sizeof(*str));
	if (!str)
		panic("no memory for %d arguments and variables", n);
	for (int i = 0; i < n; i++)
		str[i] = strs + offsets[i];
	uint64_t sp = build_stack(ld, strs, str, argc, n - argc, strs + offsets[n]);
	kfree(str, (size_t)(n + 1) * sizeof(*str));
	return sp;
}

/*
 * A dynamically linked first program: its interpreter comes from the mounts,
 * as execve's would. A missing one ends the machine with 127 and one line, as
 * a shell reports a program it cannot find.
 */
static void first_interp(struct loaded *ld, const Elf64_Phdr *p)
{
	/* The name lies past the headers the monitor placed in memory: read from the file. */
	char *head = kalloc(EXEC_HEAD_MAX), *path = kalloc(PROC_PATH_MAX);
	if (!head || !path || p->p_filesz < 2 || p->p_filesz > PROC_PATH_MAX ||
	    !read_bytes(0, virt_to_phys(path), p->p_offset, p->p_filesz) || path[p->p_filesz - 1])
		panic("cannot load the program: a bad interpreter name");
	struct file *f;
	const Elf64_Phdr *ph;
	long err = exec_interp_open(path, head, &f, &ph);
	if (err) {
		kmsg("cannot run the program: its interpreter %s: error %ld (mount the directory it is in)\n", path, -err);
		proc_exit(127);
	}
	const Elf64_Ehdr *eh = (const void *)head;
	struct exec_image im = { f, eh, ph };
	const char *why = add_interp(ld, &im);
	if (why)
		panic("cannot load the program: %s", why);
	file_put(f);
	kfree(head, EXEC_HEAD_MAX);
	kfree(path, PROC_PATH_MAX);
}

void exec_start(void)
{
	struct proc *p = proc_first();
	const uint8_t *img = phys_to_virt(boot->image_gpa);
	const Elf64_Ehdr *eh = (const void *)img;
	if (boot->image_size < sizeof(*eh) || eh->e_phoff > boot->image_size ||
	    eh->e_phnum * sizeof(Elf64_Phdr) > boot->image_size - eh->e_phoff)
		panic("cannot load the program: bad ELF header");
	const Elf64_Phdr *ph = (const void *)(img + eh->e_phoff);
	struct loaded ld;
	direct_syscall_exec(p);
	const char *why = load_elf(0, eh, ph, &ld);
	if (why)
		panic("cannot load the program: %s", why);
	int i = exec_interp_index(eh, ph);
	if (i >= 0)
		first_interp(&ld, &ph[i]);
	struct uregs regs = start_regs(&ld, first_stack(&ld));
	struct thread *t = thread_create(p, &regs, 0);
	if (!t)
		panic("no memory for the first thread");
	fpu_init_area(t->fpu);
	sched_wake(t, WAKE_EVENT);
}

/* execve's strings onto the new stack, in order, ending at its top with a zero word. */
static uint64_t copy_strings(const struct exec_strings *s, uint64_t *str, uint64_t *execfn)
{
	int n = s->argc + s->envc;
	uint64_t at = USER_VTOP - 8;
	uint64_t zero = 0;
	memcpy((void *)at, &zero, sizeof(zero));
	size_t len = strlen(s->execfn) + 1;
	at -= len;
	memcpy((void *)at, s->execfn, len);
	*execfn = at;
	for (int i = n - 1; i >= 0; i--) {
		len = strlen(s->str[i]) + 1;
		at -= len;
		memcpy((void *)at, s->str[i], len);
		str[i] = at;
	}
	return at;
}

/* The address space the new program replaces goes, with its shared memory attachments. */
static void drop_old(struct mm *old)
{
	if (mm_users(old) == 1) {
		shm_forget(old);
		filemap_forget(old);
	}
	mm_put(old);
}

long exec_replace(const struct exec_image *prog, const struct exec_image *interp, const struct exec_strings *s)
{
	struct thread *t = current();
	struct proc *p = t->proc;
	proc_single_thread();
	size_t str_size = (size_t)(s->argc + s->envc + 1) * sizeof(uint64_t);
	struct mm *mm = mm_create();
	uint64_t *str = kalloc(str_size);
	if (!mm || !str) {
		if (mm)
			mm_put(mm);
		if (str)
			kfree(str, str_size);
		return -ENOMEM;
	}
	/* The point of no return: the old program goes. */
	struct mm *old = p->mm;
	p->mm = mm;
	mm_activate(t->cpu, mm);
	direct_syscall_exec(p);
	struct loaded ld;
	const char *why = load_elf(prog->file, prog->eh, prog->ph, &ld);
	if (!why && vm_map(USER_VTOP - STACK_SIZE, STACK_SIZE, ld.stack_prot) < 0)
		why = "no room for its stack";
	if (!why && interp)
		why = add_interp(&ld, interp);
	if (why) {
		kmsg("%s: cannot start the program: %s\n", s->execfn, why);
		drop_old(old);
		kfree(str, str_size);
		app_killed(SIGKILL);
	}
	uint64_t execfn;
	uint64_t strs = copy_strings(s, str, &execfn);
	uint64_t sp = build_stack(&ld, strs, str, s->argc, s->envc, execfn);
	kfree(str, str_size);
	if (p->vfork_parent) {
		sched_wake(p->vfork_parent, WAKE_EVENT);
		p->vfork_parent = 0;
	}
	drop_old(old);
	files_close_on_exec();
	signal_exec(p);
	t->altstack_sp = t->altstack_size = 0;
	t->altstack_flags = 0;
	t->clear_child_tid = t->robust_list = t->rseq_area = 0;
	t->sig_mask_saved = false;
	*thread_uregs(t) = start_regs(&ld, sp);
	t->frame_dirty = true;
	t->fs_base = 0;
	fs_base_write(0);
	t->gs_base = 0;
	gs_base_load(t);
	fpu_init_area(t->fpu);
	fpu_restore(t->fpu);
	return 0;
}
