/* msgrcv(2): System V IPC (kernel/ipc/). */
#include "kernel/ipc/ipc.h"
#include "sys.h"

SYSCALL_DEFINE5(msgrcv, int, msqid, void *, msgp, size_t, msgsz, long, msgtyp, int, msgflg)
{
	return msg_receive(msqid, msgp, msgsz, msgtyp, msgflg);
}
