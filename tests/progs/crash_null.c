/* Checks that a crashing program (write through NULL) ends with SIGSEGV's status. */
#include <stdio.h>

int main(void)
{
	puts("before crash");
	fflush(stdout);
	volatile int *volatile p = NULL;
	*p = 42;
	puts("after crash (should not be printed)");
	return 0;
}
