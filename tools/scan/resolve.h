/* The values a register can hold before an instruction, found by walking the control-flow
 * graph backwards through moves, constants and simple arithmetic, into callers when the
 * value arrives as an argument. */
#ifndef COCOON_SCAN_RESOLVE_H
#define COCOON_SCAN_RESOLVE_H

#include "cfg.h"

#define VALSET_MAX 64

struct valset {
	uint64_t v[VALSET_MAX];
	size_t n;
	int unresolved;   /* some path gives a value not known here */
	char why[160];    /* the first such path, for the report */
};

/* Add V to OUT (once); beyond VALSET_MAX values OUT becomes unresolved. */
void valset_add(struct valset *out, uint64_t v);

/* Values of register family REG just before instruction I. */
void resolve_before(const struct cfg *g, size_t i, int reg, struct valset *out);

#endif
