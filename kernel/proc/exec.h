/* Starting the program the monitor placed in memory. */
#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

/* Load the program and make its first thread runnable. */
void exec_start(void);

#endif
