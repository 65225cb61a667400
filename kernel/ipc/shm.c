/*
 * System V shared memory: a segment is a set of frames; shmat maps them as a
 * MAP_SHARED region (fork then shares, not copies, them), each mapping
 * holding a reference on every frame, the segment one more until IPC_RMID
 * and the last detach.
 */
#include <linux/ipc.h>
#include <linux/shm.h>

#include "ipc.h"
#include "kernel/kernel.h"
#include "kernel/mm/frame.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/uaccess.h"
#include "kernel/mm/vm.h"
#include "kernel/proc/proc.h"
#include "kernel/uapi.h"

#define SHM_MAX_BYTES (1ULL << 30) /* one segment; the guest's memory is the real bound */
#define SHM_DEST 01000             /* the mode bit IPC_STAT shows on a removed segment, Linux's */
#define ATTACH_MAX 512

struct segment {
	struct ipc_head h;
	uint64_t size;
	uint64_t *frames;
	unsigned long nattch;
	int cpid, lpid;
	int64_t atime, dtime;
};

/* Where a segment is attached: an address space and an address in it. */
struct attach {
	const struct mm *mm;
	uint64_t addr;
	struct segment *seg;
};

static struct segment segs[IPC_SLOTS];
static struct attach attached[ATTACH_MAX];

static size_t frames_size(const struct segment *s)
{
	return (size_t)(PAGE_UP(s->size) / PAGE_SIZE) * sizeof(uint64_t);
}

static void destroy(struct segment *s)
{
	for (uint64_t i = 0; i < PAGE_UP(s->size) / PAGE_SIZE; i++)
		frame_free(s->frames[i]);
	kfree(s->frames, frames_size(s));
	s->frames = 0;
	s->h.used = false;
}

/* One attach fewer: a removed segment goes with its last. */
static void detached(struct segment *s)
{
	s->nattch--;
	s->dtime = ipc_now();
	s->lpid = proc_current() ? proc_current()->pid : 0;
	if (s->h.removed && !s->nattch)
		destroy(s);
}

static long create(int key, uint64_t size, int flags)
{
	int i = ipc_free_slot(&segs[0].h, sizeof(segs[0]));
	if (i < 0)
		return -ENOSPC;
	struct segment *s = &segs[i];
	uint64_t pages = PAGE_UP(size) / PAGE_SIZE;
	if (pages > frame_free_count())
		return -ENOMEM;
	s->size = size;
	s->frames = kalloc(frames_size(s));
	if (!s->frames)
		return -ENOMEM;
	for (uint64_t p = 0; p < pages; p++) {
		s->frames[p] = frame_alloc();
		if (!s->frames[p]) {
			s->size = p * PAGE_SIZE;
			destroy(s);
			return -ENOMEM;
		}
	}
	ipc_claim(&s->h, i, key, flags);
	s->nattch = 0;
	s->cpid = proc_current()->pid;
	s->lpid = 0;
	s->atime = s->dtime = 0;
	return s->h.id;
}

long shm_get(int key, uint64_t size, int flags)
{
	long err;
	int i = ipc_find(&segs[0].h, sizeof(segs[0]), key, flags, &err);
	if (err)
		return err;
	if (i >= 0)
		return size > segs[i].size ? -EINVAL : segs[i].h.id;
	if (size < SHMMIN || size > SHM_MAX_BYTES)
		return -EINVAL;
	return create(key, size, flags);
}

static struct segment *segment(int id)
{
	return (struct segment *)ipc_lookup(&segs[0].h, sizeof(segs[0]), id);
}

long shm_attach(int id, uint64_t addr, int flags)
{
	struct segment *s = segment(id);
	if (!s)
		return -EINVAL;
	int prot = PAGE_READ | (flags & SHM_RDONLY ? 0 : PAGE_WRITE) | (flags & SHM_EXEC ? PAGE_EXEC : 0);
	if (!ipc_allowed(&s->h, (prot & PAGE_WRITE) ? 6 : 4))
		return -EACCES;
	uint64_t len = PAGE_UP(s->size);
	if (flags & SHM_RND)
		addr = PAGE_DOWN(addr);
	if (addr & (PAGE_SIZE - 1))
		return -EINVAL;
	if (!addr && !(addr = vm_find_free(len)))
		return -ENOMEM;
	if (addr < MMAP_MIN || addr > USER_VTOP - len || (!(flags & SHM_REMAP) && !vm_range_free(addr, len)))
		return -EINVAL;
	int slot = 0;
	while (slot < ATTACH_MAX && attached[slot].seg)
		slot++;
	if (slot == ATTACH_MAX)
		return -ENOMEM;
	long err = vm_map_shared(addr, len, prot, true);
	for (uint64_t off = 0; !err && off < len; off += PAGE_SIZE) {
		uint64_t pa = s->frames[off / PAGE_SIZE];
		if (!frame_share(pa))
			err = -ENOMEM;
		else if ((err = vm_place(addr + off, pa)))
			frame_free(pa);
	}
	if (err) {
		vm_unmap(addr, len);
		return err;
	}
	attached[slot] = (struct attach){ proc_current()->mm, addr, s };
	s->nattch++;
	s->atime = ipc_now();
	s->lpid = proc_current()->pid;
	return (long)addr;
}

long shm_detach(uint64_t addr)
{
	const struct mm *mm = proc_current()->mm;
	for (int i = 0; i < ATTACH_MAX; i++) {
		struct attach *a = &attached[i];
		if (a->seg && a->mm == mm && a->addr == addr) {
			vm_unmap(addr, PAGE_UP(a->seg->size));
			struct segment *s = a->seg;
			a->seg = 0;
			detached(s);
			return 0;
		}
	}
	return -EINVAL;
}

void shm_fork(const struct mm *from, const struct mm *to)
{
	for (int i = 0; i < ATTACH_MAX; i++) {
		if (!attached[i].seg || attached[i].mm != from)
			continue;
		int j = 0;
		while (j < ATTACH_MAX && attached[j].seg)
			j++;
		if (j == ATTACH_MAX)
			return; /* the child's copy stays mapped, only not counted */
		attached[j] = (struct attach){ to, attached[i].addr, attached[i].seg };
		attached[i].seg->nattch++;
	}
}

void shm_forget(const struct mm *mm)
{
	for (int i = 0; i < ATTACH_MAX; i++) {
		struct attach *a = &attached[i];
		if (a->seg && a->mm == mm) {
			struct segment *s = a->seg;
			a->seg = 0;
			detached(s);
		}
	}
}

long shm_control(int id, int cmd, void *ubuf)
{
	cmd &= ~IPC_64;
	if (cmd == IPC_INFO || cmd == SHM_INFO) {
		uint64_t info[8] = { SHM_MAX_BYTES, SHMMIN, IPC_SLOTS, IPC_SLOTS, frame_free_count() };
		if (cmd == IPC_INFO && copy_to_user(ubuf, info, sizeof(info)))
			return -EFAULT;
		return ipc_last_used(&segs[0].h, sizeof(segs[0]));
	}
	struct segment *s = segment(id);
	if (!s)
		return -EINVAL;
	switch (cmd) {
	case IPC_STAT: {
		if (!ipc_allowed(&s->h, 4))
			return -EACCES;
		struct shmid64_ds ds = { .shm_perm = s->h.perm, .shm_segsz = s->size, .shm_atime = s->atime,
					 .shm_dtime = s->dtime, .shm_ctime = s->h.ctime, .shm_cpid = s->cpid,
					 .shm_lpid = s->lpid, .shm_nattch = s->nattch };
		if (s->h.removed)
			ds.shm_perm.mode |= SHM_DEST;
		return copy_to_user(ubuf, &ds, sizeof(ds)) ? -EFAULT : 0;
	}
	case IPC_SET: {
		struct shmid64_ds ds;
		if (copy_from_user(&ds, ubuf, sizeof(ds)))
			return -EFAULT;
		if (!ipc_owner(&s->h))
			return -EPERM;
		ipc_set(&s->h, &ds.shm_perm);
		return 0;
	}
	case IPC_RMID:
		if (!ipc_owner(&s->h))
			return -EPERM;
		s->h.removed = true;
		s->h.perm.key = IPC_PRIVATE;
		if (!s->nattch)
			destroy(s);
		return 0;
	case SHM_LOCK:
	case SHM_UNLOCK:
		return ipc_owner(&s->h) ? 0 : -EPERM; /* nothing is ever swapped out */
	default:
		return -EINVAL;
	}
}
