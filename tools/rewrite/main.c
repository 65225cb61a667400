/* cocoon-rewrite: replace the syscall instructions of a program or shared library with
 * calls into the kernel. */
#include <elf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cocoon/direct_syscall.h"
#include "elf_out.h"
#include "program_notes.h"
#include "trampoline.h"
#include "window.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: cocoon-rewrite [-v] PROGRAM -o OUTPUT\n"
	           "  Writes OUTPUT: the x86-64 PROGRAM (static or dynamic, or a shared library) with\n"
	           "  each syscall instruction that can safely be replaced jumping to a trampoline\n"
	           "  that calls the cocoon kernel directly (a function call instead of a trap). The\n"
	           "  others keep trapping. Under another kernel OUTPUT still runs: its trampolines\n"
	           "  then make the syscall themselves.\n"
	           "  A program rewritten already is copied unchanged.\n"
	           "  -v  print every site, rewritten or why not\n");
}

/* Could a syscall instruction be anywhere in IMG's code: the bytes 0f 05? */
static bool has_syscall_bytes(const struct elf_image *img)
{
	for (size_t i = 0; i < img->ncode; i++) {
		const struct segment *s = &img->code[i];
		for (const uint8_t *p = s->bytes; (p = memchr(p, 0x0f, s->size - (size_t)(p - s->bytes)));)
			if (++p < s->bytes + s->size && *p == 0x05)
				return true;
	}
	return false;
}

/* Rewrite the site at instruction I; NULL, or why it keeps trapping. */
static const char *rewrite_site(const struct scan *s, size_t i, const struct valset *vals, uint64_t taken,
                                struct elf_out *o, struct window *w)
{
	const char *why = window_choose(s, i, vals, taken, w);
	if (why)
		return why;
	uint8_t *room;
	uint64_t at = elf_out_next(o, TRAMPOLINE_MAX, &room);
	/* A site that can make one syscall only calls that syscall's own slot. */
	uint64_t slot = !vals->unresolved && vals->n == 1 && vals->v[0] < COCOON_SYSCALL_SLOTS ? vals->v[0]
	                                                                                     : COCOON_SLOT_ANY;
	size_t n = trampoline_emit(&s->prog, w, at, o->slots + 8 * slot, room, &why);
	if (!n)
		return why;
	elf_out_commit(o, n);
	trampoline_patch_site(w, at, elf_out_code(o, w->start, w->end - w->start));
	return NULL;
}

int main(int argc, char **argv)
{
	const char *in = NULL, *out = NULL;
	int verbose = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(argv[i], "-v") == 0) {
			verbose = 1;
		} else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc && !out) {
			out = argv[++i];
		} else if (argv[i][0] == '-' || in) {
			usage(stderr);
			return 2;
		} else {
			in = argv[i];
		}
	}
	if (!in || !out) {
		usage(stderr);
		return 2;
	}
	fail_prefix = "cocoon-rewrite";
	/* On the heap, new on each call: the fuzz harness (tests/fuzz) calls main again. */
	struct scan *scan = calloc(1, sizeof(*scan));
	if (!scan)
		fail("out of memory");
	/* What rules the program out is found before the costly scan. */
	elf_image_load(in, &scan->prog.img);
	/* A goroutine's stack may have as little as 128 bytes left below a syscall stub (Go's
	 * nosplit limit), less than a trampoline's call takes. */
	if (program_has_note(&scan->prog.img, "Go"))
		fail("%s: a Go program: its goroutine stacks leave no room for the calls a rewritten site makes; "
		     "it runs trapping", in);
	/* Nothing to rewrite (glibc's libnss_files, a library of data only), bounds or not. */
	if (!has_syscall_bytes(&scan->prog.img)) {
		elf_copy(&scan->prog.img, out);
		printf("rewrote 0 of 0 syscall sites: copied unchanged\n");
		return 0;
	}
	/* The loader would write into the code the rewrite moves. */
	if (scan->prog.img.text_relocations)
		fail("%s: text relocations: the dynamic loader writes into its code", in);
	if (scan->prog.img.nfuncs == 0)
		fail("%s: no symbol table nor .eh_frame: without function bounds no site can be rewritten safely", in);
	if (program_has_note(&scan->prog.img, COCOON_NOTE_NAME)) {
		elf_copy(&scan->prog.img, out);
		printf("already rewritten: copied unchanged\n");
		return 0;
	}
	scan_loaded(scan);

	static struct elf_out o;
	memset(&o, 0, sizeof(o));
	elf_out_begin(&scan->prog.img, &o);
	size_t done = 0, k = 0;
	uint64_t taken = 0; /* the end of the last window: windows must not overlap */
	for (size_t i = 0; i < scan->prog.ninsns; i++) {
		if (scan->prog.insns[i].flow != FLOW_SYSCALL)
			continue;
		struct window w;
		const struct site *site = &scan->sites[k++];
		const char *why = rewrite_site(scan, i, &site->vals, taken, &o, &w);
		done += !why;
		if (!why)
			taken = w.end;
		if (!verbose)
			continue;
		const struct symbol *f = elf_func_at(&scan->prog.img, site->addr);
		if (why)
			printf("%#lx %s: keeps trapping: %s\n", (unsigned long)site->addr, f ? f->name : "?", why);
		else
			printf("%#lx %s: rewritten, %#lx-%#lx moved%s\n", (unsigned long)site->addr, f->name,
			       (unsigned long)w.start, (unsigned long)w.end,
			       w.ntrap ? ", RAX tested for the numbers that must trap" : "");
	}
	/* Nothing to call through (libm, libz): no segment to map, no slots to fill. */
	if (done == 0) {
		elf_copy(&scan->prog.img, out);
		printf("rewrote 0 of %zu syscall sites: copied unchanged\n", scan->nsites);
		return 0;
	}
	elf_out_write(&o, out);
	printf("rewrote %zu of %zu syscall sites\n", done, scan->nsites);
	return 0;
}
