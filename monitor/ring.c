/*
 * The request ring, monitor side (see struct hc_ring): an I/O thread serves
 * the guest's slots. It spins a little after each request, so back-to-back
 * calls find it awake, then sleeps on an eventfd until the guest wants it
 * again (ring_after_port_call). A wake-up that finds no work means the calls come too
 * far apart, or the host has no CPU to spare for spinning: the next kicks
 * are skipped, more of them after each such wake-up.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "handlers.h"
#include "kvm_internal.h"
#include "log.h"
#include "vm.h"

#define SPIN_NS 100000 /* awake this long after the last request */

static struct guest *guest;
static struct hc_ring *ring;
static int wake_fd;
static uint32_t served[HC_RING_SLOTS]; /* our own record: the guest may scribble on done */
static pthread_mutex_t served_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t served_cond = PTHREAD_COND_INITIALIZER;

#define BACKOFF_MAX 256 /* kicks ignored at most after a wasted wake-up */

/* Kicks ring_after_port_call leaves out, counted down by the vCPUs (roughly: no lock). */
static unsigned kicks_to_skip;

static unsigned backoff_next(unsigned b)
{
	return b == 0 ? 1 : b < BACKOFF_MAX ? 2 * b : BACKOFF_MAX;
}

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Serve every slot with a new request; true if there was one. */
static bool serve(void)
{
	bool any = false;
	for (int i = 0; i < HC_RING_SLOTS; i++) {
		struct hc_slot *s = &ring->slot[i];
		uint32_t seq = __atomic_load_n(&s->seq, __ATOMIC_ACQUIRE);
		if (seq == served[i])
			continue;
		uint32_t nr = __atomic_load_n(&s->nr, __ATOMIC_RELAXED);
		uint64_t gpa = __atomic_load_n(&s->gpa, __ATOMIC_RELAXED);
		/* What needs the vCPU or ends the VM goes through the port only. */
		if (!hypercall_port_only(nr) && gpa <= UINT32_MAX) {
			int status = vm_hypercall(guest, nr, (uint32_t)gpa);
			if (status != GO_ON)
				vm_end(guest, status);
		}
		pthread_mutex_lock(&served_lock);
		served[i] = seq;
		__atomic_store_n(&s->done, seq, __ATOMIC_RELEASE);
		pthread_cond_broadcast(&served_cond);
		pthread_mutex_unlock(&served_lock);
		any = true;
	}
	return any;
}

static void *io_thread(void *arg)
{
	(void)arg;
	uint64_t last = now_ns();
	unsigned served_awake = 0, backoff = 0;
	for (;;) {
		if (serve()) {
			last = now_ns();
			served_awake++;
			continue;
		}
		if (now_ns() - last < SPIN_NS) {
			__builtin_ia32_pause();
			continue;
		}
		/*
		 * A wake-up that served nothing cost CPU time the vCPUs may have
		 * needed (a busy host): ignore more kicks after each such one.
		 */
		backoff = served_awake ? 0 : backoff_next(backoff);
		__atomic_store_n(&kicks_to_skip, backoff, __ATOMIC_RELAXED);
		served_awake = 0;
		/* Asleep: say so, then look once more, as the guest rings only when it sees us asleep. */
		__atomic_store_n(&ring->awake, 0, __ATOMIC_SEQ_CST);
		if (!serve()) {
			uint64_t n;
			while (read(wake_fd, &n, sizeof(n)) < 0 && errno == EINTR)
				;
		}
		__atomic_store_n(&ring->awake, 1, __ATOMIC_SEQ_CST);
		last = now_ns();
	}
	return NULL;
}

static void kick(void)
{
	uint64_t one = 1;
	if (write(wake_fd, &one, sizeof(one)) < 0)
		warnx_("cannot wake the I/O thread: %s", strerror(errno));
}

/* After a port hypercall: wake the I/O thread if the guest wanted the ring. */
static void ring_after_port_call(void)
{
	if (ring && __atomic_exchange_n(&ring->wanted, 0, __ATOMIC_RELAXED) && !__atomic_load_n(&ring->awake, __ATOMIC_SEQ_CST)) {
		unsigned skip = __atomic_load_n(&kicks_to_skip, __ATOMIC_RELAXED);
		if (skip)
			__atomic_store_n(&kicks_to_skip, skip - 1, __ATOMIC_RELAXED);
		else
			kick();
	}
}

uint64_t ring_start(struct vm *vm)
{
	guest = &vm->g;
	vm_after_port_call(ring_after_port_call);
	ring = guest_ptr(guest, BOOT_RING_GPA, sizeof(*ring));
	wake_fd = eventfd(0, EFD_CLOEXEC);
	if (!ring || wake_fd < 0)
		return 0;
	memset(ring, 0, sizeof(*ring));
	return vm_spawn(io_thread) ? 0 : BOOT_RING_GPA;
}

int do_RING_WAIT(struct guest *g, struct hc_ring_wait *req)
{
	(void)g;
	req->ret = -EINVAL;
	if (!ring || req->slot >= HC_RING_SLOTS)
		return GO_ON;
	/* Until the request the slot holds is served; at once if it holds none. */
	struct hc_slot *s = &ring->slot[req->slot];
	kick();
	pthread_mutex_lock(&served_lock);
	while (served[req->slot] != __atomic_load_n(&s->seq, __ATOMIC_ACQUIRE))
		pthread_cond_wait(&served_cond, &served_lock);
	pthread_mutex_unlock(&served_lock);
	req->ret = 0;
	return GO_ON;
}
