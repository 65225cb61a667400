/* semget(2): System V IPC (kernel/ipc/). */
#include "kernel/ipc/ipc.h"
#include "sys.h"

SYSCALL_DEFINE3(semget, int, key, int, nsems, int, semflg)
{
	return sem_get(key, nsems, semflg);
}
