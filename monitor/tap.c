/*
 * The network device's host side (struct hc_net): a thread moves frames
 * between the guest's rings and the tap device. It spins a little after each
 * frame, so a busy link costs no notification at all, then sleeps in poll
 * on the tap and on the guest's kick (an ioeventfd: the guest's OUT does not
 * stop the vCPU). The guest is interrupted only when it asked to be.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "cocoon/hypercall.h"
#include "log.h"
#include "tap.h"
#include "vm.h"

#define SPIN_NS 50000 /* awake this long after the last frame */

static struct {
	int tap, kick;
	int cpu; /* the host CPU this thread shares with the boot vCPU's, or -1 */
	struct hc_net *dev;
	uint8_t *tx_slots, *rx_slots;
	uint32_t slot_size;
	uint32_t tx_tail, rx_head; /* ours: the guest may scribble on the shared copies */
} t;

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Send what the guest queued; true if there was any. */
static bool tx_drain(void)
{
	uint32_t head = __atomic_load_n(&t.dev->tx.head, __ATOMIC_ACQUIRE);
	uint32_t n = head - t.tx_tail;
	if (!n)
		return false;
	if (n > HC_NET_SLOTS)
		n = HC_NET_SLOTS; /* a guest that lies about head sends its own garbage, no more */
	for (uint32_t i = 0; i < n; i++, t.tx_tail++) {
		uint32_t slot = t.tx_tail % HC_NET_SLOTS;
		uint32_t len = __atomic_load_n(&t.dev->tx.len[slot], __ATOMIC_RELAXED);
		/* A failed write is a lost frame, as on a wire. */
		if (len >= 14 && len <= t.slot_size && write(t.tap, t.tx_slots + (uint64_t)slot * t.slot_size, len) < 0)
			continue;
	}
	__atomic_store_n(&t.dev->tx.tail, t.tx_tail, __ATOMIC_RELEASE);
	return true;
}

static uint32_t rx_room(void)
{
	uint32_t used = t.rx_head - __atomic_load_n(&t.dev->rx.tail, __ATOMIC_ACQUIRE);
	return used <= HC_NET_SLOTS ? HC_NET_SLOTS - used : 0;
}

/* Take what the tap has while the guest has room; true if anything came. */
static bool rx_fill(void)
{
	uint32_t room = rx_room(), got = 0;
	for (; got < room; got++) {
		uint32_t slot = t.rx_head % HC_NET_SLOTS;
		ssize_t n = read(t.tap, t.rx_slots + (uint64_t)slot * t.slot_size, t.slot_size);
		if (n <= 0)
			break;
		t.dev->rx.len[slot] = (uint32_t)n;
		t.rx_head++;
	}
	if (!got)
		return false;
	__atomic_store_n(&t.dev->rx.head, t.rx_head, __ATOMIC_SEQ_CST);
	/*
	 * The interrupt wakes the halted vCPU's thread, which may find no idle
	 * core (this thread spins on one, the peer may hold the other): this
	 * core is given up to it at once (HTTP keep-alive: 74,000 -> 98,000
	 * requests/s on 2 cores).
	 */
	if (__atomic_exchange_n(&t.dev->rx.wait, 0, __ATOMIC_SEQ_CST)) {
		vm_interrupt(BOOT_NET_VECTOR);
		sched_yield();
	}
	return true;
}

/* Nothing to do for a while: ask the guest for a kick, then sleep until one or a frame. */
static void nap(void)
{
	__atomic_store_n(&t.dev->tx.wait, 1, __ATOMIC_SEQ_CST);
	bool full = rx_room() == 0;
	if (full) {
		__atomic_store_n(&t.dev->rx.room_wait, 1, __ATOMIC_SEQ_CST);
		full = rx_room() == 0;
	}
	if (__atomic_load_n(&t.dev->tx.head, __ATOMIC_SEQ_CST) == t.tx_tail) {
		struct pollfd p[2] = { { t.tap, full ? 0 : POLLIN, 0 }, { t.kick, POLLIN, 0 } };
		if (poll(p, 2, -1) > 0 && (p[1].revents & POLLIN)) {
			uint64_t count;
			if (read(t.kick, &count, sizeof(count)) < 0)
				count = 0; /* a wake-up only */
		}
	}
	__atomic_store_n(&t.dev->tx.wait, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&t.dev->rx.room_wait, 0, __ATOMIC_RELAXED);
}

static void pin(int cpu)
{
	cpu_set_t one;
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	pthread_setaffinity_np(pthread_self(), sizeof(one), &one);
}

static void *tap_thread(void *arg)
{
	(void)arg;
	if (t.cpu >= 0)
		pin(t.cpu);
	uint64_t last = now_ns();
	for (;;) {
		bool sent = tx_drain(), got = rx_fill();
		if (sent || got) {
			last = now_ns();
			continue;
		}
		/* Sharing its CPU, it spins only while the vCPU has no use for it. */
		if (now_ns() - last < SPIN_NS) {
			if (t.cpu >= 0)
				sched_yield();
			else
				__builtin_ia32_pause();
			continue;
		}
		nap();
		last = now_ns();
	}
	return NULL;
}

void tap_start(struct guest *g, int tap, struct hc_net *dev, uint64_t slots_gpa, uint32_t slot_size, int cpu)
{
	t.tap = tap;
	t.dev = dev;
	t.slot_size = slot_size;
	t.tx_slots = guest_ptr(g, slots_gpa, (uint64_t)HC_NET_SLOTS * slot_size);
	t.rx_slots = guest_ptr(g, slots_gpa + (uint64_t)HC_NET_SLOTS * slot_size, (uint64_t)HC_NET_SLOTS * slot_size);
	t.kick = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (!t.tx_slots || !t.rx_slots || t.kick < 0)
		die(EXIT_MONITOR_FAILED, "cannot set up the network device");
	vm_port_eventfd(HC_NET_KICK_PORT, t.kick);
	/*
	 * Given a CPU (for a rewritten program, whose syscalls cost the vCPU's
	 * thread little) this thread and the boot vCPU's (the caller's) share that
	 * host CPU: every frame hands work from one to the other, which across
	 * CPUs costs a wake-up on another CPU each way, and the other CPUs stay
	 * free for the peer (HTTP keep-alive on 2 cores: 121,000-128,000 ->
	 * 138,000-152,000 requests/s). Trapping, the two need more than one CPU
	 * (101,000 -> 88,000). Other threads still run anywhere (vm_spawn).
	 */
	t.cpu = cpu;
	if (t.cpu >= 0)
		pin(t.cpu);
	int err = vm_spawn(tap_thread);
	if (err)
		die(EXIT_MONITOR_FAILED, "cannot start the network thread: %s", strerror(err));
}
