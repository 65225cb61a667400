/* Keys, ids and permissions of System V IPC objects. */
#include "ipc.h"
#include "kernel/kernel.h"
#include "kernel/proc/proc.h"
#include "kernel/time/time.h"
#include "kernel/uapi.h"

#include <linux/ipc.h>

static struct ipc_head *at(struct ipc_head *first, size_t size, int i)
{
	return (struct ipc_head *)((char *)first + size * (size_t)i);
}

int ipc_find(struct ipc_head *first, size_t size, int key, int flags, long *err)
{
	*err = 0;
	if (key != IPC_PRIVATE) {
		for (int i = 0; i < IPC_SLOTS; i++) {
			struct ipc_head *h = at(first, size, i);
			if (!h->used || h->removed || h->perm.key != key)
				continue;
			if ((flags & IPC_CREAT) && (flags & IPC_EXCL))
				*err = -EEXIST;
			else if (!ipc_allowed(h, (flags >> 6) & 7))
				*err = -EACCES;
			return *err ? -1 : i;
		}
		if (!(flags & IPC_CREAT))
			*err = -ENOENT;
	}
	return -1;
}

int ipc_free_slot(struct ipc_head *first, size_t size)
{
	for (int i = 0; i < IPC_SLOTS; i++)
		if (!at(first, size, i)->used)
			return i;
	return -1;
}

int ipc_last_used(const struct ipc_head *first, size_t size)
{
	int last = 0;
	for (int i = 0; i < IPC_SLOTS; i++)
		if (at((struct ipc_head *)first, size, i)->used)
			last = i;
	return last;
}

void ipc_claim(struct ipc_head *h, int i, int key, int mode)
{
	const struct cred *c = &proc_current()->cred;
	h->used = true;
	h->removed = false;
	h->seq++;
	h->id = i + IPC_SEQ * (h->seq % (INT32_MAX / IPC_SEQ));
	h->perm = (struct ipc64_perm){ .key = key, .uid = c->uid[CRED_EFFECTIVE], .gid = c->gid[CRED_EFFECTIVE],
				       .cuid = c->uid[CRED_EFFECTIVE], .cgid = c->gid[CRED_EFFECTIVE],
				       .mode = (unsigned)mode & 0777, .seq = h->seq };
	h->ctime = ipc_now();
}

struct ipc_head *ipc_lookup(struct ipc_head *first, size_t size, int id)
{
	if (id < 0)
		return 0;
	struct ipc_head *h = at(first, size, id % IPC_SEQ);
	return h->used && h->id == id ? h : 0;
}

bool ipc_allowed(const struct ipc_head *h, int want)
{
	const struct cred *c = &proc_current()->cred;
	uint32_t uid = c->uid[CRED_EFFECTIVE], gid = c->gid[CRED_EFFECTIVE];
	if (uid == 0)
		return true;
	unsigned bits = uid == h->perm.uid || uid == h->perm.cuid ? h->perm.mode >> 6
		      : gid == h->perm.gid || gid == h->perm.cgid ? h->perm.mode >> 3 : h->perm.mode;
	return ((unsigned)want & ~bits & 7) == 0;
}

bool ipc_owner(const struct ipc_head *h)
{
	uint32_t uid = proc_current()->cred.uid[CRED_EFFECTIVE];
	return uid == 0 || uid == h->perm.uid || uid == h->perm.cuid;
}

void ipc_set(struct ipc_head *h, const struct ipc64_perm *p)
{
	h->perm.uid = p->uid;
	h->perm.gid = p->gid;
	h->perm.mode = (h->perm.mode & ~0777u) | (p->mode & 0777);
	h->ctime = ipc_now();
}

int64_t ipc_now(void)
{
	struct ktimespec ts;
	clock_read(CLOCK_REALTIME, &ts);
	return ts.sec;
}
