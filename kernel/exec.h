/* Starting the program the monitor placed in memory. */
#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

_Noreturn void exec_start(void);

#endif
