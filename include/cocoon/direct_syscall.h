/*
 * Rewritten programs (cocoon-rewrite) call the kernel instead of trapping: each rewritten
 * syscall site jumps to a trampoline that does `call *SLOT(%rip)`. The slots are a table
 * of COCOON_SLOTS words: slot N for a site that can only make syscall N (N below
 * COCOON_SYSCALL_SLOTS), slot COCOON_SLOT_ANY for the others. The program carries a
 * PT_NOTE named COCOON_NOTE_NAME of type COCOON_NOTE_SYSCALL_SLOTS whose 8-byte
 * descriptor is the table's virtual address; the kernel's loader writes an entry into
 * each slot: syscall N's own where it has one, else its common direct entry.
 * In the file every slot holds a stub that runs the syscall instruction and returns, so
 * a program whose slots are not filled behaves exactly as before the rewrite.
 */
#ifndef COCOON_DIRECT_SYSCALL_H
#define COCOON_DIRECT_SYSCALL_H

#define COCOON_NOTE_NAME "cocoon"
#define COCOON_NOTE_SYSCALL_SLOTS 2

#define COCOON_SYSCALL_SLOTS 512 /* Linux x86-64 numbers all lie below */
#define COCOON_SLOT_ANY COCOON_SYSCALL_SLOTS
#define COCOON_SLOTS (COCOON_SYSCALL_SLOTS + 1)

/* Bytes of `call *SLOT(%rip)`: a restarted syscall runs the call again. */
#define COCOON_DIRECT_CALL_SIZE 6

/* Below the program's stack pointer the trampoline leaves this much alone (the red zone). */
#define COCOON_RED_ZONE 128

#endif
