/*
 * The file hypercalls without a monitor: handle 0 is standard input, bytes
 * the boot gave (empty by default), 1 and 2 write to the consoles, and paths and the other handles
 * are the in-memory file system's (ramfs.h), filled from the boot archive;
 * without mounts every path is ENOENT, as for uhyve-run without --mount.
 */
#include <asm-generic/errno.h>

#include "local.h"
#include "kernel/fs/ramfs/ramfs.h"
#include "console.h"
#include "kernel/mm/frame.h"
#include "kernel/kernel.h"
#include "kernel/fs/kstat.h"
#include "kernel/events/poll.h"

#define STREAM_BLKSIZE 4096
#define BOUNCE 4096

uint32_t local_stream_mode[3] = { S_IFCHR | 0666, S_IFIFO | 0600, S_IFIFO | 0600 };
static const uint8_t *input;
static uint64_t input_len, input_pos;

void local_set_input(uint64_t pa, uint64_t len)
{
	input = phys_to_virt(pa);
	input_len = len;
}

/* Standard input: what the boot gave, read once through (offsets do not apply to a stream). */
static long read_input(void *buf, uint64_t len)
{
	uint64_t n = input_len - input_pos < len ? input_len - input_pos : len;
	memcpy(buf, input + input_pos, n);
	input_pos += n;
	return (long)n;
}

static bool stream(int32_t handle)
{
	return handle >= 0 && handle < RAMFS_FIRST_HANDLE;
}

static long write_any(int32_t handle, const void *buf, uint64_t len, int64_t offset)
{
	if (handle == 1 || handle == 2) {
		console_write(handle, virt_to_phys(buf), len);
		return (long)len;
	}
	return stream(handle) ? -EBADF : ramfs_write_handle(handle, buf, len, offset);
}

void local_WRITE(struct hc_io *req)
{
	req->ret = write_any(req->handle, phys_to_virt(req->buf), req->len, req->offset);
}


/* The streams' type and permissions as the boot gave them (the host's), as nothing else is known. */
void local_FSTAT(struct hc_fstat *req)
{
	struct kstat *st = phys_to_virt(req->statbuf);
	if (!stream(req->handle)) {
		req->ret = ramfs_fstat(req->handle, st);
		return;
	}
	memset(st, 0, sizeof(*st));
	st->nlink = 1;
	st->uid = boot->uid;
	st->gid = boot->gid;
	st->blksize = STREAM_BLKSIZE;
	st->mode = local_stream_mode[req->handle];
	req->ret = 0;
}

void local_IOCTL(struct hc_ioctl *req)
{
	req->ret = stream(req->handle) || ramfs_handle_node(req->handle) ? -ENOTTY : -EBADF;
}

/* Never waiting: input is all there, the consoles and memory take output. */
void local_POLL(struct hc_poll *req)
{
	bool ok = stream(req->handle) || ramfs_handle_node(req->handle);
	req->ret = ok ? (int64_t)(req->events & (POLL_READ | POLL_WRITE)) : -EBADF;
}

void local_CLOSE(struct hc_close *req)
{
	req->ret = stream(req->handle) ? 0 : ramfs_close(req->handle);
}

void local_GETDENTS(struct hc_io *req)
{
	req->ret = stream(req->handle) ? -ENOTDIR : ramfs_getdents(req->handle, phys_to_virt(req->buf), req->len);
}

/* From a file in memory to any handle, a page at a time. */
void local_SENDFILE(struct hc_sendfile *req)
{
	static uint8_t bounce[BOUNCE];
	struct rnode *in = ramfs_handle_node(req->in);
	if (!in || req->in_offset < 0 || (!stream(req->out) && !ramfs_handle_node(req->out))) {
		req->ret = -EBADF;
		return;
	}
	if (!S_ISREG(in->mode)) {
		req->ret = -EINVAL;
		return;
	}
	uint64_t done = 0;
	long r = 0;
	while (done < req->len) {
		uint64_t ask = req->len - done < BOUNCE ? req->len - done : BOUNCE;
		r = ramfs_read_handle(req->in, bounce, ask, req->in_offset + (int64_t)done);
		if (r <= 0)
			break;
		r = write_any(req->out, bounce, (uint64_t)r, req->out_offset < 0 ? -1 : req->out_offset + (int64_t)done);
		if (r <= 0)
			break;
		done += (uint64_t)r;
	}
	req->ret = done || r >= 0 ? (int64_t)done : r;
}

void local_FILEOP(struct hc_fileop *req)
{
	req->ret = stream(req->handle) ? -EINVAL : ramfs_fileop(req);
}

void local_STATFS(struct hc_statfs *req)
{
	struct kstat st;
	long err = req->path_len ? ramfs_stat_path(phys_to_virt(req->path), req->path_len, false, &st)
				 : stream(req->handle) ? 0 : ramfs_fstat(req->handle, &st);
	if (err) {
		req->ret = err;
		return;
	}
	ramfs_statfs(phys_to_virt(req->buf));
	req->ret = 0;
}

/* No read-ahead comes along: memory is as near as the window would be. */
/* The loader reading a library gets its rewritten copy, if the archive has one (cpio.c). */
void local_OPEN(struct hc_open *req)
{
	req->ret = ramfs_open(phys_to_virt(req->path), req->path_len, req->flags, req->mode);
	struct rnode *n = req->ret >= 0 ? ramfs_handle_node((int32_t)req->ret) : 0;
	req->type = n ? (uint16_t)(n->mode & S_IFMT) : 0;
	req->alias = -1;
	req->ahead_got = 0;
	req->rewritten = 0;
	if (!req->library || !n || !n->rewritten || (req->flags & O_ACCMODE) != O_RDONLY)
		return;
	long copy = ramfs_handle_new(n->rewritten, req->flags);
	if (copy < 0)
		return;
	ramfs_close((int32_t)req->ret);
	req->ret = copy;
	req->rewritten = 1;
}

static long read_any(int32_t handle, void *buf, uint64_t len, int64_t offset)
{
	if (stream(handle))
		return handle == 0 ? read_input(buf, len) : -EBADF;
	return ramfs_read_handle(handle, buf, len, offset);
}

void local_READ(struct hc_io *req)
{
	req->ret = read_any(req->handle, phys_to_virt(req->buf), req->len, req->offset);
}

/* The pieces of a READV or WRITEV one after the other, as the host's readv/writev would. */
static void transfer(struct hc_iov *req, bool write)
{
	const struct hc_seg *seg = phys_to_virt(req->segs);
	int64_t done = 0;
	long r = 0;
	for (uint32_t i = 0; i < req->nseg && i < HC_SEG_MAX; i++) {
		int64_t at = req->offset < 0 ? -1 : req->offset + done;
		void *buf = phys_to_virt(seg[i].gpa);
		r = write ? write_any(req->handle, buf, seg[i].len, at) : read_any(req->handle, buf, seg[i].len, at);
		if (r <= 0)
			break;
		done += r;
		if ((uint64_t)r < seg[i].len)
			break;
	}
	req->ret = done || r >= 0 ? done : r;
}

void local_READV(struct hc_iov *req)
{
	transfer(req, false);
}

void local_WRITEV(struct hc_iov *req)
{
	transfer(req, true);
}

/* The write-behind block, once named: written out now and before the machine stops. */
static struct hc_wbuf *wbuf;

void local_wbuf_flush(void)
{
	if (!wbuf || !wbuf->len)
		return;
	wbuf->ret = write_any(wbuf->handle, phys_to_virt(wbuf->buf), wbuf->len, wbuf->offset);
	wbuf->len = 0;
}

void local_WBUF(struct hc_buf *req)
{
	wbuf = phys_to_virt(req->buf);
	local_wbuf_flush();
	req->ret = 0;
}

void local_STAT(struct hc_stat *req)
{
	req->ret = ramfs_stat_path(phys_to_virt(req->path), req->path_len, req->nofollow,
				   phys_to_virt(req->statbuf));
}

void local_READLINK(struct hc_readlink *req)
{
	req->ret = ramfs_readlink(phys_to_virt(req->path), req->path_len, phys_to_virt(req->buf), req->len);
}

void local_PATHOP(struct hc_pathop *req)
{
	req->ret = ramfs_pathop(req);
}
