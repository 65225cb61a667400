/* A shared library with a text relocation (gcc -shared -Wl,-z,notext): the loader writes
 * the address of number into the movabs, so the code the rewriter would move changes after
 * it. Scanned; refused by cocoon-rewrite. */
	.text
	.globl textrel_syscall
	.type textrel_syscall, @function
textrel_syscall:
	movabs $number, %rax
	mov (%rax), %eax
	syscall
	ret
	.size textrel_syscall, . - textrel_syscall

	.data
number:
	.long 39
