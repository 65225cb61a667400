/* set_tid_address(2): the word cleared and woken when the calling thread ends. */
#include "kernel/sched/thread.h"
#include "sys.h"

long sys_set_tid_address(const uint64_t *args)
{
	current()->clear_child_tid = args[0];
	return current()->tid;
}
