/* Bringing up the CPUs: the boot CPU's set-up, and the others' through the monitor. */
#ifndef KERNEL_SMP_H
#define KERNEL_SMP_H

/* Set up the calling CPU, whose idle thread is the one on the running stack. */
void cpu_setup(unsigned id);
/* Ask the monitor to start the other CPUs; each ends in the idle loop. */
void smp_start(unsigned count);

#endif
