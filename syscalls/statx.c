/* statx(2): the basic fields, from the same lookup as fstatat (no birth time). */
#include "kernel/fs/kstat.h"
#include "kernel/fs/open.h"
#include "sys.h"

static uint32_t dev_major(uint64_t dev)
{
	return (uint32_t)(((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffULL));
}

static uint32_t dev_minor(uint64_t dev)
{
	return (uint32_t)((dev & 0xff) | ((dev >> 12) & ~0xffULL));
}

SYSCALL_DEFINE5(statx, int, dirfd, const char *, pathname, int, flags, unsigned int, mask, struct statx *, statxbuf)
{
	struct kstat st;
	if ((flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE)) ||
	    (flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE || (mask & STATX__RESERVED))
		return -EINVAL;
	long err = file_stat(dirfd, pathname, &st, flags & ~AT_STATX_SYNC_TYPE);
	if (err)
		return err;
	struct statx sx;
	memset(&sx, 0, sizeof(sx));
	sx.stx_mask = STATX_BASIC_STATS;
	sx.stx_blksize = (uint32_t)st.blksize;
	sx.stx_nlink = (uint32_t)st.nlink;
	sx.stx_uid = st.uid;
	sx.stx_gid = st.gid;
	sx.stx_mode = (uint16_t)st.mode;
	sx.stx_ino = st.ino;
	sx.stx_size = (uint64_t)st.size;
	sx.stx_blocks = (uint64_t)st.blocks;
	sx.stx_atime = (struct statx_timestamp){ st.atime, (uint32_t)st.atime_nsec, 0 };
	sx.stx_mtime = (struct statx_timestamp){ st.mtime, (uint32_t)st.mtime_nsec, 0 };
	sx.stx_ctime = (struct statx_timestamp){ st.ctime, (uint32_t)st.ctime_nsec, 0 };
	sx.stx_rdev_major = dev_major(st.rdev);
	sx.stx_rdev_minor = dev_minor(st.rdev);
	sx.stx_dev_major = dev_major(st.dev);
	sx.stx_dev_minor = dev_minor(st.dev);
	return copy_to_user(statxbuf, &sx, sizeof(sx));
}
