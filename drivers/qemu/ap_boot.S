/*
 * The real-mode trampoline for CPUs started by INIT-SIPI-SIPI (local_cpu.c
 * copies it to AP_BOOT_PA). The CPU starts in real mode at AP_BOOT_PA; it
 * goes through protected mode into long mode on boot_cr3, which maps this page
 * where it is and the kernel at KERNEL_VBASE, jumps up there, switches to the
 * kernel's cr3 and goes to rip with rsp, rdi and rsi as the parameters say.
 */
#include "ap_boot.h"
#include "arch/x86_64/gdt.h"
#include "pvh.h"

#define AT(sym) (AP_BOOT_PA + (sym) - ap_boot_start)
#define GDT_CODE32 0x18
#define CR0_PE 0x1
#define CR0_BOOT 0x80010033 /* PG, WP, NE, ET, MP, PE */
#define CR4_PAE 0x20
#define MSR_EFER 0xc0000080
#define EFER_LME_NXE 0x900
#define P_BOOT_CR3 0
#define P_CR3 8
#define P_RIP 16
#define P_RSP 24
#define P_RDI 32
#define P_RSI 40
#define P_STARTED 48

	.section .rodata
	.globl ap_boot_start, ap_boot_end, ap_boot_params
	.balign 16
	.code16
ap_boot_start:
	cli
	movw %cs, %ax
	movw %ax, %ds
	lgdtl ap_gdtr - ap_boot_start
	movl %cr0, %eax
	orl $CR0_PE, %eax
	movl %eax, %cr0
	ljmpl $GDT_CODE32, $AT(ap_protected)

	.code32
ap_protected:
	movl $GDT_DATA, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4
	movl AT(ap_boot_params) + P_BOOT_CR3, %eax
	movl %eax, %cr3
	movl $MSR_EFER, %ecx
	rdmsr
	orl $EFER_LME_NXE, %eax
	wrmsr
	movl $CR0_BOOT, %eax
	movl %eax, %cr0
	ljmpl $GDT_CODE, $AT(ap_long)

	.code64
ap_long:
	movabsq $PVH_KERNEL_VBASE + AT(ap_high), %rax
	jmp *%rax
ap_high:
	movabsq $PVH_KERNEL_VBASE + AT(ap_boot_params), %rbx
	lgdt (ap_gdtr_high - ap_boot_params)(%rbx)
	movq P_CR3(%rbx), %rax
	movq %rax, %cr3
	movq P_RSP(%rbx), %rsp
	movq P_RDI(%rbx), %rdi
	movq P_RSI(%rbx), %rsi
	movq P_RIP(%rbx), %rax
	movq $1, P_STARTED(%rbx)
	jmp *%rax

	.balign 8
ap_gdt:
	.quad 0
	.quad 0x00af9a000000ffff /* GDT_CODE: 64-bit code */
	.quad 0x00cf92000000ffff /* GDT_DATA */
	.quad 0x00cf9a000000ffff /* GDT_CODE32 */
ap_gdt_end:
ap_gdtr:
	.word ap_gdt_end - ap_gdt - 1
	.long AT(ap_gdt)
	.balign 8
ap_gdtr_high:
	.word ap_gdt_end - ap_gdt - 1
	.quad PVH_KERNEL_VBASE + AT(ap_gdt)
	.balign 8
ap_boot_params:
	.skip 56
ap_boot_end:

	.section .note.GNU-stack, "", @progbits
