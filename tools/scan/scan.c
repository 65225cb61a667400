/* Load, decode, build the graph, resolve RAX at every syscall instruction. */
#include <stdlib.h>

#include "code_functions.h"
#include "scan.h"
#include "syscall_names.h"

void scan_program(const char *path, struct scan *s)
{
	elf_image_load(path, &s->prog.img);
	scan_loaded(s);
}

void scan_loaded(struct scan *s)
{
	decode_program(&s->prog);
	if (s->prog.img.stripped) {
		functions_from_calls(&s->prog);
		functions_from_pointers(&s->prog);
	}
	cfg_build(&s->prog, &s->cfg);

	for (size_t i = 0; i < s->prog.ninsns; i++)
		s->nsites += s->prog.insns[i].flow == FLOW_SYSCALL;
	s->sites = calloc(s->nsites ? s->nsites : 1, sizeof(*s->sites));
	if (!s->sites)
		fail("out of memory");
	size_t k = 0;
	for (size_t i = 0; i < s->prog.ninsns; i++) {
		if (s->prog.insns[i].flow != FLOW_SYSCALL)
			continue;
		struct site *site = &s->sites[k++];
		site->addr = s->prog.insns[i].addr;
		resolve_before(&s->cfg, i, R_AX, &site->vals);
		s->unresolved += site->vals.unresolved;
		for (size_t v = 0; v < site->vals.n; v++)
			if (site->vals.v[v] < SCAN_MAX_NR && syscall_name(site->vals.v[v]))
				s->used[site->vals.v[v]] = 1;
	}
}
