/* set_tid_address(2): remembered for thread exit; returns the caller's thread id. */
#include "kernel/proc.h"
#include "sys.h"

long sys_set_tid_address(const uint64_t *args)
{
	proc_clear_child_tid = args[0];
	return PROC_PID;
}
