/* semop(2): System V IPC (kernel/ipc/). */
#include "kernel/ipc/ipc.h"
#include "sys.h"

SYSCALL_DEFINE3(semop, int, semid, const void *, sops, size_t, nsops)
{
	return sem_op(semid, sops, nsops > UINT32_MAX ? UINT32_MAX : (unsigned)nsops, 0);
}
