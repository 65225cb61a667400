/* msgget(2): System V IPC (kernel/ipc/). */
#include "kernel/ipc/ipc.h"
#include "sys.h"

SYSCALL_DEFINE2(msgget, int, key, int, msgflg)
{
	return msg_get(key, msgflg);
}
