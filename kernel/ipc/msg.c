/*
 * System V message queues: typed messages in the order sent, each copied into
 * a kernel block; a queue holds at most its msg_qbytes; senders and receivers
 * sleep on the queue until there is room or a message they take.
 */
#include <linux/ipc.h>
#include <linux/msg.h>

#include "ipc.h"
#include "kernel/kernel.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/uaccess.h"
#include "kernel/proc/proc.h"
#include "kernel/sched/waitq.h"
#include "kernel/uapi.h"

struct message {
	struct message *next;
	long type;
	size_t len;
	char text[];
};

struct queue {
	struct ipc_head h;
	struct message *first, *last;
	uint64_t bytes, count, qbytes;
	int lspid, lrpid;
	int64_t stime, rtime;
	struct waitq changed;
};

static struct queue queues[IPC_SLOTS];

static size_t block_size(size_t len)
{
	return sizeof(struct message) + len;
}

static struct queue *queue(int id)
{
	return (struct queue *)ipc_lookup(&queues[0].h, sizeof(queues[0]), id);
}

long msg_get(int key, int flags)
{
	long err;
	int i = ipc_find(&queues[0].h, sizeof(queues[0]), key, flags, &err);
	if (err)
		return err;
	if (i >= 0)
		return queues[i].h.id;
	i = ipc_free_slot(&queues[0].h, sizeof(queues[0]));
	if (i < 0)
		return -ENOSPC;
	struct queue *q = &queues[i];
	q->first = q->last = 0;
	q->bytes = q->count = 0;
	q->qbytes = MSGMNB;
	q->lspid = q->lrpid = 0;
	q->stime = q->rtime = 0;
	ipc_claim(&q->h, i, key, flags);
	return q->h.id;
}

long msg_send(int id, const void *umsg, size_t len, int flags)
{
	long type;
	if (len > MSGMAX)
		return -EINVAL;
	struct queue *q = queue(id);
	if (!q)
		return -EINVAL;
	if (!ipc_allowed(&q->h, 2))
		return -EACCES;
	if (copy_from_user(&type, umsg, sizeof(type)))
		return -EFAULT;
	if (type < 1)
		return -EINVAL;
	struct message *m = kalloc(block_size(len));
	if (!m)
		return -ENOMEM;
	if (copy_from_user(m->text, (const char *)umsg + sizeof(type), len)) {
		kfree(m, block_size(len));
		return -EFAULT;
	}
	m->type = type;
	m->len = len;
	int seq = q->h.seq;
	while (q->bytes + len > q->qbytes) {
		if (flags & IPC_NOWAIT) {
			kfree(m, block_size(len));
			return -EAGAIN;
		}
		enum wake_reason why = waitq_wait(&q->changed);
		if (!q->h.used || q->h.seq != seq) {
			kfree(m, block_size(len));
			return -EIDRM;
		}
		if (why == WAKE_SIGNAL) {
			kfree(m, block_size(len));
			return -ERESTARTNOHAND;
		}
	}
	if (q->last)
		q->last->next = m;
	else
		q->first = m;
	q->last = m;
	q->bytes += len;
	q->count++;
	q->lspid = proc_current()->pid;
	q->stime = ipc_now();
	waitq_wake_all(&q->changed);
	return 0;
}

/* The message msgrcv's type asks for: the first; the first of that type (or not of it, MSG_EXCEPT); the lowest type up to -type. */
static struct message **pick(struct queue *q, long type, int flags)
{
	struct message **best = 0;
	for (struct message **at = &q->first; *at; at = &(*at)->next) {
		long t = (*at)->type;
		if (type == 0)
			return at;
		if (type > 0 && ((flags & MSG_EXCEPT) ? t != type : t == type))
			return at;
		if (type < 0 && t <= -type && (!best || t < (*best)->type))
			best = at;
	}
	return best;
}

long msg_receive(int id, void *umsg, size_t len, long type, int flags)
{
	if ((long)len < 0)
		return -EINVAL;
	if (flags & MSG_COPY)
		return -ENOSYS;
	struct queue *q = queue(id);
	if (!q)
		return -EINVAL;
	if (!ipc_allowed(&q->h, 4))
		return -EACCES;
	int seq = q->h.seq;
	struct message **at;
	while (!(at = pick(q, type, flags))) {
		if (flags & IPC_NOWAIT)
			return -ENOMSG;
		enum wake_reason why = waitq_wait(&q->changed);
		if (!q->h.used || q->h.seq != seq)
			return -EIDRM;
		if (why == WAKE_SIGNAL)
			return -ERESTARTNOHAND;
	}
	struct message *m = *at;
	if (m->len > len && !(flags & MSG_NOERROR))
		return -E2BIG;
	size_t n = m->len < len ? m->len : len;
	if (copy_to_user(umsg, &m->type, sizeof(m->type)) || copy_to_user((char *)umsg + sizeof(m->type), m->text, n))
		return -EFAULT;
	*at = m->next;
	if (q->last == m) {
		q->last = 0;
		for (struct message *p = q->first; p; p = p->next)
			q->last = p;
	}
	q->bytes -= m->len;
	q->count--;
	q->lrpid = proc_current()->pid;
	q->rtime = ipc_now();
	kfree(m, block_size(m->len));
	waitq_wake_all(&q->changed);
	return (long)n;
}

static void remove_queue(struct queue *q)
{
	while (q->first) {
		struct message *m = q->first;
		q->first = m->next;
		kfree(m, block_size(m->len));
	}
	q->last = 0;
	q->h.used = false;
	waitq_wake_all(&q->changed);
}

long msg_control(int id, int cmd, void *ubuf)
{
	cmd &= ~IPC_64;
	if (cmd == IPC_INFO || cmd == MSG_INFO) {
		int info[8] = { 0, 0, MSGMAX, MSGMNB, IPC_SLOTS, 0, 0, 0 };
		if (copy_to_user(ubuf, info, sizeof(info)))
			return -EFAULT;
		return ipc_last_used(&queues[0].h, sizeof(queues[0]));
	}
	struct queue *q = queue(id);
	if (!q)
		return -EINVAL;
	switch (cmd) {
	case IPC_STAT: {
		if (!ipc_allowed(&q->h, 4))
			return -EACCES;
		struct msqid64_ds ds = { .msg_perm = q->h.perm, .msg_stime = q->stime, .msg_rtime = q->rtime,
					 .msg_ctime = q->h.ctime, .msg_cbytes = q->bytes, .msg_qnum = q->count,
					 .msg_qbytes = q->qbytes, .msg_lspid = q->lspid, .msg_lrpid = q->lrpid };
		return copy_to_user(ubuf, &ds, sizeof(ds)) ? -EFAULT : 0;
	}
	case IPC_SET: {
		struct msqid64_ds ds;
		if (copy_from_user(&ds, ubuf, sizeof(ds)))
			return -EFAULT;
		if (!ipc_owner(&q->h))
			return -EPERM;
		if (ds.msg_qbytes > MSGMNB && proc_current()->cred.uid[CRED_EFFECTIVE] != 0)
			return -EPERM;
		ipc_set(&q->h, &ds.msg_perm);
		q->qbytes = ds.msg_qbytes;
		waitq_wake_all(&q->changed);
		return 0;
	}
	case IPC_RMID:
		if (!ipc_owner(&q->h))
			return -EPERM;
		remove_queue(q);
		return 0;
	default:
		return -EINVAL;
	}
}
