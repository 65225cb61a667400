/*
 * A syscall site is replaced by a 5-byte jmp that covers the syscall and some of its
 * neighbours, which move into the trampoline. That is only sound when no way into the
 * program reaches the middle of the covered bytes: every covered instruction but the
 * first must be entered only by falling through from the one before it (no branch,
 * jump table, call return, stored address or symbol leads there), they all belong to
 * one function, and each can run at another address (plain instructions, a final ret).
 */
#include <stddef.h>

#include "window.h"
#include "syscall_names.h"

#define JMP_SIZE 5
#define MAX_AROUND 4 /* neighbours looked at on each side */

/* Syscalls that must keep trapping because the trampoline's call uses the stack: those
 * that read the stack pointer they are made with or give a new one to a child (the
 * trampoline moves it below the red zone), and those made when the stack may be gone
 * (musl's __unmapself unmaps the thread's stack, then exits). A site that can make only
 * these keeps its syscall instruction; one that can make others too is rewritten, and
 * its trampoline makes these with a syscall instruction of its own. */
static const struct {
	const char *name, *why;
} stack_syscalls[] = {
	{"rt_sigreturn", "rt_sigreturn reads the stack pointer"},
	{"clone", "a new thread gets a stack pointer"},
	{"clone3", "a new thread gets a stack pointer"},
	{"vfork", "the child runs on the parent's stack"},
	{"munmap", "munmap may remove the stack under the call"},
	{"exit", "a thread may exit with its stack gone"},
};

#define NSTACK_SYSCALLS (sizeof(stack_syscalls) / sizeof(stack_syscalls[0]))
_Static_assert(NSTACK_SYSCALLS <= MUST_TRAP_MAX, "room for every number that must trap");

/* Fill W's trap list; the reason the site must keep trapping if it can make nothing else. */
static const char *must_trap(const struct valset *vals, struct window *w)
{
	const char *why = NULL;
	size_t others = vals->n;
	w->ntrap = 0;
	for (size_t i = 0; i < NSTACK_SYSCALLS; i++) {
		long nr = syscall_number(stack_syscalls[i].name);
		int possible = vals->unresolved;
		for (size_t v = 0; v < vals->n; v++)
			if (nr >= 0 && vals->v[v] == (uint64_t)nr) {
				possible = 1;
				others--;
				why = stack_syscalls[i].why;
			}
		if (possible && nr >= 0)
			w->trap[w->ntrap++] = (uint64_t)nr;
	}
	return others == 0 && !vals->unresolved ? why : NULL;
}

/* Labels right after a syscall whose address a signal handler compares with the
 * interrupted program counter: musl's (and newer glibc's) thread cancellation acts only
 * while that syscall is where the label says. Without symbols (Debian's musl libc.so)
 * such a label shows as an address that code computes, right after the syscall. */
static const char *const pc_checked_ends[] = {"__cp_end", "__syscall_cancel_arch_end"};

static int pc_checked(const struct scan *s, size_t site)
{
	const struct insn *in = &s->prog.insns[site];
	if (site + 1 < s->prog.ninsns && s->prog.insns[site + 1].addr == in->addr + in->size &&
	    s->cfg.entry[site + 1] == ENTRY_ADDRESS_TAKEN)
		return 1;
	for (size_t i = 0; i < sizeof(pc_checked_ends) / sizeof(pc_checked_ends[0]); i++)
		if (elf_symbol_is(&s->prog.img, in->addr + in->size, pc_checked_ends[i]))
			return 1;
	return 0;
}

/* Can instruction I be reached other than by falling through from I-1? */
static int entered_elsewhere(const struct scan *s, size_t i)
{
	const struct cfg *g = &s->cfg;
	const struct symbol *f = elf_func_at(&s->prog.img, s->prog.insns[i].addr);
	return g->entry[i] != ENTRY_KNOWN || g->pred_start[i] != g->pred_start[i + 1] || !cfg_falls_into(g, i) ||
	       (f && f->addr == s->prog.insns[i].addr);
}

/* Why instruction I cannot move into the trampoline as a neighbour, or NULL. LAST: it
 * would be the last one moved. */
static const char *cannot_move(const struct insn *in, int last)
{
	if (in->flow == FLOW_NEXT)
		return NULL;
	if (in->flow == FLOW_RET && last && in->size == 1)
		return NULL;
	return "a neighbour is a branch, call or another syscall";
}

static const char *check(const struct scan *s, const struct window *w)
{
	const struct insn *in = s->prog.insns;
	for (size_t i = w->first; i < w->last; i++)
		if (in[i].addr + in[i].size != in[i + 1].addr)
			return "a gap between the instructions";
	for (size_t i = w->first; i <= w->last; i++) {
		if (i == w->site)
			continue;
		const char *why = cannot_move(&in[i], i == w->last && i > w->site);
		if (why)
			return why;
	}
	for (size_t i = w->first + 1; i <= w->last; i++)
		if (entered_elsewhere(s, i))
			return "a branch target among the instructions to cover";
	const struct symbol *f = elf_func_at(&s->prog.img, w->start);
	if (!f || f != elf_func_at(&s->prog.img, w->end - 1))
		return "the instructions to cover are not in one function";
	return NULL;
}

const char *window_choose(const struct scan *s, size_t site, const struct valset *vals, uint64_t taken,
                          struct window *w)
{
	if (vals->n == 0 && !vals->unresolved)
		return "no path to it is known";
	struct window c = {0};
	const char *stack = must_trap(vals, &c);
	if (stack)
		return stack;
	const struct insn *in = s->prog.insns;
	if (pc_checked(s, site))
		return "thread cancellation checks the program counter at this syscall";
	const char *why = "not 5 bytes of movable instructions around it";
	uint64_t best = UINT64_MAX;
	for (size_t back = 0; back <= MAX_AROUND && back <= site; back++) {
		for (size_t ahead = 0; ahead <= MAX_AROUND && site + ahead < s->prog.ninsns; ahead++) {
			c.first = site - back;
			c.site = site;
			c.last = site + ahead;
			c.start = in[c.first].addr;
			c.end = in[c.last].addr + in[c.last].size;
			if (c.end - c.start < JMP_SIZE || c.end - c.start >= best)
				continue;
			if (c.start < taken) {
				if (best == UINT64_MAX)
					why = "the instructions before it moved with the site before";
				continue;
			}
			const char *bad = check(s, &c);
			if (bad) {
				if (best == UINT64_MAX)
					why = bad;
				continue;
			}
			best = c.end - c.start;
			*w = c;
		}
	}
	return best == UINT64_MAX ? why : NULL;
}
