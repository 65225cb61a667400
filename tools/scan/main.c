/* cocoon-scan: the syscalls a static x86-64 program can make, found in its machine code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "resolve.h"
#include "syscall_names.h"

struct site {
	uint64_t addr;
	struct valset vals;
};

static void usage(FILE *f)
{
	fprintf(f, "usage: cocoon-scan [--list] PROGRAM\n"
	           "  Lists every syscall instruction of the static x86-64 PROGRAM with the syscall\n"
	           "  numbers it can make, and their union.\n"
	           "  --list  print only the union, one syscall name per line, or ALL when some\n"
	           "          site's number could not be determined\n");
}

static void print_values(const struct valset *v)
{
	for (size_t i = 0; i < v->n; i++) {
		const char *name = syscall_name(v->v[i]);
		printf("%s%lu %s", i ? ", " : " ", (unsigned long)v->v[i], name ? name : "(no such syscall)");
	}
}

int main(int argc, char **argv)
{
	int list = 0;
	const char *path = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--list") == 0) {
			list = 1;
		} else if (strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (argv[i][0] == '-' || path) {
			usage(stderr);
			return 2;
		} else {
			path = argv[i];
		}
	}
	if (!path) {
		usage(stderr);
		return 2;
	}

	static struct program prog;
	elf_image_load(path, &prog.img);
	decode_program(&prog);
	struct cfg g;
	cfg_build(&prog, &g);

	size_t nsites = 0, unresolved = 0;
	for (size_t i = 0; i < prog.ninsns; i++)
		nsites += prog.insns[i].flow == FLOW_SYSCALL;
	struct site *sites = calloc(nsites ? nsites : 1, sizeof(*sites));
	if (!sites)
		fail("out of memory");
	static unsigned char used[1024];
	size_t k = 0;
	for (size_t i = 0; i < prog.ninsns; i++) {
		if (prog.insns[i].flow != FLOW_SYSCALL)
			continue;
		struct site *s = &sites[k++];
		s->addr = prog.insns[i].addr;
		resolve_before(&g, i, R_AX, &s->vals);
		unresolved += s->vals.unresolved;
		for (size_t v = 0; v < s->vals.n; v++)
			if (s->vals.v[v] < sizeof(used) && syscall_name(s->vals.v[v]))
				used[s->vals.v[v]] = 1;
	}

	if (list) {
		if (unresolved) {
			puts("ALL");
			return 0;
		}
		for (size_t nr = 0; nr < sizeof(used); nr++)
			if (used[nr])
				puts(syscall_name(nr));
		return 0;
	}

	printf("%s: %zu syscall sites, %zu unresolved%s\n", path, nsites, unresolved,
	       prog.img.nfuncs ? "" : " (no symbol table)");
	for (size_t i = 0; i < nsites; i++) {
		const struct site *s = &sites[i];
		const struct symbol *f = elf_func_at(&prog.img, s->addr);
		printf("%#lx %s:", (unsigned long)s->addr, f ? f->name : "?");
		print_values(&s->vals);
		if (s->vals.unresolved)
			printf("%sUNRESOLVED (%s)", s->vals.n ? ", " : " ", s->vals.why);
		putchar('\n');
	}
	size_t count = 0;
	for (size_t nr = 0; nr < sizeof(used); nr++)
		count += used[nr];
	printf("union: %zu syscalls%s:", count, unresolved ? ", and any other (unresolved sites)" : "");
	for (size_t nr = 0; nr < sizeof(used); nr++)
		if (used[nr])
			printf(" %s", syscall_name(nr));
	putchar('\n');
	return 0;
}
