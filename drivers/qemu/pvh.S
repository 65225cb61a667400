/*
 * The PVH entry, for loaders without our monitor (QEMU's -kernel): the ELF
 * note XEN_ELFNOTE_PHYS32_ENTRY names it; the CPU arrives in 32-bit protected
 * mode, paging off, at the physical address, with %ebx = the hvm_start_info.
 * It maps RAM as the monitor would (KERNEL_VBASE + pa, plus an identity map
 * for the switch), enters long mode, registers a kvm-pvm VIF page if the MSR
 * takes it (the write faults under TCG and ordinary KVM), has pvh_boot() build
 * a boot_info, drops the identity map and goes the monitor's way from _start.
 */
#include "arch/x86_64/gdt.h"
#include "pvh.h"

#define PA(sym) ((sym) - PVH_KERNEL_VBASE)
#define XEN_ELFNOTE_PHYS32_ENTRY 18
#define PTE_TABLE 0x7  /* present, writable, user: kvm-pvm runs ring 0 only on user pages */
#define PTE_LARGE 0x87 /* the same, 2 MiB */
#define IDENTITY_GIB 4 /* what the identity map and the first boot map cover */

#define CR0_PE 0x1
#define CR0_MP 0x2
#define CR0_ET 0x10
#define CR0_NE 0x20
#define CR0_WP 0x10000
#define CR0_PG 0x80000000
#define CR4_PAE 0x20
#define MSR_EFER 0xc0000080
#define MSR_PVM_VIF 0x4b564d10
#define VEC_GP 13
#define GATE_INTERRUPT 0x8e00
#define EFER_LME 0x100
#define EFER_NXE 0x800

	.section .note.pvh, "a", @note
	.balign 4
	.long 4, 8, XEN_ELFNOTE_PHYS32_ENTRY
	.asciz "Xen"
	.balign 4
	.quad PA(pvh_start)

	.section .text
	.code32
	.globl pvh_start
pvh_start:
	cli
	cld
	movl %ebx, %esi
	lgdt PA(pvh_gdtr)

	/* Both PDPTs point at the same page directories: 4 GiB in 2 MiB pages. */
	movl $PA(pvh_pd), %edi
	movl $PTE_LARGE, %eax
	movl $IDENTITY_GIB * 512, %ecx
1:	movl %eax, (%edi)
	movl $0, 4(%edi)
	addl $0x200000, %eax
	addl $8, %edi
	loop 1b
	movl $PA(pvh_pd) + PTE_TABLE, %eax
	xorl %ecx, %ecx
2:	movl %eax, PA(pvh_pdpt_low)(, %ecx, 8)
	movl %eax, PA(pvh_pdpt_high) + ((PVH_KERNEL_VBASE >> 30) & 511) * 8(, %ecx, 8)
	addl $4096, %eax
	incl %ecx
	cmpl $IDENTITY_GIB, %ecx
	jne 2b
	movl $PA(pvh_pdpt_low) + PTE_TABLE, PA(pvh_pml4)
	movl $PA(pvh_pdpt_high) + PTE_TABLE, PA(pvh_pml4) + ((PVH_KERNEL_VBASE >> 39) & 511) * 8

	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4
	movl $PA(pvh_pml4), %eax
	movl %eax, %cr3
	movl $MSR_EFER, %ecx
	rdmsr
	orl $EFER_LME | EFER_NXE, %eax
	wrmsr
	movl $CR0_PE | CR0_MP | CR0_ET | CR0_NE | CR0_WP | CR0_PG, %eax
	movl %eax, %cr0
	ljmp $GDT_CODE, $PA(pvh_long)

	.code64
pvh_long:
	movabsq $pvh_high, %rax
	jmp *%rax
pvh_high:
	lgdt pvh_gdtr_high(%rip)
	movl $GDT_DATA, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	leaq boot_stack + KSTACK_SIZE(%rip), %rsp

	/* Probe kvm-pvm: a #GP on the wrmsr (pvh_no_vif) means there is none. */
	leaq pvh_no_vif(%rip), %rax
	leaq pvh_idt + VEC_GP * 16(%rip), %rdi
	movw %ax, (%rdi)
	movw $GDT_CODE, 2(%rdi)
	movw $GATE_INTERRUPT, 4(%rdi)
	shrq $16, %rax
	movw %ax, 6(%rdi)
	shrq $16, %rax
	movl %eax, 8(%rdi)
	lidt pvh_idtr(%rip)
	movl $PA(pvh_vif), %eax
	movl %eax, %r12d
	xorl %edx, %edx
	movl $MSR_PVM_VIF, %ecx
	wrmsr
	/* TCG takes any MSR write without a fault: only a value read back means kvm-pvm. */
	rdmsr
	cmpl %eax, %r12d
	je 1f
	xorl %r12d, %r12d
1:
	movl %esi, %edi
	movq %r12, %rsi
	call pvh_boot
	/* From here on the lower half is the program's: no identity map. */
	movq $0, pvh_pml4(%rip)
	movq %cr3, %rcx
	movq %rcx, %cr3
	movq %rax, %rdi
	jmp _start

/* The VIF probe's wrmsr faulted: no VIF page, and on past the 2-byte instruction. */
pvh_no_vif:
	xorl %r12d, %r12d
	addq $8, %rsp
	addq $2, (%rsp)
	iretq

	.section .rodata
	.balign 8
pvh_gdt:
	.quad 0
	.quad 0x00af9a000000ffff /* GDT_CODE: 64-bit code */
	.quad 0x00cf92000000ffff /* GDT_DATA */
pvh_gdt_end:
pvh_gdtr:
	.word pvh_gdt_end - pvh_gdt - 1
	.long PA(pvh_gdt)
	.balign 8
pvh_gdtr_high:
	.word pvh_gdt_end - pvh_gdt - 1
	.quad pvh_gdt
	.balign 8
pvh_idtr:
	.word (VEC_GP + 1) * 16 - 1
	.quad pvh_idt

	.section .bss
	.balign 4096
pvh_pml4:
	.skip 4096
	.globl pvh_pdpt_low, pvh_pdpt_high /* for the APs' way up (ap_boot.S) */
pvh_pdpt_low:
	.skip 4096
pvh_pdpt_high:
	.skip 4096
pvh_pd:
	.skip IDENTITY_GIB * 4096
pvh_vif:
	.skip 4096
pvh_idt:
	.skip (VEC_GP + 1) * 16

	.section .note.GNU-stack, "", @progbits
