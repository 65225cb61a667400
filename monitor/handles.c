/*
 * The handles the guest names host files by: HC_OPEN gives one for a file
 * beneath a mount, HC_CLOSE frees it; the other file hypercalls find its host
 * descriptor with handle_fd.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "handlers.h"
#include "handles.h"
#include "lib_copy.h"
#include "mounts.h"
#include "pseudofs.h"
#include "vm.h"

/* Host descriptor + 1 by handle, 0 when free; 0..2 are the standard streams. */
static int handles[HC_HANDLE_MAX] = { 1, 2, 3 };
static int handles_end = 3; /* past the last one in use */
/* The host file behind each handle, to tell the kernel which handles share one. */
static struct {
	dev_t dev;
	ino_t ino;
} identity[HC_HANDLE_MAX];
static bool read_only[HC_HANDLE_MAX];

int handle_fd(int32_t h)
{
	return h >= 0 && h < HC_HANDLE_MAX ? handles[h] - 1 : -1;
}

bool handle_read_only(int32_t h)
{
	return h >= 0 && h < HC_HANDLE_MAX && read_only[h];
}

#define OPEN_FLAGS_ALLOWED                                                                          \
	(O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND | O_NONBLOCK | O_DSYNC |      \
	 O_DIRECTORY | O_NOFOLLOW | O_NOATIME | O_CLOEXEC | O_SYNC | O_LARGEFILE)

/*
 * A file the guest may not have open: a FIFO (its reads and writes would
 * block every file call too), a device (as on a nodev mount), or one on a
 * pseudo file system (/proc, /sys...) reached through a mount; 0 or -errno.
 */
static int64_t refused(int fd, unsigned type)
{
	long fs_type;
	if (S_ISFIFO(type))
		return -ENXIO;
	return (!S_ISREG(type) && !S_ISDIR(type)) || pseudo_fs(fd, &fs_type) ? -EACCES : 0;
}

int do_OPEN(struct guest *g, struct hc_open *req)
{
	char rel[PATH_MAX];
	req->rewritten = 0;
	struct mount *m = resolve(g, req->path, req->path_len, rel, &req->ret);
	if (!m)
		return GO_ON;
	int flags = req->flags & OPEN_FLAGS_ALLOWED;
	bool writing = (flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC));
	if (writing && (req->ret = write_check(m, rel, !(flags & O_NOFOLLOW))) < 0)
		return GO_ON;
	int h = 3;
	while (h < HC_HANDLE_MAX && handles[h])
		h++;
	if (h == HC_HANDLE_MAX) {
		req->ret = -ENFILE;
		return GO_ON;
	}
	/*
	 * Never blocking: opening a FIFO waits for its other end, with every file
	 * call behind it. What opens is a regular file or a directory (refused),
	 * which O_NONBLOCK does not change.
	 */
	int fd = open_guest(&m, rel, flags | O_NONBLOCK, req->mode & 07777, writing);
	if (fd < 0) {
		req->ret = -errno;
		return GO_ON;
	}
	struct stat st;
	req->type = fstat(fd, &st) == 0 ? st.st_mode & S_IFMT : 0;
	req->ret = refused(fd, req->type);
	if (req->ret < 0) {
		close(fd);
		return GO_ON;
	}
	/* The loader's library or execve's program, read only: its rewritten copy stands in for it, if there is one. */
	bool asks = req->library == HC_OPEN_LIBRARY || req->library == HC_OPEN_PROGRAM;
	int copy = asks && !writing && S_ISREG(req->type) ? lib_copy_open(fd, &st, req->library == HC_OPEN_PROGRAM) : -1;
	req->rewritten = copy >= 0;
	if (copy >= 0) {
		close(fd);
		fd = copy;
	}
	handles[h] = fd + 1;
	/* The copy is the cache's, not the guest's to change: as a read-only mount's file. */
	read_only[h] = req->rewritten || lands_read_only(m, fd);
	if (h >= handles_end)
		handles_end = h + 1;
	req->ret = h;
	identity[h].dev = req->type ? st.st_dev : 0;
	identity[h].ino = req->type ? st.st_ino : 0;
	req->alias = -1;
	for (int i = 3; i < handles_end && req->type && req->alias < 0; i++)
		if (i != h && handles[i] && identity[i].dev == st.st_dev && identity[i].ino == st.st_ino)
			req->alias = i;
	req->ahead_got = 0;
	if (S_ISREG(req->type) && (flags & O_ACCMODE) != O_WRONLY && req->ahead_len) {
		uint8_t *ahead = guest_ptr(g, req->ahead, req->ahead_len);
		ssize_t n = -1;
		errno = EFAULT;
		if (ahead)
			do
				n = pread(fd, ahead, req->ahead_len, 0);
			while (retry_eintr(n));
		req->ahead_got = n < 0 ? -errno : n;
	}
	return GO_ON;
}

int do_CLOSE(struct guest *g, struct hc_close *req)
{
	(void)g;
	int fd = handle_fd(req->handle);
	/* The standard streams stay open for the monitor's own messages. */
	if (fd < 0 || req->handle <= 2) {
		req->ret = fd < 0 ? -EBADF : 0;
		return GO_ON;
	}
	handles[req->handle] = 0;
	while (handles_end > 3 && !handles[handles_end - 1])
		handles_end--;
	req->ret = close(fd) < 0 && errno != EINTR ? -errno : 0;
	return GO_ON;
}
