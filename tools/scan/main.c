/* cocoon-scan: the syscalls an x86-64 program can make, found in its machine code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"
#include "syscall_names.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: cocoon-scan [--list] PROGRAM\n"
	           "  Lists every syscall instruction of the x86-64 PROGRAM (or shared library) with\n"
	           "  the syscall numbers it can make, and their union.\n"
	           "  --list  print only the union, one syscall name per line, or ALL when some\n"
	           "          site's number could not be determined, or PROGRAM is a shared library\n"
	           "          or dynamically linked (other files then take part)\n");
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

	static struct scan scan;
	scan_program(path, &scan);
	const unsigned char *used = scan.used;
	const char *outside = scan.prog.img.outside;
	if (list) {
		if (scan.unresolved || outside) {
			puts("ALL");
			return 0;
		}
		for (size_t nr = 0; nr < SCAN_MAX_NR; nr++)
			if (used[nr])
				puts(syscall_name(nr));
		return 0;
	}

	printf("%s: %zu syscall sites, %zu unresolved%s%s%s\n", path, scan.nsites, scan.unresolved,
	       scan.prog.img.bounds_from_eh_frame ? " (no symbol table: functions from .eh_frame)"
	       : scan.prog.img.nfuncs                ? ""
	                                             : " (no symbol table)",
	       outside ? "; " : "", outside ? outside : "");
	for (size_t i = 0; i < scan.nsites; i++) {
		const struct site *s = &scan.sites[i];
		const struct symbol *f = elf_func_at(&scan.prog.img, s->addr);
		printf("%#lx %s:", (unsigned long)s->addr, f ? f->name : "?");
		print_values(&s->vals);
		if (s->vals.unresolved)
			printf("%sUNRESOLVED (%s)", s->vals.n ? ", " : " ", s->vals.why);
		putchar('\n');
	}
	size_t count = 0;
	for (size_t nr = 0; nr < SCAN_MAX_NR; nr++)
		count += used[nr];
	printf("union: %zu syscalls%s:", count,
	       scan.unresolved ? ", and any other (unresolved sites)"
	       : outside       ? ", and any other (other files take part)"
	                       : "");
	for (size_t nr = 0; nr < SCAN_MAX_NR; nr++)
		if (used[nr])
			printf(" %s", syscall_name(nr));
	putchar('\n');
	return 0;
}
