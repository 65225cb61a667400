/*
 * A hostile guest: in ring 0 it can issue hypercalls itself, so it does, with
 * blocks and buffers outside guest memory, huge lengths, bad handles and
 * paths that try to leave the mount. The monitor must answer each with an
 * error and keep running; the program prints what it got and exits 0.
 * Built without libc; runs only under uhyve-run (it uses OUT and CR3).
 */
#include <stdint.h>

#include "cocoon/hypercall.h"
#include "nolibc.h"

/* The guest physical address of one of our own bytes, from the page tables. */
static uint64_t gpa_of(const void *p)
{
	uint64_t va = (uint64_t)p, cr3;
	__asm__ volatile("mov %%cr3, %0" : "=r"(cr3));
	uint64_t entry = cr3;
	for (int level = 3; level >= 0; level--) {
		const uint64_t *table = (const uint64_t *)(KERNEL_VBASE + (entry & 0x000ffffffffff000ULL));
		entry = table[(va >> (12 + 9 * level)) & 511];
	}
	return (entry & 0x000ffffffffff000ULL) | (va & 0xfff);
}

static void hc(int nr, const void *block)
{
	uint32_t gpa = (uint32_t)gpa_of(block);
	__asm__ volatile("outl %0, %w1" : : "a"(gpa), "Nd"(HC_PORT_BASE + nr) : "memory");
}

static void hc_raw(int nr, uint32_t gpa)
{
	__asm__ volatile("outl %0, %w1" : : "a"(gpa), "Nd"(HC_PORT_BASE + nr) : "memory");
}

/* Blocks must not cross a page: each is aligned to its size here. */
static struct hc_io io __attribute__((aligned(64)));
static struct hc_open op __attribute__((aligned(64)));
static struct hc_stat st __attribute__((aligned(64)));
static struct hc_load ld __attribute__((aligned(64)));
static struct hc_pathop po __attribute__((aligned(64)));
static char path[64] __attribute__((aligned(64)));
static char data[4096] __attribute__((aligned(4096)));

static void try_open(const char *p, long len)
{
	int n = 0;
	while (p[n] && n < 63) {
		path[n] = p[n];
		n++;
	}
	op = (struct hc_open){ .path = gpa_of(path), .path_len = len < 0 ? (uint64_t)n : (uint64_t)len, .flags = 0 };
	op.ret = 12345;
	hc(HC_OPEN, &op);
	out(p);
	line(" ->", op.ret);
}

/*
 * The request ring from a slot the kernel does not use: an unknown number,
 * a call reserved for the port, a block outside memory. Each must come back
 * served (done) without effect; the monitor keeps running.
 */
static struct hc_ring_wait rw __attribute__((aligned(64)));

static void ring_post(struct hc_ring *ring, uint32_t nr, uint64_t gpa)
{
	struct hc_slot *s = &ring->slot[HC_RING_SLOTS - 1];
	uint32_t seq = s->seq + 1;
	s->nr = nr;
	s->gpa = gpa;
	__atomic_store_n(&s->seq, seq, __ATOMIC_SEQ_CST);
	rw = (struct hc_ring_wait){ .slot = HC_RING_SLOTS - 1 };
	hc(HC_RING_WAIT, &rw);
	while (__atomic_load_n(&s->done, __ATOMIC_ACQUIRE) != seq)
		__builtin_ia32_pause();
}

static void hostile_ring(void)
{
	const struct boot_info *bi = (const struct boot_info *)(KERNEL_VBASE + BOOT_INFO_GPA);
	if (!bi->ring_gpa) {
		out("no ring\n");
		return;
	}
	struct hc_ring *ring = (struct hc_ring *)(KERNEL_VBASE + bi->ring_gpa);
	ring_post(ring, 9999, 0);
	ring_post(ring, HC_EXIT, gpa_of(&io));
	line("ring: unknown number and EXIT refused, still running", 1);
	io = (struct hc_io){ .handle = 1, .buf = 0xfffff000, .len = 16, .offset = -1 };
	ring_post(ring, HC_WRITE, gpa_of(&io));
	line("ring: write from outside memory", io.ret);
	ring_post(ring, HC_WRITE, 0xfffffff0);
	line("ring: block outside memory, still running", 1);
	rw = (struct hc_ring_wait){ .slot = 99 };
	hc(HC_RING_WAIT, &rw);
	line("ring wait: bad slot", rw.ret);
	rw = (struct hc_ring_wait){ .slot = HC_RING_SLOTS - 1 };
	hc(HC_RING_WAIT, &rw);
	line("ring wait: nothing pending", rw.ret);
}

/* The path buffer holds p; its length. */
static uint64_t set_path(const char *p)
{
	uint64_t n = 0;
	while (p[n] && n < sizeof(path) - 1) {
		path[n] = p[n];
		n++;
	}
	return n;
}

static int64_t open_flags(const char *p, int flags)
{
	op = (struct hc_open){ .flags = flags, .mode = 0644 };
	op.path_len = set_path(p);
	op.path = gpa_of(path);
	hc(HC_OPEN, &op);
	return op.ret;
}

static struct hc_fileop fo __attribute__((aligned(64)));
static char target[64] __attribute__((aligned(64)));
static struct hc_batch batch __attribute__((aligned(64)));
static struct hc_call calls[2] __attribute__((aligned(64)));

/*
 * A read-only mount (/mnt/ro) changed by handle, through a symlink of the
 * writable mount above it; a FIFO opened; a batch holding RING_WAIT. All refused.
 */
static void hostile_ro(void)
{
	int64_t h = open_flags("/mnt/ro/keep", 0);
	fo = (struct hc_fileop){ .handle = (int32_t)h, .op = HC_FILE_FCHMOD, .arg = 04777 };
	hc(HC_FILEOP, &fo);
	line("ro: fchmod by handle", fo.ret);
	h = open_flags("/mnt/ro", 0200000 /* O_DIRECTORY */);
	fo = (struct hc_fileop){ .handle = (int32_t)h, .op = HC_FILE_FCHMOD, .arg = 0777 };
	hc(HC_FILEOP, &fo);
	line("ro: fchmod of the mount's root", fo.ret);
	target[0] = 'r', target[1] = 'o';
	po = (struct hc_pathop){ .op = HC_PATH_SYMLINK, .path_len = set_path("/mnt/alias"), .path2_len = 2 };
	po.path = gpa_of(path);
	po.path2 = gpa_of(target);
	hc(HC_PATHOP, &po);
	line("ro: symlink /mnt/alias -> ro", po.ret);
	line("ro: create through /mnt/alias", open_flags("/mnt/alias/new", 01 | 0100 /* O_WRONLY | O_CREAT */));
	line("open of a FIFO", open_flags("/mnt/fifo", 0));
	rw = (struct hc_ring_wait){ .slot = 0 };
	calls[0] = (struct hc_call){ .nr = HC_RING_WAIT, .block = gpa_of(&rw) };
	batch = (struct hc_batch){ .calls = gpa_of(calls), .n = 1 };
	hc(HC_BATCH, &batch);
	line("batch holding RING_WAIT", batch.ret);
}

void hostile_main(void);

void hostile_main(void)
{
	/* Blocks outside memory are ignored: nothing to answer into. */
	hc_raw(HC_WRITE, 0xfffffff0);
	hc_raw(HC_OPEN, 0x7ffffffc);
	line("survived blocks outside memory", 1);

	io = (struct hc_io){ .handle = 1, .buf = 0xfffffff000ULL, .len = 10, .offset = -1 };
	hc(HC_WRITE, &io);
	line("write from outside memory", io.ret);
	io = (struct hc_io){ .handle = 1, .buf = gpa_of(data), .len = ~0ULL, .offset = -1 };
	hc(HC_WRITE, &io);
	line("write huge length", io.ret);
	io = (struct hc_io){ .handle = 1000000, .buf = gpa_of(data), .len = 1, .offset = -1 };
	hc(HC_WRITE, &io);
	line("write bad handle", io.ret);
	io = (struct hc_io){ .handle = -5, .buf = gpa_of(data), .len = 1, .offset = -1 };
	hc(HC_READ, &io);
	line("read negative handle", io.ret);

	try_open("/etc/passwd", -1);
	try_open("/mnt/../etc/passwd", -1);
	try_open("/mnt/./x", -1);
	try_open("mnt/x", -1);
	try_open("/mnt//x", -1);
	try_open("/mnt/escape", -1);
	try_open("/mnt/x", 1 << 20);
	op = (struct hc_open){ .path = 0xffffff000ULL, .path_len = 4 };
	hc(HC_OPEN, &op);
	line("open path outside memory", op.ret);

	st = (struct hc_stat){ .path = gpa_of(path), .path_len = 4, .statbuf = 0xfffffff00ULL };
	path[0] = '/', path[1] = 'm', path[2] = 'n', path[3] = 't';
	hc(HC_STAT, &st);
	line("stat into outside memory", st.ret);

	ld = (struct hc_load){ .offset = 1ULL << 40, .gpa = gpa_of(data), .len = 16 };
	hc(HC_LOAD, &ld);
	line("load past the file", ld.ret);

	po = (struct hc_pathop){ .op = HC_PATH_UNLINK, .path = gpa_of(path), .path_len = 4 };
	path[0] = '/', path[1] = 'e', path[2] = 't', path[3] = 'c';
	hc(HC_PATHOP, &po);
	line("unlink /etc", po.ret);
	po = (struct hc_pathop){ .op = 99, .path = gpa_of(path), .path_len = 4 };
	path[0] = '/', path[1] = 'm', path[2] = 'n', path[3] = 't';
	hc(HC_PATHOP, &po);
	line("bad path operation", po.ret);
	hostile_ring();
	hostile_ro();
	sys3(60, 0, 0, 0);
}

__asm__(".globl _start\n_start:\n\tand $-16, %rsp\n\tcall hostile_main\n\thlt\n");
