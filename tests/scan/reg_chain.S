/* Numbers reaching rax through register copies, 32-bit writes, xor-zeroing, lea and add,
 * a conditional move, and a byte written over a zeroed register. */
	.globl _start
	.type _start, @function
_start:
	xor %ecx, %ecx
	mov %rcx, %rax         /* 0: read */
	syscall
	mov $20, %ebx
	mov %ebx, %r9d
	lea 4(%r9), %rdx
	mov %rdx, %rsi
	add $15, %rsi
	mov %esi, %eax         /* 39: getpid */
	syscall
	mov $102, %r12d        /* getuid */
	mov $104, %r13d        /* getgid */
	test %rsp, %rsp
	cmovz %r13, %r12
	mov %r12, %rax
	syscall
	xor %eax, %eax
	mov $60, %al           /* exit */
	xor %edi, %edi
	syscall
	.size _start, . - _start
