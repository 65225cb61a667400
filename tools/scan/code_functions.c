/*
 * A stripped program's .eh_frame may leave code out: busybox's own code is built without
 * unwind tables, assembly may have no CFI, musl's libc.so has almost none. There, the
 * targets of direct calls are taken as function starts (a call goes to a function's
 * first instruction), and so are the targets of jumps out of a known function to code no
 * function covers (tail calls), so that what is decided per function (an unreadable
 * indirect jump, a no-return function, a window kept within one function) does not
 * spread over all of that code. Code entered only through a pointer (musl passes static
 * functions to __clone) starts at an address that code computes or data stores; such an
 * address may also be a table kept among the code (OpenSSL's), whose bytes no window may
 * cover, so it starts a function only if what follows decodes as code.
 */
#include <capstone/capstone.h>
#include <stdio.h>
#include <stdlib.h>

#include "code_functions.h"

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Add functions starting at the N addresses STARTS (sorted and made unique in place),
 * each running to the next start or function; decode again if one was not an
 * instruction start. Returns how many there are. */
static size_t add_starts(struct program *p, uint64_t *starts, size_t n)
{
	struct elf_image *img = &p->img;
	qsort(starts, n, sizeof(*starts), cmp_u64);
	size_t m = 0;
	for (size_t k = 0; k < n; k++)
		if (m == 0 || starts[k] != starts[m - 1])
			starts[m++] = starts[k];
	if (m == 0)
		return 0;
	size_t old = img->nfuncs;
	img->funcs = realloc(img->funcs, (old + m) * sizeof(*img->funcs));
	char *names = malloc(m * 24);
	if (!img->funcs || !names)
		fail("out of memory");
	int redecode = 0;
	for (size_t k = 0; k < m; k++) {
		uint64_t lo, hi; /* the gap it lies in, before it gets functions of its own */
		elf_region_at(img, starts[k], &lo, &hi);
		uint64_t end = k + 1 < m && starts[k + 1] < hi ? starts[k + 1] : hi;
		snprintf(names + 24 * k, 24, "sub_%lx", (unsigned long)starts[k]);
		img->funcs[old + k] = (struct symbol){starts[k], end - starts[k], names + 24 * k, 0};
		redecode |= insn_at(p, starts[k]) < 0;
	}
	img->nfuncs = old + m;
	elf_sort_functions(img);
	if (redecode)
		decode_program(p);
	return m;
}

/* Code no function covers at T, worth a function of its own? */
static int uncovered(const struct elf_image *img, uint64_t t)
{
	return !elf_func_at(img, t) && elf_in_code(img, t, 1);
}

void functions_from_calls(struct program *p)
{
	struct elf_image *img = &p->img;
	uint64_t *starts = malloc((p->ninsns + 1) * sizeof(*starts));
	if (!starts)
		fail("out of memory");
	size_t n = 0;
	for (size_t i = 0; i < p->ninsns; i++) {
		const struct insn *in = &p->insns[i];
		int tail_call = (in->flow == FLOW_JUMP || in->flow == FLOW_BRANCH) && elf_func_at(img, in->addr);
		if ((in->flow == FLOW_CALL || tail_call) && uncovered(img, in->target))
			starts[n++] = in->target;
	}
	add_starts(p, starts, n);
	free(starts);
}

/* Does the function S decode as code: every byte in an instruction, and the last one
 * that is not padding ending the flow (a table's bytes seldom do both)? */
static int looks_like_code(const struct program *p, const struct symbol *s)
{
	long i = insn_at(p, s->addr);
	if (i < 0)
		return 0;
	uint64_t at = s->addr;
	const struct insn *last = NULL;
	for (; (size_t)i < p->ninsns && p->insns[i].addr < s->addr + s->size; i++) {
		const struct insn *in = &p->insns[i];
		if (in->addr != at)
			return 0;
		at += in->size;
		if (in->id != X86_INS_NOP && in->id != X86_INS_INT3)
			last = in;
	}
	return at >= s->addr + s->size && last && last->flow != FLOW_NEXT && last->flow != FLOW_BRANCH;
}

void functions_from_pointers(struct program *p)
{
	struct elf_image *img = &p->img;
	uint64_t *starts = malloc((p->ninsns + img->nstored + 1) * sizeof(*starts));
	if (!starts)
		fail("out of memory");
	size_t n = 0;
	for (size_t i = 0; i < p->ninsns; i++) {
		const struct insn *in = &p->insns[i];
		const struct operand *o = &in->op[1];
		uint64_t t = in->addr + in->size + (uint64_t)o->value;
		if (in->id == X86_INS_LEA && o->kind == OP_MEM && o->reg == R_IP && o->index == R_NONE && uncovered(img, t))
			starts[n++] = t;
	}
	for (size_t k = 0; k < img->nstored; k++)
		if (uncovered(img, img->stored[k]))
			starts[n++] = img->stored[k];
	size_t m = add_starts(p, starts, n);
	/* Those that are not code go again; the rest of the functions keep their place. */
	size_t kept = 0, bad = 0;
	for (size_t f = 0, k = 0; f < img->nfuncs; f++) {
		while (k < m && starts[k] < img->funcs[f].addr)
			k++;
		int added = k < m && starts[k] == img->funcs[f].addr;
		if (added && !looks_like_code(p, &img->funcs[f]))
			bad++;
		else
			img->funcs[kept++] = img->funcs[f];
	}
	img->nfuncs = kept;
	free(starts);
	if (bad)
		decode_program(p);
}
