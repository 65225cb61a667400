/* Scanning a program: every syscall site with its possible numbers, and their union. */
#ifndef COCOON_SCAN_SCAN_H
#define COCOON_SCAN_SCAN_H

#include "resolve.h"

#define SCAN_MAX_NR 1024 /* above every Linux x86-64 syscall number */

struct site {
	uint64_t addr;
	struct valset vals;
};

struct scan {
	struct program prog;
	struct cfg cfg;
	struct site *sites;
	size_t nsites;
	size_t unresolved;           /* sites with unresolved values: any syscall is possible */
	unsigned char used[SCAN_MAX_NR]; /* syscall numbers some site can make */
};

/* Scan PATH; bad input prints one line and exits with status 1. */
void scan_program(const char *path, struct scan *s);

/* The same for a program already in s->prog.img (elf_image_load). */
void scan_loaded(struct scan *s);

#endif
