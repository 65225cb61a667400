/*
 * The new segment, read-only and executable, at the first page after the highest byte
 * the file loads (so within reach of rel32 from its code) and at the end of the file:
 *     program headers: the old ones, this PT_LOAD, a PT_NOTE for the header below
 *     note "cocoon", COCOON_NOTE_SYSCALL_SLOTS: the slot table's address as linked
 *     slots: COCOON_SLOTS words, 0 (the trampolines then make the syscall themselves)
 *     trampolines, 16-byte aligned
 * Nothing in it needs a relocation, so a shared library or a PIE can load anywhere.
 * Static programs have no spare program header, so the table moves into the segment;
 * e_phoff and PT_PHDR follow it, so AT_PHDR (where libc finds PT_TLS) points at it.
 * The segment's address minus its file offset is that of the segment holding the ELF
 * header, as for the others, so that the header's address plus e_phoff is the table's
 * too: older Linux computes AT_PHDR so, and glibc's ld.so and musl's find their own
 * program headers so (__ehdr_start + e_phoff). The gap in the file, as large as the
 * zero-filled memory of the last segment before it, stays a hole.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cocoon/direct_syscall.h"
#include "elf_out.h"

#define PAGE 4096ULL
#define ALIGN_UP(x, a) (((x) + (a) - 1) & ~((uint64_t)(a) - 1))

struct note {
	Elf64_Nhdr h;
	char name[ALIGN_UP(sizeof(COCOON_NOTE_NAME), 4)];
	uint64_t slots;
};

static const Elf64_Ehdr *ehdr(const struct elf_out *o)
{
	return (const Elf64_Ehdr *)o->img->data;
}

static size_t phdrs_size(const struct elf_out *o)
{
	return (ehdr(o)->e_phnum + 2u) * sizeof(Elf64_Phdr);
}

static void reserve(struct elf_out *o, size_t len)
{
	if (o->len + len <= o->cap)
		return;
	o->cap = (o->len + len) * 2;
	o->seg = realloc(o->seg, o->cap);
	if (!o->seg)
		fail("out of memory");
}

void elf_out_begin(const struct elf_image *img, struct elf_out *o)
{
	memset(o, 0, sizeof(*o));
	o->img = img;
	if (ehdr(o)->e_phnum + 2u >= PN_XNUM)
		fail("%s: too many program headers", img->path);
	o->file = malloc(img->len);
	if (!o->file)
		fail("out of memory");
	memcpy(o->file, img->data, img->len);
	const Elf64_Phdr *ph = (const Elf64_Phdr *)(img->data + ehdr(o)->e_phoff);
	uint64_t above = 0, delta = 0;
	int have_header = 0;
	for (unsigned i = 0; i < ehdr(o)->e_phnum; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		if (ALIGN_UP(ph[i].p_vaddr + ph[i].p_memsz, PAGE) > above)
			above = ALIGN_UP(ph[i].p_vaddr + ph[i].p_memsz, PAGE);
		if (ph[i].p_offset == 0 && !have_header) {
			delta = ph[i].p_vaddr;
			have_header = 1;
		}
	}
	if (!have_header)
		fail("%s: no segment loads the ELF header", img->path);
	o->offset = ALIGN_UP(img->len, PAGE);
	if (o->offset + delta < above)
		o->offset = above - delta;
	o->vaddr = o->offset + delta;

	size_t note_at = phdrs_size(o);
	size_t slot_at = note_at + sizeof(struct note);
	o->len = slot_at + 8 * COCOON_SLOTS;
	reserve(o, o->len);
	memset(o->seg, 0, o->len);
	o->slots = o->vaddr + slot_at;
	struct note n = {{sizeof(COCOON_NOTE_NAME), 8, COCOON_NOTE_SYSCALL_SLOTS}, COCOON_NOTE_NAME, o->slots};
	memcpy(o->seg + note_at, &n, sizeof(n));
}

uint8_t *elf_out_code(struct elf_out *o, uint64_t addr, uint64_t len)
{
	const uint8_t *in = elf_bytes_at(o->img, addr, len);
	if (!in)
		fail("no file bytes at %#lx", (unsigned long)addr);
	return o->file + (in - o->img->data);
}

uint64_t elf_out_next(struct elf_out *o, size_t len, uint8_t **room)
{
	size_t at = ALIGN_UP(o->len, 16);
	reserve(o, at - o->len + len);
	memset(o->seg + o->len, 0xcc, at - o->len);
	o->len = at;
	*room = o->seg + at;
	return o->vaddr + at;
}

void elf_out_commit(struct elf_out *o, size_t len)
{
	o->len += len;
}

/* The program headers of the output, into the segment's start. */
static void write_phdrs(struct elf_out *o)
{
	const Elf64_Ehdr *eh = ehdr(o);
	Elf64_Phdr *ph = (Elf64_Phdr *)o->seg;
	memcpy(ph, o->img->data + eh->e_phoff, eh->e_phnum * sizeof(Elf64_Phdr));
	for (unsigned i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_PHDR) {
			ph[i].p_offset = o->offset;
			ph[i].p_vaddr = ph[i].p_paddr = o->vaddr;
			ph[i].p_filesz = ph[i].p_memsz = phdrs_size(o);
		}
	ph[eh->e_phnum] = (Elf64_Phdr){PT_LOAD, PF_R | PF_X, o->offset, o->vaddr, o->vaddr, o->len, o->len, PAGE};
	size_t note_at = phdrs_size(o);
	ph[eh->e_phnum + 1] = (Elf64_Phdr){PT_NOTE,          PF_R, o->offset + note_at, o->vaddr + note_at,
	                                   o->vaddr + note_at, sizeof(struct note), sizeof(struct note), 8};
}

static void write_all(int fd, const void *buf, size_t len, const char *path)
{
	const uint8_t *b = buf;
	while (len) {
		ssize_t n = write(fd, b, len);
		if (n < 0)
			fail("%s: %s", path, strerror(errno));
		b += n;
		len -= (size_t)n;
	}
}

/* Write PATH, executable: len bytes of data, then tail_len bytes of tail at offset tail_at. */
static void write_file(const char *path, const void *data, size_t len, off_t tail_at, const void *tail, size_t tail_len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (fd < 0)
		fail("%s: %s", path, strerror(errno));
	write_all(fd, data, len, path);
	if (tail_len && lseek(fd, tail_at, SEEK_SET) < 0)
		fail("%s: %s", path, strerror(errno));
	write_all(fd, tail, tail_len, path);
	if (close(fd) < 0)
		fail("%s: %s", path, strerror(errno));
}

void elf_out_write(struct elf_out *o, const char *path)
{
	write_phdrs(o);
	Elf64_Ehdr *eh = (Elf64_Ehdr *)o->file;
	eh->e_phoff = o->offset;
	eh->e_phnum += 2;
	write_file(path, o->file, o->img->len, (off_t)o->offset, o->seg, o->len);
}

void elf_copy(const struct elf_image *img, const char *path)
{
	write_file(path, img->data, img->len, 0, NULL, 0);
}
