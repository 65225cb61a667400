/* The way back to the program from any entry. */
#ifndef KERNEL_RETURN_H
#define KERNEL_RETURN_H

#include "arch/x86_64/uregs.h"

/* Arm this CPU's timer and drop the kernel lock; f is the frame about to be restored. */
void return_to_program(struct uregs *f);

#endif
