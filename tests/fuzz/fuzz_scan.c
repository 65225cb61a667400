/*
 * libFuzzer: cocoon-scan's ELF reader (tools/scan/elf_image.c, with its
 * function bounds from .eh_frame for a stripped program, and what a dynamic
 * section, .dynsym and the relocations say: dynamic.c) on arbitrary bytes,
 * then the look-ups the scanner makes on what it accepted. Bad input
 * ends in fail(), which returns here (fuzz_tool_exit.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fuzz_tool_exit.h"
#include "tools/scan/elf_image.h"

jmp_buf fuzz_exit_to;

_Noreturn void fuzz_exit(int status)
{
	longjmp(fuzz_exit_to, status + 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	if (!path[0]) {
		snprintf(path, sizeof(path), "/tmp/cocoon-fuzz-scan.%d", (int)getpid());
		stderr = fopen("/dev/null", "w"); /* fail()'s lines; sanitizers write to fd 2 itself */
	}
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	static struct elf_image img;
	if (setjmp(fuzz_exit_to) == 0) {
		elf_image_load(path, &img);
		for (size_t i = 0; i < img.nfuncs; i++)
			if (elf_func_at(&img, img.funcs[i].addr) == NULL ||
			    (!img.stripped && !elf_symbol_is(&img, img.funcs[i].addr, img.funcs[i].name)))
				abort();
		for (size_t i = 0; i < img.nsegs; i++)
			if (img.segs[i].size && !elf_bytes_at(&img, img.segs[i].vaddr, img.segs[i].size))
				abort();
	}
	fuzz_free_all();
	return 0;
}
