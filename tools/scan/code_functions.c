/*
 * A stripped program's .eh_frame may leave code out: busybox's own code is built without
 * unwind tables, assembly may have no CFI, musl's libc.so has almost none. There, the
 * targets of direct calls are taken as function starts (a call goes to a function's
 * first instruction), and so are the targets of jumps out of a function to code no
 * function covers (tail calls), the code addresses that code computes (lea of a
 * function passed as a pointer) and those dynamic relocations store, so that what is decided
 * per function (an unreadable indirect jump, a no-return function, a window kept within
 * one function) does not spread over all of that code.
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

void functions_from_calls(struct program *p)
{
	struct elf_image *img = &p->img;
	uint64_t *starts = malloc((p->ninsns + img->nstored + 1) * sizeof(*starts));
	if (!starts)
		fail("out of memory");
	size_t n = 0;
	for (size_t i = 0; i < p->ninsns; i++) {
		const struct insn *in = &p->insns[i];
		uint64_t t;
		if (in->flow == FLOW_CALL || ((in->flow == FLOW_JUMP || in->flow == FLOW_BRANCH) && elf_func_at(img, in->addr)))
			t = in->target;
		else if (in->id == X86_INS_LEA && in->op[1].kind == OP_MEM && in->op[1].reg == R_IP &&
		         in->op[1].index == R_NONE)
			t = in->addr + in->size + (uint64_t)in->op[1].value;
		else
			continue;
		if (!elf_func_at(img, t) && elf_in_code(img, t, 1))
			starts[n++] = t;
	}
	for (size_t k = 0; k < img->nstored; k++)
		if (!elf_func_at(img, img->stored[k]) && elf_in_code(img, img->stored[k], 1))
			starts[n++] = img->stored[k];
	qsort(starts, n, sizeof(*starts), cmp_u64);
	size_t m = 0;
	for (size_t k = 0; k < n; k++)
		if (m == 0 || starts[k] != starts[m - 1])
			starts[m++] = starts[k];
	if (m == 0) {
		free(starts);
		return;
	}
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
	free(starts);
	if (redecode)
		decode_program(p);
}
