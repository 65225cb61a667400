/* Every instruction of a program's executable segments, decoded once by Capstone into a
 * compact form: control flow, the general registers written, and the first two operands. */
#ifndef COCOON_SCAN_DECODE_H
#define COCOON_SCAN_DECODE_H

#include <stdint.h>

#include "elf_image.h"

/* General registers by family (rax=0 ... r15=15, Linux's and the ABI's order). */
enum { R_AX, R_CX, R_DX, R_BX, R_SP, R_BP, R_SI, R_DI, R_8, R_9, R_10, R_11, R_12, R_13, R_14, R_15,
       R_IP, R_OTHER, R_NONE = 0xff };

enum flow {
	FLOW_NEXT,     /* falls through only */
	FLOW_JUMP,     /* direct unconditional jump to target */
	FLOW_BRANCH,   /* direct conditional jump: target or next */
	FLOW_CALL,     /* direct call to target, then next */
	FLOW_IJUMP,    /* indirect jump: anywhere */
	FLOW_ICALL,    /* indirect call, then next */
	FLOW_RET,      /* ret, iret */
	FLOW_STOP,     /* ud2, hlt: no successor */
	FLOW_SYSCALL,  /* the syscall instruction */
};

enum op_kind { OP_NONE, OP_REG, OP_IMM, OP_MEM };

struct operand {
	uint8_t kind;
	uint8_t size;  /* bytes */
	uint8_t reg;   /* OP_REG: family; OP_MEM: base family or R_NONE */
	uint8_t index; /* OP_MEM: index family or R_NONE */
	uint8_t high;  /* OP_REG: ah, bh, ch or dh */
	uint8_t scale; /* OP_MEM */
	int64_t value; /* OP_IMM: immediate; OP_MEM: displacement */
};

struct insn {
	uint64_t addr;
	uint64_t target;   /* direct branches and calls */
	uint32_t writes;   /* bit per register family written */
	uint16_t id;       /* Capstone's X86_INS_* */
	uint8_t size;
	uint8_t flow;
	uint8_t nops;
	struct operand op[2];
};

struct program {
	struct elf_image img;
	struct insn *insns; /* sorted by address */
	size_t ninsns;
};

/* Decode every executable segment of the loaded image. */
void decode_program(struct program *p);

/* Capstone's mnemonic for instruction id ID. */
const char *insn_name(unsigned id);

/* Index of the instruction at ADDR, or -1. */
long insn_at(const struct program *p, uint64_t addr);

#endif
