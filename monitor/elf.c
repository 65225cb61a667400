/* ELF files: load the kernel image, check and place the application; find files beside uhyve-run. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cocoon/hypercall.h"
#include "common/elf_check.h"
#include "hypercalls.h"
#include "image.h"
#include "log.h"

static int read_exact(int fd, void *buf, size_t len, off_t off)
{
	uint8_t *p = buf;
	while (len > 0) {
		ssize_t n = pread(fd, p, len, off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
		off += n;
	}
	return 0;
}

/* The one-line error for a fault of path's headers (see elf_check.h), with its detail. */
static _Noreturn void elf_die(int status, const char *path, enum elf_fault fault, uint64_t detail)
{
	const char *text = elf_fault_text(fault);
	switch (fault) {
	case ELF_NOT_X86_64: die(status, "%s: %s (ELF machine %u)", path, text, (unsigned)detail);
	case ELF_NOT_EXECUTABLE: die(status, "%s: %s (ELF type %u)", path, text, (unsigned)detail);
	case ELF_BAD_SEGMENT: die(status, "%s: %s %u", path, text, (unsigned)detail);
	case ELF_TOO_LOW:
		die(status, "%s: segment at 0x%llx is below the lowest mappable address 0x%x", path,
		    (unsigned long long)detail, ELF_LOWEST_VADDR);
	case ELF_TOO_HIGH:
		die(status, "%s: segments up to 0x%llx overlap the kernel's address space", path,
		    (unsigned long long)detail);
	default: die(status, "%s: %s", path, text);
	}
}

/* Read and check the header and program headers; NULL-free: dies on error. */
static Elf64_Phdr *read_headers(int fd, uint64_t size, Elf64_Ehdr *eh, const char *what, int status)
{
	/* What the check is shown of the header: nothing, its magic, or all of it. */
	uint64_t have = 0, detail = 0;
	if (size >= SELFMAG && read_exact(fd, eh, SELFMAG, 0) == 0) {
		have = SELFMAG;
		if (size >= sizeof(*eh) && read_exact(fd, eh, sizeof(*eh), 0) == 0)
			have = sizeof(*eh);
	}
	enum elf_fault fault = elf_check_header(eh, have, size, &detail);
	if (fault != ELF_FINE)
		elf_die(status, what, fault, detail);

	size_t len = (size_t)eh->e_phnum * sizeof(Elf64_Phdr);
	Elf64_Phdr *ph = malloc(len);
	if (!ph)
		die(EXIT_MONITOR_FAILED, "out of memory");
	if (read_exact(fd, ph, len, (off_t)eh->e_phoff) < 0)
		die(status, "%s: corrupt ELF file: cannot read program headers", what);
	return ph;
}

/* A dynamically linked program's interpreter: an absolute path the guest's kernel opens. */
static void read_interp(struct app_image *app, const Elf64_Ehdr *eh, const Elf64_Phdr *ph, const char *path)
{
	for (int i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *p = &ph[i];
		if (p->p_type != PT_INTERP)
			continue;
		size_t len = (size_t)p->p_filesz;
		if (len < 2 || len > sizeof(app->interp) ||
		    read_exact(app->fd, app->interp, len, (off_t)p->p_offset) < 0 || app->interp[len - 1] ||
		    strlen(app->interp) != len - 1 || app->interp[0] != '/')
			die(EXIT_NOT_EXECUTABLE, "%s: corrupt ELF file: a bad interpreter name", path);
		return;
	}
}

static _Noreturn void open_failed(const char *path)
{
	die(errno == ENOENT || errno == ENOTDIR ? EXIT_NOT_FOUND : EXIT_NOT_EXECUTABLE, "%s: %s", path,
	    strerror(errno));
}

void app_check(const char *path, struct app_image *app)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || !realpath(path, app->exe))
		open_failed(path);
	app_check_fd(fd, path, app);
}

void app_check_in_root(const char *root, const char *path, struct app_image *app)
{
	char top[PATH_MAX], at[PATH_MAX], link[64];
	int dir = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0 || !realpath(root, top))
		die(EXIT_MONITOR_FAILED, "--root %s: %s", root, strerror(errno));
	struct open_how how = { .flags = O_RDONLY | O_CLOEXEC, .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS };
	int fd = (int)syscall(SYS_openat2, dir, path, &how, sizeof(how));
	close(dir);
	if (fd < 0)
		open_failed(path);
	/* Where it is inside root, its links followed, is what the guest calls it. */
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, at, sizeof(at) - 1);
	size_t t = strcmp(top, "/") == 0 ? 0 : strlen(top);
	if (n < 0 || (size_t)n < t || strncmp(at, top, t) != 0)
		die(EXIT_NOT_EXECUTABLE, "%s: not found inside --root %s", path, root);
	at[n] = 0;
	snprintf(app->exe, sizeof(app->exe), "%s", at[t] ? at + t : "/");
	app_check_fd(fd, path, app);
}

void app_check_fd(int fd, const char *path, struct app_image *app)
{
	app->fd = fd;
	struct stat st;
	if (fstat(app->fd, &st) < 0)
		die(EXIT_NOT_EXECUTABLE, "%s: %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		die(EXIT_NOT_EXECUTABLE, "%s: not a regular file", path);
	app->size = (uint64_t)st.st_size;

	Elf64_Ehdr eh;
	Elf64_Phdr *ph = read_headers(app->fd, app->size, &eh, path, EXIT_NOT_EXECUTABLE);
	uint64_t detail = 0;
	enum elf_fault fault = elf_check_program(&eh, ph, app->size, &detail, &app->head_size, &app->mem_needed);
	app->interp[0] = 0;
	if (fault == ELF_DYNAMIC)
		read_interp(app, &eh, ph, path);
	free(ph);
	if (fault != ELF_FINE && fault != ELF_DYNAMIC)
		elf_die(EXIT_NOT_EXECUTABLE, path, fault, detail);
}

void app_place(const struct app_image *app, struct guest *g, uint64_t gpa)
{
	void *dst = guest_ptr(g, gpa, app->head_size);
	if (!dst || read_exact(app->fd, dst, app->head_size, 0) < 0)
		die(EXIT_MONITOR_FAILED, "cannot read the program's headers into guest memory");
	hypercall_set_program(app->fd, app->size);
}

#define NOTE_MAX 4096 /* a note segment bigger than this is not the kernel's */

/* The COCOON_NOTE_ABI descriptor among the notes of a PT_NOTE segment; true if found. */
static bool abi_note(const uint8_t *notes, uint64_t len, uint64_t *abi)
{
	static const char name[] = "cocoon";
	for (uint64_t at = 0; len - at >= sizeof(Elf64_Nhdr);) {
		Elf64_Nhdr h;
		memcpy(&h, notes + at, sizeof(h));
		uint64_t name_at = at + sizeof(h), desc_at = name_at + ((h.n_namesz + 3ULL) & ~3ULL);
		uint64_t next = desc_at + ((h.n_descsz + 3ULL) & ~3ULL);
		if (next > len)
			return false;
		if (h.n_type == COCOON_NOTE_ABI && h.n_namesz == sizeof(name) && h.n_descsz == sizeof(*abi) &&
		    memcmp(notes + name_at, name, sizeof(name)) == 0) {
			memcpy(abi, notes + desc_at, sizeof(*abi));
			return true;
		}
		at = next;
	}
	return false;
}

void kernel_check(const char *path, struct kernel_image *k)
{
	struct stat st;
	k->path = path;
	k->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (k->fd < 0)
		die(EXIT_MONITOR_FAILED, "kernel image %s: %s", path, strerror(errno));
	if (fstat(k->fd, &st) < 0 || !S_ISREG(st.st_mode))
		die(EXIT_MONITOR_FAILED, "kernel image %s: not a regular file", path);
	k->size = (uint64_t)st.st_size;
	k->ph = read_headers(k->fd, k->size, &k->eh, path, EXIT_MONITOR_FAILED);
	uint64_t abi = 0;
	bool found = false;
	for (unsigned i = 0; i < k->eh.e_phnum && !found; i++) {
		const Elf64_Phdr *p = &k->ph[i];
		uint8_t notes[NOTE_MAX];
		if (p->p_type == PT_NOTE && p->p_filesz <= sizeof(notes) && !elf_segment_bad(p, k->size) &&
		    read_exact(k->fd, notes, p->p_filesz, (off_t)p->p_offset) == 0)
			found = abi_note(notes, p->p_filesz, &abi);
	}
	if (!found)
		die(EXIT_MONITOR_FAILED, "kernel image %s: not a cocoon kernel (it has no ABI note)", path);
	if (abi != COCOON_ABI)
		die(EXIT_MONITOR_FAILED,
		    "kernel image %s was built for another uhyve-run (ABI %016llx, this one's %016llx): rebuild it, or give --kernel the matching one",
		    path, (unsigned long long)abi, (unsigned long long)COCOON_ABI);
}

uint64_t kernel_load(struct kernel_image *k, struct guest *g, uint64_t *end)
{
	*end = 0;
	for (unsigned i = 0; i < k->eh.e_phnum; i++) {
		const Elf64_Phdr *p = &k->ph[i];
		if (p->p_type != PT_LOAD || p->p_memsz == 0)
			continue;
		uint8_t *dst = guest_ptr(g, p->p_paddr, p->p_memsz);
		if (elf_segment_bad(p, k->size) || p->p_paddr < KERNEL_LOAD_GPA || !dst)
			die(EXIT_MONITOR_FAILED, "kernel image %s: segment %u does not fit guest memory", k->path, i);
		if (read_exact(k->fd, dst, p->p_filesz, (off_t)p->p_offset) < 0)
			die(EXIT_MONITOR_FAILED, "kernel image %s: cannot read segment %u", k->path, i);
		if (p->p_paddr + p->p_memsz > *end)
			*end = p->p_paddr + p->p_memsz;
	}
	free(k->ph);
	close(k->fd);
	if (*end == 0)
		die(EXIT_MONITOR_FAILED, "kernel image %s: nothing to load", k->path);
	return k->eh.e_entry;
}

const char *beside_monitor(const char *name, int mode)
{
	static char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path));
	char *slash = n > 0 ? memrchr(path, '/', (size_t)n) : NULL;
	if (!slash || (size_t)(slash + 1 - path) + strlen(name) >= sizeof(path))
		return NULL;
	strcpy(slash + 1, name);
	return access(path, mode) == 0 ? path : NULL;
}
