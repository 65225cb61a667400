/* A shared library (gcc -shared): its exported wrapper takes the number from callers
 * outside it, so the scan of it alone leaves the site unresolved (--list says ALL), and
 * cocoon-rewrite makes it a call through the common slot with RAX tested. */
	.text
	.globl number_syscall
	.type number_syscall, @function
number_syscall:
	mov %edi, %eax
	syscall
	ret
	.size number_syscall, . - number_syscall
