/* Which instructions around a syscall site can move into a trampoline (see window.c). */
#ifndef COCOON_REWRITE_WINDOW_H
#define COCOON_REWRITE_WINDOW_H

#include "../scan/scan.h"

#define MUST_TRAP_MAX 8

/* Instructions first..last (indexes into the program's), the syscall among them. */
struct window {
	size_t first, site, last;
	uint64_t start, end; /* their addresses: [start, end) */
	size_t ntrap;        /* numbers the trampoline must still make with the syscall instruction */
	uint64_t trap[MUST_TRAP_MAX];
};

/*
 * Choose the smallest safe window of at least 5 bytes around the syscall at instruction
 * SITE whose possible numbers are VALS. Returns NULL and fills W, or the reason the site
 * must keep trapping. Bytes below TAKEN belong to the window of a site before it. W's
 * trap list holds the numbers that must trap which the site may make (all of them when its numbers are not known): the trampoline tests RAX for them.
 */
const char *window_choose(const struct scan *s, size_t site, const struct valset *vals, uint64_t taken,
                          struct window *w);

#endif
