/* A program whose only FDE (written out by hand) covers 16 bytes of .data: bad input. */
	.text
	.globl _start
_start:
	mov $60, %eax
	xor %edi, %edi
	syscall

	.section .eh_frame,"a",@progbits
cie:	.long cie_end - cie_id
cie_id:	.long 0                        /* a CIE */
	.byte 1                        /* version */
	.asciz "zR"
	.uleb128 1                     /* code alignment */
	.sleb128 -8                    /* data alignment */
	.uleb128 16                    /* return address: rip */
	.uleb128 1                     /* augmentation data: */
	.byte 0x1b                     /* FDE pointers PC-relative, signed 4 bytes */
	.byte 0x0c, 7, 8               /* the CFA is rsp + 8 */
	.balign 8
cie_end:
	.long fde_end - fde_cie
fde_cie: .long fde_cie - cie
	.long data - .                 /* the FDE's start: in .data */
	.long 16
	.uleb128 0
	.balign 8
fde_end:
	.long 0

	.data
data:	.quad 0, 0
