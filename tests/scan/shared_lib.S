/* A shared library (gcc -shared): its exported wrapper takes the number from callers
 * outside it, so no scan of it alone can know its syscalls. Bad input for both tools. */
	.text
	.globl number_syscall
	.type number_syscall, @function
number_syscall:
	mov %edi, %eax
	syscall
	ret
