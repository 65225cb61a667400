/* Switch statements compiled to a table of 32-bit offsets from the table's own address
 * (gcc and clang, position-independent code, -O2 and -Os):
 *     cmp $N,%eI ; ja default ; lea T(%rip),%rB ; movslq (%rB,%rI,4),%rA ; add %rB,%rA ; jmp *%rA
 * The lea and movslq may come in other orders, with other instructions between; the sum
 * may be in either register; the lea may be hoisted out of a loop (then it must be the
 * function's only write of %rB); the compare may be on memory the index is then loaded
 * from (cmpl $N,M ; ja ; mov M,%eI), or on a register the index is copied from. */
#ifndef COCOON_SCAN_JUMP_TABLE_H
#define COCOON_SCAN_JUMP_TABLE_H

#include "decode.h"

#define JUMP_TABLE_MAX 4096

/* If the indirect jump at instruction J, in the function [LO_ADDR, HI_ADDR), reads such a
 * table, store the instruction indexes of its targets in TARGETS and return their number;
 * else return 0. TARGETED counts the direct branches to each instruction: the bound must
 * hold on every path. */
size_t jump_table_targets(const struct program *p, size_t j, const uint32_t *targeted, uint64_t lo_addr,
                          uint64_t hi_addr, uint32_t *targets);

/* Does the indirect jump at J go to an address loaded from memory (a tail call through a
 * pointer, an absolute table, longjmp's saved return address, demangled)? Such addresses
 * are stored in the program or computed by its code, so their targets are marked as
 * address-taken already. NO_RETURN marks the first instruction of functions that never
 * return: a call to one does not come back between the load and the jump. */
int jump_to_stored_address(const struct program *p, size_t j, const uint32_t *targeted, const uint8_t *no_return);

#endif
