/*
 * libFuzzer: every hypercall handler on arbitrary request blocks, as a
 * hostile guest's kernel can issue them, against a sandbox tree mounted
 * writable with a read-only mount nested in it, and canary files beside the
 * sandbox. The input is a list of calls: a number, a 64-byte block, then
 * data placed in guest memory. A block's 8-byte word whose top byte is 0xab
 * becomes the guest address of the data at its low 16 bits, 0xac one of the
 * sandbox's paths: the fuzzer learns both from the comparisons below. After
 * each input nothing outside the sandbox, nor in the read-only mount, may
 * have changed. A library's open (HC_OPEN's library) gets a copy made by a
 * stand-in for cocoon-rewrite, from a cache beside the sandbox: the read-only
 * mount holds a shared object, as far as the monitor looks.
 */
#include <dirent.h>
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../monitor/fake_guest.h"
#include "monitor/files.h"
#include "monitor/handles.h"
#include "monitor/lib_copy.h"
#include "monitor/vm.h"

#define DATA_GPA 0x400000ULL
#define DATA_MAX 0x10000
#define BLOCK 64

static char top[64];
static const char *paths[] = {
	"/s", "/s/a", "/s/dir", "/s/dir/b", "/s/ro", "/s/ro/keep", "/s/ro/dir", "/s/to_ro", "/s/to_keep",
	"/s/out", "/s/out_dir", "/s/dangling", "/s/new", "/s/dir/new", "/s/ro/new", "/s/to_ro/new",
	"/s/ro/lib.so",
};
static uint64_t path_gpa[sizeof(paths) / sizeof(paths[0])];

static void put_file(const char *rel, const char *text)
{
	char p[128];
	snprintf(p, sizeof(p), "%s/%s", top, rel);
	FILE *f = fopen(p, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0)
		abort();
}

/* An x86-64 ELF header of a shared object, then text. */
static void put_library(const char *rel, const char *text)
{
	Elf64_Ehdr eh = { .e_type = ET_DYN, .e_machine = EM_X86_64, .e_version = EV_CURRENT };
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	char p[128];
	snprintf(p, sizeof(p), "%s/%s", top, rel);
	FILE *f = fopen(p, "w");
	if (!f || fwrite(&eh, sizeof(eh), 1, f) != 1 || fputs(text, f) < 0 || fclose(f) != 0)
		abort();
}

static void put_link(const char *target, const char *rel)
{
	char p[128];
	snprintf(p, sizeof(p), "%s/%s", top, rel);
	if (symlink(target, p) < 0)
		abort();
}

/* What the read-only mount and the outside hold: entries, sizes, modes, owners, times. */
static unsigned long long fingerprint(const char *rel)
{
	char p[256];
	snprintf(p, sizeof(p), "%s/%s", top, rel);
	DIR *d = opendir(p);
	unsigned long long h = 1469598103934665603ULL;
	for (struct dirent *e; d && (e = readdir(d));) {
		struct stat st;
		if (strcmp(e->d_name, "..") == 0 || fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			continue;
		unsigned long long v[] = { st.st_ino, (unsigned long long)st.st_size, st.st_mode, st.st_uid, st.st_gid,
					   (unsigned long long)st.st_mtim.tv_nsec, (unsigned long long)st.st_mtim.tv_sec };
		for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
			h = (h ^ v[i]) * 1099511628211ULL;
	}
	if (d)
		closedir(d);
	return h;
}

static unsigned long long outside_print, ro_print, ro_dir_print;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(top, sizeof(top), "%s/cocoon-fuzz.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(top))
		abort();
	char p[128];
	const char *dirs[] = { "sandbox", "sandbox/dir", "sandbox/ro", "sandbox/ro/dir", "outside" };
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", top, dirs[i]);
		if (mkdir(p, 0755) < 0)
			abort();
	}
	put_file("outside/canary", "canary");
	put_file("sandbox/a", "a");
	put_file("sandbox/ro/keep", "keep");
	put_library("sandbox/ro/lib.so", "a library\n");
	put_file("rewrite", "#!/bin/sh\ncat \"$1\" >\"$3\" && echo REWRITTEN >>\"$3\"\n");
	put_link("ro", "sandbox/to_ro");
	put_link("ro/keep", "sandbox/to_keep");
	put_link("../outside/canary", "sandbox/out");
	put_link(p, "sandbox/out_dir");
	put_link("ro/none", "sandbox/dangling");
	snprintf(p, sizeof(p), "%s/sandbox:/s", top);
	files_mount(p);
	snprintf(p, sizeof(p), "%s/sandbox/ro:/s/ro:ro", top);
	files_mount(p);
	fake_start(0);
	snprintf(p, sizeof(p), "%s/rewrite", top);
	chmod(p, 0755);
	snprintf(p, sizeof(p), "%s/cache", top);
	setenv("XDG_CACHE_HOME", p, 1);
	snprintf(p, sizeof(p), "%s/rewrite", top);
	lib_copy_start(p);
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		path_gpa[i] = fake_str(paths[i]);
	/* Standard input and output are a scratch file: nothing of the host's behind them. */
	snprintf(p, sizeof(p), "%s/streams", top);
	int streams = open(p, O_RDWR | O_CREAT, 0600);
	if (streams < 0 || dup2(streams, 0) < 0 || dup2(streams, 1) < 0)
		abort();
	outside_print = fingerprint("outside");
	ro_print = fingerprint("sandbox/ro");
	ro_dir_print = fingerprint("sandbox/ro/dir");
	return 0;
}

/* A handle the block holds at offset: the standard streams' become others (fchmod of the harness's own). */
static void no_stream(uint8_t *block, size_t offset)
{
	int32_t h;
	memcpy(&h, block + offset, 4);
	if (h >= 0 && h <= 2)
		h += 3;
	memcpy(block + offset, &h, 4);
}

/*
 * Calls that would reach the harness's own standard streams (the host's
 * /dev/null, a terminal), block the single fuzzing thread on itself, or fill
 * the disk, made harmless.
 */
static void tame(unsigned nr, uint8_t *block)
{
	if (nr != HC_OPEN && nr != HC_PATHOP && nr != HC_STAT && nr != HC_READLINK && nr != HC_BATCH &&
	    nr != HC_WBUF && nr != HC_RANDOM && nr != HC_CLOCK && nr != HC_LOAD && nr != HC_EXIT &&
	    nr != HC_CPU_START && nr != HC_RING_WAIT)
		no_stream(block, 0);
	if (nr == HC_SENDFILE)
		no_stream(block, 4);
	if (nr == HC_FILEOP) {
		/* A copy: a batch's block may sit at any address. */
		struct hc_fileop op;
		memcpy(&op, block, sizeof(op));
		if (op.op == HC_FILE_FLOCK)
			op.arg |= LOCK_NB;
		if (op.op == HC_FILE_LOCK && (op.arg == F_SETLKW || op.arg == F_OFD_SETLKW))
			op.arg = op.arg == F_SETLKW ? F_SETLK : F_OFD_SETLK;
		if (op.op == HC_FILE_FALLOCATE)
			op.arg3 &= 0xfffff;
		memcpy(block, &op, sizeof(op));
	}
}

/* The calls of a batch, where their blocks are in guest memory, tamed as well. */
static void tame_batch(const struct hc_batch *b)
{
	for (uint32_t i = 0; i < b->n && i < HC_BATCH_MAX; i++) {
		struct hc_call c;
		if (b->calls > FAKE_MEM_SIZE - (i + 1) * sizeof(c))
			return;
		memcpy(&c, fake_at(b->calls + i * sizeof(c)), sizeof(c));
		if (c.block <= FAKE_MEM_SIZE - BLOCK)
			tame(c.nr, fake_at(c.block));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t at = 0;
	while (size - at >= 1 + BLOCK) {
		unsigned nr = data[at] % HC_COUNT;
		uint8_t block[BLOCK];
		memcpy(block, data + at + 1, BLOCK);
		at += 1 + BLOCK;
		size_t len = size - at < DATA_MAX ? size - at : DATA_MAX;
		memcpy(fake_at(DATA_GPA), data + at, len);
		for (int w = 0; w < BLOCK / 8; w++) {
			uint64_t v;
			memcpy(&v, block + 8 * w, 8);
			if (v >> 56 == 0xab)
				v = DATA_GPA + (v & 0xffff);
			else if (v >> 56 == 0xac)
				v = path_gpa[(v & 0xff) % (sizeof(paths) / sizeof(paths[0]))];
			memcpy(block + 8 * w, &v, 8);
		}
		/* A panic only prints and ends the VM: nothing to test, much to print. */
		if (nr == HC_PANIC)
			continue;
		tame(nr, block);
		memcpy(fake_at(DATA_GPA - BLOCK), block, BLOCK);
		if (nr == HC_BATCH)
			tame_batch((const struct hc_batch *)block);
		vm_port_call(&fake, HC_PORT_BASE + nr, 4, (uint32_t)(DATA_GPA - BLOCK));
	}
	for (int h = 3; h < HC_HANDLE_MAX; h++)
		if (handle_fd(h) >= 0) {
			struct hc_close c = { .handle = h };
			fake_call(HC_CLOSE, &c, sizeof(c));
		}
	fake_reset_heap();
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		path_gpa[i] = fake_str(paths[i]);
	if (fingerprint("outside") != outside_print || fingerprint("sandbox/ro") != ro_print ||
	    fingerprint("sandbox/ro/dir") != ro_dir_print) {
		fprintf(stderr, "a file outside the sandbox or in its read-only mount changed\n");
		abort();
	}
	return 0;
}
