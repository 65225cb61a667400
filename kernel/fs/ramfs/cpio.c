/*
 * Filling the in-memory file system from a newc cpio archive (magic "070701",
 * as `cpio -o -H newc` writes): directories, regular files, whose data stays
 * in the archive until changed, symlinks, and hard links (members sharing an
 * inode number; the data comes with one of them). Other kinds of file are
 * left out. Archives may follow one another, as in a Linux initramfs.
 * A member named REWRITTEN_PREFIX NAME is not a file of its own: it is the
 * copy of member NAME, archived before it, with its syscall sites rewritten
 * (qemu-run --rewrite), which the program's loader gets in its place.
 */
#include <asm-generic/errno.h>

#include "ramfs.h"
#include "slab.h"
#include "kernel/kernel.h"
#include "kernel/fs/path.h"

#define HEADER_SIZE 110
#define REWRITTEN_PREFIX ".cocoon-rewritten/"
#define ALIGN4(x) (((x) + 3) & ~3ULL)

enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE, F_DEVMAJOR, F_DEVMINOR, F_RDEVMAJOR,
       F_RDEVMINOR, F_NAMESIZE, F_CHECK, FIELDS };

/* Members with more than one link, by the inode number the archive gives them. */
struct hardlink {
	struct hardlink *next;
	uint32_t ino, dev_major, dev_minor;
	struct rnode *node;
};

static struct hardlink *hardlinks;
static struct rwalk walk;
static char path[PATH_MAX];
static char message[128];

static bool parse_header(const uint8_t *h, uint32_t *f)
{
	if (memcmp(h, "070701", 6) != 0)
		return false;
	for (int i = 0; i < FIELDS; i++) {
		uint32_t v = 0;
		for (int j = 0; j < 8; j++) {
			char c = (char)h[6 + 8 * i + j];
			int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
				: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
			if (d < 0)
				return false;
			v = v << 4 | (uint32_t)d;
		}
		f[i] = v;
	}
	return true;
}

/* The directories leading to path, made as root's 0755 where missing. */
static long make_parents(void)
{
	for (char *slash = path + 1; *slash; slash++) {
		if (*slash != '/')
			continue;
		*slash = 0;
		long err = ramfs_walk(path, strlen(path), true, &walk);
		if (err == -ENOENT && walk.dir) {
			struct rnode *d = ramfs_node_new(S_IFDIR | 0755);
			if (!d)
				return -ENOSPC;
			d->uid = d->gid = 0;
			err = ramfs_link(walk.dir, walk.name, walk.len, d);
		}
		*slash = '/';
		if (err)
			return err;
	}
	return 0;
}

static struct hardlink *find_hardlink(const uint32_t *f)
{
	for (struct hardlink *h = hardlinks; h; h = h->next)
		if (h->ino == f[F_INO] && h->dev_major == f[F_DEVMAJOR] && h->dev_minor == f[F_DEVMINOR])
			return h;
	return 0;
}

/* The node for a member: a hard link's first one, else a new one. */
static long member_node(const uint32_t *f, const uint8_t *data, struct rnode **out)
{
	uint32_t type = f[F_MODE] & S_IFMT;
	struct hardlink *h = type == S_IFREG && f[F_NLINK] > 1 ? find_hardlink(f) : 0;
	struct rnode *n = h ? h->node : ramfs_node_new(f[F_MODE]);
	if (!n)
		return -ENOSPC;
	if (type == S_IFLNK) {
		if (f[F_FILESIZE] == 0 || f[F_FILESIZE] >= PATH_MAX || !(n->target = slab_alloc(f[F_FILESIZE] + 1)))
			return f[F_FILESIZE] ? -ENOSPC : -EINVAL;
		memcpy(n->target, data, f[F_FILESIZE]);
		n->size = f[F_FILESIZE];
	}
	if (type == S_IFREG && f[F_FILESIZE]) {
		n->archived = data;
		n->size = f[F_FILESIZE];
	}
	if (type == S_IFREG && f[F_NLINK] > 1 && !h) {
		h = slab_alloc(sizeof(*h));
		if (!h)
			return -ENOSPC;
		*h = (struct hardlink){ hardlinks, f[F_INO], f[F_DEVMAJOR], f[F_DEVMINOR], n };
		hardlinks = h;
	}
	*out = n;
	return 0;
}

static void set_attributes(struct rnode *n, const uint32_t *f)
{
	n->mode = f[F_MODE];
	n->uid = f[F_UID];
	n->gid = f[F_GID];
	n->mtime = (struct ktimespec){ f[F_MTIME], 0 };
	n->atime = n->ctime = n->mtime;
}

/* A rewritten copy of the regular file already named name: held by it, in no directory. */
static long add_rewritten(const char *name, size_t len, const uint32_t *f, const uint8_t *data)
{
	long err = ramfs_mount_path(name, len, path);
	if (!err)
		err = ramfs_walk(path, strlen(path), false, &walk);
	if (err || !S_ISREG(walk.node->mode) || walk.node->rewritten || (f[F_MODE] & S_IFMT) != S_IFREG ||
	    f[F_NLINK] != 1)
		return err ? err : -EINVAL;
	struct rnode *copy;
	err = member_node(f, data, &copy);
	if (err)
		return err;
	set_attributes(copy, f);
	copy->nlink = 1;
	walk.node->rewritten = copy;
	return 0;
}

static long add_member(const char *name, size_t len, const uint32_t *f, const uint8_t *data)
{
	uint32_t type = f[F_MODE] & S_IFMT;
	if (type != S_IFDIR && type != S_IFREG && type != S_IFLNK)
		return 0;
	while (len && (name[0] == '/' || (name[0] == '.' && (len == 1 || name[1] == '/')))) {
		name++;
		len--;
	}
	size_t prefix = sizeof(REWRITTEN_PREFIX) - 1;
	if (len > prefix && memcmp(name, REWRITTEN_PREFIX, prefix) == 0)
		return type == S_IFREG ? add_rewritten(name + prefix, len - prefix, f, data) : 0;
	long err = ramfs_mount_path(name, len, path);
	if (!err)
		err = make_parents();
	if (err)
		return err;
	err = ramfs_walk(path, strlen(path), false, &walk);
	struct rnode *old = walk.node;
	if (err == 0 && type == S_IFDIR && S_ISDIR(old->mode)) {
		set_attributes(old, f);
		return 0;
	}
	/* A later member replaces an earlier one of the same name. */
	if (err == 0 && (!walk.entry || (S_ISDIR(old->mode) && old->entries)))
		return -EEXIST;
	if (err == 0)
		ramfs_unlink(walk.dir, walk.entry);
	else if (err != -ENOENT || !walk.dir)
		return err;
	struct rnode *n;
	err = member_node(f, data, &n);
	if (!err)
		err = ramfs_link(walk.dir, walk.name, walk.len, n);
	if (!err)
		set_attributes(n, f);
	return err;
}

const char *cpio_load(const uint8_t *a, uint64_t size)
{
	uint64_t off = 0;
	uint32_t f[FIELDS];
	while (off < size) {
		if (size - off < HEADER_SIZE || !parse_header(a + off, f))
			return "not a newc cpio archive (bad member header)";
		uint64_t name_off = off + HEADER_SIZE, data_off = ALIGN4(name_off + f[F_NAMESIZE]);
		const char *name = (const char *)a + name_off;
		if (f[F_NAMESIZE] == 0 || f[F_NAMESIZE] > size - name_off || name[f[F_NAMESIZE] - 1] ||
		    data_off > size || f[F_FILESIZE] > size - data_off)
			return "truncated member";
		off = ALIGN4(data_off + f[F_FILESIZE]);
		if (strcmp(name, "TRAILER!!!") == 0) {
			/* The end of one archive: zeros up to the next one, if any. */
			while (off < size && !a[off])
				off++;
			continue;
		}
		long err = add_member(name, f[F_NAMESIZE] - 1, f, a + data_off);
		if (err) {
			ksnprintf(message, sizeof(message), "cannot add %.80s (error %ld)", name, -err);
			return message;
		}
	}
	while (hardlinks) {
		struct hardlink *h = hardlinks;
		hardlinks = h->next;
		slab_free(h, sizeof(*h));
	}
	return 0;
}
