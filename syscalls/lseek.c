/* lseek(2): SEEK_SET, SEEK_CUR and SEEK_END on regular files. */
#include "drivers/monitor/hostfile.h"
#include "sys.h"

#define ST_SIZE_OFFSET 48 /* st_size in the x86-64 struct stat */

long sys_lseek(const uint64_t *args)
{
	struct file *f = fd_get((int)args[0]);
	int64_t off = (int64_t)args[1], base;
	if (!f)
		return -EBADF;
	if (f->stream)
		return -ESPIPE;
	switch (args[2]) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = f->type == S_IFDIR ? hostfile_fileop(f->handle, HC_FILE_TELL, 0) : file_pos(f);
		break;
	case SEEK_END: {
		static int64_t st[HC_STAT_SIZE / 8];
		long err = hostfile_fstat(f->handle, st);
		if (err)
			return err;
		base = st[ST_SIZE_OFFSET / 8];
		break;
	}
	default:
		return -EINVAL;
	}
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return -EINVAL;
	/* A directory's position is the host's: getdents goes on from there (rewinddir, seekdir). */
	if (f->type == S_IFDIR) {
		long r = hostfile_fileop(f->handle, HC_FILE_SEEK, (uint64_t)(base + off));
		if (r < 0)
			return r;
	}
	f->pos = base + off;
	f->pos_unknown = false;
	return f->pos;
}
