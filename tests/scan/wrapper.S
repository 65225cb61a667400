/* A syscall() wrapper taking the number as its first argument, called directly, through
 * a second wrapper that moves it there, and as a tail call. */
	.text
	.globl _start
	.type _start, @function
_start:
	mov $39, %edi          /* getpid */
	call my_syscall
	mov $63, %esi          /* uname */
	call outer
	mov $231, %edi         /* exit_group */
	jmp my_syscall
	.size _start, . - _start

	.type outer, @function
outer:
	mov %esi, %edi
	jmp my_syscall
	.size outer, . - outer

	.type my_syscall, @function
my_syscall:
	mov %rdi, %rax
	mov %rsi, %rdi
	syscall
	ret
	.size my_syscall, . - my_syscall
