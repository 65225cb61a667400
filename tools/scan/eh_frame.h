/* Function bounds from .eh_frame, for programs without a symbol table (see eh_frame.c). */
#ifndef COCOON_SCAN_EH_FRAME_H
#define COCOON_SCAN_EH_FRAME_H

#include "elf_image.h"

/* Fill IMG's functions from its .eh_frame's FDEs, named sub_ADDRESS; none if it has no
 * .eh_frame. An FDE outside the code, or a malformed record, is one line and status 1. */
void eh_frame_functions(struct elf_image *img);

#endif
