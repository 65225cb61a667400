/* Switch tables as gcc -O2/-Os and both libcs make them (musl's posix_spawn child, sysconf,
 * glibc's __spawni_child): the table's base loaded once before a loop, the bound compared
 * in memory and the index then loaded from it, and a byte index compared as a byte. Every
 * case's number must be found: close, dup, chdir; getuid, getgid. */
	.globl _start
	.type _start, @function
_start:
	lea table(%rip), %r9          /* hoisted out of the loop */
	lea action(%rip), %r8
loop:
	cmpl $2, (%r8)
	ja done
	mov (%r8), %eax
	movslq (%r9,%rax,4), %rax
	add %r9, %rax
	jmp *%rax
case0:
	mov $3, %eax                  /* close */
	jmp call
case1:
	mov $32, %eax                 /* dup */
	jmp call
case2:
	mov $80, %eax                 /* chdir */
call:
	syscall
	add $4, %r8
	jmp loop
done:
	mov byte_index(%rip), %edi
	cmp $1, %dil
	ja out
	lea table2(%rip), %rdx
	movzbl %dil, %eax
	movslq (%rdx,%rax,4), %rax
	add %rdx, %rax
	jmp *%rax
b0:
	mov $102, %eax                /* getuid */
	syscall
	jmp out
b1:
	mov $104, %eax                /* getgid */
	syscall
out:
	mov $60, %eax                 /* exit */
	xor %edi, %edi
	syscall
	.size _start, . - _start

	.section .rodata
	.balign 4
table:
	.long case0 - table, case1 - table, case2 - table
table2:
	.long b0 - table2, b1 - table2
	.data
action:
	.long 0, 1, 2, 9
byte_index:
	.long 1
