/* Vector state with XSAVE (every component XCR0 enables) or FXSAVE; FS/GS bases. */
#include "fpu.h"
#include "cpu.h"

#define FCW_DEFAULT 0x37f
#define MXCSR_DEFAULT 0x1f80
#define CR4_FSGSBASE 0x10000ULL

static bool use_xsave, use_fsgsbase;

bool fpu_init(void)
{
	use_xsave = (cpuid(1, 0).ecx >> 27) & 1; /* OSXSAVE: cpu_init turned XSAVE on */
	if (use_xsave && cpuid(0xd, 0).ebx > FPU_AREA_MAX)
		return false;
	uint64_t cr4;
	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	use_fsgsbase = (cr4 & CR4_FSGSBASE) != 0;
	return true;
}

uint64_t fpu_area_size(void)
{
	return use_xsave ? cpuid(0xd, 0).ebx : 512;
}

void fpu_init_area(void *area)
{
	__builtin_memset(area, 0, FPU_AREA_MAX);
	*(uint16_t *)area = FCW_DEFAULT;
	*(uint32_t *)((char *)area + 24) = MXCSR_DEFAULT;
}

void fpu_save(void *area)
{
	if (use_xsave)
		__asm__ volatile("xsave64 (%0)" : : "r"(area), "a"(-1), "d"(-1) : "memory");
	else
		__asm__ volatile("fxsave64 (%0)" : : "r"(area) : "memory");
}

void fpu_restore(const void *area)
{
	if (use_xsave)
		__asm__ volatile("xrstor64 (%0)" : : "r"(area), "a"(-1), "d"(-1) : "memory");
	else
		__asm__ volatile("fxrstor64 (%0)" : : "r"(area) : "memory");
}

uint64_t fs_base_read(void)
{
	uint64_t v;
	if (!use_fsgsbase)
		return rdmsr(MSR_FS_BASE);
	__asm__ volatile("rdfsbase %0" : "=r"(v));
	return v;
}

void fs_base_write(uint64_t v)
{
	if (use_fsgsbase)
		__asm__ volatile("wrfsbase %0" : : "r"(v) : "memory");
	else
		wrmsr(MSR_FS_BASE, v);
}

uint64_t gs_base_read(void)
{
	uint64_t v;
	if (!use_fsgsbase)
		return rdmsr(MSR_GS_BASE);
	__asm__ volatile("rdgsbase %0" : "=r"(v));
	return v;
}

void gs_base_write(uint64_t v)
{
	if (use_fsgsbase)
		__asm__ volatile("wrgsbase %0" : : "r"(v) : "memory");
	else
		wrmsr(MSR_GS_BASE, v);
}
