/*
 * A guest that kicks the network device's port without a device (no --net):
 * uhyve-run must refuse it as an unknown port, not write to a descriptor.
 * Built without libc; runs only under uhyve-run.
 */
#include "cocoon/hypercall.h"
#include "../progs/nolibc.h"

void kick_main(void);

void kick_main(void)
{
	line("kicking", 1);
	__asm__ volatile("outl %0, %w1" : : "a"(1), "d"(HC_NET_KICK_PORT) : "memory");
	out("still running\n");
	sys3(60, 0, 0, 0);
}

__asm__(".globl _start\n_start:\n\tand $-16, %rsp\n\tcall kick_main\n\thlt\n");
