/*
 * A stripped program's .eh_frame may leave code out: busybox's own code is built without
 * unwind tables, assembly may have no CFI. There, the targets of direct calls are taken
 * as function starts (a call goes to a function's first instruction), so that what is
 * decided per function (an unreadable indirect jump, a no-return function, a window
 * kept within one function) does not spread over all of that code.
 */
#include <stdio.h>
#include <stdlib.h>

#include "code_functions.h"

static int by_addr(const void *a, const void *b)
{
	const struct symbol *x = a, *y = b;
	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
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
		if (in->flow == FLOW_CALL && !elf_func_at(img, in->target) && elf_bytes_at(img, in->target, 1))
			starts[n++] = in->target;
	}
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
	qsort(img->funcs, img->nfuncs, sizeof(*img->funcs), by_addr);
	free(starts);
	if (redecode)
		decode_program(p);
}
