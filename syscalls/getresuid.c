/* getresuid(2) */
#include "kernel/proc/proc.h"
#include "sys.h"

SYSCALL_DEFINE3(getresuid, unsigned int *, real, unsigned int *, effective, unsigned int *, saved)
{
	const struct cred *c = &proc_current()->cred;
	const uint32_t *v = c->uid;
	if (copy_to_user(real, &v[0], sizeof(v[0])) || copy_to_user(effective, &v[1], sizeof(v[1])) ||
	    copy_to_user(saved, &v[2], sizeof(v[2])))
		return -EFAULT;
	return 0;
}
