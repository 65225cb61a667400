/*
 * Host files and the standard streams as files. Data moves straight between
 * the program's pages and the host (the monitor reads and writes the frames
 * behind them), or, for small transfers on regular files, through the
 * driver's read-ahead window and write-behind buffer.
 */
#include "drivers/monitor/hostfile.h"
#include "fd.h"
#include "hostfs.h"
#include "kernel/events/poll.h"
#include "kernel/kernel.h"
#include "kernel/mm/frame.h"
#include "kernel/mm/pcache.h"
#include "kernel/mm/uaccess.h"
#include "kernel/mm/vm.h"
#include "kernel/time/time.h"
#include "kernel/uapi.h"
#include "kstat.h"
#include "vfs.h"

#define DIRECT_MIN (256 * 1024) /* transfers this big skip the buffers */

_Static_assert(sizeof(struct flock) == HC_FLOCK_SIZE, "struct flock on x86-64");
_Static_assert(sizeof(struct statfs) == HC_STATFS_SIZE, "struct statfs on x86-64");


/*
 * Copy len bytes between kernel memory and the program's vector from byte
 * skip on, a page at a time so that a bad address ends the copy exactly
 * there. Returns the bytes copied.
 */
static size_t iov_copy(const struct kiovec *iov, int n, size_t skip, char *kbuf, size_t len, bool to_user)
{
	size_t done = 0;
	for (int i = 0; i < n && done < len; i++) {
		if (skip >= iov[i].len) {
			skip -= iov[i].len;
			continue;
		}
		char *u = (char *)iov[i].base + skip;
		size_t left = iov[i].len - skip < len - done ? iov[i].len - skip : len - done;
		skip = 0;
		while (left) {
			size_t k = PAGE_SIZE - ((uint64_t)u & (PAGE_SIZE - 1));
			if (k > left)
				k = left;
			if (to_user ? copy_to_user(u, kbuf + done, k) : copy_from_user(kbuf + done, u, k))
				return done;
			u += k;
			done += k;
			left -= k;
		}
	}
	return done;
}

/*
 * The physical pieces behind at most len bytes of the program's vector from
 * byte skip on, touching pages it has not used yet, in at most HC_SEG_MAX
 * pieces (neighbouring frames make one). Returns the bytes covered; they
 * stop short at the first page not mapped for prot.
 */
static size_t user_segments(const struct kiovec *iov, int n, size_t skip, size_t len, int prot, struct hc_seg *seg,
			    uint32_t *nseg)
{
	size_t covered = 0;
	*nseg = 0;
	for (int i = 0; i < n && covered < len; i++) {
		if (skip >= iov[i].len) {
			skip -= iov[i].len;
			continue;
		}
		uint64_t va = (uint64_t)iov[i].base + skip;
		size_t left = iov[i].len - skip < len - covered ? iov[i].len - skip : len - covered;
		skip = 0;
		while (left) {
			size_t k = PAGE_SIZE - (va & (PAGE_SIZE - 1));
			if (k > left)
				k = left;
			uint64_t pa;
			if (uaccess_is_kernel((void *)va, k))
				pa = virt_to_phys((void *)va); /* sendfile and splice's pages */
			else if (!vm_check(va, k, prot) || vm_populate(va, k, prot == PAGE_WRITE) < 0)
				return covered;
			else
				pa = vm_frame(va) + (va & (PAGE_SIZE - 1));
			if (*nseg && seg[*nseg - 1].gpa + seg[*nseg - 1].len == pa) {
				seg[*nseg - 1].len += k;
			} else {
				if (*nseg == HC_SEG_MAX)
					return covered;
				seg[(*nseg)++] = (struct hc_seg){ .gpa = pa, .len = k };
			}
			va += k;
			left -= k;
			covered += k;
		}
	}
	return covered;
}

/* Move len bytes of the vector from byte skip on straight to or from the host. */
static long direct(struct file *f, bool write, const struct kiovec *iov, int n, size_t skip, size_t len,
		   int64_t offset)
{
	static struct hc_seg seg[HC_SEG_MAX];
	size_t done = 0;
	while (done < len) {
		uint32_t nseg;
		size_t covered = user_segments(iov, n, skip + done, len - done, write ? PAGE_READ : PAGE_WRITE, seg, &nseg);
		if (!covered)
			return done ? (long)done : -EFAULT;
		long r = hostfile_transfer(write, f->handle, seg, nseg, offset < 0 ? offset : offset + (int64_t)done);
		/* A signal for the program cut the host's wait short: take it, then maybe go on. */
		if (r < 0)
			return done ? (long)done : r == -EINTR ? -ERESTARTSYS : r;
		done += (size_t)r;
		/* Short: end of file, a full pipe, a bad page; a stream gives what it has. */
		if ((size_t)r < covered || (!write && offset < 0))
			break;
	}
	return (long)done;
}

/*
 * Small writes to a regular file may wait in the write-behind buffer, with
 * uhyve-run --write-behind only: otherwise what write() returned for is on
 * the host even if uhyve-run is killed (SIGKILL) the next moment.
 */
static bool held_back(const struct file *f, size_t len)
{
	return (boot->flags & BOOT_WRITE_BEHIND) && f->type == S_IFREG && !(f->flags & O_DSYNC) && len < DIRECT_MIN;
}

/* Cached pages of the file that a write of len bytes at offset (-1: the position) changed go. */
static void written(struct file *f, int64_t offset, long len)
{
	if (offset < 0 && ((f->flags & O_APPEND) || f->pos_unknown))
		pcache_written(f, 0, -1);
	else
		pcache_written(f, offset < 0 ? f->pos : offset, len);
}

static long host_writev(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	size_t want = iov_total(iov, n);
	bool moves = offset < 0 && !f->stream;
	/* After an O_APPEND write the position is the file's end, which the host knows. */
	if (moves && f->host_append)
		f->pos_unknown = true;
	/*
	 * O_APPEND set by fcntl after open: the host's handle does not append,
	 * so every write, pwrite too as on Linux, goes to the end found here.
	 */
	int64_t end = -1;
	if ((f->flags & O_APPEND) && !f->host_append && !f->stream) {
		struct kstat st;
		long err = hostfile_fstat(f->handle, &st);
		if (err < 0)
			return err;
		end = offset = st.size;
	}
	long ret;
	if (!held_back(f, want)) {
		ret = direct(f, true, iov, n, 0, want, offset);
	} else {
		char *room = hostfile_wb_room(f->handle, offset, want);
		size_t got = iov_copy(iov, n, 0, room, want, false);
		hostfile_wb_commit(got);
		ret = got || !want ? (long)got : -EFAULT;
	}
	if (ret > 0)
		written(f, offset, ret);
	/* fd_writev adds what went out. */
	if (moves && end >= 0 && ret > 0)
		f->pos = end;
	return ret;
}

/* A regular file gives all that is asked, as Linux does; a stream, what it has. */
static long host_readv(struct file *f, const struct kiovec *iov, int n, int64_t offset)
{
	size_t want = iov_total(iov, n), done = 0;
	if (f->type != S_IFREG || offset < 0)
		return direct(f, false, iov, n, 0, want, offset);
	while (done < want) {
		int64_t at = offset + (int64_t)done;
		if (want - done >= DIRECT_MIN && !hostfile_in_window(f->handle, at)) {
			long got = direct(f, false, iov, n, done, want - done, at);
			return got < 0 ? (done ? (long)done : got) : (long)done + got;
		}
		const char *data;
		long got = hostfile_cached(f->handle, at, want - done, &data);
		if (got <= 0)
			return done ? (long)done : got;
		size_t k = iov_copy(iov, n, done, (char *)data, (size_t)got, true);
		done += k;
		if (k < (size_t)got)
			return done ? (long)done : -EFAULT;
	}
	return (long)done;
}

static long host_getdents(struct file *f, void *ubuf, size_t len)
{
	static char dents[32 * 1024] __attribute__((aligned(8)));
	if (!vm_check((uint64_t)ubuf, len, PAGE_WRITE))
		return -EFAULT;
	long got = hostfile_getdents(f->handle, dents, len < sizeof(dents) ? len : sizeof(dents));
	if (got > 0)
		memcpy(ubuf, dents, (size_t)got);
	/* The directory's position is the host's: lseek asks for it (telldir). */
	f->pos_unknown = true;
	return got;
}

static long host_fstat(struct file *f, struct kstat *st)
{
	return hostfile_fstat(f->handle, st);
}

static long host_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
	static char buf[64] __attribute__((aligned(8)));
	bool sets = cmd == HC_TCSETS || cmd == HC_TCSETSW || cmd == HC_TCSETSF;
	size_t len = cmd == HC_TCGETS || sets ? HC_TERMIOS_SIZE
		     : cmd == HC_TIOCGWINSZ   ? HC_WINSIZE_SIZE
		     : cmd == HC_FIONREAD     ? sizeof(int)
					      : 0;
	if (!len)
		return -ENOTTY;
	if (sets) {
		if (copy_from_user(buf, (const void *)arg, len))
			return -EFAULT;
		return hostfile_ioctl(f->handle, cmd, buf);
	}
	if (cmd == HC_FIONREAD && !f->stream) {
		/* The host file's own offset is not ours: count from our position. */
		struct kstat st;
		long r = hostfile_fstat(f->handle, &st);
		int64_t pos = file_pos(f);
		int ready = st.size > pos ? (int)(st.size - pos) : 0;
		return r < 0 ? r : copy_to_user((void *)arg, &ready, sizeof(ready));
	}
	long r = hostfile_ioctl(f->handle, cmd, buf);
	return r < 0 ? r : copy_to_user((void *)arg, buf, len);
}

/* Every close(2) writes out what is held back for the file and reports how that went. */
static long host_flush(struct file *f)
{
	hostfile_wb_flush(f->handle);
	return hostfile_wb_error(f->handle);
}

static int64_t host_tell(struct file *f)
{
	return hostfile_fileop(f->handle, HC_FILE_TELL, 0);
}

/*
 * The standard streams may be pipes or terminals on the host; their
 * readiness changes with no wake-up here, so a waiter looks again soon.
 */
#define STREAM_RECHECK_NS 10000000

static unsigned stream_poll(struct file *f, struct poll_info *pi)
{
	long r = hostfile_poll(f->handle, POLL_READ | POLL_WRITE);
	if (r < 0)
		return POLLERR;
	if ((r & (POLLIN | POLLOUT)) != (POLLIN | POLLOUT))
		poll_recheck(pi, rdtsc() + ns_to_tsc(STREAM_RECHECK_NS));
	return (unsigned)r;
}

static long host_chmod(struct file *f, unsigned mode)
{
	return hostfile_fileop(f->handle, HC_FILE_FCHMOD, mode);
}

static long host_chown(struct file *f, uint32_t owner, uint32_t group)
{
	return hostfile_fileop(f->handle, HC_FILE_FCHOWN, (uint64_t)owner << 32 | group);
}

static long host_truncate(struct file *f, int64_t length)
{
	long r = hostfile_fileop(f->handle, HC_FILE_FTRUNCATE, (uint64_t)length);
	if (!r)
		pcache_written(f, 0, -1);
	return r;
}

/* The host checks the mode and the range. */
static long host_fallocate(struct file *f, int mode, int64_t offset, int64_t len)
{
	if (f->stream)
		return -ESPIPE;
	long r = hostfile_fileop3(f->handle, HC_FILE_FALLOCATE, (uint64_t)mode, (uint64_t)offset, (uint64_t)len);
	if (!r)
		pcache_written(f, 0, -1);
	return r;
}

static int64_t host_llseek(struct file *f, int64_t offset, int whence)
{
	if (f->stream)
		return -ESPIPE;
	int64_t pos = vfs_seek_target(f, offset, whence);
	/* getdents goes on from the host's position: move it too (rewinddir, seekdir). */
	if (pos >= 0 && f->type == S_IFDIR) {
		long r = hostfile_fileop(f->handle, HC_FILE_SEEK, (uint64_t)pos);
		if (r < 0)
			return r;
	}
	return pos;
}

/* The kernel's flock locks held on the host file too, so that host processes see them. */
static long host_flock(struct file *f, int operation)
{
	if (f->stream) /* not a file the monitor locks: the kernel's lock is all */
		return 0;
	hostfile_lock_taken();
	return hostfile_fileop(f->handle, HC_FILE_FLOCK, (uint64_t)operation);
}

static long host_lock(struct file *f, unsigned cmd, struct flock *fl)
{
	static struct flock req; /* the monitor reads it by its physical address */
	bool get = cmd == F_GETLK || cmd == F_OFD_GETLK;
	if (!get)
		hostfile_lock_taken();
	req = *fl;
	long r = hostfile_fileop3(f->handle, HC_FILE_LOCK, cmd, virt_to_phys(&req), 0);
	*fl = req;
	return r;
}

static long host_statfs(struct file *f, struct statfs *buf)
{
	static struct statfs st;
	long r = hostfile_statfs(0, f->handle, &st);
	*buf = st;
	return r;
}

/* The monitor copies between host files only: -EXDEV leaves the rest to kernel/fs/splice.c. */
static long host_copy_range(struct file *f, int64_t offset, struct file *out, int64_t out_offset, size_t len)
{
	if (!file_is_host(out))
		return -EXDEV;
	long r = hostfile_copy(f->handle, out->handle, offset, out_offset, len);
	if (r > 0)
		written(out, out_offset, r);
	return r;
}

/* Held-back data first, and its error. */
static long host_sync(struct file *f, int op)
{
	long r = hostfile_fileop(f->handle, op, 0);
	long err = hostfile_wb_error(f->handle);
	return err ? err : r;
}

static void host_release(struct file *f)
{
	hostfile_close(f->handle, true);
	if (f->path)
		frame_free(virt_to_phys(f->path));
}

const struct file_ops hostfile_ops = {
	.readv = host_readv,
	.writev = host_writev,
	.getdents = host_getdents,
	.fstat = host_fstat,
	.ioctl = host_ioctl,
	.flush = host_flush,
	.tell = host_tell,
	.release = host_release,
	.chmod = host_chmod,
	.chown = host_chown,
	.truncate = host_truncate,
	.fallocate = host_fallocate,
	.llseek = host_llseek,
	.flock = host_flock,
	.lock = host_lock,
	.statfs = host_statfs,
	.copy_range = host_copy_range,
	.sync = host_sync,
};

/*
 * The standard streams the host can poll: host files with a poll op.
 * Regular files have none, so epoll refuses them as on Linux.
 */
struct file_ops hoststream_ops;
/* Those that are the host's terminal: the console's job control (kernel/tty/console.c) fills it in. */
struct file_ops hostterm_ops;

void hostfile_init(void)
{
	hoststream_ops = hostfile_ops;
	hoststream_ops.poll = stream_poll;
	hoststream_ops.sync = 0; /* as a pipe's: EINVAL */
}
