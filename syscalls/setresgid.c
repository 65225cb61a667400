/* setresgid(2) */
#include "kernel/proc/proc.h"
#include "sys.h"

SYSCALL_DEFINE3(setresgid, int, real, int, effective, int, saved)
{
	return cred_set_res(&proc_current()->cred, real, effective, saved, 1);
}
