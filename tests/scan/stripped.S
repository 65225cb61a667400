/* Built stripped (gcc -s): the functions' bounds come from .eh_frame's FDEs. A tail call
 * through a stored pointer is no switch: it leaves the rest of the code known. The last
 * FDE starts one byte early, inside the nop before its code (as glibc's __restore_rt's
 * does): decoding must not restart there. Expected: rt_sigreturn, getpid, exit. */
	.text
	.globl _start
_start:
	.cfi_startproc
	.cfi_undefined rip
	mov $39, %edi                 /* getpid, through wrapper */
	call wrapper
	lea restore(%rip), %rsi       /* a signal restorer's address, as sigaction takes it */
	lea finish(%rip), %rax
	mov %rax, pointer(%rip)
	jmp *pointer(%rip)
	.cfi_endproc

wrapper:
	.cfi_startproc
	mov %edi, %eax
	syscall
	ret
	.cfi_endproc

finish:
	.cfi_startproc
	mov $60, %eax                 /* exit */
	xor %edi, %edi
	syscall
	.cfi_endproc

	.byte 0x0f, 0x1f, 0x40        /* nopl 0(%rax), whose last byte the FDE below covers */
	.cfi_startproc
	.byte 0x00
restore:
	mov $15, %rax                 /* rt_sigreturn */
	syscall
	.cfi_endproc

	.data
	.balign 8
pointer:
	.quad 0
