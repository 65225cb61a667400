/* Checks that the program's exit status reaches the caller: exits with atoi(argv[1]). */
#include <stdlib.h>

int main(int argc, char **argv)
{
	exit(argc > 1 ? atoi(argv[1]) : 0);
}
