/* setuid(2) */
#include "kernel/proc/proc.h"
#include "sys.h"

SYSCALL_DEFINE1(setuid, unsigned int, id)
{
	return cred_set(&proc_current()->cred, id, 0);
}
