/*
 * The kernel serving its own hypercalls when no monitor runs it (booted
 * through PVH, e.g. by QEMU): local_boot() makes the boot_info a monitor
 * would, and from then on each hypercall goes to its local_NAME, which works
 * on the request block in place as the monitor's handler would.
 */
#ifndef DRIVERS_LOCAL_H
#define DRIVERS_LOCAL_H

#include <stdbool.h>
#include <stdint.h>

#include "cocoon/hypercall.h"

/* Exit statuses of failures before the program runs, as uhyve-run's. */
#define LOCAL_NOT_EXECUTABLE 126
#define LOCAL_FAILED 125

/* What the boot loader gave. */
struct local_machine {
	uint64_t ram_end;            /* the end of the RAM holding the kernel */
	uint64_t module_pa, module_size; /* the first module: the program */
	uint64_t archive_pa, archive_size; /* a second module: the files (newc cpio), or size 0 */
	char *cmdline;               /* NUL-terminated, or 0; decoded in place */
	uint64_t vif_pa;             /* kvm-pvm's VIF page, registered already, or 0 */
};

/* What local hypercalls need from the boot. */
struct local_setup {
	uint64_t program_pa, program_size; /* the program's ELF file */
	uint32_t tsc_khz;
	int64_t realtime_ns; /* CLOCK_REALTIME when the TSC read realtime_tsc */
	uint64_t realtime_tsc;
};

extern bool hypercall_local;
/* Write out the kernel's write-behind block (see struct hc_wbuf) before the machine stops. */
void local_wbuf_flush(void);
/* st_mode of the standard streams (handles 0..2) for fstat: by default /dev/null and pipes. */
extern uint32_t local_stream_mode[3];

/* The consoles up, the PIC masked, hypercalls served here from now on (so failures print). */
void local_start(void);
/* The boot_info for kmain, at its physical address. */
uint64_t local_boot(const struct local_machine *m);
void local_setup(const struct local_setup *s);
/* Standard input: len bytes at pa, read once through. */
void local_set_input(uint64_t pa, uint64_t len);
/* Stop before the program runs: one line on stderr, and status. */
_Noreturn void local_fail(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void local_hypercall(enum hc_number nr, void *req);
#define LOCAL_DECLARE(nr, name, type) void local_##name(struct type *req);
HYPERCALLS(LOCAL_DECLARE)
#undef LOCAL_DECLARE

#endif
