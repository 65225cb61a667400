/*
 * The program's vector state and FS/GS bases, saved and restored when threads
 * switch. The kernel itself never uses them.
 */
#ifndef ARCH_X86_64_FPU_H
#define ARCH_X86_64_FPU_H

#include <stdbool.h>
#include <stdint.h>

#define FPU_AREA_MAX 4096 /* one page holds every XSAVE layout of today's CPUs */

/* After cpu_init on the boot CPU: learn the save area's size; false if over FPU_AREA_MAX. */
bool fpu_init(void);
/* Bytes fpu_save writes (64-byte aligned area). */
uint64_t fpu_area_size(void);
/* A save area holding the state Linux starts a program with. */
void fpu_init_area(void *area);
void fpu_save(void *area);
void fpu_restore(const void *area);

uint64_t fs_base_read(void);
void fs_base_write(uint64_t v);
uint64_t gs_base_read(void);
void gs_base_write(uint64_t v);

#endif
