/* QEMU's fw_cfg: select an item by writing its key, then read its bytes one at a time. */
#include "fw_cfg.h"
#include "ioport.h"

#include <stdint.h>

#define FW_CFG_SELECTOR 0x510
#define FW_CFG_DATA 0x511
#define FW_CFG_SIGNATURE 0x00
#define FW_CFG_NB_CPUS 0x05

/* The first n (at most 4) bytes of item key, little-endian. */
static uint32_t item(uint16_t key, int n)
{
	outw(FW_CFG_SELECTOR, key);
	uint32_t v = 0;
	for (int i = 0; i < n; i++)
		v |= (uint32_t)inb(FW_CFG_DATA) << (8 * i);
	return v;
}

unsigned fw_cfg_cpus(void)
{
	if (item(FW_CFG_SIGNATURE, 4) != ('Q' | 'E' << 8 | 'M' << 16 | (uint32_t)'U' << 24))
		return 1;
	unsigned n = item(FW_CFG_NB_CPUS, 2);
	return n ? n : 1;
}
