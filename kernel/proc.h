/* The one process: its name for messages, ids and limits. */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include <stdint.h>

#define PROC_PID 1 /* the program is the first and only process of its machine */

/* The absolute host path of the program: /proc/self/exe. */
const char *proc_exe(void);
extern uint64_t proc_clear_child_tid; /* set_tid_address(2) */
extern uint64_t proc_robust_list;     /* set_robust_list(2) */

#endif
