/* Recognising offset tables of switch statements, to give an indirect jump its targets. */
#include <capstone/capstone.h>
#include <string.h>

#include "jump_table.h"

#define WINDOW 24 /* instructions searched before the jump */

/* Straight-line code only between the bound check, the table's address and the jump. */
static int cfg_like_fallthrough(const struct insn *in)
{
	return in->flow == FLOW_NEXT || (in->flow == FLOW_BRANCH && in->id == X86_INS_JA);
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

size_t jump_table_targets(const struct program *p, size_t j, const uint8_t *targeted, uint32_t *targets)
{
	const struct insn *jmp = &p->insns[j];
	if (jmp->nops != 1 || jmp->op[0].kind != OP_REG || jmp->op[0].reg >= 16)
		return 0;
	size_t lo = j > WINDOW ? j - WINDOW : 0;
	int ra = jmp->op[0].reg;

	long add = last_write(p, j, lo, ra);
	if (add < 0 || p->insns[add].id != X86_INS_ADD || !reg_op(&p->insns[add].op[0], ra, 8) ||
	    p->insns[add].op[1].kind != OP_REG || p->insns[add].op[1].size != 8)
		return 0;
	int rb = p->insns[add].op[1].reg;

	long load = last_write(p, (size_t)add, lo, ra);
	if (load < 0)
		return 0;
	const struct insn *ld = &p->insns[load];
	const struct operand *m = &ld->op[1];
	if (ld->id != X86_INS_MOVSXD || !reg_op(&ld->op[0], ra, 8) || m->kind != OP_MEM || m->reg != rb ||
	    m->index >= 16 || m->scale != 4 || last_write(p, (size_t)add, (size_t)load + 1, rb) >= 0)
		return 0;
	int ri = m->index;

	long base = last_write(p, (size_t)load, lo, rb);
	if (base < 0 || p->insns[base].id != X86_INS_LEA || !reg_op(&p->insns[base].op[0], rb, 8) ||
	    p->insns[base].op[1].kind != OP_MEM || p->insns[base].op[1].reg != R_IP ||
	    p->insns[base].op[1].index != R_NONE || last_write(p, (size_t)add, (size_t)base + 1, rb) >= 0)
		return 0;
	uint64_t table = p->insns[base].addr + p->insns[base].size + (uint64_t)p->insns[base].op[1].value +
	                 (uint64_t)m->value;

	/* The bound: "cmp $N, index; ja" with the index unchanged after it. */
	long ja = -1;
	for (size_t k = (size_t)load; k-- > lo;) {
		if (p->insns[k].id == X86_INS_JA) {
			ja = (long)k;
			break;
		}
		if (p->insns[k].flow != FLOW_NEXT || (p->insns[k].writes & (1u << ri)))
			return 0;
	}
	if (ja <= 0)
		return 0;
	const struct insn *cmp = &p->insns[ja - 1];
	if (cmp->id != X86_INS_CMP || cmp->op[0].kind != OP_REG || cmp->op[0].reg != ri || cmp->op[0].size < 4 ||
	    cmp->op[1].kind != OP_IMM || cmp->op[1].value < 0 || cmp->op[1].value >= JUMP_TABLE_MAX)
		return 0;
	for (size_t k = (size_t)(ja < base ? ja : base) + 1; k <= j; k++)
		if (targeted[k] || !cfg_like_fallthrough(&p->insns[k - 1]))
			return 0;

	size_t n = (size_t)cmp->op[1].value + 1;
	const uint8_t *entries = elf_bytes_at(&p->img, table, 4 * n);
	if (!entries)
		return 0;
	for (size_t k = 0; k < n; k++) {
		int32_t off;
		memcpy(&off, entries + 4 * k, 4);
		long t = insn_at(p, table + (uint64_t)(int64_t)off);
		if (t < 0)
			return 0;
		targets[k] = (uint32_t)t;
	}
	return n;
}
