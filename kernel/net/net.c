/*
 * lwIP's port: started at the first socket (programs without sockets pay
 * nothing), its heap in frames, its clock the TSC, its timers run from the
 * scheduler's timer path at the deadline net_deadline announces.
 */
#include "lwip/init.h"
#include "lwip/netif.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/timeouts.h"

#include "net.h"
#include "drivers/monitor/hypercall.h"
#include "drivers/monitor/netdev.h"
#include "kernel/mm/frame.h"
#include "kernel/kernel.h"
#include "kernel/lock.h"
#include "kernel/sched/sched.h"
#include "sock.h"
#include "kernel/time/time.h"

#define HEAP_PAGES 1024 /* MEM_SIZE and lwIP's bookkeeping */
#define LOOPBACK_MTU 8192
#define FINISH_IDLE_NS 10000000000ULL /* at exit, connections that move no data for this long are left */
#define DHCP_WAIT_NS 10000000000ULL
#define DHCP_POLL_NS 1000000

unsigned char *net_heap;
static bool started;
uint64_t net_timer_at;
bool net_rx_pending;
struct hc_net_queue *net_rx_queue;
void (*net_timers)(void);
void (*net_at_exit)(void);
static uint64_t rand_state;

_Static_assert(MEM_SIZE + 64 <= HEAP_PAGES * PAGE_SIZE, "lwIP's heap fits its frames");

u32_t sys_now(void)
{
	return (u32_t)(tsc_to_ns(rdtsc()) / 1000000);
}

void net_lwip_assert(const char *msg, const char *file, int line)
{
	panic("lwIP: %s (%s:%d)", msg, file, line);
}

/* xorshift64*, seeded from the host: port numbers and sequence numbers only. */
uint32_t net_random(void)
{
	rand_state ^= rand_state >> 12;
	rand_state ^= rand_state << 25;
	rand_state ^= rand_state >> 27;
	return (uint32_t)((rand_state * 0x2545f4914f6cdd1dULL) >> 32);
}

static void rearm(void)
{
	u32_t ms = sys_timeouts_sleeptime();
	net_timer_at = ms == SYS_TIMEOUTS_SLEEPTIME_INFINITE ? 0 : rdtsc() + ns_to_tsc((uint64_t)ms * 1000000);
}

/*
 * With --ip dhcp the program's first socket waits for the lease, as programs
 * on a host start once its network is up. Without one, lwIP goes on asking.
 */
static void wait_for_lease(void)
{
	uint64_t give_up = rdtsc() + ns_to_tsc(DHCP_WAIT_NS);
	while (!netdev_has_ip4()) {
		if (rdtsc() > give_up) {
			kmsg("no DHCP lease after %llu s: no IPv4 address yet\n", DHCP_WAIT_NS / 1000000000);
			return;
		}
		if (sched_block_interruptible(rdtsc() + ns_to_tsc(DHCP_POLL_NS)) == WAKE_SIGNAL)
			return; /* the signal first, as a socket call it interrupts */
		net_poll();
	}
}

bool net_start(void)
{
	if (started)
		return true;
	uint64_t heap = frame_alloc_block(HEAP_PAGES);
	if (!heap)
		return false;
	net_heap = phys_to_virt(heap);
	struct hc_buf req = { .buf = virt_to_phys(&rand_state), .len = sizeof(rand_state) };
	hypercall(HC_RANDOM, &req);
	rand_state |= 1;
	lwip_init();
	struct netif *lo;
	NETIF_FOREACH(lo) {
		if (lo->name[0] == 'l' && lo->name[1] == 'o') {
			lo->mtu = LOOPBACK_MTU;
			NETIF_SET_CHECKSUM_CTRL(lo, NETIF_CHECKSUM_DISABLE_ALL);
		}
	}
	netdev_start();
	started = true;
	net_timers = net_poll;
	net_at_exit = net_finish;
	rearm();
	wait_for_lease();
	return true;
}

void net_poll(void)
{
	__atomic_store_n(&net_rx_pending, false, __ATOMIC_RELAXED);
	netdev_poll();
	netif_poll_all();
	sys_check_timeouts();
	rearm();
}

/*
 * How far the connections still sending have got: the sum of their
 * acknowledged sequence numbers, which moves whenever any of them makes
 * progress; 0 once none has data or a FIN unacknowledged.
 */
static uint64_t sending(void)
{
	uint64_t acked = 0;
	bool any = false;
	for (struct tcp_pcb *p = tcp_active_pcbs; p; p = p->next)
		if (p->unsent || p->unacked) {
			any = true;
			acked += p->lastack;
		}
	return any ? acked | 1 : 0;
}

/*
 * The program has ended, but what it sent must still arrive, as it would from
 * Linux after the process is gone: the VM stays while the connections make
 * progress, and gives up on them after FINISH_IDLE_NS without any.
 */
void net_finish(void)
{
	bool locked = kernel_lock_held_here();
	if (!locked)
		kernel_lock();
	sock_close_all();
	uint64_t idle = ns_to_tsc(FINISH_IDLE_NS), give_up = rdtsc() + idle, last = 0, now;
	while ((now = sending()) && rdtsc() < give_up) {
		if (now != last) {
			last = now;
			give_up = rdtsc() + idle;
		}
		net_poll();
	}
	netdev_flush();
	if (!locked)
		kernel_unlock();
}
