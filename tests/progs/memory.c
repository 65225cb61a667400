/*
 * Memory as Linux programs use it: mmap flags, mremap, mincore, mprotect and
 * guard pages caught by a SIGSEGV handler, munmap of sub-ranges, madvise,
 * ENOMEM, and private mappings of a file (in the directory given as argv[1]).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PG 4096UL

static void check(const char *what, long r)
{
	printf("%s: %ld%s%s\n", what, r, r < 0 ? " " : "", r < 0 ? strerror(errno) : "");
}

static void check_map(const char *what, void *p)
{
	printf("%s: %s\n", what, p == MAP_FAILED ? strerror(errno) : "mapped");
}

static sigjmp_buf back;
static volatile void *fault_addr;
static volatile int fault_code;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	fault_addr = si->si_addr;
	fault_code = si->si_code;
	siglongjmp(back, 1);
}

/* Touch addr (write or read): "ok", or the fault it took. */
static void touch(const char *what, volatile char *addr, int write)
{
	fault_addr = 0;
	if (!sigsetjmp(back, 1)) {
		if (write)
			*addr = 1;
		else
			(void)*addr;
		printf("%s: ok\n", what);
	} else {
		printf("%s: SIGSEGV %s at the address: %d\n", what, fault_code == SEGV_MAPERR ? "MAPERR" : "ACCERR",
		       fault_addr == addr);
	}
}

static void resident(const char *what, void *p, size_t pages)
{
	unsigned char vec[64];
	long r = mincore(p, pages * PG, vec);
	printf("%s:", what);
	if (r < 0)
		printf(" %s", strerror(errno));
	for (size_t i = 0; r == 0 && i < pages; i++)
		printf(" %d", vec[i] & 1);
	printf("\n");
}

static void test_anonymous(void)
{
	char *p = mmap(0, 8 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	resident("untouched", p, 8);
	p[0] = 1;
	p[3 * PG] = 1;
	resident("two touched", p, 8);
	check("mincore unaligned", mincore(p + 1, PG, (unsigned char[1]){ 0 }));
	char *gone = mmap(0, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(gone, PG);
	check("mincore unmapped", mincore(gone, PG, (unsigned char[1]){ 0 }));
	check("mincore bad vector", syscall(SYS_mincore, p, PG, 8));

	memset(p, 0x5a, 8 * PG);
	check("madvise DONTNEED", madvise(p, 2 * PG, MADV_DONTNEED));
	printf("zeroed: %d, kept: %d\n", p[0] == 0 && p[PG] == 0, p[2 * PG] == 0x5a);

	check("munmap the middle", munmap(p + 2 * PG, 2 * PG));
	touch("write the hole", p + 2 * PG, 1);
	touch("write after the hole", p + 4 * PG, 1);
	check_map("MAP_FIXED_NOREPLACE over a mapping",
		  mmap(p, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0));
	char *q = mmap(p + 2 * PG, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	printf("MAP_FIXED_NOREPLACE into the hole: %d\n", q == p + 2 * PG);

	/* Guard pages and read-only pages fault, and the handler can go on. */
	check("mprotect read-only", mprotect(p, PG, PROT_READ));
	touch("write read-only", p, 1);
	touch("read read-only", p, 0);
	check("mprotect none", mprotect(p + PG, PG, PROT_NONE));
	touch("read guard page", p + PG, 0);
	check("mprotect back", mprotect(p, 2 * PG, PROT_READ | PROT_WRITE));
	touch("write again", p + PG, 1);
	munmap(p, 8 * PG);

	check_map("MAP_POPULATE | MAP_STACK",
		  mmap(0, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE | MAP_STACK, -1, 0));
	check_map("shared anonymous", mmap(0, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
	check_map("MAP_GROWSDOWN private",
		  mmap(0, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0));
	check_map("MAP_GROWSDOWN shared",
		  mmap(0, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0));
	check_map("1 TiB", mmap(0, 1UL << 40, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	printf("malloc 1 TiB: %s\n", malloc(1UL << 40) ? "got it" : "NULL");
	void *big = mmap(0, 1UL << 40, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	check_map("1 TiB MAP_NORESERVE", big);
	munmap(big, 1UL << 40);
	check_map("bad protection", mmap(0, PG, 0x100, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	check_map("fixed unaligned", mmap((void *)0x10001, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0));
}

static void test_mremap(void)
{
	char *p = mmap(0, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	for (size_t i = 0; i < 4 * PG; i++)
		p[i] = (char)(i * 7);
	/* Block growth in place with a neighbour. */
	char *n = mmap(p + 4 * PG, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	printf("neighbour placed: %d\n", n == p + 4 * PG);
	char *r = mremap(p, 4 * PG, 8 * PG, 0);
	printf("grow without MAYMOVE: %s\n", r == MAP_FAILED ? strerror(errno) : "grew");
	char *m = mremap(p, 4 * PG, 64 * PG, MREMAP_MAYMOVE);
	int same = m != MAP_FAILED;
	for (size_t i = 0; same && i < 4 * PG; i++)
		same = m[i] == (char)(i * 7);
	printf("moved: %d, contents kept: %d, old gone: ", m != p, same);
	touch("", p, 0);
	m[64 * PG - 1] = 3;
	char *s = mremap(m, 64 * PG, 2 * PG, 0);
	printf("shrink in place: %d\n", s == m);
	touch("past the shrunk end", m + 2 * PG, 0);
	char *g = mremap(m, 2 * PG, 3 * PG, 0);
	printf("grow in place: %d, new page zero: %d\n", g == m, g != MAP_FAILED && m[2 * PG] == 0);
	char *dest = mmap(0, 16 * PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *f = mremap(m, 3 * PG, 3 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, dest + 4 * PG);
	printf("MREMAP_FIXED: %d, contents kept: %d\n", f == dest + 4 * PG, f != MAP_FAILED && f[1] == 7);
	/* Through syscall(): glibc's wrapper passes no new address without MREMAP_FIXED. */
	char *d = (char *)syscall(SYS_mremap, f, 3 * PG, 3 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0);
	printf("DONTUNMAP: moved %d, contents kept %d, old reads zero %d\n", d != f, d != MAP_FAILED && d[1] == 7,
	       f[1] == 0);
	check("unaligned", (long)mremap(d + 1, PG, 2 * PG, MREMAP_MAYMOVE));
	check("unmapped", (long)mremap((void *)0x10000, PG, 2 * PG, MREMAP_MAYMOVE));
	check("FIXED without MAYMOVE", (long)syscall(SYS_mremap, d, PG, PG, MREMAP_FIXED, dest));
	check("bad flags", (long)syscall(SYS_mremap, d, PG, PG, 64, 0));
	check("size 0", (long)syscall(SYS_mremap, d, PG, 0, MREMAP_MAYMOVE, 0));
}

static void test_file(const char *dir)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/mapped.bin", dir);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	char data[10000];
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (char)('a' + i % 26);
	write(fd, data, sizeof(data));
	char *p = mmap(0, 3 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	check_map("private file mapping", p);
	printf("contents: %d, past the end zero: %d\n", !memcmp(p, data, sizeof(data)), p[sizeof(data) + 5] == 0);
	touch("write a read-only file mapping", p, 1);
	char *o = mmap(0, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, PG);
	printf("at an offset: %d\n", o != MAP_FAILED && !memcmp(o, data + PG, 100));
	o[0] = '!';
	char c;
	pread(fd, &c, 1, PG);
	printf("private write stays private: %d\n", c == data[PG]);
	char *s = mmap(0, PG, PROT_READ, MAP_SHARED, fd, 0);
	printf("shared read-only: %d\n", s != MAP_FAILED && s[25] == 'z');
	check_map("unaligned offset", mmap(0, PG, PROT_READ, MAP_PRIVATE, fd, 100));
	int ro = open(path, O_RDONLY), wo = open(path, O_WRONLY);
	check_map("shared writable, file read-only", mmap(0, PG, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0));
	check_map("file write-only", mmap(0, PG, PROT_READ, MAP_PRIVATE, wo, 0));
	int pfd[2];
	pipe(pfd);
	check_map("a pipe", mmap(0, PG, PROT_READ, MAP_PRIVATE, pfd[0], 0));
	check_map("closed descriptor", mmap(0, PG, PROT_READ, MAP_PRIVATE, 99, 0));
	int z = open("/dev/zero", O_RDWR);
	char *zp = mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, z, 0);
	printf("/dev/zero: %d\n", zp != MAP_FAILED && zp[5] == 0 && (zp[5] = 1));
	unlink(path);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, 0, _IONBF, 0);
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
	sigaction(SIGSEGV, &sa, 0);
	test_anonymous();
	test_mremap();
	if (argc > 1)
		test_file(argv[1]);
	return 0;
}
