/* The privileged instructions the rest of the kernel may use, as inline functions. */
#ifndef ARCH_X86_64_CPU_H
#define ARCH_X86_64_CPU_H

#include <stdint.h>

#include "gdt.h"

#define MSR_EFER       0xc0000080
#define MSR_STAR       0xc0000081
#define MSR_LSTAR      0xc0000082
#define MSR_SFMASK     0xc0000084
#define MSR_FS_BASE    0xc0000100
#define MSR_GS_BASE    0xc0000101
#define MSR_PVM_VIF    0x4b564d10 /* kvm-pvm: registers the VIF page */

#define EFER_SCE 0x1ULL

#define RFLAGS_RESERVED 0x2ULL
#define RFLAGS_TF 0x100ULL
#define RFLAGS_IF 0x200ULL
#define RFLAGS_DF 0x400ULL
#define RFLAGS_NT 0x4000ULL
#define RFLAGS_AC 0x40000ULL

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
}

struct cpuid_regs {
	uint32_t eax, ebx, ecx, edx;
};

static inline struct cpuid_regs cpuid(uint32_t leaf, uint32_t sub)
{
	struct cpuid_regs r;
	__asm__ volatile("cpuid" : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx) : "a"(leaf), "c"(sub));
	return r;
}

static inline void outl(uint16_t port, uint32_t v)
{
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port) : "memory");
}

static inline uint64_t read_cr2(void)
{
	uint64_t v;
	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline uint64_t read_cr3(void)
{
	uint64_t v;
	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void invlpg(uint64_t va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static inline _Noreturn void halt_forever(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

struct cpu;
void cpu_init(unsigned id);
/* Load c's GDT and TSS; its IST stacks are the kernel's pages ist_pages. */
void gdt_init(struct cpu *c, void *const ist_pages[IST_COUNT]);
void idt_init(void);
void idt_load(void);
uint64_t cpu_hwcap(void);
uint64_t cpu_hwcap2(void);

#endif
