/* The one process: its name for messages, ids and limits. */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include <stdint.h>

#define PROC_PID 1 /* the program is the first and only process of its machine */

/* The absolute host path of the program: /proc/self/exe. */
const char *proc_exe(void);

#endif
