/* Edges of the control-flow graph and the instructions with unknown ways in. */
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "jump_table.h"

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p)
		fail("out of memory");
	return p;
}

static int has_direct_target(const struct insn *in)
{
	return in->flow == FLOW_JUMP || in->flow == FLOW_BRANCH || in->flow == FLOW_CALL;
}

static int no_return_call(const struct cfg *g, const struct insn *in)
{
	if (in->flow != FLOW_CALL)
		return 0;
	long callee = insn_at(g->p, in->target);
	return callee >= 0 && g->no_return[callee];
}

int cfg_falls_into(const struct cfg *g, size_t i)
{
	if (i == 0)
		return 0;
	const struct insn *prev = &g->p->insns[i - 1];
	return prev->addr + prev->size == g->p->insns[i].addr && prev->flow != FLOW_JUMP &&
	       prev->flow != FLOW_IJUMP && prev->flow != FLOW_RET && prev->flow != FLOW_STOP &&
	       !no_return_call(g, prev) && !(prev->flow == FLOW_CALL && elf_func_starts(&g->p->img, g->p->insns[i].addr));
}

/* Is the function S known never to return? Nothing its entry reaches may leave it: no
 * ret, no indirect jump, no jump outside it (a tail call, or a part of it placed
 * elsewhere), no falling out of its end. Code after hlt or ud2 is not reached. */
static int never_returns(const struct cfg *g, const struct symbol *s, size_t first, uint32_t *mark, uint32_t stamp,
                         size_t *work)
{
	const struct program *p = g->p;
	size_t n = 0;
	work[n++] = first;
	mark[first] = stamp;
	while (n > 0) {
		const struct insn *in = &p->insns[work[--n]];
		if (in->flow == FLOW_RET || in->flow == FLOW_IJUMP)
			return 0;
		uint64_t next[2];
		int nnext = 0;
		if (in->flow == FLOW_JUMP || in->flow == FLOW_BRANCH)
			next[nnext++] = in->target;
		if (in->flow != FLOW_JUMP && in->flow != FLOW_STOP && !no_return_call(g, in))
			next[nnext++] = in->addr + in->size;
		for (int k = 0; k < nnext; k++) {
			long t = insn_at(p, next[k]);
			if (next[k] < s->addr || next[k] >= s->addr + s->size || t < 0)
				return 0;
			if (mark[t] != stamp) {
				mark[t] = stamp;
				work[n++] = (size_t)t;
			}
		}
	}
	return 1;
}

/* Functions that never return (abort, exit, __libc_fatal, ...), so that the code after a
 * call to them is not taken for its continuation. Repeated until nothing changes, as
 * such a function may end by calling another one. */
static void mark_no_return(const struct program *p, struct cfg *g)
{
	const struct elf_image *img = &p->img;
	uint32_t *mark = xcalloc(p->ninsns, sizeof(uint32_t)), stamp = 0;
	size_t *work = xcalloc(p->ninsns, sizeof(size_t));
	for (int changed = 1; changed;) {
		changed = 0;
		for (size_t f = 0; f < img->nfuncs; f++) {
			long first = insn_at(p, img->funcs[f].addr);
			if (first < 0 || img->funcs[f].size == 0 || g->no_return[first])
				continue;
			if (never_returns(g, &img->funcs[f], (size_t)first, mark, ++stamp, work)) {
				g->no_return[first] = 1;
				changed = 1;
			}
		}
	}
	free(work);
	free(mark);
}

struct edges {
	uint32_t (*e)[2]; /* from, to */
	size_t n, cap;
};

static void add_edge(struct edges *es, size_t from, size_t to)
{
	if (es->n == es->cap) {
		es->cap = es->cap ? es->cap * 2 : 4096;
		es->e = realloc(es->e, es->cap * sizeof(*es->e));
		if (!es->e)
			fail("out of memory");
	}
	es->e[es->n][0] = (uint32_t)from;
	es->e[es->n][1] = (uint32_t)to;
	es->n++;
}

/* An indirect jump whose table is not understood may go anywhere in its function. */
static void mark_unknown_jump(const struct program *p, struct cfg *g, size_t j)
{
	uint64_t lo, hi;
	elf_region_at(&p->img, p->insns[j].addr, &lo, &hi);
	for (size_t i = j; i-- > 0 && p->insns[i].addr >= lo;)
		if (g->entry[i] == ENTRY_KNOWN)
			g->entry[i] = ENTRY_JUMP_TABLE;
	for (size_t i = j + 1; i < p->ninsns && p->insns[i].addr < hi; i++)
		if (g->entry[i] == ENTRY_KNOWN)
			g->entry[i] = ENTRY_JUMP_TABLE;
}

/* Edges: direct jumps, branches and calls, and indirect jumps through switch tables. */
static void build_preds(const struct program *p, struct cfg *g)
{
	struct edges es = {0};
	uint32_t *targeted = xcalloc(p->ninsns, sizeof(uint32_t));
	for (size_t j = 0; j < p->ninsns; j++) {
		long t = has_direct_target(&p->insns[j]) ? insn_at(p, p->insns[j].target) : -1;
		if (t >= 0) {
			add_edge(&es, j, (size_t)t);
			targeted[t] += p->insns[j].flow != FLOW_CALL;
		}
	}
	uint32_t *table = xcalloc(JUMP_TABLE_MAX, sizeof(uint32_t));
	for (size_t j = 0; j < p->ninsns; j++) {
		if (p->insns[j].flow != FLOW_IJUMP)
			continue;
		uint64_t lo, hi;
		elf_region_at(&p->img, p->insns[j].addr, &lo, &hi);
		size_t n = jump_table_targets(p, j, targeted, lo, hi, table);
		for (size_t k = 0; k < n; k++)
			add_edge(&es, j, table[k]);
		if (n == 0 && !jump_to_stored_address(p, j, targeted, g->no_return))
			mark_unknown_jump(p, g, j);
	}
	free(table);
	free(targeted);

	g->pred_start = xcalloc(p->ninsns + 1, sizeof(uint32_t));
	for (size_t k = 0; k < es.n; k++)
		g->pred_start[es.e[k][1] + 1]++;
	for (size_t i = 0; i < p->ninsns; i++)
		g->pred_start[i + 1] += g->pred_start[i];
	g->preds = xcalloc(es.n, sizeof(uint32_t));
	uint32_t *fill = xcalloc(p->ninsns, sizeof(uint32_t));
	for (size_t k = 0; k < es.n; k++)
		g->preds[g->pred_start[es.e[k][1]] + fill[es.e[k][1]]++] = es.e[k][0];
	free(fill);
	free(es.e);
}

/* Labels whose address code only compares with a program counter, never jumps to:
 * musl's cancellation points (src/thread/x86_64/syscall_cp.s, pthread_cancel.c), where
 * __cp_begin shares its address with __syscall_cp_asm. */
static const char *const pc_range_labels[] = {"__cp_begin", "__cp_end"};

static int pc_range_label(const struct elf_image *img, uint64_t a)
{
	for (size_t i = 0; i < sizeof(pc_range_labels) / sizeof(pc_range_labels[0]); i++)
		if (elf_symbol_is(img, a, pc_range_labels[i]))
			return 1;
	return 0;
}

static void mark_entry(const struct program *p, struct cfg *g, uint64_t a, enum entry_kind kind)
{
	long i = insn_at(p, a);
	if (i >= 0 && g->entry[i] == ENTRY_KNOWN)
		g->entry[i] = (uint8_t)kind;
}

static void mark_taken(const struct program *p, struct cfg *g, uint64_t a)
{
	mark_entry(p, g, a, ENTRY_ADDRESS_TAKEN);
}

/* Code addresses stored as aligned 8-byte words anywhere in the file's segments (function
 * pointers, absolute jump tables, static-PIE relocation addends), stored by dynamic
 * relocations, and computed by code (RIP-relative lea, absolute immediates). */
static void mark_address_taken(const struct program *p, struct cfg *g)
{
	const struct elf_image *img = &p->img;
	for (size_t k = 0; k < img->nstored; k++)
		mark_taken(p, g, img->stored[k]);
	for (size_t s = 0; s < img->nsegs; s++) {
		const struct segment *seg = &img->segs[s];
		for (uint64_t off = (8 - seg->vaddr % 8) % 8; off + 8 <= seg->size; off += 8) {
			uint64_t w;
			memcpy(&w, seg->bytes + off, 8);
			if (elf_in_code(img, w, 1))
				mark_taken(p, g, w);
		}
	}
	for (size_t j = 0; j < p->ninsns; j++) {
		const struct insn *in = &p->insns[j];
		if (in->flow != FLOW_NEXT)
			continue;
		for (uint8_t k = 0; k < in->nops; k++) {
			const struct operand *o = &in->op[k];
			if (o->kind == OP_IMM && elf_in_code(img, (uint64_t)o->value, 1))
				mark_taken(p, g, (uint64_t)o->value);
			else if (o->kind == OP_MEM && o->reg == R_IP && o->index == R_NONE &&
			         !pc_range_label(img, in->addr + in->size + (uint64_t)o->value))
				mark_taken(p, g, in->addr + in->size + (uint64_t)o->value);
		}
	}
}

void cfg_build(const struct program *p, struct cfg *g)
{
	g->p = p;
	g->entry = xcalloc(p->ninsns, 1);
	g->no_return = xcalloc(p->ninsns, 1);
	mark_no_return(p, g);
	build_preds(p, g);
	long e = insn_at(p, p->img.entry);
	if (e >= 0)
		g->entry[e] = ENTRY_PROGRAM;
	for (size_t k = 0; k < p->img.nentries; k++)
		mark_entry(p, g, p->img.entries[k], ENTRY_OUTSIDE);
	mark_address_taken(p, g);
	for (size_t i = 0; i < p->ninsns; i++)
		if (g->entry[i] == ENTRY_KNOWN && !cfg_falls_into(g, i) && g->pred_start[i] == g->pred_start[i + 1])
			g->entry[i] = ENTRY_NO_EDGE;
}
