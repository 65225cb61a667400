/* Checks that argc, argv and the environment arrive unchanged. */
#include <stdio.h>

extern char **environ;

int main(int argc, char **argv)
{
	printf("argc %d\n", argc);
	for (int i = 0; i < argc; i++)
		printf("argv[%d] = \"%s\"\n", i, argv[i]);
	if (argv[argc] != NULL)
		printf("argv[argc] is not NULL\n");
	int n = 0;
	for (char **e = environ; *e != NULL; e++, n++)
		printf("environ[%d] = \"%s\"\n", n, *e);
	printf("environ count %d\n", n);
	return 0;
}
