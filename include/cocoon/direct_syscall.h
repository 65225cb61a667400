/*
 * Rewritten programs and shared libraries (cocoon-rewrite) call the kernel instead of
 * trapping: each rewritten syscall site jumps to a trampoline that loads its slot and
 * calls it:
 *     mov SLOT(%rip),%rcx; jrcxz 1f; call *%rcx; jmp 2f; 1: syscall; 2: ...
 * The slots are a table of COCOON_SLOTS words: slot N for a site that can only make
 * syscall N (N below COCOON_SYSCALL_SLOTS), slot COCOON_SLOT_ANY for the others. The
 * file carries a PT_NOTE named COCOON_NOTE_NAME of type COCOON_NOTE_SYSCALL_SLOTS whose
 * 8-byte descriptor is the table's virtual address as linked (a position-independent
 * file adds its load address); the kernel writes an entry into each slot: syscall N's
 * own where it has one, else its common direct entry. In the file every slot is 0, so
 * the trampoline makes the syscall itself: the file behaves as before the rewrite on any
 * kernel, wherever it is loaded, with no relocation.
 */
#ifndef COCOON_DIRECT_SYSCALL_H
#define COCOON_DIRECT_SYSCALL_H

#define COCOON_NOTE_NAME "cocoon"
#define COCOON_NOTE_SYSCALL_SLOTS 3 /* 2 was the older form: slots held a stub */

#define COCOON_SYSCALL_SLOTS 512 /* Linux x86-64 numbers all lie below */
#define COCOON_SLOT_ANY COCOON_SYSCALL_SLOTS
#define COCOON_SLOTS (COCOON_SYSCALL_SLOTS + 1)

/* Bytes of `mov SLOT(%rip),%rcx; jrcxz; call *%rcx`: a restarted syscall runs them again. */
#define COCOON_DIRECT_CALL_SIZE 11

/* Below the program's stack pointer the trampoline leaves this much alone (the red zone). */
#define COCOON_RED_ZONE 128

#endif
