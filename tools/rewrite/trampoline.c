/*
 * A trampoline: the instructions moved from before the syscall, the call to the kernel
 * with the red zone stepped over, the instructions moved from after it, and a jump back
 * to the first instruction after the window (none when the last one moved is a ret):
 *     <before>; lea -128(%rsp),%rsp
 *     mov SLOT(%rip),%rcx; jrcxz 1f; call *%rcx; jmp 2f; 1: syscall
 *     2: lea 128(%rsp),%rsp; <after>; jmp END
 * The syscall instruction clobbers RCX, so the trampoline may; jrcxz keeps the flags. A
 * slot the kernel left 0 (every slot in the file, so on Linux) makes the syscall here.
 * The kernel restarts a call by returning COCOON_DIRECT_CALL_SIZE bytes before its return
 * address: the mov, jrcxz and call stay contiguous.
 * Memory operands relative to RIP get a displacement for their new address.
 * A site that may make a number that must trap (window.c) tests RAX first, keeping the
 * flags, and makes those with its own syscall instruction, on the program's stack:
 *     lea -128(%rsp),%rsp; pushfq; cmp $N,%rax; je TRAP ...; popfq; mov; jrcxz; call ...
 *     AFTER: <after>; jmp END
 *     TRAP: popfq; lea 128(%rsp),%rsp; syscall; jmp AFTER
 * A clone or vfork child returns from that syscall into the trampoline and goes on at AFTER.
 */
#include <capstone/capstone.h>
#include <string.h>

#include "cocoon/direct_syscall.h"
#include "trampoline.h"

static const uint8_t lea_down[] = {0x48, 0x8d, 0x64, 0x24, (uint8_t)-COCOON_RED_ZONE};
static const uint8_t lea_up[] = {0x48, 0x8d, 0xa4, 0x24, COCOON_RED_ZONE, 0, 0, 0};

static const uint8_t cmp_rax[] = {0x48, 0x3d};  /* cmp $imm32,%rax */
static const uint8_t je_rel32[] = {0x0f, 0x84};
static const uint8_t syscall_insn[] = {0x0f, 0x05};
enum { PUSHFQ = 0x9c, POPFQ = 0x9d, JMP_REL32 = 0xe9 };

/* mov SLOT(%rip),%rcx (rel32 at 3); jrcxz 1f; call *%rcx; jmp 2f; 1: syscall; 2: */
static const uint8_t slot_call[] = {0x48, 0x8b, 0x0d, 0, 0, 0, 0, 0xe3, 4, 0xff, 0xd1, 0xeb, 2, 0x0f, 0x05};
enum { SLOT_MOV_SIZE = 7 };
_Static_assert(SLOT_MOV_SIZE + 4 == COCOON_DIRECT_CALL_SIZE, "the kernel reruns the mov, jrcxz and call");

static int put_rel32(uint8_t *at, uint64_t from_next, uint64_t to)
{
	int64_t d = (int64_t)(to - from_next);
	if (d != (int32_t)d)
		return 0;
	int32_t v = (int32_t)d;
	memcpy(at, &v, 4);
	return 1;
}

/* Copy instruction I to address AT in OUT; its size, or 0 if it cannot reach its operand. */
static size_t move_insn(csh cs, cs_insn *ci, const struct program *p, size_t i, uint64_t at, uint8_t *out)
{
	const struct insn *in = &p->insns[i];
	const uint8_t *code = elf_bytes_at(&p->img, in->addr, in->size);
	size_t left = in->size;
	uint64_t addr = in->addr;
	if (!code || !cs_disasm_iter(cs, &code, &left, &addr, ci) || ci->size != in->size)
		fail("cannot decode the instruction at %#lx again", (unsigned long)in->addr);
	memcpy(out, ci->bytes, ci->size);
	const cs_x86 *x = &ci->detail->x86;
	for (uint8_t k = 0; k < x->op_count; k++) {
		const cs_x86_op *o = &x->operands[k];
		if (o->type != X86_OP_MEM || o->mem.base != X86_REG_RIP)
			continue;
		if (x->encoding.disp_size != 4)
			fail("RIP-relative instruction at %#lx without a 32-bit displacement", (unsigned long)in->addr);
		uint64_t target = in->addr + in->size + (uint64_t)o->mem.disp;
		if (!put_rel32(out + x->encoding.disp_offset, at + in->size, target))
			return 0;
	}
	return ci->size;
}

size_t trampoline_emit(const struct program *p, const struct window *w, uint64_t at, uint64_t slot, uint8_t *out,
                       const char **why)
{
	static csh cs;
	static cs_insn *ci;
	if (!ci) {
		if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK)
			fail("cannot start the Capstone disassembler");
		cs_option(cs, CS_OPT_DETAIL, CS_OPT_ON);
		if (!(ci = cs_malloc(cs)))
			fail("out of memory");
	}
	size_t n = 0;
	*why = "a moved instruction's memory operand is out of reach of the trampoline";
	for (size_t i = w->first; i < w->site; i++) {
		size_t k = move_insn(cs, ci, p, i, at + n, out + n);
		if (!k)
			return 0;
		n += k;
	}
	memcpy(out + n, lea_down, sizeof(lea_down));
	n += sizeof(lea_down);
	size_t je_at[MUST_TRAP_MAX];
	if (w->ntrap)
		out[n++] = PUSHFQ;
	for (size_t t = 0; t < w->ntrap; t++) {
		memcpy(out + n, cmp_rax, sizeof(cmp_rax));
		uint32_t nr = (uint32_t)w->trap[t];
		memcpy(out + n + 2, &nr, 4);
		memcpy(out + n + 6, je_rel32, sizeof(je_rel32));
		je_at[t] = n + 8;
		n += 12;
	}
	if (w->ntrap)
		out[n++] = POPFQ;
	memcpy(out + n, slot_call, sizeof(slot_call));
	if (!put_rel32(out + n + 3, at + n + SLOT_MOV_SIZE, slot))
		return 0;
	n += sizeof(slot_call);
	memcpy(out + n, lea_up, sizeof(lea_up));
	n += sizeof(lea_up);
	size_t after = n;
	for (size_t i = w->site + 1; i <= w->last; i++) {
		size_t k = move_insn(cs, ci, p, i, at + n, out + n);
		if (!k)
			return 0;
		n += k;
	}
	if (w->last <= w->site || p->insns[w->last].flow != FLOW_RET) {
		out[n] = JMP_REL32;
		if (!put_rel32(out + n + 1, at + n + 5, w->end))
			return 0;
		n += 5;
	}
	if (!w->ntrap)
		return n;
	for (size_t t = 0; t < w->ntrap; t++)
		put_rel32(out + je_at[t], at + je_at[t] + 4, at + n);
	out[n++] = POPFQ;
	memcpy(out + n, lea_up, sizeof(lea_up));
	n += sizeof(lea_up);
	memcpy(out + n, syscall_insn, sizeof(syscall_insn));
	n += sizeof(syscall_insn);
	out[n] = JMP_REL32;
	put_rel32(out + n + 1, at + n + 5, at + after);
	return n + 5;
}

void trampoline_patch_site(const struct window *w, uint64_t at, uint8_t *site)
{
	site[0] = 0xe9;
	if (!put_rel32(site + 1, w->start + 5, at))
		fail("trampoline at %#lx out of reach of the site at %#lx", (unsigned long)at, (unsigned long)w->start);
	memset(site + 5, 0xcc, w->end - w->start - 5);
}
