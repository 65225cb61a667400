/* shmat(2): System V IPC (kernel/ipc/). */
#include "kernel/ipc/ipc.h"
#include "sys.h"

SYSCALL_DEFINE3(shmat, int, shmid, const void *, shmaddr, int, shmflg)
{
	return shm_attach(shmid, (uint64_t)shmaddr, shmflg);
}
