/* A dynamically linked program with a syscall instruction of its own (rewrite/dynamic_program.*):
 * rewritten, it runs as the original does, the system's loader mapping its new segment. */
#include <stdio.h>
#include <unistd.h>

static long raw_getppid(void)
{
	long r;
	__asm__ volatile("syscall" : "=a"(r) : "a"(110L) : "rcx", "r11", "memory");
	return r;
}

int main(void)
{
	printf("getppid alike: %d\n", raw_getppid() == getppid());
	return 7;
}
