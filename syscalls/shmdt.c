/* shmdt(2): System V IPC (kernel/ipc/). */
#include "kernel/ipc/ipc.h"
#include "sys.h"

SYSCALL_DEFINE1(shmdt, const void *, shmaddr)
{
	return shm_detach((uint64_t)shmaddr);
}
