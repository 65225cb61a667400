/*
 * Sockets that only messages in flight keep open: an AF_UNIX socket passed
 * (SCM_RIGHTS) into its own queue, or two into each other's, and then every
 * descriptor of them closed. No program can receive those messages any more,
 * so Linux collects such sockets, and so does this: a socket is a candidate
 * when every reference to its file is a queued message's; candidates that a
 * queue of a socket still open somewhere (or of one reachable from it)
 * carries stay, and the others have their queues emptied, which closes them.
 */
#include "kernel/kernel.h"
#include "unix.h"

static uint32_t inflight[UNIX_MAX];
static bool reachable[UNIX_MAX], scanned[UNIX_MAX];

static void count(struct file *f, void *arg)
{
	(void)arg;
	struct usock *s = unix_file_sock(f);
	if (s)
		inflight[s - unix_socks]++;
}

static void reach(struct file *f, void *changed)
{
	struct usock *s = unix_file_sock(f);
	if (s && !reachable[s - unix_socks]) {
		reachable[s - unix_socks] = true;
		*(bool *)changed = true;
	}
}

/* Which sockets nothing but messages in flight holds: true if any. */
static bool find_candidates(void)
{
	bool any = false;
	memset(inflight, 0, sizeof(inflight));
	for (int i = 0; i < UNIX_MAX; i++)
		if (unix_socks[i].used)
			uq_each_file(&unix_socks[i].q, count, 0);
	for (int i = 0; i < UNIX_MAX; i++) {
		const struct usock *s = &unix_socks[i];
		bool candidate = s->used && s->file && inflight[i] && (uint32_t)s->file->refs == inflight[i];
		reachable[i] = !candidate;
		scanned[i] = false;
		any |= candidate;
	}
	return any;
}

/* What the queues of reachable sockets carry is reachable, to the end of the chains. */
static void mark_reachable(void)
{
	for (bool changed = true; changed;) {
		changed = false;
		for (int i = 0; i < UNIX_MAX; i++)
			if (unix_socks[i].used && reachable[i] && !scanned[i]) {
				scanned[i] = true;
				uq_each_file(&unix_socks[i].q, reach, &changed);
			}
	}
}

void unix_gc(void)
{
	static bool running; /* closing what it frees calls it again */
	if (running || !find_candidates())
		return;
	running = true;
	mark_reachable();
	/* Held while the queues empty, so that none closes under the emptying of its own queue. */
	for (int i = 0; i < UNIX_MAX; i++)
		if (unix_socks[i].used && !reachable[i])
			unix_socks[i].file->refs++;
	for (int i = 0; i < UNIX_MAX; i++)
		if (unix_socks[i].used && !reachable[i])
			uq_clear(&unix_socks[i].q);
	for (int i = 0; i < UNIX_MAX; i++)
		if (unix_socks[i].used && !reachable[i])
			file_put(unix_socks[i].file);
	running = false;
}
