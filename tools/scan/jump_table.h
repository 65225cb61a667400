/* Switch statements compiled to a table of 32-bit offsets from the table's own address
 * (gcc and clang, position-independent code):
 *     cmp $N,%eI ; ja default ; lea T(%rip),%rB ; movslq (%rB,%rI,4),%rA ; add %rB,%rA ; jmp *%rA
 * The lea and movslq may come in other orders, with other instructions between. */
#ifndef COCOON_SCAN_JUMP_TABLE_H
#define COCOON_SCAN_JUMP_TABLE_H

#include "decode.h"

#define JUMP_TABLE_MAX 4096

/* If the indirect jump at instruction J reads such a table, store the instruction indexes
 * of its N+1 targets in TARGETS and return their number; else return 0. TARGETED marks
 * the instructions some direct branch goes to: the bound must hold on every path. */
size_t jump_table_targets(const struct program *p, size_t j, const uint8_t *targeted, uint32_t *targets);

#endif
