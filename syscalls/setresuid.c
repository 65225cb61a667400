/* setresuid(2) */
#include "kernel/proc/proc.h"
#include "sys.h"

SYSCALL_DEFINE3(setresuid, int, real, int, effective, int, saved)
{
	return cred_set_res(&proc_current()->cred, real, effective, saved, 0);
}
