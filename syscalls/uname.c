/* uname(2): a Linux machine named like the host. */
#include <linux/utsname.h>

#include "sys.h"

SYSCALL_DEFINE1(uname, struct new_utsname *, buf)
{
	struct new_utsname u;
	memset(&u, 0, sizeof(u));
	memcpy(u.sysname, "Linux", 6);
	memcpy(u.nodename, boot->hostname, sizeof(boot->hostname));
	memcpy(u.release, "6.1.0-cocoon", 13);
	memcpy(u.version, "#1 cocoon unikernel", 20);
	memcpy(u.machine, "x86_64", 7);
	memcpy(u.domainname, "(none)", 7);
	return copy_to_user(buf, &u, sizeof(u));
}
