/* Ending QEMU with the program's status. */
#ifndef DRIVERS_QEMU_EXIT_H
#define DRIVERS_QEMU_EXIT_H

/* QEMU exits with (status << 1) | 1; see qemu_exit.c for the whole status. */
_Noreturn void qemu_exit(int status);
/* After a kernel panic: status 125, as uhyve-run's, and "panic" on the status line. */
_Noreturn void qemu_exit_panic(void);

#endif
