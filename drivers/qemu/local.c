/*
 * Hypercalls without a monitor: the dispatch, and the requests about the
 * machine rather than files (local_files.c). Clocks are the time at boot
 * (kvmclock's, else the RTC's) plus TSC ticks; random bytes come from RDRAND; the program's file is
 * the boot module.
 */
#include <asm-generic/errno.h>

#include "drivers/monitor/hypercall.h"
#include "ap_boot.h"
#include "drivers/qemu/devices/ioport.h"
#include "local.h"
#include "drivers/qemu/devices/qemu_exit.h"
#include "console.h"
#include "kernel/time/time.h"

#define PIC1_DATA 0x21
#define PIC2_DATA 0xa1
#define RDRAND_TRIES 10

bool hypercall_local;
static struct local_setup setup;

void local_start(void)
{
	/* The firmware's 8259 PICs would deliver the PIT's ticks on exception vectors. */
	outb(PIC1_DATA, 0xff);
	outb(PIC2_DATA, 0xff);
	console_init();
	hypercall_local = true;
}

void local_setup(const struct local_setup *s)
{
	setup = *s;
}

_Noreturn void local_fail(int status, const char *fmt, ...)
{
	static char line[256];
	int n = ksnprintf(line, sizeof(line), "cocoon-kernel: ");
	va_list ap;
	va_start(ap, fmt);
	n += kvsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	console_write(2, virt_to_phys(line), (size_t)n);
	qemu_exit(status);
}

void local_EXIT(struct hc_exit *req)
{
	local_wbuf_flush();
	qemu_exit(req->status);
}

void local_PANIC(struct hc_buf *req)
{
	static const char prefix[] = "cocoon-kernel: kernel panic: ", newline[] = "\n";
	local_wbuf_flush();
	console_write(2, virt_to_phys(prefix), sizeof(prefix) - 1);
	console_write(2, req->buf, req->len);
	console_write(2, virt_to_phys(newline), 1);
	qemu_exit_panic();
}

/* QEMU numbers APIC ids as it numbers CPUs. */
void local_CPU_START(struct hc_cpu_start *req)
{
	req->ret = ap_boot(req->cpu, req->cr3, req->rip, req->rsp, req->rdi, req->rsi);
}

void local_LOAD(struct hc_load *req)
{
	if (req->offset > setup.program_size || req->len > setup.program_size - req->offset) {
		req->ret = -EFAULT;
		return;
	}
	memcpy(phys_to_virt(req->gpa), phys_to_virt(setup.program_pa + req->offset), req->len);
	req->ret = (int64_t)req->len;
}

static bool rdrand(uint64_t *v)
{
	bool ok;
	for (int i = 0; i < RDRAND_TRIES; i++) {
		__asm__ volatile("rdrand %0" : "=r"(*v), "=@ccc"(ok));
		if (ok)
			return true;
	}
	return false;
}

/* Without RDRAND: the TSC's ticks stirred (splitmix64), unpredictable enough for AT_RANDOM only. */
static uint64_t tsc_mix(void)
{
	static uint64_t state;
	state += rdtsc() + 0x9e3779b97f4a7c15ULL;
	uint64_t z = state;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void local_RANDOM(struct hc_buf *req)
{
	bool have_rdrand = (cpuid(1, 0).ecx >> 30) & 1;
	uint8_t *out = phys_to_virt(req->buf);
	for (uint64_t done = 0; done < req->len;) {
		uint64_t v;
		if (!have_rdrand || !rdrand(&v))
			v = tsc_mix();
		uint64_t k = req->len - done < sizeof(v) ? req->len - done : sizeof(v);
		memcpy(out + done, &v, k);
		done += k;
	}
	req->ret = (int64_t)req->len;
}

void local_CLOCK(struct hc_clock *req)
{
	uint64_t ticks = rdtsc() - setup.realtime_tsc;
	uint64_t khz = setup.tsc_khz;
	int64_t ns = khz ? (int64_t)(ticks / khz * 1000000 + ticks % khz * 1000000 / khz) : 0;
	switch (req->clock) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_REALTIME_ALARM:
	case CLOCK_TAI:
		ns += setup.realtime_ns;
		break;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
	case CLOCK_BOOTTIME_ALARM:
		break;
	default:
		req->ret = -EINVAL;
		return;
	}
	req->sec = ns / NSEC_PER_SEC;
	req->nsec = ns % NSEC_PER_SEC;
	req->ret = 0;
}

/* One adapter per hypercall, as in the monitor: the block is the kernel's own. */
#define LOCAL_ADAPT(nr, name, type) \
	static void call_##name(void *req) { local_##name(req); }
HYPERCALLS(LOCAL_ADAPT)
#undef LOCAL_ADAPT

static void (*const handlers[HC_COUNT])(void *req) = {
#define LOCAL_ENTRY(nr, name, type) [nr] = call_##name,
	HYPERCALLS(LOCAL_ENTRY)
#undef LOCAL_ENTRY
};

/* There is no ring without a monitor (boot_info.ring_gpa is 0): nothing to wait for. */
void local_RING_WAIT(struct hc_ring_wait *req)
{
	req->ret = -EINVAL;
}

void local_BATCH(struct hc_batch *req)
{
	const struct hc_call *calls = phys_to_virt(req->calls);
	req->ret = 0;
	for (uint32_t i = 0; i < req->n && i < HC_BATCH_MAX; i++) {
		if (calls[i].nr >= HC_COUNT || calls[i].nr == HC_BATCH) {
			req->ret = -EINVAL;
			return;
		}
		handlers[calls[i].nr](phys_to_virt(calls[i].block));
	}
}

void local_hypercall(enum hc_number nr, void *req)
{
	handlers[nr](req);
}
