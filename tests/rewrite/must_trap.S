/* A site whose number the scan cannot know (loaded from memory) is rewritten to a
 * trampoline that tests RAX: rt_sigreturn, made there as the signal restorer, must still
 * trap with the stack pointer it had. Through the call (a stub's syscall natively) it
 * would read its frame 136 bytes off and crash. Prints "ok" and exits 0. */
	.globl _start
	.type _start, @function
_start:
	mov $13, %eax                 /* rt_sigaction(SIGUSR1, &act, NULL, 8) */
	mov $10, %edi
	lea act(%rip), %rsi
	xor %edx, %edx
	mov $8, %r10d
	syscall
	mov $39, %eax                 /* kill(getpid(), SIGUSR1) */
	syscall
	mov %eax, %edi
	mov $10, %esi
	mov $62, %eax
	syscall
	mov $1, %eax                  /* write(1, "ok\n", 3) */
	mov $1, %edi
	lea msg(%rip), %rsi
	mov $3, %edx
	syscall
	mov $60, %eax                 /* exit(0) */
	xor %edi, %edi
	syscall
	.size _start, . - _start

	.type handler, @function
handler:
	ret
	.size handler, . - handler

	.type restore, @function
restore:
	mov number(%rip), %eax
	syscall
	.size restore, . - restore

	.section .rodata
msg:
	.ascii "ok\n"
	.data
	.balign 8
act:                                  /* the kernel's struct sigaction */
	.quad handler, 0x04000000, restore, 0  /* SA_RESTORER */
number:
	.long 15                      /* rt_sigreturn */
