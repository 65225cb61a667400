/*
 * Several threads touching the same fresh pages at the same moment, as a Go program's
 * goroutines do with a new heap arena or .bss: on more than one CPU, two of them fault on
 * one page and the second finds it already mapped, which must be no error. Then the
 * faults that are errors: a write to a read-only page (present or not), any access to a
 * PROT_NONE page and a jump into a page without PROT_EXEC give SEGV_ACCERR, an unmapped
 * address SEGV_MAPERR. Prints only results that do not depend on timing.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define THREADS 4
#define PAGE 4096
#define MAP_ROUNDS 300
#define MAP_PAGES 16
#define BSS_ROUNDS 128
#define BSS_PAGES 8
#define SLOT 64 /* each thread writes its own bytes of every page */
/* Linux's values: musl-gcc has no <linux/futex.h>. */
#define FUTEX_WAIT_PRIVATE 128
#define FUTEX_WAKE_PRIVATE 129

static char bss[BSS_ROUNDS * BSS_PAGES * PAGE] __attribute__((aligned(PAGE)));

/* The round the threads may start, the pages it covers, how many threads finished it. */
static atomic_int go, npages, finished;
static char *_Atomic area;

/*
 * Wait for *v to reach want: spinning a little, so that threads released together start
 * together, then in futex: with more threads than CPUs, or CPUs the host does not run
 * all the time, the one being waited for may need this CPU.
 */
static void wait_for(atomic_int *v, int want)
{
	int now;
	for (int spins = 0; (now = atomic_load_explicit(v, memory_order_acquire)) < want; spins++)
		if (spins < 2000)
			__builtin_ia32_pause();
		else
			syscall(SYS_futex, v, FUTEX_WAIT_PRIVATE, now, 0, 0, 0);
}

static void wake_all(atomic_int *v)
{
	syscall(SYS_futex, v, FUTEX_WAKE_PRIVATE, INT_MAX, 0, 0, 0);
}

static char mark(int round, int page, int id)
{
	return (char)(1 + (round * 7 + page * 3 + id) % 250);
}

static void *toucher(void *arg)
{
	int id = (int)(intptr_t)arg;
	for (int round = 1; round <= MAP_ROUNDS + BSS_ROUNDS; round++) {
		wait_for(&go, round);
		char *p = atomic_load(&area);
		int n = atomic_load(&npages);
		for (int i = 0; i < n; i++) {
			volatile char *slot = p + (size_t)i * PAGE + id * SLOT;
			/* Half the threads read first: a read fault races the others' write faults. */
			if (id % 2 && *slot != 0)
				abort();
			*slot = mark(round, i, id);
		}
		if (atomic_fetch_add_explicit(&finished, 1, memory_order_release) == THREADS - 1)
			wake_all(&finished);
	}
	return 0;
}

/* Start one round over n pages at p; wait for every thread; count wrong bytes. */
static long run_round(int round, char *p, int n)
{
	atomic_store(&area, p);
	atomic_store(&npages, n);
	atomic_store(&finished, 0);
	atomic_store_explicit(&go, round, memory_order_release);
	wake_all(&go);
	wait_for(&finished, THREADS);
	long wrong = 0;
	for (int i = 0; i < n; i++)
		for (int b = 0; b < PAGE; b++) {
			int id = b / SLOT;
			char want = b % SLOT == 0 && id < THREADS ? mark(round, i, id) : 0;
			wrong += p[(size_t)i * PAGE + b] != want;
		}
	return wrong;
}

/* A fresh region as Go maps its heap: plainly, or reserved PROT_NONE and then made usable. */
static char *fresh_region(int round, size_t len)
{
	char *p;
	switch (round % 3) {
	case 0:
		p = mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		break;
	case 1:
		p = mmap(0, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p != MAP_FAILED && mprotect(p, len, PROT_READ | PROT_WRITE) != 0)
			p = MAP_FAILED;
		break;
	default:
		p = mmap(0, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (p != MAP_FAILED)
			p = mmap(p, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		break;
	}
	if (p == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	return p;
}

static sigjmp_buf escape;
static volatile int fault_code;
static void *volatile fault_addr;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)ctx;
	fault_code = si->si_code;
	fault_addr = si->si_addr;
	siglongjmp(escape, 1);
}

static const char *code_name(int code)
{
	return code == SEGV_MAPERR ? "SEGV_MAPERR" : code == SEGV_ACCERR ? "SEGV_ACCERR" : "other";
}

/* Do the access; report the signal's code and whether si_addr is the address touched. */
static void expect_fault(const char *what, void (*access)(char *), char *addr)
{
	fault_code = 0;
	fault_addr = 0;
	if (sigsetjmp(escape, 1) == 0) {
		access(addr);
		printf("%s: no fault\n", what);
		return;
	}
	printf("%s: SIGSEGV %s, si_addr %s\n", what, code_name(fault_code),
	       fault_addr == addr ? "the address" : "elsewhere");
}

static void do_write(char *p)
{
	*(volatile char *)p = 1;
}

static void do_read(char *p)
{
	(void)*(volatile char *)p;
}

static void do_call(char *p)
{
	((void (*)(void))p)();
}

static void protection_faults(void)
{
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
	sigaction(SIGSEGV, &sa, 0);
	char *p = mmap(0, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	p[0] = 7;
	p[3 * PAGE] = (char)0xc3; /* ret */
	mprotect(p, 2 * PAGE, PROT_READ);
	mprotect(p + 2 * PAGE, PAGE, PROT_NONE);
	expect_fault("write to a present read-only page", do_write, p + 8);
	expect_fault("write to an untouched read-only page", do_write, p + PAGE + 8);
	expect_fault("read of a PROT_NONE page", do_read, p + 2 * PAGE);
	expect_fault("call into a page without PROT_EXEC", do_call, p + 3 * PAGE);
	printf("read-only page still reads %d\n", p[0]);
	munmap(p, 4 * PAGE);
	expect_fault("write to an unmapped page", do_write, p + 8);
	expect_fault("read of an unmapped page", do_read, p + 3 * PAGE);
}

int main(void)
{
	pthread_t t[THREADS];
	for (int i = 0; i < THREADS; i++)
		if (pthread_create(&t[i], 0, toucher, (void *)(intptr_t)i) != 0) {
			perror("pthread_create");
			return 1;
		}
	long wrong = 0;
	int round = 0;
	size_t len = (size_t)MAP_PAGES * PAGE;
	for (int r = 0; r < MAP_ROUNDS; r++) {
		char *p = fresh_region(++round, len);
		wrong += run_round(round, p, MAP_PAGES);
		munmap(p, len);
	}
	printf("fresh mappings: %d rounds of %d pages by %d threads, %ld wrong bytes\n", MAP_ROUNDS, MAP_PAGES,
	       THREADS, wrong);
	wrong = 0;
	for (int r = 0; r < BSS_ROUNDS; r++)
		wrong += run_round(++round, bss + (size_t)r * BSS_PAGES * PAGE, BSS_PAGES);
	printf(".bss: %d rounds of %d pages by %d threads, %ld wrong bytes\n", BSS_ROUNDS, BSS_PAGES, THREADS,
	       wrong);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], 0);
	protection_faults();
	return 0;
}
