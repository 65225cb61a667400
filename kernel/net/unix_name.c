/*
 * AF_UNIX names: the program's sockaddr_un in and out, and the table where
 * they are looked up. A path in the kernel's tmpfs (/tmp, /dev/shm) is a
 * socket node there, as on Linux: it outlives its socket until unlinked, a
 * connect finds the socket by the node (ECONNREFUSED when none has it), and
 * bind fails with EADDRINUSE while it exists. Elsewhere a path name makes no
 * file on the host: it lives in this table and is free again once its socket
 * closes.
 */
#include "kernel/uapi.h"

#include "kernel/mm/frame.h"
#include "kernel/kernel.h"
#include "kernel/fs/kstat.h"
#include "kernel/fs/mount.h"
#include "kernel/fs/path.h"
#include "kernel/fs/tmpfs.h"
#include "kernel/proc/proc.h"
#include "kernel/mm/uaccess.h"
#include "unix.h"

static unsigned autobind_next;

/* Path names are kept canonical in a table beside the slots. */
static char keys[UNIX_MAX][KEY_MAX];

static bool key_match(const struct usock *s, const struct ukey *k)
{
	if (!s->name.len || (s->name.path[0] != 0) != k->path)
		return false;
	const char *key = keys[s - unix_socks];
	return k->path ? (int)strlen(key) == k->len && !memcmp(key, k->text, (size_t)k->len)
		       : s->name.len == k->len && !memcmp(s->name.path, k->text, (size_t)k->len);
}

static struct usock *find_key(const struct ukey *k, int type)
{
	for (int i = 0; i < UNIX_MAX; i++)
		if (unix_socks[i].used && key_match(&unix_socks[i], k) && (k->path || unix_socks[i].type == type))
			return &unix_socks[i];
	return 0;
}

/* The key's path, NUL-terminated. */
static const char *key_path(const struct ukey *k)
{
	static char path[KEY_MAX + 1];
	memcpy(path, k->text, (size_t)k->len);
	path[k->len] = 0;
	return path;
}

/* The socket bound to the node at the key's path: ENOENT without one, ECONNREFUSED if not a live socket's. */
static struct usock *find_node(const struct ukey *k, long *err)
{
	struct kstat st;
	*err = tmpfs_stat(key_path(k), &st, false);
	if (*err)
		return 0;
	for (int i = 0; S_ISSOCK(st.mode) && i < UNIX_MAX; i++)
		if (unix_socks[i].used && unix_socks[i].node == st.ino)
			return &unix_socks[i];
	*err = -ECONNREFUSED;
	return 0;
}

struct usock *unix_find(const struct ukey *k, int type, long *err)
{
	if (k->in_tmpfs) {
		struct usock *s = find_node(k, err);
		if (s && s->type != type)
			*err = -EPROTOTYPE;
		return *err ? 0 : s;
	}
	struct usock *s = find_key(k, type);
	*err = !s ? (k->path ? -ENOENT : -ECONNREFUSED) : s->type != type ? -EPROTOTYPE : 0;
	return *err ? 0 : s;
}

/*
 * The key of a path name: made absolute and canonical from the program's
 * sun_path when it ends with a NUL there, as given otherwise.
 */
static long path_key(const char *upath, const struct uname *n, bool ended, struct ukey *k)
{
	if (!ended) {
		k->len = n->len - 1;
		memcpy(k->text, n->path, (size_t)k->len);
		return 0;
	}
	uint64_t frame = frame_alloc();
	if (!frame)
		return -ENOMEM;
	char *buf = phys_to_virt(frame);
	long len = path_get(AT_FDCWD, upath, buf, 0);
	if (len >= KEY_MAX)
		len = -ENAMETOOLONG;
	if (len >= 0) {
		memcpy(k->text, buf, (size_t)len);
		k->in_tmpfs = mount_in_tmpfs(buf);
	}
	frame_free(frame);
	k->len = (int)len;
	return len < 0 ? len : 0;
}

long unix_name_in(const void *uaddr, uint64_t len, struct uname *n, struct ukey *k)
{
	uint16_t family;
	if (len < sizeof(family) || len > sizeof(family) + SUN_MAX - 1)
		return -EINVAL;
	if (copy_from_user(&family, uaddr, sizeof(family)))
		return -EFAULT;
	if (family != AF_UNIX)
		return -EINVAL;
	memset(n, 0, sizeof(*n));
	n->len = (uint8_t)(len - sizeof(family));
	const char *upath = (const char *)uaddr + sizeof(family);
	if (copy_from_user(n->path, upath, n->len))
		return -EFAULT;
	k->path = n->len && n->path[0];
	k->in_tmpfs = false;
	if (!k->path) {
		k->len = n->len;
		memcpy(k->text, n->path, n->len);
		return 0;
	}
	bool ended = strlen(n->path) < n->len;
	n->len = (uint8_t)(strlen(n->path) + 1); /* a path ends at its NUL, or where the address ends */
	return path_key(upath, n, ended, k);
}

long unix_name_out(void *uaddr, void *ulen, const struct uname *n, bool family_only)
{
	int32_t len;
	if (!uaddr)
		return 0;
	if (copy_from_user(&len, ulen, sizeof(len)))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	struct {
		uint16_t family;
		char path[SUN_MAX];
	} sa = { AF_UNIX, { 0 } };
	memcpy(sa.path, n->path, n->len);
	int32_t full = n->len || family_only ? (int32_t)(sizeof(sa.family) + n->len) : 0;
	if (copy_to_user(uaddr, &sa, (uint32_t)(len < full ? len : full)) || copy_to_user(ulen, &full, sizeof(full)))
		return -EFAULT;
	return 0;
}

/* bind(2) of a tmpfs path: the socket node, made with the umask as Linux's (EADDRINUSE if the name exists). */
static long make_node(struct usock *s, const struct ukey *k)
{
	struct kstat st;
	long err = tmpfs_mknod(key_path(k), S_IFSOCK | (0777 & ~proc_current()->umask));
	if (err)
		return err == -EEXIST ? -EADDRINUSE : err;
	err = tmpfs_stat(key_path(k), &st, true);
	s->node = err ? 0 : st.ino;
	return err;
}

long unix_name_set(struct usock *s, const struct uname *n, const struct ukey *k)
{
	long err = k->in_tmpfs ? make_node(s, k) : find_key(k, s->type) ? -EADDRINUSE : 0;
	if (err)
		return err;
	s->name = *n;
	memset(keys[s - unix_socks], 0, sizeof(keys[0]));
	if (k->path)
		memcpy(keys[s - unix_socks], k->text, (size_t)k->len);
	return 0;
}

long unix_autobind(struct usock *s)
{
	for (unsigned tries = 0; tries < 0x100000; tries++) {
		struct uname n = { .len = 6 };
		unsigned v = autobind_next++ & 0xfffff;
		for (int i = 5; i > 0; i--, v >>= 4)
			n.path[i] = "0123456789abcdef"[v & 15];
		struct ukey k = { .path = false, .len = n.len };
		memcpy(k.text, n.path, n.len);
		if (!unix_name_set(s, &n, &k))
			return 0;
	}
	return -ENOSPC;
}
