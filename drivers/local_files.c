/*
 * The file hypercalls without a monitor and without host files: handle 0 is
 * an empty standard input, 1 and 2 write to the serial ports, and every path
 * is ENOENT, as for uhyve-run without --mount.
 */
#include <asm-generic/errno.h>

#include "local.h"
#include "serial.h"
#include "kernel/kernel.h"
#include "kernel/kstat.h"
#include "kernel/poll.h"

#define S_IFCHR 0020000
#define S_IFIFO 0010000
#define STREAM_BLKSIZE 4096


static bool stream(int32_t handle)
{
	return handle >= 0 && handle <= 2;
}

void local_WRITE(struct hc_io *req)
{
	if (req->handle != 1 && req->handle != 2) {
		req->ret = -EBADF;
		return;
	}
	serial_write(req->handle, phys_to_virt(req->buf), req->len);
	req->ret = (int64_t)req->len;
}

void local_READ(struct hc_io *req)
{
	req->ret = req->handle == 0 ? 0 : -EBADF;
}

uint32_t local_stream_mode[3] = { S_IFCHR | 0666, S_IFIFO | 0600, S_IFIFO | 0600 };

/* The type and permissions the boot gave (the host's streams'), as nothing else is known. */
void local_FSTAT(struct hc_fstat *req)
{
	if (!stream(req->handle)) {
		req->ret = -EBADF;
		return;
	}
	struct kstat *st = phys_to_virt(req->statbuf);
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
	req->ret = stream(req->handle) ? -ENOTTY : -EBADF;
}

/* Never waiting: empty input is at its end, and the serial ports take output. */
void local_POLL(struct hc_poll *req)
{
	req->ret = stream(req->handle) ? (int64_t)(req->events & (POLL_READ | POLL_WRITE)) : -EBADF;
}

void local_CLOSE(struct hc_close *req)
{
	req->ret = stream(req->handle) ? 0 : -EBADF;
}

void local_GETDENTS(struct hc_io *req)
{
	req->ret = stream(req->handle) ? -ENOTDIR : -EBADF;
}

void local_SENDFILE(struct hc_sendfile *req)
{
	req->ret = stream(req->in) && stream(req->out) ? -EINVAL : -EBADF;
}

void local_FILEOP(struct hc_fileop *req)
{
	req->ret = stream(req->handle) ? -EINVAL : -EBADF;
}

void local_STATFS(struct hc_statfs *req)
{
	req->ret = req->path_len ? -ENOENT : stream(req->handle) ? -ENOSYS : -EBADF;
}

void local_OPEN(struct hc_open *req)
{
	req->ret = -ENOENT;
}

void local_STAT(struct hc_stat *req)
{
	req->ret = -ENOENT;
}

void local_READLINK(struct hc_readlink *req)
{
	req->ret = -ENOENT;
}

void local_PATHOP(struct hc_pathop *req)
{
	req->ret = -ENOENT;
}
