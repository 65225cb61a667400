/* Process groups as job control sees them: orphaned groups, signals to a whole group. */
#ifndef KERNEL_PGRP_H
#define KERNEL_PGRP_H

#include <stdbool.h>

#include "kernel/signal/sigtypes.h"

struct proc;

/*
 * Is group pgid orphaned: no live member has a parent in another group of
 * its session? The first process counts as having one (the shell that
 * started the machine), as a program started from a shell has natively.
 */
bool pgrp_orphaned(int pgid);
/* Does group pgid have a live member? And one in session sid? */
bool pgrp_exists(int pgid, int sid);
/* sig to every live member of group pgid, as the kernel sends it (SI_KERNEL). */
void pgrp_signal(int pgid, int sig);
/*
 * p is ending: a group its end leaves orphaned (its own, or a child's) that
 * has a stopped member gets SIGHUP then SIGCONT, so that it is not stopped
 * forever with nobody left to continue it. Called before its children go to the first process.
 */
void pgrp_exit_orphans(struct proc *p);

#endif
