/*
 * Rewritten programs (cocoon-rewrite) call the kernel instead of trapping: each rewritten
 * syscall site jumps to a trampoline that does `call *SLOT(%rip)`. The program carries a
 * PT_NOTE named COCOON_NOTE_NAME of type COCOON_NOTE_SYSCALL_SLOT whose 8-byte
 * descriptor is SLOT's virtual address; the kernel's loader writes its direct entry there.
 * The file's SLOT holds a stub that runs the syscall instruction and returns, so a
 * program whose slot is not filled behaves exactly as before the rewrite.
 */
#ifndef COCOON_DIRECT_SYSCALL_H
#define COCOON_DIRECT_SYSCALL_H

#define COCOON_NOTE_NAME "cocoon"
#define COCOON_NOTE_SYSCALL_SLOT 1

/* Bytes of `call *SLOT(%rip)`: a restarted syscall runs the call again. */
#define COCOON_DIRECT_CALL_SIZE 6

/* Below the program's stack pointer the trampoline leaves this much alone (the red zone). */
#define COCOON_RED_ZONE 128

#endif
