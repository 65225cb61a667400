/* getrandom(2): bytes from the host's getrandom. */
#include "drivers/monitor/hypercall.h"
#include "sys.h"

#define GETRANDOM_MAX 33554431 /* Linux's cap on one call */

long sys_getrandom(const uint64_t *args)
{
	static uint8_t buf[4096];
	uint8_t *dst = (uint8_t *)args[0];
	uint64_t len = args[1] < GETRANDOM_MAX ? args[1] : GETRANDOM_MAX;
	if (args[2] & ~(uint64_t)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE) ||
	    (args[2] & (GRND_RANDOM | GRND_INSECURE)) == (GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	for (uint64_t done = 0; done < len;) {
		uint64_t k = len - done < sizeof(buf) ? len - done : sizeof(buf);
		struct hc_buf req = { .buf = virt_to_phys(buf), .len = k };
		hypercall(HC_RANDOM, &req);
		if (req.ret < 0)
			return done ? (long)done : req.ret;
		if (copy_to_user(dst + done, buf, k))
			return done ? (long)done : -EFAULT;
		done += k;
	}
	return (long)len;
}
