/* Start the vCPU directly in 64-bit long mode: boot page tables, segments, CPUID. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "cocoon/hypercall.h"
#include "kvm_internal.h"
#include "log.h"
#include "vm.h"

#define PTE_P  0x1ULL
#define PTE_RW 0x2ULL
#define PTE_U  0x4ULL /* kvm-pvm runs ring 0 natively only on user pages; harmless elsewhere */
#define PTE_PS 0x80ULL

#define CR0_PE 0x1ULL
#define CR0_MP 0x2ULL
#define CR0_ET 0x10ULL
#define CR0_NE 0x20ULL
#define CR0_WP 0x10000ULL
#define CR0_PG 0x80000000ULL
#define CR4_PAE 0x20ULL
#define CR4_OSFXSR 0x200ULL
#define CR4_OSXMMEXCPT 0x400ULL
#define EFER_LME 0x100ULL
#define EFER_LMA 0x400ULL
#define EFER_NXE 0x800ULL

#define GIB (1ULL << 30)
#define MIB2 (2ULL << 20)

/* Map all RAM at KERNEL_VBASE with 2 MiB pages; the program's range stays empty. */
static void build_page_tables(struct guest *g)
{
	uint64_t gibs = (g->size + GIB - 1) / GIB;
	uint64_t *pml4 = guest_ptr(g, BOOT_PML4_GPA, 4096);
	uint64_t *pdpt = guest_ptr(g, BOOT_PDPT_GPA, 4096);
	uint64_t *pd = guest_ptr(g, BOOT_PD_GPA, gibs * 4096);

	pml4[(KERNEL_VBASE >> 39) & 511] = BOOT_PDPT_GPA | PTE_P | PTE_RW | PTE_U;
	for (uint64_t i = 0; i < gibs; i++)
		pdpt[((KERNEL_VBASE >> 30) & 511) + i] = (BOOT_PD_GPA + i * 4096) | PTE_P | PTE_RW | PTE_U;
	for (uint64_t pa = 0; pa < g->size; pa += MIB2)
		pd[pa / MIB2] = pa | PTE_P | PTE_RW | PTE_U | PTE_PS;
}

static void setup_cpuid(struct vm *vm, struct vcpu *v)
{
	int n = 128; /* enough for today's CPUs: one ioctl instead of a retry */
	struct kvm_cpuid2 *cpuid;
	for (;;) {
		cpuid = calloc(1, sizeof(*cpuid) + (size_t)n * sizeof(cpuid->entries[0]));
		if (!cpuid)
			die(EXIT_MONITOR_FAILED, "out of memory");
		cpuid->nent = (uint32_t)n;
		if (ioctl(vm->kvm, KVM_GET_SUPPORTED_CPUID, cpuid) == 0)
			break;
		if (errno != E2BIG)
			die(EXIT_MONITOR_FAILED, "KVM_GET_SUPPORTED_CPUID: %s", strerror(errno));
		free(cpuid);
		n *= 2;
	}
	/* Each vCPU's APIC id is its index, as the kernel's x2APIC code reads it. */
	unsigned id = (unsigned)(v - vm->cpus);
	for (uint32_t i = 0; i < cpuid->nent; i++) {
		struct kvm_cpuid_entry2 *e = &cpuid->entries[i];
		if (e->function == 1)
			e->ebx = (e->ebx & 0x00ffffff) | (id << 24);
		if (e->function == 0xb || e->function == 0x1f)
			e->edx = id;
	}
	if (ioctl(v->fd, KVM_SET_CPUID2, cpuid) < 0)
		die(EXIT_MONITOR_FAILED, "KVM_SET_CPUID2: %s", strerror(errno));
	free(cpuid);
}

void vcpu_setup_long_mode(struct vm *vm, struct vcpu *v, uint64_t cr3)
{
	setup_cpuid(vm, v);
	struct kvm_sregs sregs;
	if (ioctl(v->fd, KVM_GET_SREGS, &sregs) < 0)
		die(EXIT_MONITOR_FAILED, "KVM_GET_SREGS: %s", strerror(errno));
	struct kvm_segment code = {
		.base = 0, .limit = 0xffffffff, .selector = 0x8, .type = 0xb,
		.present = 1, .dpl = 0, .db = 0, .s = 1, .l = 1, .g = 1,
	};
	struct kvm_segment data = code;
	data.selector = 0x10;
	data.type = 0x3;
	data.l = 0;
	data.db = 1;
	sregs.cs = code;
	sregs.ds = sregs.es = sregs.fs = sregs.gs = sregs.ss = data;
	sregs.cr0 = CR0_PE | CR0_MP | CR0_ET | CR0_NE | CR0_WP | CR0_PG;
	sregs.cr3 = cr3;
	sregs.cr4 = CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT;
	sregs.efer = EFER_LME | EFER_LMA | EFER_NXE;
	if (ioctl(v->fd, KVM_SET_SREGS, &sregs) < 0)
		die(EXIT_MONITOR_FAILED, "KVM_SET_SREGS: %s", strerror(errno));
}

void vm_setup_x86_64(struct vm *vm, uint64_t entry)
{
	build_page_tables(&vm->g);
	struct vcpu *bsp = &vm->cpus[0];
	vcpu_setup_long_mode(vm, bsp, BOOT_PML4_GPA);
	struct kvm_regs regs = {
		.rip = entry,
		.rflags = 0x2,
		.rdi = BOOT_INFO_GPA,
	};
	if (ioctl(bsp->fd, KVM_SET_REGS, &regs) < 0)
		die(EXIT_MONITOR_FAILED, "KVM_SET_REGS: %s", strerror(errno));
}
