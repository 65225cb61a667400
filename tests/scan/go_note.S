/* A program carrying Go's build id note (owner "Go\0\0", type 4, in a PT_NOTE): the scan
 * reads it as any program, cocoon-rewrite refuses it. Expected: getpid, exit. */
	.text
	.globl _start
_start:
	mov $39, %eax
	syscall
	mov $60, %eax
	xor %edi, %edi
	syscall

	.section .note.go.buildid,"a",@note
	.balign 4
	.long 4                        /* name size, with Go's padding */
	.long 8                        /* description size */
	.long 4                        /* type: Go's build id */
	.ascii "Go\0\0"
	.ascii "fakebuid"
