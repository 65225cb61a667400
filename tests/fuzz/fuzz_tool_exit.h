/*
 * The tools end on bad input with exit() and leave their memory to the
 * process's end; their sources are built for the harnesses with exit,
 * malloc, calloc, realloc and free defined as these, so a run returns to the
 * harness (fuzz_exit_to) and what it allocated is freed after it.
 */
#ifndef TESTS_FUZZ_TOOL_EXIT_H
#define TESTS_FUZZ_TOOL_EXIT_H

#include <setjmp.h>
#include <stddef.h>

extern jmp_buf fuzz_exit_to;
_Noreturn void fuzz_exit(int status);

void *fuzz_malloc(size_t n);
void *fuzz_calloc(size_t n, size_t size);
void *fuzz_realloc(void *p, size_t n);
void fuzz_free(void *p);
/* Free every block the tools still hold. */
void fuzz_free_all(void);

#endif
