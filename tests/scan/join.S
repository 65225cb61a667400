/* Two numbers joined at the site (the thesis's listing 5.1). */
	.globl _start
	.type _start, @function
_start:
	cmpl $1, (%rsp)
	jne 1f
	mov $0x27, %eax        /* getpid */
	jmp 2f
1:	mov $0x6e, %eax        /* getppid */
2:	syscall
	mov $231, %eax         /* exit_group */
	xor %edi, %edi
	syscall
	.size _start, . - _start
