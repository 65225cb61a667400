/* A library the test program opens with dlopen: dynamic TLS, a constructor, a symbol back into the program. */
#include <stdio.h>

static __thread int calls = 100;
extern int from_program(void);

__attribute__((constructor)) static void hello(void)
{
	printf("plug: constructor ran\n");
}

int plug_call(int n)
{
	calls += n;
	return calls + from_program();
}
