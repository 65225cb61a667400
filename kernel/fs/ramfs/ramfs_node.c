/* The in-memory file system's nodes: the tree, path walks, permissions and file contents. */
#include <asm-generic/errno.h>

#include "ramfs.h"
#include "slab.h"
#include "kernel/fs/vfs.h"
#include "kernel/mm/frame.h"
#include "kernel/kernel.h"

#define RAMFS_DEV 0x2a /* any device number: the program sees one file system */
#define DIR_SIZE 4096  /* what ext4 shows for a small directory */
#define SYMLOOP_MAX 40
#define PER_PAGE 512   /* frame numbers in a page */
#define MAX_FILE_SIZE ((int64_t)(PER_PAGE * PER_PAGE * PAGE_SIZE))
#define FIRST_COOKIE 2 /* after "." and ".." */
#define NO_ID 0xffffffffu /* chown: leave this id as it is */

static struct rnode *root;
static uint64_t next_ino = 1;
static uint64_t pages_used; /* data pages of all files */
static const uint8_t *archive;
static uint64_t archive_size;
static bool loading; /* filling the tree from the archive: its times stay the archive's */

void ramfs_set_archive(uint64_t pa, uint64_t size)
{
	archive = size ? phys_to_virt(pa) : 0;
	archive_size = size;
}

void ramfs_now(struct ktimespec *ts)
{
	clock_read(CLOCK_REALTIME, ts);
}

struct rnode *ramfs_root(void)
{
	if (root)
		return root;
	root = ramfs_node_new(S_IFDIR | 0755);
	if (!root)
		panic("no memory for the file system");
	root->uid = root->gid = 0;
	root->parent = root;
	root->nlink = 2;
	if (archive) {
		loading = true;
		const char *err = cpio_load(archive, archive_size);
		loading = false;
		if (err)
			panic("the file archive: %s", err);
	}
	return root;
}

struct rnode *ramfs_node_new(uint32_t mode)
{
	struct rnode *n = slab_alloc(sizeof(*n));
	if (!n)
		return 0;
	n->mode = mode;
	n->uid = ramfs_fsuid();
	n->gid = ramfs_fsgid();
	n->ino = next_ino++;
	n->next_cookie = FIRST_COOKIE;
	ramfs_now(&n->mtime);
	n->atime = n->ctime = n->mtime;
	return n;
}

/* Give back the data frames from page first on, and the index pages left empty. */
static void free_data(struct rnode *n, uint64_t first)
{
	if (!n->index)
		return;
	for (uint64_t l = 0; l < PER_PAGE; l++) {
		if (!n->index[l])
			continue;
		uint64_t *leaf = phys_to_virt(n->index[l]);
		for (uint64_t j = first > l * PER_PAGE ? first - l * PER_PAGE : 0; j < PER_PAGE; j++) {
			if (leaf[j]) {
				frame_free(leaf[j]);
				leaf[j] = 0;
				n->pages--;
				pages_used--;
			}
		}
		if (first <= l * PER_PAGE) {
			frame_free(n->index[l]);
			n->index[l] = 0;
		}
	}
	if (first == 0) {
		frame_free(virt_to_phys(n->index));
		n->index = 0;
	}
}

/* A changed file's rewritten copy is stale: the loader gets the file itself from now on. */
static void drop_rewritten(struct rnode *n)
{
	struct rnode *copy = n->rewritten;
	if (!copy)
		return;
	n->rewritten = 0;
	copy->nlink = 0;
	ramfs_node_put(copy);
}

void ramfs_node_put(struct rnode *n)
{
	if (n->nlink || n->opens)
		return;
	drop_rewritten(n);
	free_data(n, 0);
	if (n->target)
		slab_free(n->target, strlen(n->target) + 1);
	slab_free(n, sizeof(*n));
}

bool ramfs_may(const struct rnode *n, int want)
{
	uint32_t me = ramfs_fsuid();
	if (me == 0)
		return !(want & MAY_EXEC) || S_ISDIR(n->mode) || (n->mode & 0111);
	uint32_t bits = n->uid == me ? n->mode >> 6 : ramfs_in_group(n->gid) ? n->mode >> 3 : n->mode;
	return (bits & (uint32_t)want) == (uint32_t)want;
}

bool ramfs_owner(const struct rnode *n)
{
	return ramfs_fsuid() == 0 || n->uid == ramfs_fsuid();
}

void ramfs_stat(const struct rnode *n, struct kstat *st)
{
	uint64_t pages = n->archived ? PAGE_UP(n->size) / PAGE_SIZE : n->pages;
	*st = (struct kstat){
		.dev = RAMFS_DEV, .ino = n->ino, .nlink = n->nlink, .mode = n->mode, .uid = n->uid,
		.gid = n->gid, .size = S_ISDIR(n->mode) ? DIR_SIZE : n->size, .blksize = PAGE_SIZE,
		.blocks = (int64_t)(S_ISDIR(n->mode) ? 1 : pages) * (PAGE_SIZE / 512),
		.atime = n->atime.sec, .atime_nsec = n->atime.nsec, .mtime = n->mtime.sec,
		.mtime_nsec = n->mtime.nsec, .ctime = n->ctime.sec, .ctime_nsec = n->ctime.nsec,
	};
}

struct rdirent *ramfs_lookup(const struct rnode *dir, const char *name, size_t len)
{
	for (struct rdirent *e = dir->entries; e; e = e->next)
		if (e->len == len && memcmp(e->name, name, len) == 0)
			return e;
	return 0;
}

static void changed(struct rnode *dir, struct rnode *node)
{
	if (loading)
		return;
	ramfs_now(&dir->mtime);
	dir->ctime = node->ctime = dir->mtime;
}

long ramfs_link(struct rnode *dir, const char *name, size_t len, struct rnode *node)
{
	struct rdirent *e = slab_alloc(sizeof(*e) + len + 1);
	if (!e)
		return -ENOSPC;
	memcpy(e->name, name, len);
	e->len = len;
	e->node = node;
	e->cookie = dir->next_cookie++;
	struct rdirent **tail = &dir->entries;
	while (*tail)
		tail = &(*tail)->next;
	*tail = e;
	/* A directory counts its entry and its "."; its parent counts its "..". */
	if (S_ISDIR(node->mode)) {
		node->nlink += 2;
		node->parent = dir;
		dir->nlink++;
	} else {
		node->nlink++;
	}
	changed(dir, node);
	return 0;
}

void ramfs_unlink(struct rnode *dir, struct rdirent *e)
{
	struct rdirent **p = &dir->entries;
	while (*p != e)
		p = &(*p)->next;
	*p = e->next;
	struct rnode *node = e->node;
	slab_free(e, sizeof(*e) + e->len + 1);
	if (S_ISDIR(node->mode)) {
		node->nlink -= 2;
		dir->nlink--;
	} else {
		node->nlink--;
	}
	changed(dir, node);
	ramfs_node_put(node);
}

long ramfs_walk(const char *path, size_t len, bool follow, struct rwalk *w)
{
	if (len >= sizeof(w->buf))
		return -ENAMETOOLONG;
	memcpy(w->buf, path, len);
	w->buf[len] = 0;
	w->dir = w->node = 0;
	w->entry = 0;
	w->name = "";
	w->len = 0;
	struct rnode *dir = ramfs_root();
	char *p = w->buf;
	int links = 0;
	for (;;) {
		while (*p == '/')
			p++;
		if (!*p) {
			w->node = dir;
			return 0;
		}
		char *end = p, *after;
		while (*end && *end != '/')
			end++;
		for (after = end; *after == '/'; after++)
			;
		bool last = !*after;
		size_t n = (size_t)(end - p);
		if (!S_ISDIR(dir->mode))
			return -ENOTDIR;
		if (!ramfs_may(dir, MAY_EXEC))
			return -EACCES;
		if (n > NAME_MAX)
			return -ENAMETOOLONG;
		if (n <= 2 && p[0] == '.' && p[n - 1] == '.') {
			if (n == 2)
				dir = dir->parent;
			p = end;
			continue;
		}
		struct rdirent *e = ramfs_lookup(dir, p, n);
		if (!e) {
			if (last) {
				w->dir = dir;
				w->name = p;
				w->len = n;
			}
			return -ENOENT;
		}
		struct rnode *node = e->node;
		if (S_ISLNK(node->mode) && (follow || !last)) {
			/* The target takes the link's place in what is left of the path. */
			size_t tlen = strlen(node->target), rest = strlen(end);
			if (++links > SYMLOOP_MAX)
				return -ELOOP;
			if (tlen + rest >= sizeof(w->buf))
				return -ENAMETOOLONG;
			memmove(w->buf + tlen, end, rest + 1);
			memcpy(w->buf, node->target, tlen);
			if (node->target[0] == '/')
				dir = ramfs_root();
			p = w->buf;
			continue;
		}
		if (last) {
			w->dir = dir;
			w->node = node;
			w->entry = e;
			w->name = p;
			w->len = n;
			return 0;
		}
		dir = node;
		p = end;
	}
}

/* The frame number slot of page i, making the leaf page if asked; 0 if there is none. */
static uint64_t *data_slot(struct rnode *n, uint64_t i, bool create)
{
	if (!n->index) {
		uint64_t pa = create ? frame_alloc() : 0;
		if (!pa)
			return 0;
		n->index = phys_to_virt(pa);
	}
	uint64_t *leaf = &n->index[i / PER_PAGE];
	if (!*leaf && (!create || !(*leaf = frame_alloc())))
		return 0;
	return (uint64_t *)phys_to_virt(*leaf) + i % PER_PAGE;
}

/* Page i of the data, made (zeroed) if asked; 0 for a hole. */
static uint8_t *data_page(struct rnode *n, uint64_t i, bool create)
{
	uint64_t *slot = data_slot(n, i, create);
	if (!slot)
		return 0;
	if (!*slot) {
		if (!create || pages_used >= ramfs_pages_max() || !(*slot = frame_alloc()))
			return 0;
		n->pages++;
		pages_used++;
	}
	return phys_to_virt(*slot);
}

/* Before the first change the archive's bytes (the first keep of them) become our own pages. */
static long own_data(struct rnode *n, int64_t keep)
{
	drop_rewritten(n);
	const uint8_t *src = n->archived;
	if (!src)
		return 0;
	n->archived = 0;
	for (int64_t off = 0; off < keep && off < n->size; off += PAGE_SIZE) {
		uint8_t *page = data_page(n, (uint64_t)off / PAGE_SIZE, true);
		if (!page) {
			free_data(n, 0);
			n->archived = src;
			return -ENOSPC;
		}
		memcpy(page, src + off, n->size - off < (int64_t)PAGE_SIZE ? (size_t)(n->size - off) : PAGE_SIZE);
	}
	return 0;
}

uint64_t ramfs_pages_used(void)
{
	return pages_used;
}

uint64_t ramfs_pages_max(void)
{
	return boot->mem_size / 2 / PAGE_SIZE;
}

void ramfs_statfs(struct statfs *buf)
{
	uint64_t max = ramfs_pages_max(), free = frame_free_count();
	uint64_t room = max - pages_used < free ? max - pages_used : free;
	vfs_pseudo_statfs(buf, TMPFS_MAGIC, ST_RELATIME);
	buf->f_blocks = buf->f_files = max;
	buf->f_bfree = buf->f_bavail = buf->f_ffree = room;
}

uint64_t ramfs_frame(struct rnode *n, uint64_t i)
{
	if (own_data(n, n->size))
		return 0;
	uint8_t *page = data_page(n, i, true);
	return page ? virt_to_phys(page) : 0;
}

long ramfs_read(struct rnode *n, void *buf, size_t len, int64_t offset)
{
	if (offset < 0)
		return -EINVAL;
	if (offset >= n->size)
		return 0;
	if (len > (uint64_t)(n->size - offset))
		len = (size_t)(n->size - offset);
	if (n->archived) {
		memcpy(buf, n->archived + offset, len);
		return (long)len;
	}
	for (size_t done = 0; done < len;) {
		uint64_t pos = (uint64_t)offset + done, in = pos % PAGE_SIZE;
		size_t k = PAGE_SIZE - in < len - done ? PAGE_SIZE - in : len - done;
		const uint8_t *page = data_page(n, pos / PAGE_SIZE, false);
		if (page)
			memcpy((char *)buf + done, page + in, k);
		else
			memset((char *)buf + done, 0, k);
		done += k;
	}
	return (long)len;
}

long ramfs_write(struct rnode *n, const void *buf, size_t len, int64_t offset)
{
	if (offset < 0)
		return -EINVAL;
	if (offset >= MAX_FILE_SIZE || len > (uint64_t)(MAX_FILE_SIZE - offset))
		return -EFBIG;
	long err = own_data(n, n->size);
	if (err)
		return err;
	size_t done = 0;
	while (done < len) {
		uint64_t pos = (uint64_t)offset + done, in = pos % PAGE_SIZE;
		size_t k = PAGE_SIZE - in < len - done ? PAGE_SIZE - in : len - done;
		uint8_t *page = data_page(n, pos / PAGE_SIZE, true);
		if (!page)
			break;
		memcpy(page + in, (const char *)buf + done, k);
		done += k;
	}
	if (offset + (int64_t)done > n->size)
		n->size = offset + (int64_t)done;
	if (done) {
		ramfs_now(&n->mtime);
		n->ctime = n->mtime;
	}
	return done || !len ? (long)done : -ENOSPC;
}

long ramfs_truncate(struct rnode *n, int64_t size)
{
	if (size < 0)
		return -EINVAL;
	if (size > MAX_FILE_SIZE)
		return -EFBIG;
	long err = own_data(n, size);
	if (err)
		return err;
	if (size < n->size) {
		/* Bytes past the end stay zero, so that growing the file again shows zeros. */
		free_data(n, PAGE_UP(size) / PAGE_SIZE);
		uint8_t *page = size % PAGE_SIZE ? data_page(n, (uint64_t)size / PAGE_SIZE, false) : 0;
		if (page)
			memset(page + size % PAGE_SIZE, 0, PAGE_SIZE - size % PAGE_SIZE);
	}
	n->size = size;
	ramfs_now(&n->mtime);
	n->ctime = n->mtime;
	return 0;
}

long ramfs_chmod(struct rnode *n, uint32_t mode)
{
	if (!ramfs_owner(n))
		return -EPERM;
	n->mode = (n->mode & S_IFMT) | (mode & 07777);
	ramfs_now(&n->ctime);
	return 0;
}

long ramfs_chown(struct rnode *n, uint32_t uid, uint32_t gid)
{
	bool root = ramfs_fsuid() == 0;
	if ((uid != NO_ID && uid != n->uid && !root) ||
	    (gid != NO_ID && gid != n->gid && !root && (!ramfs_owner(n) || !ramfs_in_group(gid))))
		return -EPERM;
	if (uid != NO_ID)
		n->uid = uid;
	if (gid != NO_ID)
		n->gid = gid;
	ramfs_now(&n->ctime);
	return 0;
}
