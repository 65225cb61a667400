/* Checks the simplest case: a program that prints one line and exits 0. */
#include <stdio.h>

int main(void)
{
	puts("Hello, world!");
	return 0;
}
