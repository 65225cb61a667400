/*
 * libFuzzer: cocoon-rewrite (tools/rewrite/main.c, built with main renamed
 * rewrite_main) on arbitrary bytes as its input program. Bad input ends in
 * fail(), which returns here (fuzz_tool_exit.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fuzz_tool_exit.h"

jmp_buf fuzz_exit_to;

_Noreturn void fuzz_exit(int status)
{
	longjmp(fuzz_exit_to, status + 1);
}

int rewrite_main(int argc, char **argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char in[64], out[64];
	if (!in[0]) {
		snprintf(in, sizeof(in), "/tmp/cocoon-fuzz-rewrite.%d", (int)getpid());
		snprintf(out, sizeof(out), "%s.out", in);
		stderr = fopen("/dev/null", "w"); /* fail()'s lines; sanitizers write to fd 2 itself */
		if (!freopen("/dev/null", "w", stdout))
			abort();
	}
	FILE *f = fopen(in, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	char *argv[] = { "cocoon-rewrite", in, "-o", out, NULL };
	if (setjmp(fuzz_exit_to) == 0)
		rewrite_main(4, argv);
	fuzz_free_all();
	unlink(out);
	return 0;
}
