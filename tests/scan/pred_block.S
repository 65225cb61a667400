/* The number is loaded in a predecessor block, not next to the syscall. */
	.globl _start
	.type _start, @function
_start:
	mov $39, %eax          /* getpid */
	test %rsp, %rsp
	jz 1f
	nop
1:	syscall
	mov $60, %eax          /* exit */
	xor %edi, %edi
	syscall
	.size _start, . - _start
