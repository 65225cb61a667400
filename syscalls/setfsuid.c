/* setfsuid(2): returns the old id, whether or not the new one was taken. */
#include "kernel/proc/proc.h"
#include "sys.h"

SYSCALL_DEFINE1(setfsuid, unsigned int, id)
{
	return cred_set_fs(&proc_current()->cred, id, 0);
}
