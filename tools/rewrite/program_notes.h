/* The notes of a program's PT_NOTE segments, looked up by their owner's name. */
#ifndef COCOON_REWRITE_PROGRAM_NOTES_H
#define COCOON_REWRITE_PROGRAM_NOTES_H

#include <stdbool.h>

#include "elf_image.h"

/* Does a note owned by OWNER (as "Go", "cocoon") sit in one of IMG's PT_NOTE segments? */
bool program_has_note(const struct elf_image *img, const char *owner);

#endif
