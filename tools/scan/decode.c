/* Linear disassembly of the executable segments, restarted at every function symbol so
 * that data or padding between functions cannot shift the decoding of the next one. */
#include <capstone/capstone.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"

/* Capstone's register names grouped by family, widest first. */
static const x86_reg families[16][4] = {
	{X86_REG_RAX, X86_REG_EAX, X86_REG_AX, X86_REG_AL},   {X86_REG_RCX, X86_REG_ECX, X86_REG_CX, X86_REG_CL},
	{X86_REG_RDX, X86_REG_EDX, X86_REG_DX, X86_REG_DL},   {X86_REG_RBX, X86_REG_EBX, X86_REG_BX, X86_REG_BL},
	{X86_REG_RSP, X86_REG_ESP, X86_REG_SP, X86_REG_SPL},  {X86_REG_RBP, X86_REG_EBP, X86_REG_BP, X86_REG_BPL},
	{X86_REG_RSI, X86_REG_ESI, X86_REG_SI, X86_REG_SIL},  {X86_REG_RDI, X86_REG_EDI, X86_REG_DI, X86_REG_DIL},
	{X86_REG_R8, X86_REG_R8D, X86_REG_R8W, X86_REG_R8B},  {X86_REG_R9, X86_REG_R9D, X86_REG_R9W, X86_REG_R9B},
	{X86_REG_R10, X86_REG_R10D, X86_REG_R10W, X86_REG_R10B}, {X86_REG_R11, X86_REG_R11D, X86_REG_R11W, X86_REG_R11B},
	{X86_REG_R12, X86_REG_R12D, X86_REG_R12W, X86_REG_R12B}, {X86_REG_R13, X86_REG_R13D, X86_REG_R13W, X86_REG_R13B},
	{X86_REG_R14, X86_REG_R14D, X86_REG_R14W, X86_REG_R14B}, {X86_REG_R15, X86_REG_R15D, X86_REG_R15W, X86_REG_R15B},
};
static const x86_reg high_bytes[4] = {X86_REG_AH, X86_REG_CH, X86_REG_DH, X86_REG_BH};

static uint8_t family_of[X86_REG_ENDING];
static csh cs; /* kept open for insn_name() */

static void init_families(void)
{
	memset(family_of, R_OTHER, sizeof(family_of));
	for (int f = 0; f < 16; f++)
		for (int w = 0; w < 4; w++)
			family_of[families[f][w]] = (uint8_t)f;
	for (int f = 0; f < 4; f++)
		family_of[high_bytes[f]] = (uint8_t)f;
	family_of[X86_REG_RIP] = R_IP;
	family_of[X86_REG_INVALID] = R_NONE;
}

static int is_high_byte(x86_reg r)
{
	return r == X86_REG_AH || r == X86_REG_BH || r == X86_REG_CH || r == X86_REG_DH;
}

static int in_group(const cs_insn *ci, uint8_t group)
{
	for (uint8_t i = 0; i < ci->detail->groups_count; i++)
		if (ci->detail->groups[i] == group)
			return 1;
	return 0;
}

static void classify_flow(const cs_insn *ci, struct insn *in)
{
	const cs_x86 *x = &ci->detail->x86;
	int direct = x->op_count == 1 && x->operands[0].type == X86_OP_IMM;
	if (direct)
		in->target = (uint64_t)x->operands[0].imm;
	if (ci->id == X86_INS_SYSCALL)
		in->flow = FLOW_SYSCALL;
	else if (in_group(ci, X86_GRP_CALL))
		in->flow = direct ? FLOW_CALL : FLOW_ICALL;
	else if (ci->id == X86_INS_JMP || ci->id == X86_INS_LJMP)
		in->flow = direct ? FLOW_JUMP : FLOW_IJUMP;
	else if (in_group(ci, X86_GRP_JUMP))
		in->flow = direct ? FLOW_BRANCH : FLOW_IJUMP;
	else if (in_group(ci, X86_GRP_RET) || in_group(ci, X86_GRP_IRET))
		in->flow = FLOW_RET;
	else if (ci->id == X86_INS_UD2 || ci->id == X86_INS_HLT)
		in->flow = FLOW_STOP;
	else
		in->flow = FLOW_NEXT;
}

static void compact(const cs_insn *ci, struct insn *in)
{
	memset(in, 0, sizeof(*in));
	in->addr = ci->address;
	in->size = (uint8_t)ci->size;
	in->id = (uint16_t)ci->id;
	classify_flow(ci, in);

	cs_regs rd, wr;
	uint8_t nrd, nwr;
	if (cs_regs_access(cs, ci, rd, &nrd, wr, &nwr) == CS_ERR_OK)
		for (uint8_t i = 0; i < nwr; i++)
			if (family_of[wr[i]] < 16)
				in->writes |= 1u << family_of[wr[i]];

	const cs_x86 *x = &ci->detail->x86;
	in->nops = x->op_count < 2 ? x->op_count : 2;
	for (uint8_t i = 0; i < in->nops; i++) {
		const cs_x86_op *o = &x->operands[i];
		struct operand *d = &in->op[i];
		d->size = o->size;
		d->reg = d->index = R_NONE;
		if (o->type == X86_OP_REG) {
			d->kind = OP_REG;
			d->reg = family_of[o->reg];
			d->high = (uint8_t)is_high_byte(o->reg);
		} else if (o->type == X86_OP_IMM) {
			d->kind = OP_IMM;
			d->value = o->imm;
		} else if (o->type == X86_OP_MEM) {
			d->kind = OP_MEM;
			/* A segment override (fs:, gs:) makes the address unknowable here. */
			d->reg = o->mem.segment == X86_REG_INVALID ? family_of[o->mem.base] : R_OTHER;
			d->index = family_of[o->mem.index];
			d->scale = (uint8_t)o->mem.scale;
			d->value = o->mem.disp;
		}
	}
}

/* Where decoding restarts: a function's first byte. A weak start (from .eh_frame) may
 * lie inside padding before the function: glibc's __restore_rt has its FDE begin one
 * byte early, in the last nop of the alignment. */
struct start {
	uint64_t addr;
	int weak;
};

static int by_start(const void *a, const void *b)
{
	uint64_t x = ((const struct start *)a)->addr, y = ((const struct start *)b)->addr;
	return x < y ? -1 : x > y;
}

static void push(struct program *p, size_t *cap, const struct insn *in)
{
	if (p->ninsns == *cap) {
		*cap = *cap ? *cap * 2 : 4096;
		p->insns = realloc(p->insns, *cap * sizeof(*p->insns));
		if (!p->insns)
			fail("out of memory");
	}
	p->insns[p->ninsns++] = *in;
}

/* Decode the instructions of segment S that start in [start, end), the last one ending at
 * LIMIT at most; an undecodable byte is skipped. Returns where the next one would start. */
static uint64_t decode_run(cs_insn *ci, struct program *p, size_t *cap, const struct segment *s, uint64_t start,
                           uint64_t end, uint64_t limit)
{
	uint64_t addr = start;
	while (addr < end) {
		const uint8_t *code = s->bytes + (addr - s->vaddr);
		size_t left = limit - addr;
		uint64_t at = addr;
		if (!cs_disasm_iter(cs, &code, &left, &at, ci)) {
			addr++;
			continue;
		}
		struct insn in;
		compact(ci, &in);
		push(p, cap, &in);
		addr = at;
	}
	return addr;
}

void decode_program(struct program *p)
{
	if (!cs && cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK)
		fail("cannot start the Capstone disassembler");
	cs_option(cs, CS_OPT_DETAIL, CS_OPT_ON);
	p->ninsns = 0;
	cs_insn *ci = cs_malloc(cs);
	init_families();

	const struct elf_image *img = &p->img;
	free(p->insns);
	p->insns = NULL;
	size_t cap = 0;
	struct start *starts = malloc((img->nfuncs + 1) * sizeof(*starts));
	if (!starts || !ci)
		fail("out of memory");
	for (size_t i = 0; i < img->ncode; i++) {
		const struct segment *s = &img->code[i];
		size_t n = 0;
		starts[n++] = (struct start){s->vaddr, 0};
		for (size_t f = 0; f < img->nfuncs; f++)
			if (img->funcs[f].addr > s->vaddr && img->funcs[f].addr < s->vaddr + s->size)
				starts[n++] = (struct start){img->funcs[f].addr, img->funcs[f].weak_start};
		qsort(starts, n, sizeof(*starts), by_start);
		size_t m = 0; /* aliases share an address: keep one, strong if any is */
		for (size_t k = 0; k < n; k++)
			if (m == 0 || starts[k].addr != starts[m - 1].addr)
				starts[m++] = starts[k];
			else
				starts[m - 1].weak &= starts[k].weak;
		uint64_t end = s->vaddr + s->size, addr = s->vaddr;
		for (size_t k = 0; k < m; k++) {
			/* A weak start inside the instruction before it is not one: the decoding goes on. */
			if (!starts[k].weak || addr <= starts[k].addr)
				addr = starts[k].addr;
			uint64_t next = k + 1 < m ? starts[k + 1].addr : end;
			int next_weak = k + 1 < m && starts[k + 1].weak;
			if (addr < next)
				addr = decode_run(ci, p, &cap, s, addr, next, next_weak ? end : next);
		}
	}
	free(starts);
	cs_free(ci, 1);
}

const char *insn_name(unsigned id)
{
	const char *name = cs_insn_name(cs, id);
	return name ? name : "an instruction";
}

long insn_at(const struct program *p, uint64_t addr)
{
	size_t lo = 0, hi = p->ninsns;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (p->insns[mid].addr < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < p->ninsns && p->insns[lo].addr == addr ? (long)lo : -1;
}
