/* getrandom(2): bytes from the random device. */
#include "kernel/fs/devfile.h"
#include "sys.h"

#define GETRANDOM_MAX 33554431 /* Linux's cap on one call */

SYSCALL_DEFINE3(getrandom, void *, buf, size_t, buflen, unsigned, flags)
{
	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE) ||
	    (flags & (GRND_RANDOM | GRND_INSECURE)) == (GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	return devfile_random(buf, buflen < GETRANDOM_MAX ? buflen : GETRANDOM_MAX);
}
