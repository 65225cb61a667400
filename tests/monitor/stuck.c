/*
 * A guest that can take no signal: it writes "kept" to the file argv[1],
 * says "stuck" on stdout, then spins in ring 0 with interrupts off. Built
 * without libc; runs only under uhyve-run (stuck.sh).
 */
#include "../progs/nolibc.h"

void stuck_main(long *sp);

void stuck_main(long *sp)
{
	const char *path = (const char *)sp[2];
	long fd = sys3(2 /* open */, (long)path, 01 | 0100 | 01000 /* O_WRONLY | O_CREAT | O_TRUNC */, 0644);
	if (fd < 0 || sys3(1, fd, (long)"kept\n", 5) != 5) {
		out("cannot write the file\n");
		sys3(60, 1, 0, 0);
	}
	line("stuck", 1);
	__asm__ volatile("cli\n1:\tpause\n\tjmp 1b");
}

__asm__(".globl _start\n_start:\n\tmov %rsp, %rdi\n\tand $-16, %rsp\n\tcall stuck_main\n\thlt\n");
