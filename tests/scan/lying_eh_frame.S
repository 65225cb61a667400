/* Built stripped (gcc -s), with FDEs that lie about the functions: one starts in the middle
 * of `put` and ends inside an instruction of `hidden_value`; the next starts on the bytes
 * 0f 05 (a syscall's) inside that instruction's immediate; the last covers `again` and
 * `other`, a second function entered through its computed address. The scan must find
 * the two real sites only and the rewrite must leave the immediate and `other`'s entry
 * alone: the program prints "ok" and exits with 44 (42 + 2 passes) rewritten or not.
 * Expected: getpid, write, exit. */
	.text
	.globl _start
_start:
	call put
	call hidden_value
	mov %eax, %r13d
	xor %r12d, %r12d
	lea other(%rip), %rbx
	jmp again

put:
	mov $1, %eax
	mov $1, %edi
	lea msg(%rip), %rsi
	.cfi_startproc
	mov $3, %edx
	syscall
	ret
hidden_value:
	.byte 0x48, 0xb8               /* movabs $0x2a00050f, %rax: its opcode */
	.cfi_endproc
	.cfi_startproc
	.byte 0x0f, 0x05, 0x00, 0x2a, 0, 0, 0, 0
	shr $24, %rax
	ret
	.cfi_endproc

again:
	.cfi_startproc
	mov $39, %eax                  /* getpid, reached by a branch: no room before it */
	test %eax, %eax
	jnz 1f
	nop
1:	syscall
other:
	mov %r13d, %edi
	inc %r12d
	cmp $2, %r12d
	je done
	call *%rbx
done:
	mov $60, %eax
	add %r12d, %edi
	syscall
	.cfi_endproc

	.section .rodata
msg:	.ascii "ok\n"
