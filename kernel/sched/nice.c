/* Who getpriority/setpriority may name: the program, its threads, its group, its user. */
#include <asm-generic/errno.h>

#include "kernel/kernel.h"
#include "nice.h"
#include "kernel/proc/proc.h"
#include "thread.h"

int program_nice;

long nice_target(long which, long who)
{
	switch (which) {
	case PRIO_PROCESS:
		return who == 0 || thread_find((int)who) ? 0 : -ESRCH;
	case PRIO_PGRP:
		return who == 0 || who == PROC_PID ? 0 : -ESRCH;
	case PRIO_USER:
		return who == 0 || (uint64_t)who == boot->uid ? 0 : -ESRCH;
	default:
		return -EINVAL;
	}
}
