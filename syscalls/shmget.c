/* shmget(2): System V IPC (kernel/ipc/). */
#include "kernel/ipc/ipc.h"
#include "sys.h"

SYSCALL_DEFINE3(shmget, int, key, size_t, size, int, shmflg)
{
	return shm_get(key, size, shmflg);
}
