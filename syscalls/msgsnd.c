/* msgsnd(2): System V IPC (kernel/ipc/). */
#include "kernel/ipc/ipc.h"
#include "sys.h"

SYSCALL_DEFINE4(msgsnd, int, msqid, const void *, msgp, size_t, msgsz, int, msgflg)
{
	return msg_send(msqid, msgp, msgsz, msgflg);
}
