/* shmctl(2): System V IPC (kernel/ipc/). */
#include "kernel/ipc/ipc.h"
#include "sys.h"

SYSCALL_DEFINE3(shmctl, int, shmid, int, cmd, void *, buf)
{
	return shm_control(shmid, cmd, buf);
}
