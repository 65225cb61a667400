/*
 * System V semaphores: sets of counters that semop changes all at once or
 * not at all, sleeping until it can; SEM_UNDO adjustments are taken back when
 * the process ends.
 */
#include <linux/ipc.h>
#include <linux/sem.h>

#include "ipc.h"
#include "kernel/kernel.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/uaccess.h"
#include "kernel/proc/proc.h"
#include "kernel/sched/waitq.h"
#include "kernel/uapi.h"

#define UNDO_MAX 256

struct sem {
	uint16_t val;
	int pid;        /* the last to change it */
	unsigned ncnt, zcnt; /* sleepers for it to grow, to be zero */
};

struct semset {
	struct ipc_head h;
	int nsems;
	struct sem *sems;
	int64_t otime;
	struct waitq changed;
};

/* A process's SEM_UNDO adjustments to one set. */
struct undo {
	struct proc *proc;
	int id;
	int16_t *adj;
	int nsems;
};

static struct semset sets[IPC_SLOTS];
static struct undo undos[UNDO_MAX];

static size_t sems_size(int n)
{
	return (size_t)n * sizeof(struct sem);
}

static struct semset *semset(int id)
{
	return (struct semset *)ipc_lookup(&sets[0].h, sizeof(sets[0]), id);
}

long sem_get(int key, int nsems, int flags)
{
	long err;
	if (nsems < 0 || nsems > SEMMSL)
		return -EINVAL;
	int i = ipc_find(&sets[0].h, sizeof(sets[0]), key, flags, &err);
	if (err)
		return err;
	if (i >= 0)
		return nsems > sets[i].nsems ? -EINVAL : sets[i].h.id;
	if (nsems == 0)
		return -EINVAL;
	i = ipc_free_slot(&sets[0].h, sizeof(sets[0]));
	if (i < 0)
		return -ENOSPC;
	struct semset *s = &sets[i];
	s->sems = kalloc(sems_size(nsems));
	if (!s->sems)
		return -ENOMEM;
	s->nsems = nsems;
	s->otime = 0;
	ipc_claim(&s->h, i, key, flags);
	return s->h.id;
}

static void drop_undos(int id)
{
	for (int i = 0; i < UNDO_MAX; i++)
		if (undos[i].proc && undos[i].id == id) {
			kfree(undos[i].adj, (size_t)undos[i].nsems * sizeof(int16_t));
			undos[i].proc = 0;
		}
}

static void remove_set(struct semset *s)
{
	drop_undos(s->h.id);
	kfree(s->sems, sems_size(s->nsems));
	s->h.used = false;
	waitq_wake_all(&s->changed); /* sleepers find it gone: EIDRM */
}

/* The caller's adjustments for set s, made if asked: 0 if none (or no room). */
static struct undo *undo_of(struct semset *s, bool make)
{
	struct proc *me = proc_current();
	struct undo *free = 0;
	for (int i = 0; i < UNDO_MAX; i++) {
		if (undos[i].proc == me && undos[i].id == s->h.id)
			return &undos[i];
		if (!undos[i].proc && !free)
			free = &undos[i];
	}
	if (!make || !free || !(free->adj = kalloc((size_t)s->nsems * sizeof(int16_t))))
		return 0;
	free->proc = me;
	free->id = s->h.id;
	free->nsems = s->nsems;
	return free;
}

/* Can every operation go now? -1 if so, else the index of the first that must wait; *range if one would pass SEMVMX. */
static int blocked_at(const struct semset *s, const struct sembuf *ops, unsigned n, bool *range)
{
	*range = false;
	for (unsigned i = 0; i < n; i++) {
		int v = s->sems[ops[i].sem_num].val;
		for (unsigned j = 0; j < i; j++)
			if (ops[j].sem_num == ops[i].sem_num)
				v += ops[j].sem_op;
		if (ops[i].sem_op == 0 ? v != 0 : v + ops[i].sem_op < 0)
			return (int)i;
		*range |= v + ops[i].sem_op > SEMVMX;
	}
	return -1;
}

static long apply(struct semset *s, const struct sembuf *ops, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if ((ops[i].sem_flg & SEM_UNDO) && ops[i].sem_op && !undo_of(s, true))
			return -ENOSPC;
	int pid = proc_current()->pid;
	for (unsigned i = 0; i < n; i++) {
		struct sem *m = &s->sems[ops[i].sem_num];
		m->val = (uint16_t)(m->val + ops[i].sem_op);
		m->pid = pid;
		if ((ops[i].sem_flg & SEM_UNDO) && ops[i].sem_op)
			undo_of(s, false)->adj[ops[i].sem_num] -= ops[i].sem_op;
	}
	s->otime = ipc_now();
	waitq_wake_all(&s->changed);
	return 0;
}

long sem_op(int id, const void *usops, unsigned nsops, uint64_t deadline)
{
	struct sembuf ops[SEMOPM];
	if (nsops < 1)
		return -EINVAL;
	if (nsops > SEMOPM)
		return -E2BIG;
	if (copy_from_user(ops, usops, nsops * sizeof(ops[0])))
		return -EFAULT;
	struct semset *s = semset(id);
	if (!s)
		return -EINVAL;
	bool alter = false;
	for (unsigned i = 0; i < nsops; i++) {
		if (ops[i].sem_num >= s->nsems)
			return -EFBIG;
		alter |= ops[i].sem_op != 0;
	}
	if (!ipc_allowed(&s->h, alter ? 2 : 4))
		return -EACCES;
	for (;;) {
		bool range;
		int at = blocked_at(s, ops, nsops, &range);
		if (range)
			return -ERANGE;
		if (at < 0)
			return apply(s, ops, nsops);
		if (ops[at].sem_flg & IPC_NOWAIT)
			return -EAGAIN;
		struct sem *m = &s->sems[ops[at].sem_num];
		unsigned *count = ops[at].sem_op ? &m->ncnt : &m->zcnt;
		(*count)++;
		int seq = s->h.seq;
		enum wake_reason why = waitq_wait_until(&s->changed, deadline);
		if (!s->h.used || s->h.seq != seq)
			return -EIDRM;
		(*count)--;
		if (why == WAKE_SIGNAL)
			return -ERESTARTNOHAND;
		if (why == WAKE_TIMEOUT)
			return -EAGAIN;
	}
}

void sem_exit(struct proc *p)
{
	for (int i = 0; i < UNDO_MAX; i++) {
		struct undo *u = &undos[i];
		if (u->proc != p)
			continue;
		struct semset *s = semset(u->id);
		for (int k = 0; s && k < u->nsems; k++) {
			int v = s->sems[k].val + u->adj[k];
			s->sems[k].val = (uint16_t)(v < 0 ? 0 : v > SEMVMX ? SEMVMX : v);
			if (u->adj[k])
				s->sems[k].pid = p->pid;
		}
		if (s)
			waitq_wake_all(&s->changed);
		kfree(u->adj, (size_t)u->nsems * sizeof(int16_t));
		u->proc = 0;
	}
}

/* SETVAL and SETALL take back every process's adjustments to what they set. */
static void clear_adjustments(int id, int num)
{
	for (int i = 0; i < UNDO_MAX; i++)
		if (undos[i].proc && undos[i].id == id)
			for (int k = 0; k < undos[i].nsems; k++)
				if (num < 0 || k == num)
					undos[i].adj[k] = 0;
}

/* GETALL and SETALL: every value of the set, through a kernel copy as big as the set. */
static long get_or_set_all(struct semset *s, bool set, uint64_t arg)
{
	size_t len = (size_t)s->nsems * sizeof(uint16_t);
	uint16_t *vals = kalloc(len);
	if (!vals)
		return -ENOMEM;
	long err = 0;
	if (!set) {
		for (int k = 0; k < s->nsems; k++)
			vals[k] = s->sems[k].val;
		err = copy_to_user((void *)arg, vals, len) ? -EFAULT : 0;
	} else if (copy_from_user(vals, (const void *)arg, len)) {
		err = -EFAULT;
	} else {
		for (int k = 0; k < s->nsems && !err; k++)
			err = vals[k] > SEMVMX ? -ERANGE : 0;
		for (int k = 0; k < s->nsems && !err; k++) {
			s->sems[k].val = vals[k];
			s->sems[k].pid = proc_current()->pid;
		}
		if (!err) {
			clear_adjustments(s->h.id, -1);
			s->h.ctime = ipc_now();
			waitq_wake_all(&s->changed);
		}
	}
	kfree(vals, len);
	return err;
}

long sem_control(int id, int num, int cmd, uint64_t arg)
{
	cmd &= ~IPC_64;
	if (cmd == IPC_INFO || cmd == SEM_INFO) {
		int info[10] = { IPC_SLOTS, IPC_SLOTS, IPC_SLOTS * SEMMSL, UNDO_MAX, SEMMSL, SEMOPM, SEMVMX, SEMVMX, SEMVMX, 32767 };
		if (copy_to_user((void *)arg, info, sizeof(info)))
			return -EFAULT;
		return ipc_last_used(&sets[0].h, sizeof(sets[0]));
	}
	struct semset *s = semset(id);
	if (!s)
		return -EINVAL;
	bool one = cmd == GETVAL || cmd == SETVAL || cmd == GETPID || cmd == GETNCNT || cmd == GETZCNT;
	if (one && (num < 0 || num >= s->nsems))
		return -EINVAL;
	bool changes = cmd == SETVAL || cmd == SETALL;
	if ((one || cmd == GETALL || cmd == SETALL || cmd == IPC_STAT) && !ipc_allowed(&s->h, changes ? 2 : 4))
		return -EACCES;
	switch (cmd) {
	case GETVAL:
		return s->sems[num].val;
	case GETPID:
		return s->sems[num].pid;
	case GETNCNT:
		return s->sems[num].ncnt;
	case GETZCNT:
		return s->sems[num].zcnt;
	case SETVAL:
		if ((int)arg < 0 || (int)arg > SEMVMX)
			return -ERANGE;
		s->sems[num].val = (uint16_t)arg;
		s->sems[num].pid = proc_current()->pid;
		clear_adjustments(id, num);
		s->h.ctime = ipc_now();
		waitq_wake_all(&s->changed);
		return 0;
	case GETALL:
	case SETALL:
		return get_or_set_all(s, cmd == SETALL, arg);
	case IPC_STAT: {
		struct semid64_ds ds = { .sem_perm = s->h.perm, .sem_otime = s->otime, .sem_ctime = s->h.ctime,
					 .sem_nsems = (unsigned long)s->nsems };
		return copy_to_user((void *)arg, &ds, sizeof(ds)) ? -EFAULT : 0;
	}
	case IPC_SET: {
		struct semid64_ds ds;
		if (copy_from_user(&ds, (const void *)arg, sizeof(ds)))
			return -EFAULT;
		if (!ipc_owner(&s->h))
			return -EPERM;
		ipc_set(&s->h, &ds.sem_perm);
		return 0;
	}
	case IPC_RMID:
		if (!ipc_owner(&s->h))
			return -EPERM;
		remove_set(s);
		return 0;
	default:
		return -EINVAL;
	}
}
