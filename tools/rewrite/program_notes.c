/* The notes of a program's PT_NOTE segments: the one cocoon-rewrite adds, Go's build id. */
#include <elf.h>
#include <string.h>

#include "program_notes.h"

#define NOTE_ALIGN(n) (((n) + 3) & ~(uint64_t)3)

static bool segment_has_note(const uint8_t *p, uint64_t size, const char *owner)
{
	size_t len = strlen(owner) + 1;
	uint64_t at = 0;
	while (size - at >= sizeof(Elf64_Nhdr)) {
		Elf64_Nhdr n; /* copied out: the file's offsets may be misaligned */
		memcpy(&n, p + at, sizeof(n));
		at += sizeof(n);
		if (NOTE_ALIGN(n.n_namesz) > size - at)
			return false;
		/* Go's name counts its padding: "Go\0\0" */
		if (n.n_namesz >= len && n.n_namesz <= NOTE_ALIGN(len) && memcmp(p + at, owner, len) == 0)
			return true;
		at += NOTE_ALIGN(n.n_namesz);
		if (NOTE_ALIGN(n.n_descsz) > size - at)
			return false;
		at += NOTE_ALIGN(n.n_descsz);
	}
	return false;
}

bool program_has_note(const struct elf_image *img, const char *owner)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)img->data;
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		Elf64_Phdr ph;
		memcpy(&ph, img->data + eh->e_phoff + (uint64_t)i * sizeof(ph), sizeof(ph));
		if (ph.p_type == PT_NOTE && ph.p_offset <= img->len && ph.p_filesz <= img->len - ph.p_offset &&
		    segment_has_note(img->data + ph.p_offset, ph.p_filesz, owner))
			return true;
	}
	return false;
}
