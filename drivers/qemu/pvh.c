/*
 * The PVH boot in C: read the loader's hvm_start_info (Xen's PVH boot ABI,
 * as QEMU's -kernel gives it) and hand the machine to the local platform,
 * which serves the hypercalls no monitor is there to serve.
 */
#include <stdint.h>

#include "pvh.h"
#include "local.h"
#include "kernel/kernel.h"

_Static_assert(PVH_KERNEL_VBASE == KERNEL_VBASE, "pvh.h and hypercall.h agree");

#define HVM_START_MAGIC 0x336ec578
#define E820_RAM 1
#define FOUR_GIB (1ULL << 32)

struct hvm_start_info {
	uint32_t magic, version, flags, nr_modules;
	uint64_t modlist_paddr, cmdline_paddr, rsdp_paddr;
	uint64_t memmap_paddr; /* version 1 on */
	uint32_t memmap_entries, reserved;
};

struct hvm_modlist_entry {
	uint64_t paddr, size, cmdline_paddr, reserved;
};

struct hvm_memmap_entry {
	uint64_t addr, size;
	uint32_t type, reserved;
};

uint64_t pvh_boot(uint32_t info_pa, uint64_t vif_pa);

/* The end of the RAM the kernel was loaded into; the page tables map 4 GiB. */
static uint64_t ram_end(const struct hvm_start_info *si)
{
	if (si->version < 1 || !si->memmap_entries)
		local_fail(LOCAL_FAILED, "the PVH loader gave no memory map");
	const struct hvm_memmap_entry *e = phys_to_virt(si->memmap_paddr);
	for (uint32_t i = 0; i < si->memmap_entries; i++)
		if (e[i].type == E820_RAM && e[i].addr <= KERNEL_LOAD_GPA && e[i].addr + e[i].size > KERNEL_LOAD_GPA)
			return e[i].addr + e[i].size < FOUR_GIB ? e[i].addr + e[i].size : FOUR_GIB;
	local_fail(LOCAL_FAILED, "no RAM at 1 MiB in the PVH memory map");
}

uint64_t pvh_boot(uint32_t info_pa, uint64_t vif_pa)
{
	local_start();
	const struct hvm_start_info *si = phys_to_virt(info_pa);
	if (si->magic != HVM_START_MAGIC)
		local_fail(LOCAL_FAILED, "not started by a PVH loader (bad hvm_start_info magic)");
	if (!si->nr_modules)
		local_fail(LOCAL_FAILED, "no program: give it as the first module (QEMU: -initrd PROGRAM)");
	const struct hvm_modlist_entry *mod = phys_to_virt(si->modlist_paddr);
	struct local_machine m = {
		.ram_end = ram_end(si),
		.module_pa = mod[0].paddr,
		.module_size = mod[0].size,
		.cmdline = si->cmdline_paddr ? phys_to_virt(si->cmdline_paddr) : 0,
		.vif_pa = vif_pa,
	};
	if (si->nr_modules > 1) {
		m.archive_pa = mod[1].paddr;
		m.archive_size = mod[1].size;
	}
	return local_boot(&m);
}
