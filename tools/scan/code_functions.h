/* Function starts from the code itself, where a stripped program's .eh_frame has no FDE
 * (see code_functions.c). */
#ifndef COCOON_SCAN_CODE_FUNCTIONS_H
#define COCOON_SCAN_CODE_FUNCTIONS_H

#include "decode.h"

/* Add to P's functions the targets of direct calls (and of tail calls out of a known
 * function) that no function covers, each running to the next function's start; decode
 * again if one was not an instruction start. */
void functions_from_calls(struct program *p);

/* The same for code addresses that code computes (RIP-relative lea) or dynamic
 * relocations store, each kept only if its bytes decode as code. */
void functions_from_pointers(struct program *p);

#endif
