/* QEMU's firmware configuration device (fw_cfg), through its I/O ports. */
#ifndef DRIVERS_FW_CFG_H
#define DRIVERS_FW_CFG_H

/* The number of CPUs QEMU made (-smp), or 1 without a fw_cfg device. */
unsigned fw_cfg_cpus(void);

#endif
