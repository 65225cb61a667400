/*
 * A dynamically linked program's loader at work: a library found through
 * LD_LIBRARY_PATH, its initial-exec TLS seen from two threads, another opened
 * with dlopen (dynamic TLS, a constructor, a symbol back into the program),
 * LD_PRELOAD interposing a function, and with glibc an IFUNC.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

extern __thread int tls_ie;
int *tls_ie_addr(void);
int who(void);
#ifdef WITH_IFUNC
int vector_bits(void);
#endif

int from_program(void)
{
	return 1000;
}

static void *thread(void *arg)
{
	(void)arg;
	tls_ie = 42;
	return (void *)(long)*tls_ie_addr();
}

int main(void)
{
	void *h = dlopen("libplug.so", RTLD_NOW);
	if (!h) {
		printf("dlopen: %s\n", dlerror());
		return 1;
	}
	int (*call)(int) = (int (*)(int))dlsym(h, "plug_call");
	if (!call) {
		printf("dlsym: %s\n", dlerror());
		return 1;
	}
	int first = call(1);
	printf("plug_call: %d, then %d\n", first, call(2));
	printf("a missing symbol: %s\n", dlsym(h, "nothere") ? "found" : "not found");
	void *seen;
	pthread_t t;
	pthread_create(&t, 0, thread, 0);
	pthread_join(t, &seen);
	printf("initial-exec TLS: main %d, the thread's %ld\n", tls_ie, (long)seen);
	printf("who: %d (LD_PRELOAD %s)\n", who(), getenv("LD_PRELOAD") ? "set" : "unset");
#ifdef WITH_IFUNC
	printf("IFUNC: %d\n", vector_bits());
#endif
	dlclose(h);
	return 0;
}
