/* semtimedop(2): semop that waits at most timeout (relative; NULL: no limit). */
#include "kernel/ipc/ipc.h"
#include "arch/x86_64/tsc.h"
#include "kernel/time/ticks.h"
#include "kernel/time/time.h"
#include "sys.h"

SYSCALL_DEFINE4(semtimedop, int, semid, const void *, sops, size_t, nsops, const void *, timeout)
{
	uint64_t deadline = 0;
	if (timeout) {
		struct ktimespec ts;
		long err = timespec_from_user(&ts, timeout);
		if (err)
			return err;
		if (!timespec_valid(&ts))
			return -EINVAL;
		deadline = rdtsc() + ns_to_tsc((uint64_t)ts.sec * 1000000000ULL + (uint64_t)ts.nsec) + 1;
	}
	return sem_op(semid, sops, nsops > UINT32_MAX ? UINT32_MAX : (unsigned)nsops, deadline);
}
