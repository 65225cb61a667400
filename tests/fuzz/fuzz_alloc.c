/*
 * The tools' allocations, for the harnesses that run them (their sources are
 * built with malloc, calloc, realloc and free defined as these): each block
 * is kept on a list, so that what a run left behind (the tools let the
 * process end free it, or end it early on bad input) is freed after the run.
 * The blocks are the sanitizer's own allocations, checked as usual.
 */
/* This file is built with the tools' flags: here the names are the C library's. */
#undef malloc
#undef calloc
#undef realloc
#undef free
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_tool_exit.h"

struct block {
	struct block *prev, *next;
	uint64_t pad[2]; /* keeps what follows 16-byte aligned */
};

static struct block live = { &live, &live, { 0, 0 } };

static void *link_in(struct block *b)
{
	if (!b)
		return NULL;
	b->next = live.next;
	b->prev = &live;
	live.next->prev = b;
	live.next = b;
	return b + 1;
}

static struct block *unlink_out(void *p)
{
	struct block *b = (struct block *)p - 1;
	b->prev->next = b->next;
	b->next->prev = b->prev;
	return b;
}

void *fuzz_malloc(size_t n)
{
	return n > SIZE_MAX - sizeof(struct block) ? NULL : link_in(malloc(sizeof(struct block) + n));
}

void *fuzz_calloc(size_t n, size_t size)
{
	if (size && n > (SIZE_MAX - sizeof(struct block)) / size)
		return NULL;
	void *p = fuzz_malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *fuzz_realloc(void *p, size_t n)
{
	if (!p)
		return fuzz_malloc(n);
	if (n > SIZE_MAX - sizeof(struct block))
		return NULL;
	struct block *b = unlink_out(p), *grown = realloc(b, sizeof(struct block) + n);
	return link_in(grown ? grown : b) && grown ? grown + 1 : NULL;
}

void fuzz_free(void *p)
{
	if (p)
		free(unlink_out(p));
}

void fuzz_free_all(void)
{
	while (live.next != &live)
		free(unlink_out(live.next + 1));
}
