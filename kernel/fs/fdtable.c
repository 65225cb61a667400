/*
 * Each process's descriptor table: numbers are allocated lowest-first, as on
 * Linux, below RLIMIT_NOFILE's soft limit. The table is one page of leaf
 * pointers; a leaf is a page of slots, taken when a descriptor in its range
 * is first used. So a table grows with the descriptors in use, one page at a
 * time, and never needs contiguous memory the allocator may no longer have.
 */
#include "fd.h"
#include "hostfs.h"
#include "kernel/kernel.h"
#include "kernel/mm/kalloc.h"
#include "kernel/proc/proc.h"
#include "kernel/proc/rlimit.h"
#include "kernel/uapi.h"
#include "reclock.h"

struct fd_slot {
	struct file *file;
	bool cloexec;
};

#define LEAF_SLOTS ((int)(PAGE_SIZE / sizeof(struct fd_slot)))
#define LEAVES (FD_CEILING / LEAF_SLOTS)

struct files {
	unsigned users; /* processes sharing it (clone with CLONE_FILES) */
	int next;       /* no descriptor below it is free: where a search starts */
	struct fd_slot *leaf[LEAVES];
};

_Static_assert(sizeof(struct files) <= PAGE_SIZE, "a table is one page");

static struct files *current_files(void)
{
	return proc_current()->files;
}

/* fd's slot, or 0 where no descriptor of its leaf was ever used. */
static struct fd_slot *slot_of(struct files *t, int fd)
{
	struct fd_slot *leaf = t->leaf[fd / LEAF_SLOTS];
	return leaf ? &leaf[fd % LEAF_SLOTS] : 0;
}

/* fd's slot, its leaf taken if need be; 0 when out of memory. */
static struct fd_slot *slot_make(struct files *t, int fd)
{
	struct fd_slot **leaf = &t->leaf[fd / LEAF_SLOTS];
	if (!*leaf)
		*leaf = kalloc(PAGE_SIZE);
	return *leaf ? &(*leaf)[fd % LEAF_SLOTS] : 0;
}

/* The lowest open descriptor of t from fd on, or -1. */
static int next_open(struct files *t, int fd)
{
	for (; fd < FD_CEILING; fd++) {
		if (!t->leaf[fd / LEAF_SLOTS])
			fd = (fd / LEAF_SLOTS + 1) * LEAF_SLOTS - 1;
		else if (t->leaf[fd / LEAF_SLOTS][fd % LEAF_SLOTS].file)
			return fd;
	}
	return -1;
}

int fd_next(int fd)
{
	return next_open(current_files(), fd < 0 ? 0 : fd);
}

int files_next(struct files *t, int fd)
{
	return next_open(t, fd < 0 ? 0 : fd);
}

void fd_init(void)
{
	struct proc *p = proc_first();
	p->files = kalloc(sizeof(*p->files));
	if (!p->files)
		panic("no memory for the descriptor table");
	p->files->users = 1;
	hostfile_init();
	for (int i = 0; i < 3; i++) {
		struct file *f = file_alloc();
		*f = (struct file){ .ops = boot->pollable_streams & (1u << i) ? &hoststream_ops : &hostfile_ops,
				    .refs = 1, .handle = i, .flags = boot->stream_access[i], .stream = true };
		fd_install(f, false);
	}
}

/* Descriptors below this are allowed: RLIMIT_NOFILE's soft limit, at most FD_CEILING. */
static int fd_limit(void)
{
	uint64_t lim = rlimit_cur(RLIMIT_NOFILE);
	return lim < FD_CEILING ? (int)lim : FD_CEILING;
}

static int install_from(struct file *f, int min, bool cloexec)
{
	struct files *t = current_files();
	int limit = fd_limit();
	for (int fd = min > t->next ? min : t->next; fd < limit; fd++) {
		struct fd_slot *s = slot_of(t, fd);
		if (s && s->file)
			continue;
		s = slot_make(t, fd);
		if (!s) {
			file_put(f);
			return -ENOMEM;
		}
		/* Searched from next: everything below fd is in use now. */
		if (min <= t->next)
			t->next = fd + 1;
		s->file = f;
		s->cloexec = cloexec;
		return fd;
	}
	file_put(f);
	return -EMFILE;
}

int fd_install(struct file *f, bool cloexec)
{
	return install_from(f, 0, cloexec);
}

struct file *fd_get(int fd)
{
	struct fd_slot *s = fd >= 0 && fd < FD_CEILING ? slot_of(current_files(), fd) : 0;
	return s ? s->file : 0;
}

struct file *fd_hold(int fd)
{
	struct file *f = fd_get(fd);
	if (f)
		f->refs++;
	return f;
}

int fd_dup(int oldfd, int newfd, int min, bool cloexec)
{
	struct file *f = fd_get(oldfd);
	if (!f || newfd >= fd_limit())
		return -EBADF;
	/* F_DUPFD's lowest number must itself be allowed. */
	if (newfd < 0 && min >= fd_limit())
		return -EINVAL;
	f->refs++;
	if (newfd < 0)
		return install_from(f, min, cloexec);
	struct fd_slot *s = slot_make(current_files(), newfd);
	if (!s) {
		file_put(f);
		return -ENOMEM;
	}
	if (s->file) {
		reclock_close(current_files(), s->file);
		file_put(s->file);
	}
	s->file = f;
	s->cloexec = cloexec;
	return newfd;
}

bool fd_cloexec(int fd, int set)
{
	struct fd_slot *s = slot_of(current_files(), fd);
	bool was = s->cloexec;
	if (set >= 0)
		s->cloexec = set;
	return was;
}

/* Empty t's slot for fd: the file's flush error (close(2) reports it), its reference dropped. */
static long close_slot(struct files *t, int fd)
{
	struct fd_slot *s = slot_of(t, fd);
	struct file *f = s->file;
	s->file = 0;
	if (fd < t->next)
		t->next = fd;
	long err = f->ops && f->ops->flush ? f->ops->flush(f) : 0;
	reclock_close(t, f);
	file_put(f);
	return err;
}

int fd_close(int fd)
{
	if (!fd_get(fd))
		return -EBADF;
	return (int)close_slot(current_files(), fd);
}

void files_get(struct files *files)
{
	files->users++;
}

void files_put(struct files *files)
{
	if (--files->users)
		return;
	for (int fd = next_open(files, 0); fd >= 0; fd = next_open(files, fd + 1))
		close_slot(files, fd);
	for (int i = 0; i < LEAVES; i++)
		if (files->leaf[i])
			kfree(files->leaf[i], PAGE_SIZE);
	kfree(files, sizeof(*files));
}

struct files *files_fork(void)
{
	struct files *from = current_files();
	struct files *to = kalloc(sizeof(*to));
	if (!to)
		return 0;
	to->users = 1;
	to->next = from->next;
	for (int i = 0; i < LEAVES; i++) {
		if (!from->leaf[i])
			continue;
		if (!(to->leaf[i] = kalloc(PAGE_SIZE))) {
			files_put(to);
			return 0;
		}
		memcpy(to->leaf[i], from->leaf[i], PAGE_SIZE);
		for (int k = 0; k < LEAF_SLOTS; k++)
			if (to->leaf[i][k].file)
				to->leaf[i][k].file->refs++;
	}
	return to;
}

long files_unshare(void)
{
	struct proc *p = proc_current();
	if (p->files->users == 1)
		return 0;
	struct files *own = files_fork();
	if (!own)
		return -ENOMEM;
	files_put(p->files);
	p->files = own;
	return 0;
}

void files_close_on_exec(void)
{
	struct files *t = current_files();
	for (int fd = next_open(t, 0); fd >= 0; fd = next_open(t, fd + 1))
		if (slot_of(t, fd)->cloexec)
			close_slot(t, fd);
}
