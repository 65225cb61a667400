/* The control-flow graph, kept at instruction granularity: for each instruction, the direct
 * jumps, branches and calls that lead to it, whether the one before falls into it, and
 * whether it can also be reached from somewhere the disassembly cannot see. */
#ifndef COCOON_SCAN_CFG_H
#define COCOON_SCAN_CFG_H

#include "decode.h"

enum entry_kind {
	ENTRY_KNOWN,         /* every way in is a recorded edge */
	ENTRY_PROGRAM,       /* the ELF entry point */
	ENTRY_ADDRESS_TAKEN, /* its address is stored in data or computed by code */
	ENTRY_JUMP_TABLE,    /* in a function with an indirect jump */
	ENTRY_NO_EDGE,       /* nothing known leads here */
	ENTRY_OUTSIDE,       /* entered from outside the file: an exported function, DT_INIT, DT_FINI */
};

struct cfg {
	const struct program *p;
	uint32_t *pred_start; /* preds of insn i: preds[pred_start[i] .. pred_start[i+1]) */
	uint32_t *preds;
	uint8_t *entry;       /* enum entry_kind per instruction */
	uint8_t *no_return;   /* 1 at the first instruction of a function that never returns */
};

void cfg_build(const struct program *p, struct cfg *g);

/* Does instruction I-1 fall through into instruction I? */
int cfg_falls_into(const struct cfg *g, size_t i);

#endif
