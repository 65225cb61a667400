/* The host's files and standard streams, reached through hypercalls. */
#include "hostfile.h"
#include "hypercall.h"

/*
 * Read-ahead: a read at an offset fetches a whole window, and later reads
 * inside it cost no exit. Every call that may change a file drops the window;
 * a host process writing the file meanwhile may go unseen within one window.
 */
#define WINDOW_SIZE (64 * 1024)
static char window[WINDOW_SIZE] __attribute__((aligned(4096)));
static struct {
	int handle; /* -1: empty */
	int64_t start, len;
} win = { -1, 0, 0 };

static void window_drop(void)
{
	win.handle = -1;
}

static long transfer(enum hc_number nr, int handle, const void *buf, size_t len, int64_t offset)
{
	struct hc_io req = { .handle = handle, .buf = virt_to_phys(buf), .len = len, .offset = offset };
	hypercall(nr, &req);
	return req.ret;
}

long hostfile_read(int handle, void *buf, size_t len, int64_t offset)
{
	if (offset < 0)
		return transfer(HC_READ, handle, buf, len, offset);
	if (win.handle != handle || offset < win.start || offset >= win.start + win.len) {
		if (len >= WINDOW_SIZE)
			return transfer(HC_READ, handle, buf, len, offset);
		long got = transfer(HC_READ, handle, window, WINDOW_SIZE, offset);
		if (got <= 0) {
			window_drop();
			return got;
		}
		win.handle = handle;
		win.start = offset;
		win.len = got;
	}
	int64_t have = win.start + win.len - offset;
	size_t k = (size_t)have < len ? (size_t)have : len;
	memcpy(buf, window + (offset - win.start), k);
	return (long)k;
}

long hostfile_write(int handle, const void *buf, size_t len, int64_t offset)
{
	window_drop();
	return transfer(HC_WRITE, handle, buf, len, offset);
}

long hostfile_getdents(int handle, void *buf, size_t len)
{
	return transfer(HC_GETDENTS, handle, buf, len, HOSTFILE_NO_OFFSET);
}

long hostfile_fstat(int handle, void *statbuf)
{
	struct hc_fstat req = { .handle = handle, .statbuf = virt_to_phys(statbuf) };
	hypercall(HC_FSTAT, &req);
	return req.ret;
}

long hostfile_ioctl(int handle, unsigned cmd, void *arg)
{
	struct hc_ioctl req = { .handle = handle, .cmd = cmd, .arg = virt_to_phys(arg) };
	hypercall(HC_IOCTL, &req);
	return req.ret;
}

long hostfile_poll(int handle, unsigned events)
{
	struct hc_poll req = { .handle = handle, .events = events };
	hypercall(HC_POLL, &req);
	return req.ret;
}

long hostfile_open(const char *path, int flags, unsigned mode)
{
	struct hc_open req = { .path = virt_to_phys(path), .path_len = strlen(path), .flags = flags, .mode = mode };
	hypercall(HC_OPEN, &req);
	return req.ret;
}

long hostfile_close(int handle)
{
	if (win.handle == handle)
		window_drop();
	struct hc_close req = { .handle = handle };
	hypercall(HC_CLOSE, &req);
	return req.ret;
}

long hostfile_stat(const char *path, void *statbuf, int nofollow)
{
	struct hc_stat req = { .path = virt_to_phys(path), .path_len = strlen(path),
			       .statbuf = virt_to_phys(statbuf), .nofollow = nofollow };
	hypercall(HC_STAT, &req);
	return req.ret;
}

long hostfile_readlink(const char *path, char *buf, size_t len)
{
	struct hc_readlink req = { .path = virt_to_phys(path), .path_len = strlen(path),
				   .buf = virt_to_phys(buf), .len = len };
	hypercall(HC_READLINK, &req);
	return req.ret;
}

long hostfile_pathop(int op, const char *path, const char *path2, uint64_t arg)
{
	window_drop();
	struct hc_pathop req = { .op = op, .path = virt_to_phys(path), .path_len = strlen(path), .arg = arg };
	if (path2) {
		req.path2 = virt_to_phys(path2);
		req.path2_len = strlen(path2);
	}
	hypercall(HC_PATHOP, &req);
	return req.ret;
}

long hostfile_fileop(int handle, int op, uint64_t arg)
{
	window_drop();
	struct hc_fileop req = { .handle = handle, .op = op, .arg = arg };
	hypercall(HC_FILEOP, &req);
	return req.ret;
}

long hostfile_statfs(const char *path, int handle, void *buf)
{
	struct hc_statfs req = { .handle = handle, .buf = virt_to_phys(buf) };
	if (path) {
		req.path = virt_to_phys(path);
		req.path_len = strlen(path);
	}
	hypercall(HC_STATFS, &req);
	return req.ret;
}

long hostfile_copy(int in, int out, int64_t in_offset, int64_t out_offset, size_t len)
{
	struct hc_sendfile req = { .in = in, .out = out, .in_offset = in_offset, .out_offset = out_offset,
				   .len = len };
	window_drop();
	hypercall(HC_SENDFILE, &req);
	return req.ret;
}
