/* A library the test program links against: initial-exec TLS, and with glibc an IFUNC. */
__thread int tls_ie __attribute__((tls_model("initial-exec"))) = 7;

int *tls_ie_addr(void)
{
	return &tls_ie;
}

int who(void)
{
	return 1;
}

#ifdef WITH_IFUNC
#include <sys/auxv.h>

/* Resolved by the loader at relocation time from what the CPU has. */
static int wide(void)
{
	return 256;
}

static int narrow(void)
{
	return 128;
}

static int (*pick(void))(void)
{
	__builtin_cpu_init();
	return __builtin_cpu_supports("sse2") ? wide : narrow;
}

int vector_bits(void) __attribute__((ifunc("pick")));
#endif
