/* The program's nice value, for getpriority/setpriority (one value: the scheduler has no priorities). */
#ifndef KERNEL_NICE_H
#define KERNEL_NICE_H

#define PRIO_PROCESS 0
#define PRIO_PGRP 1
#define PRIO_USER 2

extern int program_nice;

/* 0 if (which, who) names the program, else -EINVAL or -ESRCH. */
long nice_target(long which, long who);

#endif
