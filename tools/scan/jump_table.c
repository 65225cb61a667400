/* Recognising offset tables of switch statements, to give an indirect jump its targets. */
#include <capstone/capstone.h>
#include <string.h>

#include "jump_table.h"

#define WINDOW 24 /* instructions searched before the jump */

/* Straight-line code only between the bound check, the table's address and the jump. */
static int cfg_like_fallthrough(const struct insn *in)
{
	return in->flow == FLOW_NEXT || (in->flow == FLOW_BRANCH && (in->id == X86_INS_JA || in->id == X86_INS_JAE));
}

/* Index of the nearest instruction before J (not before LO) that writes REG, or -1. */
static long last_write(const struct program *p, size_t j, size_t lo, int reg)
{
	for (size_t k = j; k-- > lo;)
		if (p->insns[k].writes & (1u << reg))
			return (long)k;
	return -1;
}

static int reg_op(const struct operand *o, int reg, unsigned size)
{
	return o->kind == OP_REG && o->reg == reg && !o->high && o->size == size;
}

static int same_mem(const struct operand *a, const struct operand *b)
{
	return a->kind == OP_MEM && b->kind == OP_MEM && a->reg == b->reg && a->index == b->index &&
	       a->scale == b->scale && a->value == b->value;
}

/* Moves and address arithmetic: the flags a compare set survive them. */
static int keeps_flags(const struct insn *in)
{
	return in->flow == FLOW_NEXT && (in->id == X86_INS_MOV || in->id == X86_INS_MOVSXD || in->id == X86_INS_MOVZX ||
	                                 in->id == X86_INS_LEA || in->id == X86_INS_MOVABS);
}

/* The address `lea T(%rip), RB` gives, if that is what RB holds at LOAD: its last write in the
 * window, or else (a base hoisted out of a loop) every write of RB in the function
 * [LO_ADDR, HI_ADDR) is that same lea. 0 if neither. */
static uint64_t table_base(const struct program *p, size_t load, size_t lo, int rb, uint64_t lo_addr, uint64_t hi_addr)
{
	long w = last_write(p, load, lo, rb);
	uint64_t base = 0;
	size_t from = w >= 0 ? (size_t)w : load, to = w >= 0 ? (size_t)w + 1 : load;
	if (w < 0)
		while (from > 0 && p->insns[from - 1].addr >= lo_addr)
			from--;
	if (w < 0)
		while (to < p->ninsns && p->insns[to].addr < hi_addr)
			to++;
	for (size_t k = from; k < to; k++) {
		const struct insn *in = &p->insns[k];
		if (!(in->writes & (1u << rb)))
			continue;
		if (in->id != X86_INS_LEA || !reg_op(&in->op[0], rb, 8) || in->op[1].reg != R_IP || in->op[1].index != R_NONE)
			return 0;
		uint64_t t = in->addr + in->size + (uint64_t)in->op[1].value;
		if (base && t != base)
			return 0;
		base = t;
	}
	return base;
}

/*
 * The number of entries the bound before LOAD allows for index register RI: a `ja` (or
 * `jae`) out of the straight-line code before LOAD, after a compare of RI, of a register
 * RI was copied from, or of the memory RI was loaded from, with an immediate. 0 if none.
 */
static size_t bound(const struct program *p, size_t load, size_t lo, int ri, const uint32_t *targeted)
{
	const struct operand *loaded_from = NULL;
	unsigned byte_size = 0; /* the index is a movzx of a byte or word: a compare of it suffices */
	long ja = -1;
	for (size_t k = load; k-- > lo;) {
		const struct insn *in = &p->insns[k];
		if (in->id == X86_INS_JA || in->id == X86_INS_JAE) {
			ja = (long)k;
			break;
		}
		if (in->flow != FLOW_NEXT)
			return 0;
		if (!(in->writes & (1u << ri)))
			continue;
		if ((in->id == X86_INS_MOV || in->id == X86_INS_MOVZX) && reg_op(&in->op[0], ri, in->op[0].size) &&
		    in->op[0].size >= 4 && in->op[1].kind == OP_REG && in->op[1].reg < 16 && !in->op[1].high &&
		    !loaded_from) {
			ri = in->op[1].reg; /* a copy: the compare is on its source */
			if (in->id == X86_INS_MOVZX)
				byte_size = in->op[1].size;
		}
		else if (in->id == X86_INS_MOV && reg_op(&in->op[0], ri, 4) && in->op[1].kind == OP_MEM && !loaded_from)
			loaded_from = &in->op[1];
		else
			return 0;
	}
	if (ja <= 0)
		return 0;
	long c = ja - 1;
	while (c > (long)lo && keeps_flags(&p->insns[c]))
		c--;
	const struct insn *cmp = &p->insns[c];
	if (cmp->id != X86_INS_CMP || cmp->op[1].kind != OP_IMM || cmp->op[1].value < 0 ||
	    cmp->op[1].value >= JUMP_TABLE_MAX)
		return 0;
	if (loaded_from) {
		if (!same_mem(&cmp->op[0], loaded_from) || cmp->op[0].size != 4)
			return 0;
		for (long k = c + 1; k < (long)load; k++) /* the address registers unchanged */
			if (p->insns[k].writes & (((loaded_from->reg < 16 ? 1u << loaded_from->reg : 0)) |
			                          (loaded_from->index < 16 ? 1u << loaded_from->index : 0)))
				return 0;
	} else if (cmp->op[0].kind != OP_REG || cmp->op[0].reg != ri || cmp->op[0].high ||
	           (cmp->op[0].size < 4 && cmp->op[0].size != byte_size)) {
		return 0;
	} else {
		for (long k = c + 1; k < ja; k++)
			if (p->insns[k].writes & (1u << ri))
				return 0;
	}
	for (size_t k = (size_t)c + 1; k <= load; k++)
		if (targeted[k] || !cfg_like_fallthrough(&p->insns[k - 1]))
			return 0;
	size_t n = (size_t)cmp->op[1].value;
	return p->insns[ja].id == X86_INS_JA ? n + 1 : n;
}

size_t jump_table_targets(const struct program *p, size_t j, const uint32_t *targeted, uint64_t lo_addr,
                          uint64_t hi_addr, uint32_t *targets)
{
	const struct insn *jmp = &p->insns[j];
	if (jmp->nops != 1 || jmp->op[0].kind != OP_REG || jmp->op[0].reg >= 16)
		return 0;
	size_t lo = j > WINDOW ? j - WINDOW : 0;
	while (lo < j && p->insns[lo].addr < lo_addr)
		lo++;
	int ra = jmp->op[0].reg;

	/* add %rB,%rA or add %rA,%rB then jmp *%rB: the jump's register is the sum. */
	long add = last_write(p, j, lo, ra);
	if (add < 0 || p->insns[add].id != X86_INS_ADD || !reg_op(&p->insns[add].op[0], ra, 8) ||
	    p->insns[add].op[1].kind != OP_REG || p->insns[add].op[1].size != 8 || p->insns[add].op[1].reg >= 16)
		return 0;
	int rb = p->insns[add].op[1].reg;
	long load = -1;
	const struct operand *m = NULL;
	for (int pass = 0; pass < 2 && load < 0; pass++) { /* the offset in either register of the sum */
		int off_reg = pass ? rb : ra, base_reg = pass ? ra : rb;
		long l = last_write(p, (size_t)add, lo, off_reg);
		if (l < 0)
			continue;
		const struct insn *ld = &p->insns[l];
		if (ld->id == X86_INS_MOVSXD && reg_op(&ld->op[0], off_reg, 8) && ld->op[1].kind == OP_MEM &&
		    ld->op[1].reg == base_reg && ld->op[1].index < 16 && ld->op[1].scale == 4 &&
		    last_write(p, (size_t)add, (size_t)l + 1, base_reg) < 0) {
			load = l;
			m = &ld->op[1];
			rb = base_reg;
		}
	}
	if (load < 0)
		return 0;
	uint64_t base = table_base(p, (size_t)load, lo, rb, lo_addr, hi_addr);
	if (!base)
		return 0;
	uint64_t table = base + (uint64_t)m->value;
	size_t n = bound(p, (size_t)load, lo, m->index, targeted);
	const uint8_t *entries = n ? elf_bytes_at(&p->img, table, 4 * n) : NULL;
	if (!entries)
		return 0;
	for (size_t k = 0; k < n; k++) {
		int32_t off;
		memcpy(&off, entries + 4 * k, 4);
		long t = insn_at(p, base + (uint64_t)(int64_t)off);
		if (t < 0)
			return 0;
		targets[k] = (uint32_t)t;
	}
	return n;
}

/* Is instruction K a call to a function that never returns? */
static int no_return_call(const struct program *p, size_t k, const uint8_t *no_return)
{
	long t = p->insns[k].flow == FLOW_CALL ? insn_at(p, p->insns[k].target) : -1;
	return t >= 0 && no_return[t];
}

/* Is [from, to] entered only at FROM: every direct branch into the rest from inside it,
 * no call returning into it? */
static int entered_only_at_start(const struct program *p, size_t from, size_t to, const uint32_t *targeted,
                                 const uint8_t *no_return)
{
	for (size_t m = from + 1; m <= to; m++) {
		uint32_t inside = 0;
		for (size_t k = from; k < to; k++)
			inside += (p->insns[k].flow == FLOW_BRANCH || p->insns[k].flow == FLOW_JUMP) &&
			          p->insns[k].target == p->insns[m].addr;
		if (inside != targeted[m])
			return 0;
		const struct insn *prev = &p->insns[m - 1];
		if ((prev->flow == FLOW_CALL && !no_return_call(p, m - 1, no_return)) || prev->flow == FLOW_ICALL ||
		    prev->flow == FLOW_IJUMP)
			return 0;
	}
	return 1;
}

int jump_to_stored_address(const struct program *p, size_t j, const uint32_t *targeted, const uint8_t *no_return)
{
	const struct insn *jmp = &p->insns[j];
	if (jmp->nops != 1)
		return 0;
	if (jmp->op[0].kind == OP_MEM)
		return 1;
	if (jmp->op[0].kind != OP_REG || jmp->op[0].reg >= 16)
		return 0;
	int r = jmp->op[0].reg;
	size_t lo = j > 2 * WINDOW ? j - 2 * WINDOW : 0;
	for (size_t k = j; k-- > lo;) {
		const struct insn *in = &p->insns[k];
		if (!(in->writes & (1u << r)))
			continue;
		/* glibc's pointer mangling undone: ror $17, then xor with the guard at %fs:0x30 */
		if ((in->id == X86_INS_ROR || in->id == X86_INS_ROL) && reg_op(&in->op[0], r, 8) && in->op[1].kind == OP_IMM)
			continue;
		if (in->id == X86_INS_XOR && reg_op(&in->op[0], r, 8) && in->op[1].kind == OP_MEM && in->op[1].reg == R_OTHER)
			continue;
		return in->id == X86_INS_MOV && reg_op(&in->op[0], r, 8) && in->op[1].kind == OP_MEM &&
		       entered_only_at_start(p, k, j, targeted, no_return);
	}
	return 0;
}
