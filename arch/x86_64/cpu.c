/* CPU set-up: FPU/SSE/AVX state as CPUID advertises it, and the syscall MSRs. */
#include <stdint.h>

#include "cpu.h"
#include "gdt.h"
#include "percpu.h"

#define CR0_EM 0x4ULL
#define CR0_MP 0x2ULL
#define CR0_NE 0x20ULL
#define CR4_FSGSBASE 0x10000ULL
#define CR4_OSFXSR 0x200ULL
#define CR4_OSXMMEXCPT 0x400ULL
#define CR4_OSXSAVE 0x40000ULL

/* x87, SSE, AVX and the three AVX-512 components; nothing needing opt-in. */
#define XCR0_WANTED 0xe7ULL

#define HWCAP2_FSGSBASE 0x2ULL

static uint64_t hwcap2;

extern const uint64_t syscall_entries[MAX_CPUS];

static uint64_t read_cr0(void)
{
	uint64_t v;
	__asm__ volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}

static uint64_t read_cr4(void)
{
	uint64_t v;
	__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

static void enable_vector_state(void)
{
	uint64_t cr0 = (read_cr0() & ~CR0_EM) | CR0_MP | CR0_NE;
	__asm__ volatile("mov %0, %%cr0" : : "r"(cr0));
	uint64_t cr4 = read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT;
	struct cpuid_regs leaf1 = cpuid(1, 0);
	int has_xsave = (leaf1.ecx >> 26) & 1;
	if (has_xsave)
		cr4 |= CR4_OSXSAVE;
	struct cpuid_regs leaf7 = cpuid(0, 0).eax >= 7 ? cpuid(7, 0) : (struct cpuid_regs){ 0, 0, 0, 0 };
	if (leaf7.ebx & 1) {
		cr4 |= CR4_FSGSBASE;
		hwcap2 |= HWCAP2_FSGSBASE;
	}
	__asm__ volatile("mov %0, %%cr4" : : "r"(cr4));
	if (has_xsave) {
		struct cpuid_regs xs = cpuid(0xd, 0);
		uint64_t xcr0 = (((uint64_t)xs.edx << 32) | xs.eax) & XCR0_WANTED;
		/* AVX-512 is all three components or none. */
		if ((xcr0 & 0xe0) != 0xe0)
			xcr0 &= ~0xe0ULL;
		__asm__ volatile("xsetbv" : : "c"(0), "a"((uint32_t)xcr0), "d"((uint32_t)(xcr0 >> 32)));
	}
}

/*
 * The application calls `syscall` in ring 0: the CPU keeps CPL 0, loads the
 * kernel selectors from STAR, puts the return address in RCX and the flags
 * in R11, and masks the flags that must not leak into the kernel. Not IF:
 * the kernel runs with interrupts on (see kernel/lock.h).
 */
static void enable_syscall(unsigned id)
{
	wrmsr(MSR_STAR, (uint64_t)GDT_CODE << 32);
	wrmsr(MSR_LSTAR, syscall_entries[id]);
	wrmsr(MSR_SFMASK, RFLAGS_TF | RFLAGS_DF | RFLAGS_NT | RFLAGS_AC);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}

void cpu_init(unsigned id)
{
	enable_vector_state();
	enable_syscall(id);
}

uint64_t cpu_hwcap(void)
{
	return cpuid(1, 0).edx;
}

uint64_t cpu_hwcap2(void)
{
	return hwcap2;
}
