/* msgctl(2): System V IPC (kernel/ipc/). */
#include "kernel/ipc/ipc.h"
#include "sys.h"

SYSCALL_DEFINE3(msgctl, int, msqid, int, cmd, void *, buf)
{
	return msg_control(msqid, cmd, buf);
}
