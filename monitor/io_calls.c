/*
 * The file hypercalls on an open handle: reads and writes, the kernel's
 * write-behind block, stat, ioctl, poll, sendfile and the fcntl-like calls.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "files.h"
#include "handlers.h"
#include "handles.h"
#include "vm.h"

/* Write all of iov (cnt pieces, total bytes) at offset (-1: the fd's position); bytes or -errno. */
static int64_t write_all(int fd, struct iovec *iov, int cnt, int64_t total, int64_t offset)
{
	int64_t done = 0;
	int first = 0;
	while (done < total) {
		ssize_t n = offset < 0 ? writev(fd, iov + first, cnt - first)
				       : pwritev(fd, iov + first, cnt - first, offset + done);
		if (retry_eintr(n))
			continue;
		if (n <= 0)
			return done ? done : n < 0 ? -errno : -EIO;
		done += n;
		/* A partial write: skip what went out and go on. */
		while (first < cnt && (size_t)n >= iov[first].iov_len)
			n -= (ssize_t)iov[first++].iov_len;
		if (first < cnt) {
			iov[first].iov_base = (char *)iov[first].iov_base + n;
			iov[first].iov_len -= (size_t)n;
		}
	}
	return done;
}

/* The buffer of a transfer on a handle, and its host descriptor; NULL with the error set. */
static uint8_t *io_buffer(struct guest *g, struct hc_io *req, int *fd)
{
	*fd = handle_fd(req->handle);
	if (*fd < 0) {
		req->ret = -EBADF;
		return NULL;
	}
	uint8_t *buf = guest_ptr(g, req->buf, req->len);
	if (!buf)
		req->ret = -EFAULT;
	return buf;
}

int do_WRITE(struct guest *g, struct hc_io *req)
{
	int fd;
	const uint8_t *buf = io_buffer(g, req, &fd);
	if (!buf)
		return GO_ON;
	struct iovec iov = { (void *)buf, req->len };
	req->ret = req->len > INT64_MAX ? -EINVAL : write_all(fd, &iov, 1, (int64_t)req->len, req->offset);
	return GO_ON;
}

/*
 * A read of a standard stream (a pipe, a terminal) may wait for long: wait
 * for it first, so that a signal for the program that came just before the
 * read cannot be missed. 0, or -1 with EINTR.
 */
static ssize_t stream_wait(int32_t handle, int fd)
{
	return handle >= 0 && handle <= 2 ? vm_wait_ready(fd, POLLIN) : 0;
}

int do_READ(struct guest *g, struct hc_io *req)
{
	int fd;
	uint8_t *buf = io_buffer(g, req, &fd);
	if (!buf)
		return GO_ON;
	ssize_t n = stream_wait(req->handle, fd);
	if (n == 0)
		do
			n = req->offset < 0 ? read(fd, buf, req->len) : pread(fd, buf, req->len, req->offset);
		while (retry_eintr(n));
	req->ret = n < 0 ? -errno : n;
	return GO_ON;
}

int do_GETDENTS(struct guest *g, struct hc_io *req)
{
	int fd;
	uint8_t *buf = io_buffer(g, req, &fd);
	if (!buf)
		return GO_ON;
	long n = syscall(SYS_getdents64, fd, buf, req->len > INT_MAX ? INT_MAX : req->len);
	req->ret = n < 0 ? -errno : n;
	return GO_ON;
}

int do_FSTAT(struct guest *g, struct hc_fstat *req)
{
	struct stat *st = guest_ptr(g, req->statbuf, HC_STAT_SIZE);
	struct stat host;
	int fd = handle_fd(req->handle);
	if (fd < 0)
		req->ret = -EBADF;
	else if (!st)
		req->ret = -EFAULT;
	else if (fstat(fd, &host) < 0)
		req->ret = -errno;
	else {
		memcpy(st, &host, sizeof(host));
		req->ret = 0;
	}
	return GO_ON;
}

/* TCSETS, TCSETSW, TCSETSF: the guest gives the modes; the others give the guest something. */
static bool sets(uint32_t cmd)
{
	return cmd == HC_TCSETS || cmd == HC_TCSETSW || cmd == HC_TCSETSF;
}

int do_IOCTL(struct guest *g, struct hc_ioctl *req)
{
	uint64_t len = req->cmd == HC_TCGETS || sets(req->cmd) ? HC_TERMIOS_SIZE
		       : req->cmd == HC_TIOCGWINSZ		 ? HC_WINSIZE_SIZE
		       : req->cmd == HC_FIONREAD		 ? sizeof(int)
							 : 0;
	uint8_t *arg = guest_ptr(g, req->arg, len);
	uint8_t host[64] = { 0 };
	int fd = handle_fd(req->handle);
	if (arg && sets(req->cmd))
		memcpy(host, arg, len);
	if (fd < 0)
		req->ret = -EBADF;
	else if (len == 0)
		req->ret = -EINVAL;
	else if (!arg)
		req->ret = -EFAULT;
	else if (ioctl(fd, req->cmd, host) < 0)
		req->ret = -errno;
	else if (sets(req->cmd)) {
		files_terminal_changed();
		req->ret = 0;
	} else {
		memcpy(arg, host, len);
		req->ret = 0;
	}
	return GO_ON;
}

uint32_t files_pollable_streams(void)
{
	/* epoll refuses exactly what Linux cannot poll: ask it. */
	int ep = epoll_create1(EPOLL_CLOEXEC);
	uint32_t bits = 0;
	for (int fd = 0; fd < 3 && ep >= 0; fd++) {
		struct epoll_event ev = { .events = EPOLLIN };
		if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) == 0)
			bits |= 1u << fd;
	}
	if (ep >= 0)
		close(ep);
	return bits;
}

int do_POLL(struct guest *g, struct hc_poll *req)
{
	struct pollfd p = { .fd = handle_fd(req->handle), .events = (short)req->events };
	(void)g;
	if (p.fd < 0)
		req->ret = -EBADF;
	else if (poll(&p, 1, 0) < 0)
		req->ret = -errno;
	else
		req->ret = (uint16_t)p.revents;
	return GO_ON;
}

int do_SENDFILE(struct guest *g, struct hc_sendfile *req)
{
	(void)g;
	int in = handle_fd(req->in), out = handle_fd(req->out);
	off_t in_off = req->in_offset, out_off = req->out_offset;
	ssize_t n;
	if (in < 0 || out < 0 || in_off < 0) {
		req->ret = -EBADF;
		return GO_ON;
	}
	do
		n = out_off < 0 ? sendfile(out, in, &in_off, req->len)
				: copy_file_range(in, &in_off, out, &out_off, req->len, 0);
	while (retry_eintr(n));
	req->ret = n < 0 ? -errno : n;
	return GO_ON;
}

_Static_assert(sizeof(struct flock) == HC_FLOCK_SIZE, "host struct flock is the Linux x86-64 one");

/* fcntl's record locks, on the host file: the monitor is the program's one process there too. */
static int64_t record_lock(struct guest *g, int fd, uint64_t cmd, uint64_t flock_gpa)
{
	struct flock *guest_fl = guest_ptr(g, flock_gpa, sizeof(struct flock)), fl;
	if (cmd != F_GETLK && cmd != F_SETLK && cmd != F_SETLKW && cmd != F_OFD_GETLK && cmd != F_OFD_SETLK &&
	    cmd != F_OFD_SETLKW)
		return errno = EINVAL, -1;
	if (!guest_fl)
		return errno = EFAULT, -1;
	memcpy(&fl, guest_fl, sizeof(fl));
	int r;
	do
		r = fcntl(fd, (int)cmd, &fl);
	while (retry_eintr(r));
	if (r == 0)
		memcpy(guest_fl, &fl, sizeof(fl));
	return r;
}

int do_FILEOP(struct guest *g, struct hc_fileop *req)
{
	int fd = handle_fd(req->handle);
	int64_t r = -1;
	errno = EBADF;
	/* What changes the inode is refused on a read-only mount's file, whatever the handle's access. */
	bool changes = req->op == HC_FILE_FCHMOD || req->op == HC_FILE_FCHOWN || req->op == HC_FILE_FTRUNCATE ||
		       req->op == HC_FILE_FALLOCATE;
	if (fd >= 0 && changes && handle_read_only(req->handle)) {
		errno = EROFS;
	} else if (fd >= 0) {
		errno = EINVAL;
		switch (req->op) {
		case HC_FILE_FCHMOD: r = fchmod(fd, (mode_t)req->arg & 07777); break;
		case HC_FILE_FCHOWN: r = fchown(fd, (uid_t)(req->arg >> 32), (gid_t)req->arg); break;
		case HC_FILE_FTRUNCATE: r = ftruncate(fd, (off_t)req->arg); break;
		case HC_FILE_FSYNC: r = fsync(fd); break;
		case HC_FILE_FDATASYNC: r = fdatasync(fd); break;
		case HC_FILE_FLOCK: r = flock(fd, (int)req->arg); break;
		case HC_FILE_TELL: r = lseek(fd, 0, SEEK_CUR); break;
		case HC_FILE_SEEK: r = (int64_t)req->arg < 0 ? (errno = EINVAL, -1) : lseek(fd, (off_t)req->arg, SEEK_SET); break;
		case HC_FILE_FALLOCATE: r = fallocate(fd, (int)req->arg, (off_t)req->arg2, (off_t)req->arg3); break;
		case HC_FILE_LOCK: r = record_lock(g, fd, req->arg, req->arg2); break;
		default: break;
		}
	}
	req->ret = r < 0 ? -errno : r;
	return GO_ON;
}

/* The host iovec for a guest's segment list; its total length, or -errno. */
static int64_t host_iov(struct guest *g, const struct hc_iov *req, struct iovec *iov)
{
	if (req->nseg > HC_SEG_MAX)
		return -EINVAL;
	const struct hc_seg *segs = guest_ptr(g, req->segs, (uint64_t)req->nseg * sizeof(*segs));
	int64_t total = 0;
	if (!segs)
		return -EFAULT;
	for (uint32_t i = 0; i < req->nseg; i++) {
		struct hc_seg seg = segs[i];
		iov[i].iov_base = guest_ptr(g, seg.gpa, seg.len);
		iov[i].iov_len = seg.len;
		if (!iov[i].iov_base)
			return -EFAULT;
		total += (int64_t)seg.len;
	}
	return total;
}

int do_READV(struct guest *g, struct hc_iov *req)
{
	struct iovec iov[HC_SEG_MAX];
	int fd = handle_fd(req->handle);
	int64_t total = fd < 0 ? -EBADF : host_iov(g, req, iov);
	if (total < 0) {
		req->ret = total;
		return GO_ON;
	}
	ssize_t n = stream_wait(req->handle, fd);
	if (n == 0)
		do
			n = req->offset < 0 ? readv(fd, iov, (int)req->nseg) : preadv(fd, iov, (int)req->nseg, req->offset);
		while (retry_eintr(n));
	req->ret = n < 0 ? -errno : n;
	return GO_ON;
}

int do_WRITEV(struct guest *g, struct hc_iov *req)
{
	struct iovec iov[HC_SEG_MAX];
	int fd = handle_fd(req->handle);
	int64_t total = fd < 0 ? -EBADF : host_iov(g, req, iov);
	req->ret = total < 0 ? total : write_all(fd, iov, (int)req->nseg, total, req->offset);
	return GO_ON;
}

/* The kernel's write-behind block (see struct hc_wbuf), once it has named it. */
static uint64_t wbuf_gpa;

/* Write out what the write-behind block holds; the block's ret says how it went. */
static void wbuf_flush(struct guest *g)
{
	struct hc_wbuf *block = wbuf_gpa ? guest_ptr(g, wbuf_gpa, sizeof(*block)) : NULL;
	if (!block)
		return;
	struct hc_wbuf wb;
	memcpy(&wb, block, sizeof(wb));
	if (!wb.len)
		return;
	struct iovec iov = { guest_ptr(g, wb.buf, wb.len), wb.len };
	int fd = handle_fd(wb.handle);
	wb.ret = fd < 0 ? -EBADF : !iov.iov_base || wb.len > INT64_MAX ? -EFAULT
			     : write_all(fd, &iov, 1, (int64_t)wb.len, wb.offset);
	if (wb.ret >= 0 && (uint64_t)wb.ret < wb.len)
		wb.ret = -EIO;
	block->ret = wb.ret;
	block->len = 0;
}

int do_WBUF(struct guest *g, struct hc_buf *req)
{
	if (req->len != sizeof(struct hc_wbuf) || !guest_ptr(g, req->buf, req->len) || req->buf % 8) {
		req->ret = -EINVAL;
		return GO_ON;
	}
	wbuf_gpa = req->buf;
	wbuf_flush(g);
	req->ret = 0;
	return GO_ON;
}

void files_finish(struct guest *g)
{
	wbuf_flush(g);
	files_terminal_restore();
}
