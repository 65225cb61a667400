/* setreuid(2) */
#include "kernel/proc/proc.h"
#include "sys.h"

SYSCALL_DEFINE2(setreuid, int, real, int, effective)
{
	return cred_set_re(&proc_current()->cred, real, effective, 0);
}
