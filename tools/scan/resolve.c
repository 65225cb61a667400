/* Backward value search. Each query (a register before an instruction) walks the
 * instructions that can run before it until one writes the register; a write that copies
 * another register or adds a constant starts a nested query, whose values are transformed
 * on the way back. Whatever cannot be followed makes the set unresolved, never smaller. */
#include <capstone/capstone.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "resolve.h"
#include "memory_numbers.h"

#define MAX_DEPTH 16
#define MAX_STEPS 200000 /* instructions visited for one site */

static const char *const reg_names[16] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                          "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};
/* Registers a call may change (System V ABI); the others survive it. */
#define CALLER_SAVED ((1u << R_AX) | (1u << R_CX) | (1u << R_DX) | (1u << R_SI) | (1u << R_DI) | \
                      (1u << R_8) | (1u << R_9) | (1u << R_10) | (1u << R_11))

struct search {
	const struct cfg *g;
	uint32_t *seen[MAX_DEPTH]; /* per nesting depth: query stamp of each instruction visited */
	uint32_t stamp;
	long steps;
};

/* How a nested query's values become this one's. */
struct transform {
	uint64_t add;
	uint64_t mask;  /* after the addition */
	int sext32;     /* sign-extend the low 32 bits (movsxd) */
	uint64_t keep;  /* then keep these bits and set those of "set" (8- and 16-bit writes) */
	uint64_t set;
};

static void unresolved(struct valset *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void unresolved(struct valset *out, const char *fmt, ...)
{
	if (!out->unresolved) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(out->why, sizeof(out->why), fmt, ap);
		va_end(ap);
	}
	out->unresolved = 1;
}

void valset_add(struct valset *out, uint64_t v)
{
	for (size_t i = 0; i < out->n; i++)
		if (out->v[i] == v)
			return;
	if (out->n == VALSET_MAX)
		unresolved(out, "more than %d possible values", VALSET_MAX);
	else
		out->v[out->n++] = v;
}

static void merge(struct valset *out, const struct valset *in, struct transform t)
{
	for (size_t i = 0; i < in->n; i++) {
		uint64_t v = (in->v[i] + t.add) & t.mask;
		if (t.sext32)
			v = (uint64_t)(int64_t)(int32_t)(uint32_t)v;
		valset_add(out, (v & t.keep) | t.set);
	}
	if (in->unresolved)
		unresolved(out, "%s", in->why);
}

static uint64_t width_mask(unsigned size)
{
	return size >= 8 ? UINT64_MAX : (1ull << (8 * size)) - 1;
}

static void query(struct search *s, size_t i, int reg, int depth, struct valset *out);

static void nested(struct search *s, size_t j, int reg, int depth, struct transform t, struct valset *out)
{
	struct valset *in = calloc(1, sizeof(*in));
	if (!in)
		fail("out of memory");
	query(s, j, reg, depth + 1, in);
	merge(out, in, t);
	free(in);
}

static int is_reg(const struct operand *o, int reg)
{
	return o->kind == OP_REG && o->reg == reg && !o->high;
}

/* REG loaded from memory by IN: the documented numbers of a libc's place that does so, or unresolved. */
static void from_memory(const struct program *p, const struct insn *in, int reg, struct valset *out)
{
	const struct symbol *f = elf_func_at(&p->img, in->addr);
	if (memory_numbers(f ? f->name : NULL, out))
		return;
	unresolved(out, "%s loaded from memory at %#lx%s%s", reg_names[reg], (unsigned long)in->addr, f ? " in " : "",
	           f ? f->name : "");
}

/* Instruction J writes REG (full register, or its low 32 bits which zero the rest): what value? */
static void evaluate_write(struct search *s, size_t j, int reg, int depth, struct valset *out)
{
	const struct program *p = s->g->p;
	const struct insn *in = &p->insns[j];
	const struct operand *dst = &in->op[0], *src = &in->op[1];
	struct transform t = {0, UINT64_MAX, 0, UINT64_MAX, 0};
	if (in->nops == 2 && in->id == X86_INS_MOV && is_reg(dst, reg) && dst->size < 4 && src->kind == OP_IMM) {
		/* mov $N,%al after xor %eax,%eax: the upper bits stay */
		t.keep = ~width_mask(dst->size);
		t.set = (uint64_t)src->value & width_mask(dst->size);
		nested(s, j, reg, depth, t, out);
		return;
	}
	if (in->nops == 2 && is_reg(dst, reg) && dst->size >= 4) {
		t.mask = width_mask(dst->size);
		switch (in->id) {
		case X86_INS_MOV:
		case X86_INS_MOVABS:
			if (src->kind == OP_IMM) {
				valset_add(out, (uint64_t)src->value & t.mask);
				return;
			}
			if (src->kind == OP_REG && src->reg < 16 && !src->high && src->size == dst->size) {
				nested(s, j, src->reg, depth, t, out);
				return;
			}
			if (src->kind == OP_MEM) {
				from_memory(p, in, reg, out);
				return;
			}
			break;
		case X86_INS_MOVSXD:
			if (src->kind == OP_MEM) { /* musl's do_setxid reads an int */
				from_memory(p, in, reg, out);
				return;
			}
			if (src->kind == OP_REG && src->reg < 16 && src->size == 4) {
				t.sext32 = 1;
				nested(s, j, src->reg, depth, t, out);
				return;
			}
			break;
		case X86_INS_MOVZX:
			if (src->kind == OP_REG && src->reg < 16 && !src->high) {
				t.mask = width_mask(src->size);
				nested(s, j, src->reg, depth, t, out);
				return;
			}
			break;
		case X86_INS_XOR:
		case X86_INS_SUB:
			if (is_reg(src, reg) && src->size == dst->size) {
				valset_add(out, 0);
				return;
			}
			if (src->kind == OP_IMM && in->id == X86_INS_SUB) {
				t.add = -(uint64_t)src->value;
				nested(s, j, reg, depth, t, out);
				return;
			}
			break;
		case X86_INS_ADC:
		case X86_INS_SBB:
			/* With the carry unknown: both results (cmp $1,%rX; adc $-1,%eax picks readv or read). */
			if (is_reg(src, reg) && src->size == dst->size && in->id == X86_INS_SBB) {
				valset_add(out, 0);
				valset_add(out, t.mask);
				return;
			}
			if (src->kind == OP_IMM) {
				for (uint64_t carry = 0; carry < 2; carry++) {
					t.add = in->id == X86_INS_ADC ? (uint64_t)src->value + carry : -(uint64_t)src->value - carry;
					nested(s, j, reg, depth, t, out);
				}
				return;
			}
			break;
		case X86_INS_ADD:
			if (src->kind == OP_IMM) {
				t.add = (uint64_t)src->value;
				nested(s, j, reg, depth, t, out);
				return;
			}
			break;
		case X86_INS_LEA:
			if (src->kind == OP_MEM && src->index == R_NONE) {
				t.add = (uint64_t)src->value;
				if (src->reg == R_IP) {
					valset_add(out, (in->addr + in->size + t.add) & t.mask);
					return;
				}
				if (src->reg == R_NONE) {
					valset_add(out, t.add & t.mask);
					return;
				}
				if (src->reg < 16) {
					nested(s, j, src->reg, depth, t, out);
					return;
				}
			}
			break;
		case X86_INS_XCHG:
			if (src->kind == OP_REG && src->reg < 16 && !src->high && src->size == dst->size) {
				nested(s, j, src->reg, depth, t, out);
				return;
			}
			break;
		default:
			if (in->id >= X86_INS_CMOVA && in->id <= X86_INS_CMOVS && src->kind == OP_REG && src->reg < 16 &&
			    !src->high) {
				/* Either the source or the value it had. */
				nested(s, j, src->reg, depth, t, out);
				nested(s, j, reg, depth, t, out);
				return;
			}
			break;
		}
	}
	if (in->nops == 2 && in->id == X86_INS_XCHG && is_reg(src, reg) && dst->kind == OP_REG && dst->reg < 16 &&
	    !dst->high && src->size == dst->size && dst->size >= 4) {
		t.mask = width_mask(dst->size);
		nested(s, j, dst->reg, depth, t, out);
		return;
	}
	unresolved(out, "%s set by %s at %#lx", reg_names[reg], insn_name(in->id), (unsigned long)in->addr);
}

/* Does taking the edge from branch J to instruction AT (FALL: by falling through) say
 * that REG equals a constant, as `test %rax,%rax; je` does? Then add it to OUT. */
static int equal_on_edge(const struct cfg *g, size_t j, int fall, int reg, struct valset *out)
{
	const struct program *p = g->p;
	const struct insn *br = &p->insns[j];
	if (br->flow != FLOW_BRANCH || br->id != (fall ? X86_INS_JNE : X86_INS_JE) || j == 0 ||
	    g->entry[j] != ENTRY_KNOWN || g->pred_start[j] != g->pred_start[j + 1] || !cfg_falls_into(g, j))
		return 0;
	const struct insn *f = &p->insns[j - 1];
	if (f->nops != 2 || !is_reg(&f->op[0], reg) || f->op[0].size != 8)
		return 0;
	if (f->id == X86_INS_TEST && is_reg(&f->op[1], reg)) {
		valset_add(out, 0);
		return 1;
	}
	if (f->id == X86_INS_CMP && f->op[1].kind == OP_IMM) {
		valset_add(out, (uint64_t)f->op[1].value);
		return 1;
	}
	return 0;
}

static const char *const entry_why[] = {
	[ENTRY_PROGRAM] = "the program's entry point",
	[ENTRY_ADDRESS_TAKEN] = "an address taken (indirect calls or jumps may arrive)",
	[ENTRY_JUMP_TABLE] = "inside a function with an indirect jump",
	[ENTRY_OUTSIDE] = "entered from outside the file (an exported function, DT_INIT or DT_FINI)",
};

/* Values of REG before instruction I: every path backwards to a write of REG. */
static void query(struct search *s, size_t i, int reg, int depth, struct valset *out)
{
	const struct cfg *g = s->g;
	const struct program *p = g->p;
	if (depth == MAX_DEPTH) {
		unresolved(out, "chain of copies deeper than %d near %#lx", MAX_DEPTH, (unsigned long)p->insns[i].addr);
		return;
	}
	if (!s->seen[depth]) {
		s->seen[depth] = calloc(p->ninsns, sizeof(uint32_t));
		if (!s->seen[depth])
			fail("out of memory");
	}
	uint32_t *seen = s->seen[depth];
	uint32_t stamp = ++s->stamp;

	size_t cap = 64, n = 0;
	size_t *work = malloc(cap * sizeof(*work));
	if (!work)
		fail("out of memory");
	work[n++] = i;
	seen[i] = stamp;
	while (n > 0) {
		size_t at = work[--n];
		if (++s->steps > MAX_STEPS) {
			unresolved(out, "search for %s gave up after %d instructions", reg_names[reg], MAX_STEPS);
			break;
		}
		if (g->entry[at] == ENTRY_NO_EDGE)
			continue; /* dead code: padding after a jump, or after a call that does not return */
		if (g->entry[at] != ENTRY_KNOWN)
			unresolved(out, "%s comes from %#lx, %s", reg_names[reg], (unsigned long)p->insns[at].addr,
			           entry_why[g->entry[at]]);
		uint32_t npred = g->pred_start[at + 1] - g->pred_start[at];
		for (uint32_t k = 0; k <= npred; k++) {
			size_t j;
			if (k < npred)
				j = g->preds[g->pred_start[at] + k];
			else if (cfg_falls_into(g, at))
				j = at - 1;
			else
				break;
			const struct insn *in = &p->insns[j];
			if (g->entry[j] == ENTRY_NO_EDGE)
				continue; /* dead: after a call that does not return */
			if (equal_on_edge(g, j, k == npred, reg, out))
				continue;
			int returns_here = k == npred && (in->flow == FLOW_CALL || in->flow == FLOW_ICALL);
			uint32_t writes = in->writes | (returns_here ? CALLER_SAVED : 0) |
			                  (in->flow == FLOW_SYSCALL ? (1u << R_AX) | (1u << R_CX) | (1u << R_11) : 0);
			if (writes & (1u << reg)) {
				if (returns_here)
					unresolved(out, "%s is what the call at %#lx returns", reg_names[reg], (unsigned long)in->addr);
				else if (in->flow == FLOW_SYSCALL)
					unresolved(out, "%s is what the syscall at %#lx returns", reg_names[reg], (unsigned long)in->addr);
				else
					evaluate_write(s, j, reg, depth, out);
				continue;
			}
			if (seen[j] == stamp)
				continue;
			seen[j] = stamp;
			if (n == cap) {
				cap *= 2;
				work = realloc(work, cap * sizeof(*work));
				if (!work)
					fail("out of memory");
			}
			work[n++] = j;
		}
	}
	free(work);
}

void resolve_before(const struct cfg *g, size_t i, int reg, struct valset *out)
{
	static struct search s;
	if (s.g != g) {
		memset(&s, 0, sizeof(s));
		s.g = g;
	}
	s.steps = 0;
	memset(out, 0, sizeof(*out));
	query(&s, i, reg, 0, out);
}
