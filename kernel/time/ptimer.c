/*
 * POSIX timers. Each keeps a TSC deadline that the scheduler's timer serves,
 * like ITIMER_REAL. Expirations while the last signal is still pending merge
 * into it and count as overruns, as on Linux.
 */
#include "kernel/kernel.h"
#include "kernel/proc/proc.h"
#include "ptimer.h"
#include "kernel/signal/signal.h"
#include "kernel/sched/thread.h"
#include "time.h"
#include "kernel/mm/uaccess.h"
#include "kernel/uapi.h"

#define PTIMER_MAX 32

struct ksigevent {
	uint64_t value;
	int32_t signo, notify;
	int32_t tid;
	uint8_t pad[44];
};

struct ptimer {
	bool used;
	struct proc *owner; /* the process that made it */
	int clock;
	int notify, signo, tid;
	uint64_t value;        /* sigev_value */
	uint64_t deadline;     /* TSC, 0 if disarmed */
	uint64_t interval_tsc; /* 0: one shot */
	int64_t interval_ns;
	uint64_t overrun;      /* expirations merged into the signal not taken yet */
	int last_overrun;      /* timer_getoverrun: the overruns of the last signal taken, as on Linux */
};

static struct ptimer timers[PTIMER_MAX];

static struct ptimer *timer_of(int id)
{
	return id >= 0 && id < PTIMER_MAX && timers[id].used ? &timers[id] : 0;
}

long ptimer_create(int clock, const void *usevp, void *uid)
{
	struct ksigevent ev = { .signo = SIGALRM, .notify = SIGEV_SIGNAL };
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC && clock != CLOCK_BOOTTIME &&
	    clock != CLOCK_REALTIME_ALARM && clock != CLOCK_BOOTTIME_ALARM)
		return -EINVAL;
	if (usevp && copy_from_user(&ev, usevp, sizeof(ev)))
		return -EFAULT;
	if (ev.notify != SIGEV_SIGNAL && ev.notify != SIGEV_NONE && ev.notify != SIGEV_THREAD_ID)
		return -EINVAL;
	if (ev.notify != SIGEV_NONE && (ev.signo < 1 || ev.signo > NSIG))
		return -EINVAL;
	if (ev.notify == SIGEV_THREAD_ID && !thread_find(ev.tid))
		return -EINVAL;
	int id = 0;
	while (id < PTIMER_MAX && timers[id].used)
		id++;
	if (id == PTIMER_MAX)
		return -EAGAIN;
	if (copy_to_user(uid, &id, sizeof(id)))
		return -EFAULT;
	timers[id] = (struct ptimer){ .used = true, .owner = proc_current(), .clock = clock, .notify = ev.notify, .signo = ev.signo,
				      .tid = ev.tid, .value = usevp ? ev.value : (uint64_t)id };
	return 0;
}

static void get(const struct ptimer *t, struct kitimerspec *cur)
{
	uint64_t now = rdtsc();
	uint64_t left = !t->deadline ? 0 : t->deadline > now ? tsc_to_ns(t->deadline - now) : 1;
	cur->interval = (struct ktimespec){ t->interval_ns / NSEC_PER_SEC, t->interval_ns % NSEC_PER_SEC };
	cur->value = (struct ktimespec){ (int64_t)(left / NSEC_PER_SEC), (int64_t)(left % NSEC_PER_SEC) };
}

long ptimer_gettime(int id, void *ucurr)
{
	struct ptimer *t = timer_of(id);
	struct kitimerspec cur;
	if (!t)
		return -EINVAL;
	get(t, &cur);
	return copy_to_user(ucurr, &cur, sizeof(cur));
}

long ptimer_settime(int id, int flags, const void *unew, void *uold)
{
	struct ptimer *t = timer_of(id);
	struct kitimerspec set, old;
	if (!t)
		return -EINVAL;
	if (copy_from_user(&set, unew, sizeof(set)))
		return -EFAULT;
	if (!timespec_valid(&set.interval) || !timespec_valid(&set.value))
		return -EINVAL;
	get(t, &old);
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	if (t->notify != SIGEV_NONE)
		signal_forget_timer(t->owner, t->signo, id);
	t->interval_ns = set.interval.sec * NSEC_PER_SEC + set.interval.nsec;
	t->interval_tsc = ns_to_tsc((uint64_t)t->interval_ns);
	t->overrun = 0;
	if (!set.value.sec && !set.value.nsec)
		t->deadline = 0;
	else if (flags & TIMER_ABSTIME)
		t->deadline = clock_deadline(t->clock, &set.value) ?: rdtsc();
	else
		t->deadline = rdtsc() + ns_to_tsc((uint64_t)(set.value.sec * NSEC_PER_SEC + set.value.nsec));
	return 0;
}

long ptimer_getoverrun(int id)
{
	struct ptimer *t = timer_of(id);
	return t ? t->last_overrun : -EINVAL;
}

long ptimer_delete(int id)
{
	struct ptimer *t = timer_of(id);
	if (!t)
		return -EINVAL;
	if (t->notify != SIGEV_NONE)
		signal_forget_timer(t->owner, t->signo, id);
	t->used = false;
	t->deadline = 0;
	return 0;
}

uint64_t ptimer_deadline(void)
{
	uint64_t at = 0;
	for (int i = 0; i < PTIMER_MAX; i++)
		if (timers[i].deadline && (!at || timers[i].deadline < at))
			at = timers[i].deadline;
	return at;
}

static void fire(struct ptimer *t, uint64_t missed)
{
	struct thread *to = 0;
	if (t->notify == SIGEV_NONE)
		return;
	if (t->notify == SIGEV_THREAD_ID && !(to = thread_find(t->tid)))
		return;
	uint64_t seq = 0;
	/* The signal not taken yet reports these when it is (ptimer_taken). */
	struct thread *main = to ? to : thread_find(t->owner->pid);
	if (main && signal_pending_for(main, 1ULL << (t->signo - 1), &seq)) {
		t->overrun += 1 + missed;
		return;
	}
	t->overrun = missed;
	struct sig_info info = { SI_TIMER, (uint64_t)(t - timers), t->value };
	if (to)
		signal_send_info(to, t->signo, info);
	else
		signal_send_proc(t->owner, t->signo, info);
}

int ptimer_taken(int id)
{
	struct ptimer *t = timer_of(id);
	if (!t)
		return 0;
	t->last_overrun = t->overrun > INT32_MAX ? INT32_MAX : (int)t->overrun; /* DELAYTIMER_MAX */
	t->overrun = 0;
	return t->last_overrun;
}

void ptimer_expire(uint64_t now)
{
	for (int i = 0; i < PTIMER_MAX; i++) {
		struct ptimer *t = &timers[i];
		if (!t->deadline || now < t->deadline)
			continue;
		uint64_t missed = t->interval_tsc ? (now - t->deadline) / t->interval_tsc : 0;
		t->deadline = t->interval_tsc ? t->deadline + (missed + 1) * t->interval_tsc : 0;
		fire(t, missed);
	}
}

void ptimer_drop(struct proc *p)
{
	for (int i = 0; i < PTIMER_MAX; i++)
		if (timers[i].used && timers[i].owner == p)
			timers[i] = (struct ptimer){ 0 };
}
