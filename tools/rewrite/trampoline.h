/* The code that replaces a syscall site's window (see trampoline.c). */
#ifndef COCOON_REWRITE_TRAMPOLINE_H
#define COCOON_REWRITE_TRAMPOLINE_H

#include "window.h"

/* Longest trampoline: 2 * MAX_AROUND moved instructions of at most 15 bytes, the call
 * with its stack adjustments, the jump back, the tests of RAX (12 bytes each) and the
 * path that traps. */
#define TRAMPOLINE_MAX 288

/*
 * Write into OUT the trampoline for W, to run at address AT and call through the word
 * at SLOT; return its size, or 0 with *WHY set when a moved instruction's memory
 * operand cannot reach its target from AT.
 */
size_t trampoline_emit(const struct program *p, const struct window *w, uint64_t at, uint64_t slot, uint8_t *out,
                       const char **why);

/* Write into SITE (W's bytes in the file) the jump to the trampoline at AT, then int3s. */
void trampoline_patch_site(const struct window *w, uint64_t at, uint8_t *site);

#endif
