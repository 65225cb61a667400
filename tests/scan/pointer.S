/* A wrapper whose address is also stored in data: indirect callers may pass any number,
 * so its site is unresolved. */
	.globl _start
	.type _start, @function
_start:
	mov $39, %edi          /* getpid */
	call my_syscall
	mov $102, %edi         /* getuid */
	call *handler(%rip)
	mov $60, %eax          /* exit */
	syscall
	.size _start, . - _start

	.type my_syscall, @function
my_syscall:
	mov %edi, %eax
	syscall
	ret
	.size my_syscall, . - my_syscall

	.data
	.balign 8
handler:
	.quad my_syscall
