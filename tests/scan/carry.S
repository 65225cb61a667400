/* musl's __stdio_read: `cmp $1,%rdx; adc $-1,%rax` gives readv or read, and the path
 * that tests the result for zero (`test %rax,%rax; je`) makes read. A call to a function
 * that is `hlt; ret` (musl's __stack_chk_fail) does not return: the instruction after it
 * is not reached from it. Expected: read, readv, getpid, exit. */
	.globl _start
	.type _start, @function
_start:
	mov len(%rip), %rdx
	mov len(%rip), %rax
	cmp $1, %rdx
	adc $-1, %rax
	test %rax, %rax
	je plain
	mov $19, %eax                 /* readv */
	syscall
	jmp next
plain:
	syscall                       /* rax is 0 here: read */
next:
	call wrapper
	mov $60, %eax                 /* exit */
	xor %edi, %edi
	syscall
	.size _start, . - _start

	.type wrapper, @function
wrapper:
	mov $39, %edi                 /* getpid, through the next function */
	call take_number
	test %eax, %eax
	jns 1f
	call crash                    /* does not return */
	mov $-1, %edi                 /* not reached: no number from here */
	call take_number
1:	ret
	.size wrapper, . - wrapper

	.type take_number, @function
take_number:
	mov %edi, %eax
	syscall
	ret
	.size take_number, . - take_number

	.type crash, @function
crash:
	hlt
	ret
	.size crash, . - crash

	.data
len:
	.quad 0
