/* setregid(2) */
#include "kernel/proc/proc.h"
#include "sys.h"

SYSCALL_DEFINE2(setregid, int, real, int, effective)
{
	return cred_set_re(&proc_current()->cred, real, effective, 1);
}
