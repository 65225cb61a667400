/*
 * Syscall sites cocoon-rewrite must handle (sites.c calls them). Each returns the RCX the
 * syscall left in *path_out (RDX... see each), so the caller can tell whether it trapped
 * (RCX points after a syscall instruction) or called the kernel (after the trampoline's
 * call *SLOT(%rip)).
 */
	.text

/* long next_is_target(int n, long *rcx): getpid n times; the instruction after the
 * syscall is a branch target, so only the mov before it can move. */
	.globl next_is_target
	.type next_is_target, @function
next_is_target:
	mov %rsi, %r8
1:	mov $39, %eax
	syscall
2:	mov %rcx, (%r8)
	dec %edi
	jnz 1b
	test %rax, %rax
	js 2b
	ret
	.size next_is_target, . - next_is_target

/* long write_rip_before(long *rcx): write(1, msg, len) with the lea of msg, RIP-relative,
 * right before the syscall and a branch target right after it. */
	.globl write_rip_before
	.type write_rip_before, @function
write_rip_before:
	mov %rdi, %r8
	mov $1, %eax
	mov $1, %edi
	mov $msg_len, %edx
	lea msg(%rip), %rsi
	syscall
1:	mov %rcx, (%r8)
	test %rax, %rax
	js 1b
	ret
	.size write_rip_before, . - write_rip_before

/* long getppid_rip_after(long *rcx): the syscall is a branch target and the instruction
 * after it, a RIP-relative store, moves with it. */
	.globl getppid_rip_after
	.type getppid_rip_after, @function
getppid_rip_after:
	mov %rdi, %r8
	mov $110, %eax
	jmp 1f
1:	syscall
	mov %eax, saved(%rip)
	mov %rcx, (%r8)
	mov saved(%rip), %eax
	ret
	.size getppid_rip_after, . - getppid_rip_after

/* long kept(long *rcx): the syscall sits between two branch targets with nothing else
 * around it to move: it keeps trapping. */
	.globl kept
	.type kept, @function
kept:
	mov %rdi, %r8
	mov $39, %eax
	jmp 1f
1:	syscall
2:	mov %rcx, (%r8)
	test %rax, %rax
	js 2b
	ret
	.size kept, . - kept

/* long futex_restart(unsigned *word, long *rcx): FUTEX_WAIT while *word is 0, which a
 * signal handler with SA_RESTART interrupts: the wait must run again, through the same
 * path, and then fail with EAGAIN as the handler changed the word. */
	.globl futex_restart
	.type futex_restart, @function
futex_restart:
	mov %rsi, %r8
	mov $128, %esi /* FUTEX_WAIT_PRIVATE */
	xor %edx, %edx
	xor %r10d, %r10d
	mov $202, %eax
	syscall
	mov %rcx, (%r8)
	ret
	.size futex_restart, . - futex_restart

/* The handler's way back: rt_sigreturn reads its stack pointer, so this site keeps trapping. */
	.globl restorer
	.type restorer, @function
restorer:
	mov $15, %eax
	syscall
	.size restorer, . - restorer

/* void exit_at_end(int status): exit_group as the very last instruction of a function,
 * the next function right after it. */
	.globl exit_at_end
	.type exit_at_end, @function
exit_at_end:
	mov $231, %eax
	syscall
	.size exit_at_end, . - exit_at_end
	.globl after_exit
	.type after_exit, @function
after_exit:
	ud2
	.size after_exit, . - after_exit

	.section .rodata
msg:	.ascii "written through a moved lea\n"
	.set msg_len, . - msg
	.data
saved:	.long 0
	.section .note.GNU-stack, "", @progbits
