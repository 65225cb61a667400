/* sysinfo(2): this machine's memory and the time since it booted. */
#include "kernel/mm/frame.h"
#include "kernel/time/time.h"
#include "sys.h"

struct ksysinfo {
	int64_t uptime;
	uint64_t loads[3];
	uint64_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	uint16_t procs, pad;
	uint64_t totalhigh, freehigh;
	uint32_t mem_unit;
	char reserved[4];
};

SYSCALL_DEFINE1(sysinfo, struct ksysinfo *, info)
{
	struct ksysinfo si;
	struct ktimespec now;
	memset(&si, 0, sizeof(si));
	long err = clock_read(1, &now);
	if (err)
		return err;
	si.uptime = now.sec - clock_boot_seconds();
	si.totalram = boot->mem_size;
	si.freeram = frame_free_count() * PAGE_SIZE;
	si.procs = 1;
	si.mem_unit = 1;
	return copy_to_user(info, &si, sizeof(si));
}
