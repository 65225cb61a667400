/* Guest memory as the monitor sees it, and the one checked way into it. */
#ifndef MONITOR_GUEST_H
#define MONITOR_GUEST_H

#include <stddef.h>
#include <stdint.h>

struct guest {
	uint8_t *mem;
	uint64_t size;
};

/*
 * Translate a guest physical range to a host pointer, or NULL if any byte of
 * it lies outside guest memory. Every guest-supplied address goes through here.
 */
static inline void *guest_ptr(const struct guest *g, uint64_t gpa, uint64_t len)
{
	if (gpa > g->size || len > g->size - gpa)
		return NULL;
	return g->mem + gpa;
}

#endif
