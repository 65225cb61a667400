/*
 * A dynamically linked program (glibc's or musl's loader, libc.so): what it
 * was given and what the loader saw, started by a shell inside the VM.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

int main(int argc, char **argv)
{
	char *p = malloc(1 << 20);
	memset(p, 1, 1 << 20);
	printf("dynamic: %d arguments, first %s; interpreter loaded: %s; PATH %s\n", argc - 1, argc > 1 ? argv[1] : "-",
	       getauxval(AT_BASE) ? "yes" : "no", getenv("PATH") ? "set" : "unset");
	free(p);
	return 6;
}
