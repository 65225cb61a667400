/*
 * epoll. Each instance's interest list is a chain of items in one shared
 * pool; epoll_wait asks every item's file for its readiness (kernel/events/poll.h)
 * and sleeps until some wait queue wakes. An item belongs to an open file,
 * not to a descriptor number, and goes when the file is released.
 */
#include <asm-generic/errno.h>
#include <asm-generic/fcntl.h>

#include "kernel/fs/anonfile.h"
#include "epoll.h"
#include "kernel/kernel.h"
#include "kernel/fs/kstat.h"
#include "poll.h"
#include "kernel/mm/uaccess.h"
#include "kernel/mm/vm.h"
#include "kernel/sched/waitq.h"

#define EPOLL_MAX 64
#define ITEM_MAX 4096
#define NESTING_MAX 5 /* Linux's limit on epoll instances inside each other */
#define EPOLLEXCLUSIVE (1u << 28)
#define EPOLLWAKEUP (1u << 29)
#define EPOLLONESHOT (1u << 30)
#define EPOLLET (1u << 31)

struct kepoll_event {
	uint32_t events;
	uint64_t data;
} __attribute__((packed));

struct item {
	struct file *file; /* 0: free */
	int fd;
	int next;          /* the next item of its instance, -1 at the end */
	uint32_t events;
	uint64_t data;
	uint64_t seq;      /* the file's poll seq when last reported (EPOLLET) */
	unsigned reported; /* what was last reported (EPOLLET) */
	bool disabled;     /* EPOLLONESHOT, once reported */
};

struct epoll {
	bool used;
	int head;   /* first item, -1 if none */
	int resume; /* where the next look starts, so that a short max lets every item have its turn */
};

static struct item items[ITEM_MAX];
static struct epoll eps[EPOLL_MAX];
static int items_used;
static int depth; /* epoll instances being looked through, one inside the other */

/* What the item reports now; consume updates its edge and one-shot state. */
static unsigned item_ready(struct item *it, bool consume, struct poll_info *pi)
{
	if (it->disabled)
		return 0;
	struct poll_info one = { 0 };
	unsigned ready = poll_file(it->file, it->events, &one);
	if (one.recheck)
		poll_recheck(pi, one.recheck);
	if ((it->events & EPOLLET) && ready && one.seq == it->seq && !(ready & ~it->reported))
		ready = 0;
	if (consume) {
		it->seq = one.seq;
		it->reported = ready;
		it->disabled = ready && (it->events & EPOLLONESHOT);
	}
	return ready;
}

/* Look at every item of ep once: up to max ready events into out (if not 0, which consumes them). */
static int scan(struct epoll *ep, struct kepoll_event *out, int max, struct poll_info *pi)
{
	if (ep->head < 0)
		return 0;
	int start = ep->resume >= 0 ? ep->resume : ep->head, i = start, n = 0;
	do {
		struct item *it = &items[i];
		unsigned ready = item_ready(it, out != 0, pi);
		i = it->next >= 0 ? it->next : ep->head;
		if (ready) {
			if (out)
				out[n] = (struct kepoll_event){ ready, it->data };
			n++;
			ep->resume = i;
		}
	} while (i != start && n < max);
	return n;
}

static unsigned epoll_poll(struct file *f, struct poll_info *pi)
{
	if (depth >= NESTING_MAX)
		return 0;
	depth++;
	int n = scan(&eps[f->handle], 0, 1, pi);
	depth--;
	return n ? POLL_READ : 0;
}

static void unlink_item(struct epoll *ep, int i)
{
	for (int *p = &ep->head; *p >= 0; p = &items[*p].next)
		if (*p == i) {
			*p = items[i].next;
			break;
		}
	if (ep->resume == i)
		ep->resume = items[i].next;
	items[i].file = 0;
	items_used--;
}

static void epoll_release(struct file *f)
{
	struct epoll *ep = &eps[f->handle];
	while (ep->head >= 0)
		unlink_item(ep, ep->head);
	ep->used = false;
}

static const struct file_ops epoll_ops = {
	.fstat = anon_fstat,
	.poll = epoll_poll,
	.release = epoll_release,
	.link = "anon_inode:[eventpoll]",
};

void epoll_forget(struct file *f)
{
	if (!items_used)
		return;
	for (int e = 0; e < EPOLL_MAX; e++) {
		if (!eps[e].used)
			continue;
		for (int i = eps[e].head; i >= 0;) {
			int next = items[i].next;
			if (items[i].file == f)
				unlink_item(&eps[e], i);
			i = next;
		}
	}
}

long epoll_create(int flags)
{
	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	int e = 0;
	while (e < EPOLL_MAX && eps[e].used)
		e++;
	if (e == EPOLL_MAX)
		return -ENFILE;
	eps[e] = (struct epoll){ .used = true, .head = -1, .resume = -1 };
	return anon_open(&epoll_ops, e, flags);
}

static struct epoll *epoll_of(int epfd, long *err)
{
	struct file *f = fd_get(epfd);
	*err = !f ? -EBADF : f->ops != &epoll_ops ? -EINVAL : 0;
	return *err ? 0 : &eps[f->handle];
}

long epoll_ctl(int epfd, int op, int fd, const void *uevent)
{
	long err;
	struct kepoll_event ev = { 0 };
	if (op != EPOLL_CTL_DEL && copy_from_user(&ev, uevent, sizeof(ev)))
		return -EFAULT;
	struct epoll *ep = epoll_of(epfd, &err);
	struct file *f = fd_get(fd);
	if (!f || (!ep && err == -EBADF))
		return -EBADF;
	if (!f->ops->poll)
		return -EPERM;
	if (!ep || fd == epfd || (op != EPOLL_CTL_ADD && op != EPOLL_CTL_DEL && op != EPOLL_CTL_MOD))
		return -EINVAL;
	if ((ev.events & EPOLLEXCLUSIVE) && op == EPOLL_CTL_MOD)
		return -EINVAL;
	int i = ep->head;
	while (i >= 0 && !(items[i].file == f && items[i].fd == fd))
		i = items[i].next;
	if (op == EPOLL_CTL_ADD) {
		if (i >= 0)
			return -EEXIST;
		for (i = 0; i < ITEM_MAX && items[i].file; i++)
			;
		if (i == ITEM_MAX)
			return -ENOSPC;
		items[i] = (struct item){ .file = f, .fd = fd, .next = ep->head };
		ep->head = i;
		items_used++;
	} else if (i < 0) {
		return -ENOENT;
	} else if (op == EPOLL_CTL_DEL) {
		unlink_item(ep, i);
		return 0;
	}
	items[i].events = ev.events & ~EPOLLWAKEUP;
	items[i].data = ev.data;
	items[i].seq = 0;
	items[i].reported = 0;
	items[i].disabled = false;
	waitq_notify_any(); /* a thread in epoll_wait looks again */
	return 0;
}

long epoll_wait(int epfd, void *uevents, int max, int64_t ns)
{
	long err;
	struct epoll *ep = epoll_of(epfd, &err);
	if (max <= 0 || max > (int)(0x7fffffff / sizeof(struct kepoll_event)))
		return -EINVAL;
	if (!ep)
		return err;
	if (!vm_check((uint64_t)uevents, (uint64_t)max * sizeof(struct kepoll_event), PAGE_WRITE))
		return -EFAULT;
	uint64_t deadline = poll_deadline(ns);
	for (;;) {
		struct poll_info pi = { 0 };
		int n = scan(ep, uevents, max, &pi);
		if (n || poll_expired(deadline, ns))
			return n;
		err = poll_sleep(deadline, &pi);
		if (err)
			return err;
	}
}
