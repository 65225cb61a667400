/* set_tid_address(2): the word cleared and woken when the calling thread ends. */
#include "kernel/sched/thread.h"
#include "sys.h"

SYSCALL_DEFINE1(set_tid_address, int *, tidptr)
{
	current()->clear_child_tid = (uint64_t)tidptr;
	return current()->tid;
}
